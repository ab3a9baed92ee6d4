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
	return parseStringMap(in, `a mapping of command names to TeX, such as {R: "\\mathbb{R}"}`, "the TeX it stands for",
		func(given string) (string, error) {
			name := strings.TrimPrefix(given, `\`)
			if name == "" || strings.IndexFunc(name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }) >= 0 {
				return "", fmt.Errorf("%q is not a command's name: give its letters, such as R for \\R", given)
			}
			return name, nil
		},
		func(tex string) (string, error) { return tex, nil })
}

// parseStringMap reads a setting that is a mapping of names to strings,
// reporting every bad entry at once: want names the whole in messages, and
// valueWant one value; key checks a name (and may change it) and value a
// value.
func parseStringMap(in rawInput, want, valueWant string, key func(string) (string, error), value func(string) (string, error)) (any, string, error) {
	n := in.node
	if n == nil {
		text := strings.TrimSpace(in.text)
		if in.isNull || text == "" {
			return map[string]string{}, "{}", nil
		}
		f := yamlfile.Parse("value", []byte("v: "+text))
		if f.Err() != nil || f.Root == nil || len(f.Root.Fields) != 1 {
			return nil, "", fmt.Errorf("want %s, got %q", want, text)
		}
		n = f.Root.Fields[0].Value
	}
	switch n.Kind {
	case yamlfile.Null:
		return map[string]string{}, "{}", nil
	case yamlfile.Map:
	default:
		return nil, "", fmt.Errorf("want %s, got %s", want, n.Describe())
	}
	out := map[string]string{}
	var errs []error
	for _, fd := range n.Fields {
		name, err := key(fd.Name())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if _, dup := out[name]; dup {
			errs = append(errs, fmt.Errorf("%s is given twice", name))
			continue
		}
		if fd.Value.Kind != yamlfile.Scalar {
			errs = append(errs, fmt.Errorf("%s: want %s, got %s", name, valueWant, fd.Value.Describe()))
			continue
		}
		v, err := value(fd.Value.Value)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		out[name] = v
	}
	if len(errs) > 0 {
		return nil, "", joinProblems(errs)
	}
	return out, showStringMap(out), nil
}

func showStringMap(m map[string]string) string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, name+": "+strconv.Quote(m[name]))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (texMacros) canonical(v any) string { return showStringMap(v.(map[string]string)) }

func (texMacros) allowed() string {
	return "command names (without the backslash), each with the TeX it stands for, `#1` … `#9` its arguments"
}
