package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// Tree builders for tests: the resolve pass is tested on trees made by
// hand, without the Markdown parser.

func txt(s string) *doc.Text { return &doc.Text{Text: s} }

func para(file string, line int, in ...doc.Inline) *doc.Paragraph {
	return &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: file, Line: line}}, Content: in}
}

func heading(file string, line, level int, id string, in ...doc.Inline) *doc.Heading {
	return &doc.Heading{BlockBase: doc.BlockBase{Pos: doc.Pos{File: file, Line: line}}, Level: level, ID: id, Content: in}
}

func div(tags []string, blocks ...doc.Block) *doc.Div {
	return &doc.Div{BlockBase: doc.BlockBase{Tags: tags}, Classes: tags, Blocks: blocks}
}

func emph(in ...doc.Inline) *doc.Emph { return &doc.Emph{Content: in} }

func link(url string, in ...doc.Inline) *doc.Link { return &doc.Link{URL: url, Content: in} }

func footnote(file string, line int, name string, blocks ...doc.Block) *doc.Note {
	return &doc.Note{Kind: doc.FootnoteNote, Name: name, Pos: doc.Pos{File: file, Line: line}, Blocks: blocks}
}

func ref(n *doc.Note) *doc.NoteRef { return &doc.NoteRef{Note: n} }

func chapter(file string, blocks ...doc.Block) *doc.Entry {
	return &doc.Entry{Kind: doc.KindChapter, File: file, Digest: fakeDigest(file), Blocks: blocks}
}

// fakeDigest is a stable stand-in for a file's SHA-256.
func fakeDigest(file string) string {
	sum := sha256.Sum256([]byte(file))
	return hex.EncodeToString(sum[:])
}

var fakeLink = regexp.MustCompile(`\[([^\]]*)\]\(([^)]*)\)`)

// fakeMarkdown stands in for the Markdown parser: each blank-line separated
// chunk becomes a paragraph of text, "[text](url)" a link, and a body
// saying "FAIL" an error.
func fakeMarkdown(src []byte, pos doc.Pos) ([]doc.Block, error) {
	s := string(src)
	if strings.Contains(s, "FAIL") {
		return nil, errors.New("cannot parse")
	}
	var out []doc.Block
	line := pos.Line
	for _, chunk := range strings.Split(s, "\n\n") {
		text := strings.Join(strings.Fields(chunk), " ")
		if text != "" {
			p := para(pos.File, line)
			rest := text
			for {
				m := fakeLink.FindStringSubmatchIndex(rest)
				if m == nil {
					break
				}
				if m[0] > 0 {
					p.Content = append(p.Content, txt(rest[:m[0]]))
				}
				p.Content = append(p.Content, link(rest[m[4]:m[5]], txt(rest[m[2]:m[3]])))
				rest = rest[m[1]:]
			}
			if rest != "" {
				p.Content = append(p.Content, txt(rest))
			}
			out = append(out, p)
		}
		line += strings.Count(chunk, "\n") + 2
	}
	return out, nil
}

// checkWarnings reports warnings that are not want, in order, each as
// diag.Diagnostic.String writes it.
func checkWarnings(t *testing.T, warns []diag.Diagnostic, want ...string) {
	t.Helper()
	var ws []string
	for _, w := range warns {
		ws = append(ws, w.String())
	}
	if strings.Join(ws, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(ws, "\n"), strings.Join(want, "\n"))
	}
}
