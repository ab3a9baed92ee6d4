package markdown

import (
	"fmt"
	"html"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Quarto's shortcodes, {{< name args >}}, share Hugo's syntax and are
// read in the same pass (hugo.go), in Quarto's (.qmd) and R Markdown's
// (.Rmd) chapters. Its include is expanded before, with the other
// includes (internal/include); pagebreak is left out, as the pages are
// samizdat's to break; kbd is a key; meta is the front matter's value;
// video is a link to the video; the rest, which need Quarto's project
// (var, env, version, brand…) or make what a book cannot show (embed,
// lipsum, placeholder, contents), are left out with one warning each.
// {{{< name >}}}, Quarto's escape, prints the shortcode as written.

// shortcodesOff is a fence's attribute asking Quarto to show the
// shortcodes in its code as written: ``` {.markdown shortcodes="false"}.
var shortcodesOff = regexp.MustCompile(`shortcodes\s*=\s*["']?false\b`)

// literalTag reports whether tag t stands in a fenced code block whose
// opening line turns Quarto's shortcodes off.
func (p *hugoPass) literalTag(t *shortcode) bool {
	if !p.quarto {
		return false
	}
	k := sort.Search(len(p.code), func(i int) bool { return p.code[i].end > t.start })
	if k == len(p.code) || p.code[k].start > t.start {
		return false
	}
	opener, _, _ := cutLine(p.src[p.code[k].start:])
	return shortcodesOff.Match(opener)
}

// isQuartoFile reports whether file is Quarto's or R Markdown's.
func isQuartoFile(file string) bool {
	ext := strings.ToLower(path.Ext(file))
	return ext == ".qmd" || ext == ".rmd"
}

// quartoEscaped reports whether tag t is written inside Quarto's escape,
// {{{< name >}}}.
func (p *hugoPass) quartoEscaped(t *shortcode) bool {
	return p.quarto && t.start > 0 && p.src[t.start-1] == '{' && t.end < len(p.src) && p.src[t.end] == '}'
}

// quartoShortcode writes what Quarto's shortcode t makes; ok is false for
// a name Quarto does not define, which is read as Hugo's.
func (p *hugoPass) quartoShortcode(t *shortcode) (ok bool) {
	name := strings.ToLower(t.name)
	switch name {
	case "pagebreak":
		if p.pagebreaks == 0 {
			p.pagebreakAt = t.start
		}
		p.pagebreaks++
	case "include":
		// one that could be expanded was: internal/include warned of
		// the others
	case "kbd":
		p.emit(kbdHTML(t), t.start)
	case "meta":
		key := t.arg("", 0)
		v, found := lookup(p.params, key)
		if !found || key == "" {
			p.c.hugoWarn(t.start, "quarto.meta", fmt.Sprintf("shortcode \"meta\": the front matter gives no %q; left out", key))
			break
		}
		p.emit(fmt.Sprint(v), t.start)
	case "video":
		u := t.arg("", 0)
		if u == "" {
			u = t.arg("src", -1)
		}
		p.note(t, "video")
		if strings.Contains(u, "://") {
			label := t.arg("title", -1)
			if label == "" {
				label = "Video"
			}
			p.emit(linkText(label, u), t.start)
		}
	case "var", "env", "version", "brand", "embed", "lipsum", "placeholder", "contents", "git-rev":
		p.note(t, "")
	default:
		return false
	}
	p.skipTag(t)
	return true
}

// kbdHTML is a kbd shortcode's key: its one argument, or each system's
// keys, "Ctrl-C (Windows), ⌘-C (macOS)", as a print shows them all.
func kbdHTML(t *shortcode) string {
	var parts []string
	systems := map[string]string{"win": "Windows", "mac": "macOS", "linux": "Linux"}
	for _, a := range t.args {
		keys := "<kbd>" + html.EscapeString(a.value) + "</kbd>"
		if sys, ok := systems[strings.ToLower(a.key)]; ok {
			keys += " (" + sys + ")"
		} else if a.key != "" {
			continue
		}
		parts = append(parts, keys)
	}
	return strings.Join(parts, ", ")
}
