package config

import (
	"fmt"
	"strings"
)

// siteTable is a mapping of project names to their sites' addresses, as
// Sphinx's intersphinx_mapping names other projects.
type siteTable struct{}

func (siteTable) takesMapping() {}

func (siteTable) parse(in rawInput) (any, string, error) {
	return parseStringMap(in, `a mapping of project names to web addresses, such as {intro: "https://intro.quantecon.org/"}`, "its site's web address",
		func(name string) (string, error) {
			if name == "" || strings.ContainsAny(name, ": \t/#") {
				return "", fmt.Errorf("%q is not a project's name: give the name its references write before the colon, such as intro", name)
			}
			return name, nil
		},
		func(text string) (string, error) {
			addr, _, err := webAddress{}.parse(rawInput{text: text})
			if err != nil {
				return "", err
			}
			return addr.(string), nil
		})
}

func (siteTable) canonical(v any) string { return showStringMap(v.(map[string]string)) }

func (siteTable) allowed() string {
	return "project names, each with its site's http or https address"
}
