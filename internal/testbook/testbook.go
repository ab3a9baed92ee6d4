// Package testbook generates large, awkward Markdown books for end-to-end
// tests and benchmarks: long code lines, long URLs, many footnotes (some
// long enough to split across pages), tables, images in every format, raw
// HTML, Cyrillic text and typographic quotes. The output is deterministic
// for a given Spec.
package testbook

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Spec sizes a generated book.
type Spec struct {
	Title      string
	Chapters   int
	Paragraphs int // per chapter
	Seed       uint64
}

// Long is about 600 pages at A5 with the default settings.
var Long = Spec{Title: "A Long and Awkward Book", Chapters: 30, Paragraphs: 46, Seed: 1921}

// Short is a few dozen pages, for quick tests.
var Short = Spec{Title: "A Short Awkward Book", Chapters: 3, Paragraphs: 12, Seed: 7}

// Write generates the book into dir (created if missing): manifest.yaml,
// chapters, images and an annotations file.
func Write(dir string, spec Spec) error {
	files, err := Files(spec)
	if err != nil {
		return err
	}
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Files returns the generated book as file name -> contents.
func Files(spec Spec) (map[string][]byte, error) {
	g := &generator{rng: rand.New(rand.NewPCG(spec.Seed, spec.Seed^0x5a5a)), spec: spec}
	files := map[string][]byte{}
	var err error
	if files["images/chart.png"], err = g.png(); err != nil {
		return nil, err
	}
	if files["images/photo.jpg"], err = g.jpeg(); err != nil {
		return nil, err
	}
	files["images/diagram.svg"] = []byte(diagramSVG)

	var manifest strings.Builder
	fmt.Fprintf(&manifest, "title: %q\nlanguage: en\ncreators:\n  - name: Test Author\n    role: author\n", spec.Title)
	manifest.WriteString("notes:\n  - notes.yaml\nchapters:\n")
	var notes strings.Builder
	for c := 1; c <= spec.Chapters; c++ {
		name := fmt.Sprintf("chapters/ch%03d.md", c)
		kind := "chapter"
		if c%5 == 0 {
			kind = "source"
		}
		fmt.Fprintf(&manifest, "  - file: %s\n    kind: %s\n", name, kind)
		if kind == "source" {
			fmt.Fprintf(&manifest, "    provenance:\n      author: Author %d\n      title: Collected Papers, Volume %d\n      date: \"19%02d\"\n      publisher: Example Press\n      url: https://example.org/archive/volume-%d/collected-papers-with-a-very-long-address-that-goes-on/index.html\n      license: Public domain.\n", c, c, c%100, c)
		}
		files[name] = []byte(g.chapter(c))
		fmt.Fprintf(&notes, "- quote: %q\n  chapter: %s\n  note: |\n    An editorial remark on chapter %d, anchored by quotation.\n", fmt.Sprintf("Marker sentence of chapter %d", c), name, c)
	}
	files["manifest.yaml"] = []byte(manifest.String())
	files["notes.yaml"] = []byte(notes.String())
	return files, nil
}

type generator struct {
	rng  *rand.Rand
	spec Spec
	fn   int
}

var words = strings.Fields(`the of and to in a is that for it as was with be by on not he this are
or his from at which but have an they you were her she there been one all we their has would when
what if more no out so said who up its about into than them can only other time new some could these
two may first then do any like my now over such our man me even most made after also did many before
must through back years where much your way well down should because each just those people how too
little state good very make world still own see men work long get here between both life being under
never day same another know while last might us great old year off come since against go came right
used take three revolution organization bureaucracy institutions congress resolution opposition
democracy consideration representation extraordinary responsibility characteristically
incomprehensibility internationalization administration correspondence manufacturers typesetting
hyphenation justification typography compositor paragraph manuscript publication illustration`)

func (g *generator) word() string { return words[g.rng.IntN(len(words))] }

func (g *generator) sentence(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(' ')
		}
		w := g.word()
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		sb.WriteString(w)
	}
	sb.WriteByte('.')
	return sb.String()
}

