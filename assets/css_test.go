package assets

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// cssRule is one rule of a stylesheet: its selectors, its declarations
// and the at-rule it sits in ("" at the top).
type cssRule struct {
	media     string
	selectors []string
	decls     map[string]string
}

var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// parseCSS reads the rules of a stylesheet as plain as ours: rules and
// @media blocks holding rules, nothing nested deeper.
func parseCSS(t *testing.T, css string) []cssRule {
	t.Helper()
	css = cssComment.ReplaceAllString(css, "")
	var rules []cssRule
	var read func(s, media string)
	read = func(s, media string) {
		for {
			open := strings.IndexByte(s, '{')
			if open < 0 {
				if strings.TrimSpace(s) != "" {
					t.Fatalf("stray text in the stylesheet: %q", strings.TrimSpace(s))
				}
				return
			}
			head := strings.TrimSpace(s[:open])
			depth, end := 0, -1
			for i := open; i < len(s) && end < 0; i++ {
				switch s[i] {
				case '{':
					depth++
				case '}':
					if depth--; depth == 0 {
						end = i
					}
				}
			}
			if end < 0 {
				t.Fatalf("unbalanced braces after %q", head)
			}
			body := s[open+1 : end]
			s = s[end+1:]
			if strings.HasPrefix(head, "@media") {
				read(body, strings.TrimSpace(strings.TrimPrefix(head, "@media")))
				continue
			}
			r := cssRule{media: media, decls: map[string]string{}}
			for _, sel := range strings.Split(head, ",") {
				r.selectors = append(r.selectors, strings.Join(strings.Fields(sel), " "))
			}
			for _, d := range strings.Split(body, ";") {
				if name, value, ok := strings.Cut(d, ":"); ok {
					r.decls[strings.TrimSpace(name)] = strings.TrimSpace(value)
				}
			}
			rules = append(rules, r)
		}
	}
	read(css, "")
	return rules
}

const darkMode = "(prefers-color-scheme: dark)"

// solidColour reports whether a value paints a colour of its own rather
// than taking one (inherit, currentColor, none) or tinting what is under
// it (a translucent rgba).
func solidColour(v string) bool {
	v = strings.ToLower(v)
	switch {
	case v == "", v == "inherit", v == "none", v == "transparent", v == "currentcolor", v == "initial", v == "unset":
		return false
	case strings.HasPrefix(v, "rgba("):
		return false
	}
	return true
}

// Body text takes the reading system's colour, so that its night mode
// works, and every colour or background the sheets paint has a dark
// counterpart for readers who ask for a dark scheme.
func TestStylesheetsFollowTheColourScheme(t *testing.T) {
	for _, sheet := range []string{EPUBStylesheet, SiteStylesheet} {
		rules := parseCSS(t, string(MustRead(sheet)))
		if len(rules) < 10 {
			t.Fatalf("%s: only %d rules read", sheet, len(rules))
		}
		dark := map[string]map[string]bool{}
		for _, r := range rules {
			if r.media != darkMode {
				continue
			}
			for _, sel := range r.selectors {
				if dark[sel] == nil {
					dark[sel] = map[string]bool{}
				}
				for p := range r.decls {
					dark[sel][p] = true
				}
			}
		}
		if len(dark) == 0 {
			t.Errorf("%s has no %s rules", sheet, darkMode)
		}
		for _, r := range rules {
			if r.media != "" {
				continue
			}
			for _, prop := range []string{"color", "background-color"} {
				v, ok := r.decls[prop]
				if !ok || !solidColour(v) {
					continue
				}
				for _, sel := range r.selectors {
					if sheet == EPUBStylesheet && slices.Contains([]string{"html", "body", "p"}, sel) && prop == "color" {
						t.Errorf("%s: %s sets the body text's colour (%s), which night modes cannot override", sheet, sel, v)
					}
					if !dark[sel][prop] {
						t.Errorf("%s: %s { %s: %s } has no counterpart for %s", sheet, sel, prop, v, darkMode)
					}
				}
			}
		}
	}
}

// The EPUB's sheet asks for hyphenation by the text's language and gives
// narrow screens ragged lines and tables that wrap inside their cells.
func TestEPUBStylesheetSuitsNarrowScreens(t *testing.T) {
	rules := parseCSS(t, string(MustRead(EPUBStylesheet)))
	find := func(media, sel, prop string) string {
		for _, r := range rules {
			if r.media == media && slices.Contains(r.selectors, sel) {
				if v, ok := r.decls[prop]; ok {
					return v
				}
			}
		}
		return ""
	}
	for _, c := range []struct{ media, sel, prop, want string }{
		{"", "body", "hyphens", "auto"},
		{"", "td", "overflow-wrap", "anywhere"},
		{"", "th", "overflow-wrap", "anywhere"},
		{"", "pre", "hyphens", "none"},
		{"(max-width: 30em)", "p", "text-align", "left"},
	} {
		if got := find(c.media, c.sel, c.prop); got != c.want {
			t.Errorf("@media %q %s { %s: %q }, want %q", c.media, c.sel, c.prop, got, c.want)
		}
	}
}

// A table's cells stand at the top of their rows, as the PDF sets them: a
// reading system's own sheet would centre them (tbody { vertical-align:
// middle }), and text beside a tall picture would drop. No rule of either
// sheet, in any media, aligns a table's parts otherwise.
func TestTableCellsStandAtTheTop(t *testing.T) {
	for _, sheet := range []string{EPUBStylesheet, SiteStylesheet} {
		top := map[string]bool{}
		for _, r := range parseCSS(t, string(MustRead(sheet))) {
			v, ok := r.decls["vertical-align"]
			if !ok {
				continue
			}
			for _, sel := range r.selectors {
				last := sel[strings.LastIndexAny(sel, " >+~")+1:]
				switch last = strings.SplitN(last, ".", 2)[0]; last {
				case "td", "th", "tr", "tbody", "thead", "tfoot", "table":
					if v != "top" {
						t.Errorf("%s: @media %q %s { vertical-align: %s }, want top", sheet, r.media, sel, v)
					}
					if r.media == "" && sel == last {
						top[sel] = true
					}
				}
			}
		}
		if sheet == EPUBStylesheet && (!top["td"] || !top["th"]) {
			t.Errorf("%s does not set td and th at the top of their rows", sheet)
		}
	}
}

// TestCodeTabStops: code blocks set a tab to the next stop every four
// columns, as the PDF does (layout's codeTabStop), not at a reader's
// default of eight, so that columns written with tabs align alike in both.
func TestCodeTabStops(t *testing.T) {
	got := ""
	for _, r := range parseCSS(t, string(MustRead(EPUBStylesheet))) {
		if v, ok := r.decls["tab-size"]; ok && r.media == "" && slices.Contains(r.selectors, "pre") {
			got = v
		}
	}
	if got != "4" {
		t.Errorf("%s: pre { tab-size: %q }, want 4", EPUBStylesheet, got)
	}
}
