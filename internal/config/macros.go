package config

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// texMacros is a mapping of TeX command names to what each stands for
// (markdown.math_macros): {R: "\mathbb{R}", norm: "\left\| #1 \right\|"}.
type texMacros struct{}

func (texMacros) takesMapping() {}

func (texMacros) parse(in rawInput) (any, string, error) {
	n := in.node
	if n == nil {
		text := strings.TrimSpace(in.text)
		if in.isNull || text == "" {
			return map[string]string{}, "{}", nil
		}
		f := yamlfile.Parse("value", []byte("v: "+text))
		if f.Err() != nil || f.Root == nil || len(f.Root.Fields) != 1 {
			return nil, "", fmt.Errorf(`want a mapping of command names to TeX, such as {R: "\\mathbb{R}"}, got %q`, text)
		}
		n = f.Root.Fields[0].Value
	}
	switch n.Kind {
	case yamlfile.Null:
		return map[string]string{}, "{}", nil
	case yamlfile.Map:
	default:
		return nil, "", fmt.Errorf(`want a mapping of command names to TeX, such as {R: "\\mathbb{R}"}, got %s`, n.Describe())
	}
	out := map[string]string{}
	var errs []error
	for _, fd := range n.Fields {
		name := strings.TrimPrefix(fd.Name(), `\`)
		if name == "" || strings.IndexFunc(name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) >= 0 {
			errs = append(errs, fmt.Errorf("%q is not a command's name: give its letters, such as R for \\R", fd.Name()))
			continue
		}
		if _, dup := out[name]; dup {
			errs = append(errs, fmt.Errorf("%s is given twice", name))
			continue
		}
		if fd.Value.Kind != yamlfile.Scalar {
			errs = append(errs, fmt.Errorf("%s: want the TeX it stands for, got %s", name, fd.Value.Describe()))
			continue
		}
		out[name] = fd.Value.Value
	}
	if len(errs) > 0 {
		return nil, "", joinProblems(errs)
	}
	return out, showMacros(out), nil
}

func showMacros(m map[string]string) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, name+": "+strconv.Quote(m[name]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (texMacros) canonical(v any) string { return showMacros(v.(map[string]string)) }

func (texMacros) allowed() string {
	return "command names (without the backslash), each with the TeX it stands for, `#1` … `#9` its arguments"
}