func (g *generator) paragraph() string {
	var parts []string
	for i := 0; i < 3+g.rng.IntN(6); i++ {
		s := g.sentence(6 + g.rng.IntN(14))
		switch g.rng.IntN(12) {
		case 0:
			s = "“" + strings.TrimSuffix(s, ".") + ",” she said, “it isn’t over.”"
		case 1:
			s = "*" + strings.TrimSuffix(s, ".") + "*."
		case 2:
			s = "**" + strings.TrimSuffix(s, ".") + "** — with `inline code`."
		case 3:
			s += " Рабочая оппозиция требовала свободы для профсоюзов."
		case 4:
			s += " See https://example.org/a/very/long/path/segment/that/keeps/going/and/going/without/any/natural/break?query=parameters&and=more#fragment for details."
		case 5:
			g.fn++
			s += fmt.Sprintf("[^n%d]", g.fn)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func (g *generator) chapter(c int) string {
	var sb strings.Builder
	start := g.fn
	fmt.Fprintf(&sb, "# Chapter %d: %s\n\n", c, strings.TrimSuffix(g.sentence(3+g.rng.IntN(4)), "."))
	fmt.Fprintf(&sb, "Marker sentence of chapter %d opens the text. %s\n\n", c, g.paragraph())
	for p := 0; p < g.spec.Paragraphs; p++ {
		switch {
		case p%23 == 11:
			fmt.Fprintf(&sb, "## Section %d.%d\n\n", c, p)
		case p%29 == 7:
			sb.WriteString("```go\n// A long line that no page is wide enough for, which must wrap with a continuation mark instead of running off the page.\nfunc main() { fmt.Println(\"" + strings.Repeat("x", 140) + "\") }\n```\n\n")
		case p%31 == 13:
			sb.WriteString("| Name | Year | Description |\n|:-----|-----:|:-----------:|\n")
			for r := 0; r < 4; r++ {
				fmt.Fprintf(&sb, "| %s | %d | %s |\n", g.word(), 1900+r, g.sentence(8+g.rng.IntN(10)))
			}
			sb.WriteString("\n")
		case p%37 == 19:
			img := []string{"chart.png", "photo.jpg", "diagram.svg"}[(c+p)%3]
			fmt.Fprintf(&sb, "![A figure showing %s](../images/%s \"Figure %d.%d\")\n\n", g.word(), img, c, p)
		case p%41 == 17:
			sb.WriteString("- " + g.sentence(10) + "\n  - " + g.sentence(12) + "\n    1. " + g.sentence(8) + "\n- " + g.sentence(9) + "\n\n")
		case p%43 == 21:
			sb.WriteString("> " + g.paragraph() + "\n\n")
		case p%47 == 5:
			sb.WriteString("<div class=\"callout\" onclick=\"alert(1)\"><p>Raw <b>HTML</b> with a <Listing>custom element</Listing> and a <br> break<script>alert('x')</script></p></div>\n\n")
		case p%53 == 3:
			sb.WriteString("![A remote picture](https://example.org/remote.png)\n\n")
		}
		sb.WriteString(g.paragraph() + "\n\n")
	}
	for n := start + 1; n <= g.fn; n++ {
		body := g.sentence(8 + g.rng.IntN(12))
		if n%9 == 0 { // long enough to split across pages
			for i := 0; i < 28; i++ {
				body += " " + g.sentence(12)
			}
		}
		fmt.Fprintf(&sb, "[^n%d]: %s\n\n", n, body)
	}
	return sb.String()
}

func (g *generator) png() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 600, 300))
	for y := 0; y < 300; y++ {
		for x := 0; x < 600; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 3), uint8(y), 160, 255})
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

func (g *generator) jpeg() ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 400, 600))
	for y := 0; y < 600; y++ {
		for x := 0; x < 400; x++ {
			img.Set(x, y, color.RGBA{uint8(y / 3), 120, uint8(x / 2), 255})
		}
	}
	var buf bytes.Buffer
	err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80})
	return buf.Bytes(), err
}

const diagramSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
  <rect x="10" y="10" width="380" height="180" fill="#eef" stroke="#224" stroke-width="4"/>
  <circle cx="100" cy="100" r="60" fill="#c33"/>
  <path d="M200 160 L260 40 L320 160 Z" fill="#3a3"/>
</svg>
`
