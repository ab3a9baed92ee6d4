package config

import (
	"fmt"
	"strings"

	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// siteTable is a mapping of project names to their sites' addresses, as
// Sphinx's intersphinx_mapping names other projects.
type siteTable struct{}

func (siteTable) takesMapping() {}

func (siteTable) parse(in rawInput) (any, string, error) {
	n := in.node
	if n == nil {
		text := strings.TrimSpace(in.text)
		if in.isNull || text == "" {
			return map[string]string{}, "{}", nil
		}
		f := yamlfile.Parse("value", []byte("v: "+text))
		if f.Err() != nil || f.Root == nil || len(f.Root.Fields) != 1 {
			return nil, "", fmt.Errorf(`want a mapping of project names to web addresses, such as {intro: "https://intro.quantecon.org/"}, got %q`, text)
		}
		n = f.Root.Fields[0].Value
	}
	switch n.Kind {
	case yamlfile.Null:
		return map[string]string{}, "{}", nil
	case yamlfile.Map:
	default:
		return nil, "", fmt.Errorf(`want a mapping of project names to web addresses, such as {intro: "https://intro.quantecon.org/"}, got %s`, n.Describe())
	}
	out := map[string]string{}
	var errs []error
	for _, fd := range n.Fields {
		name := fd.Name()
		if name == "" || strings.ContainsAny(name, ": \t/#") {
			errs = append(errs, fmt.Errorf("%q is not a project's name: give the name its references write before the colon, such as intro", name))
			continue
		}
		if _, dup := out[name]; dup {
			errs = append(errs, fmt.Errorf("%s is given twice", name))
			continue
		}
		if fd.Value.Kind != yamlfile.Scalar {
			errs = append(errs, fmt.Errorf("%s: want its site's web address, got %s", name, fd.Value.Describe()))
			continue
		}
		addr, _, err := webAddress{}.parse(rawInput{text: fd.Value.Value})
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		out[name] = addr.(string)
	}
	if len(errs) > 0 {
		return nil, "", joinProblems(errs)
	}
	return out, showMacros(out), nil
}

func (siteTable) canonical(v any) string { return showMacros(v.(map[string]string)) }

func (siteTable) allowed() string {
	return "project names, each with its site's http or https address"
}
