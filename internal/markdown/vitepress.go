package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// VitePress sites (a folder .vitepress beside or above the pages) write
// Markdown with markdown-it's containers and Vue single-file-component
// blocks a book cannot run:
//
//	::: tip Before you start      <script setup>
//	Markdown blocks               import { ref } from 'vue'
//	:::                           </script>
//
// A container is the MkDocs admonition of its type (tip, info, warning,
// danger), `details` a disclosure, titled by the rest of its line or its
// type's name; `code-group` and the others stay divs. Their space after
// the colons is what makes them VitePress's, so they are read so only in
// a VitePress book: elsewhere `::: tip` is pandoc's div of class tip.
//
// The Vue blocks (a <script> or <style> whose tag opens a line at the
// first column, to its end tag) are blanked before the Markdown is read,
// with one warning for the file, and so is `[[toc]]` on a line of its
// own, the site's contents of the page, which a book has already.

// vitepressKey marks a parse of a VitePress page in the parser context.
var vitepressKey = parser.NewContextKey()

func isVitePress(pc parser.Context) bool {
	v, _ := pc.Get(vitepressKey).(bool)
	return v
}

// vitepressContainers are the containers VitePress's default theme draws.
var vitepressContainers = setOf("info", "tip", "warning", "danger", "details")

// parseVitePressOpener parses a container's opening line from its first
// colon: three or more colons, spaces, a keyword, then nothing or a space
// and a title, and optionally attributes in braces VitePress passes to
// the HTML ({open}), which are left out.
func parseVitePressOpener(s []byte) (o docusaurusOpener, ok bool) {
	n := countByte(s, ':')
	if n < 3 {
		return o, false
	}
	line := trimLineEnd(s)
	i := n
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	start := i
	for i < len(line) && line[i] >= 'a' && line[i] <= 'z' {
		i++
	}
	if !vitepressContainers[string(line[start:i])] || i < len(line) && line[i] != ' ' && line[i] != '\t' {
		return o, false
	}
	o.typ = string(line[start:i])
	end := len(line)
	if end > i && line[end-1] == '}' {
		if j := bytes.LastIndexByte(line[i:end], '{'); j >= 0 {
			end = i + j
		}
	}
	for end > i && util.IsSpace(line[end-1]) {
		end--
	}
	for i < end && util.IsSpace(line[i]) {
		i++
	}
	o.titleStart, o.titleEnd = i, end
	return o, true
}

// vitepressSource blanks a VitePress page's Vue blocks and its [[toc]]
// lines, outside fenced code, never removing a line so that positions
// stay the file's; each Vue block is reported by one warning for the
// file, at the first.
func (c *converter) vitepressSource(src []byte) []byte {
	if !bytes.Contains(src, []byte("<script")) && !bytes.Contains(src, []byte("<style")) && !bytes.Contains(src, []byte("[[toc]]")) {
		return src
	}
	out := bytes.Clone(src)
	blank := func(from, to int) {
		for i := from; i < to; i++ {
			if out[i] != '\n' && out[i] != '\r' {
				out[i] = ' '
			}
		}
	}
	var code fence
	first, blocks := -1, 0
	for off := 0; off < len(src); {
		line, rest, _ := cutLine(src[off:])
		next := len(src) - len(rest)
		switch {
		case code.char != 0:
			if code.closedBy(line) {
				code = fence{}
			}
		case bytes.Equal(bytes.TrimSpace(line), []byte("[[toc]]")):
			blank(off, next)
		default:
			if f, _, ok := openingFence(line); ok {
				code = f
				break
			}
			name := vueBlockName(line)
			if name == "" {
				break
			}
			end := bytes.Index(src[off:], []byte("</"+name+">"))
			if end < 0 {
				end = len(src)
			} else {
				end = off + end + len(name) + 3
				// to the end of the end tag's line
				if k := bytes.IndexByte(src[end:], '\n'); k >= 0 {
					end += k
				} else {
					end = len(src)
				}
			}
			blank(off, end)
			if first < 0 {
				first = off
			}
			blocks++
			_, rest, _ = cutLine(src[end:])
			next = len(src) - len(rest)
			if end == len(src) {
				next = end
			}
		}
		off = next
	}
	if blocks > 0 {
		what := "a Vue <script> or <style> block left out: it runs on the site, not in a book"
		if blocks > 1 {
			what = fmt.Sprintf("%d Vue <script> and <style> blocks left out, this the first: they run on the site, not in a book", blocks)
		}
		c.warnAt(first, "vitepress.vue-block", what)
	}
	return out
}

// vueBlockName is "script" or "style" when line opens such a block at
// the first column, as a Vue single-file component's are written; "".
func vueBlockName(line []byte) string {
	for _, name := range []string{"script", "style"} {
		rest, ok := bytes.CutPrefix(line, []byte("<"+name))
		if ok && len(rest) > 0 && (rest[0] == '>' || rest[0] == ' ' || rest[0] == '\t') {
			return name
		}
	}
	return ""
}
