package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// findTOMLFrontMatter finds Hugo's TOML front matter at the very start of
// src: a line "+++", TOML, and a line "+++".
func findTOMLFrontMatter(src []byte) (frontMatterBlock, bool) {
	rest, _ := bytes.CutPrefix(src, []byte("\uFEFF"))
	open, rest, ok := cutLine(rest)
	if !ok || !isFence(open, "+++") {
		return frontMatterBlock{}, false
	}
	bodyStart := len(src) - len(rest)
	for {
		l, after, ok := cutLine(rest)
		if !ok {
			return frontMatterBlock{}, false // never closed: not front matter
		}
		if isFence(l, "+++") {
			bodyEnd := len(src) - len(rest)
			return frontMatterBlock{end: len(src) - len(after), firstLine: 2, yaml: src[bodyStart:bodyEnd]}, true
		}
		rest = after
	}
}

// tomlFrontMatter reads the title and language of TOML front matter; a
// block that is not valid TOML is reported at its place and left out, as
// broken YAML front matter is.
func (c *converter) tomlFrontMatter(block frontMatterBlock) FrontMatter {
	var m map[string]any
	if err := toml.Unmarshal(block.yaml, &m); err != nil {
		line, col := block.firstLine-1, 0
		msg := err.Error()
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, column := de.Position()
			line, col = block.firstLine-1+row, column
		}
		closing := block.firstLine + bytes.Count(block.yaml, []byte("\n"))
		c.warnings = append(c.warnings, warning{line: line, column: col, code: "front-matter.syntax",
			msg: fmt.Sprintf("the front matter (lines %d to %d) is not valid TOML: %s; it is left out", block.firstLine-1, closing, msg)})
		return FrontMatter{}
	}
	var fm FrontMatter
	// the line a key is written on, for the title's place
	keyLine := func(key string) int {
		for i, l := range bytes.Split(block.yaml, []byte("\n")) {
			if k, _, ok := bytes.Cut(l, []byte("=")); ok && string(bytes.Trim(bytes.TrimSpace(k), `"'`)) == key {
				return block.firstLine + i
			}
		}
		return block.firstLine - 1
	}
	text := func(key string) (string, bool) {
		v, ok := m[key]
		if !ok {
			return "", false
		}
		s, isText := v.(string)
		if !isText {
			c.warnings = append(c.warnings, warning{line: keyLine(key), code: "front-matter.type",
				msg: fmt.Sprintf("front matter: %s should be text", key)})
			return "", false
		}
		return s, true
	}
	if t, ok := text("title"); ok {
		fm.Title, fm.TitleLine = strings.TrimSpace(t), keyLine("title")
	}
	if l, ok := text("lang"); ok {
		fm.Language = c.langTag(l, keyLine("lang"))
	}
	if fm.Language == "" {
		if l, ok := text("language"); ok {
			fm.Language = c.langTag(l, keyLine("language"))
		}
	}
	return fm
}
