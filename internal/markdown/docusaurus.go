package markdown

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/util"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Docusaurus writes its admonitions as fenced divs whose opening colons
// are followed at once by the admonition's keyword, then, optionally, a
// title: the rest of the line (Docusaurus 2) or a bracketed label
// (Docusaurus 3), inline Markdown either way:
//
//	:::tip Before you start        :::note[Your **title**]
//	Markdown blocks                Markdown blocks
//	:::                            :::
//
// They nest as fenced divs do, an outer one with more colons. Each is the
// MkDocs admonition of its type (admonition.go).

// docusaurusAdmonitions are the keywords Docusaurus 2 and 3 know.
var docusaurusAdmonitions = setOf("note", "tip", "info", "caution", "warning", "danger", "important", "success", "secondary")

// docusaurusOpener is what a Docusaurus admonition's opening line says.
type docusaurusOpener struct {
	typ string
	// titleStart and titleEnd bound the title in the line; equal when it
	// has none.
	titleStart, titleEnd int
}

// parseDocusaurusOpener parses an opening line from its first colon:
// three or more colons, a keyword right after them, then nothing, a
// space and a title, or a title in brackets (and nothing after it but
// spaces or Docusaurus 3's attributes in braces).
func parseDocusaurusOpener(s []byte) (o docusaurusOpener, ok bool) {
	n := countByte(s, ':')
	if n < 3 {
		return o, false
	}
	i := n
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	if !docusaurusAdmonitions[string(s[n:i])] {
		return o, false
	}
	o.typ = string(s[n:i])
	line := trimLineEnd(s)
	switch {
	case i >= len(line):
		o.titleStart, o.titleEnd = len(line), len(line)
	case line[i] == ' ' || line[i] == '\t':
		o.titleStart, o.titleEnd = i+1, len(line)
		for o.titleStart < o.titleEnd && util.IsSpace(line[o.titleStart]) {
			o.titleStart++
		}
	case line[i] == '[':
		// the title's bracket closes at the last "]" before any "{"
		end := len(line) - 1
		if line[end] == '}' {
			for end > i && line[end] != '{' {
				end--
			}
			end--
			for end > i && util.IsSpace(line[end]) {
				end--
			}
		}
		if end <= i || line[end] != ']' {
			return o, false
		}
		o.titleStart, o.titleEnd = i+1, end
	default:
		return o, false
	}
	return o, true
}

// docusaurusAdmonition converts a Docusaurus admonition, a fenced div
// opened by its keyword, as the MkDocs admonition of its type: titled by
// its title, else by its keyword capitalised.
func (c *converter) docusaurusAdmonition(n *fencedDiv, base doc.BlockBase) []doc.Block {
	b := &mkdocsBlock{kind: mkdocsAdmonition, classes: []string{n.admonition}}
	if n.admonition == "details" {
		// VitePress's details container, a disclosure
		b.kind = mkdocsDetails
	}
	if _, ok := n.FirstChild().(*mkdocsTitle); !ok {
		b.defaultTitle = capitalise(n.admonition)
	}
	b.SetPos(n.Pos())
	for ch := n.FirstChild(); ch != nil; ch = n.FirstChild() {
		b.AppendChild(b, ch)
	}
	// the div's classes are edition tags, as any fenced div's, which
	// the blocks made inside it need not repeat
	inner := base
	inner.Tags = nil
	d := c.mkdocsBox(b, inner)
	d.ID, d.Tags = n.id, base.Tags
	return []doc.Block{d}
}

// Docusaurus highlights the lines of code marked by its magic comments,
// which it takes out of the code it shows: a line that is only a comment
// `highlight-next-line`, `highlight-start` or `highlight-end`, written
// as comments are in the code's language (`// …` or `/* … */` in
// JavaScript, `{/* … */}` in JSX, `# …` in Python and shell, `<!-- … -->`
// in HTML and Markdown, `-- …` in Lua and SQL, `% …` in TeX); in a
// language it does not list, any of these.
var (
	magicDirective = `\s*highlight-(?:next-line|start|end)\s*`
	magicStyles    = map[string]string{
		"js":    `//` + magicDirective,
		"block": `/\*` + magicDirective + `\*/`,
		"jsx":   `\{\s*/\*` + magicDirective + `\*/\s*\}`,
		"bash":  `#` + magicDirective,
		"html":  `<!--` + magicDirective + `-->`,
		"lua":   `--` + magicDirective,
		"tex":   `%` + magicDirective,
	}
	magicByLang = map[string][]string{
		"js": {"js", "block"}, "javascript": {"js", "block"}, "ts": {"js", "block"}, "typescript": {"js", "block"},
		"jsx": {"js", "block", "jsx"}, "tsx": {"js", "block", "jsx"},
		"html":   {"js", "block", "html"},
		"python": {"bash"}, "py": {"bash"}, "bash": {"bash"}, "sh": {"bash"}, "shell": {"bash"}, "yaml": {"bash"}, "yml": {"bash"},
		"md": {"html", "jsx", "bash"}, "mdx": {"html", "jsx", "bash"}, "markdown": {"html", "jsx", "bash"},
		"lua": {"lua"}, "haskell": {"lua"}, "sql": {"lua"},
		"tex": {"tex"}, "latex": {"tex"}, "matlab": {"tex"},
	}
	magicAll  = magicComment(slices.Sorted(maps.Keys(magicStyles)))
	magicLang = func() map[string]*regexp.Regexp {
		m := map[string]*regexp.Regexp{}
		for lang, styles := range magicByLang {
			m[lang] = magicComment(styles)
		}
		return m
	}()
)

// magicComment matches a line that is only a magic comment in one of
// styles.
func magicComment(styles []string) *regexp.Regexp {
	var alts []string
	for _, s := range styles {
		alts = append(alts, magicStyles[s])
	}
	return regexp.MustCompile(`^\s*(?:` + strings.Join(alts, "|") + `)\s*$`)
}

// dropMagicComments takes Docusaurus's magic comments out of code in
// lang.
func dropMagicComments(lang, text string) string {
	if !strings.Contains(text, "highlight-") {
		return text
	}
	re := magicLang[strings.ToLower(lang)]
	if re == nil {
		re = magicAll
	}
	lines := strings.Split(text, "\n")
	out := lines[:0]
	for _, l := range lines {
		if !re.MatchString(l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
