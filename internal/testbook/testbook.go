// Package testbook generates large, awkward Markdown books for end-to-end
// tests and benchmarks: long code lines, long URLs, many footnotes (some
// long enough to split across pages), tables, images in every format, raw
// HTML, Cyrillic text and typographic quotes. The output is deterministic
// for a given Spec.
package testbook

import (
	"bytes"
	"embed"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
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
	if err := g.pictures(files); err != nil {
		return nil, err
	}
	files["manifest.yaml"] = []byte(manifest.String())
	files["notes.yaml"] = []byte(notes.String())
	return files, nil
}

// pictures adds the pictures the chapters show. Pictures as real books
// have them: Graphviz diagrams with labels, screenshots of 3000 pixels
// saved with an alpha channel (opaque, as most are, and a window with a
// translucent shadow) and a large photo. Only those a chapter refers to
// are made: the large ones cost a second each, which a short book that
// never shows them should not pay.
func (g *generator) pictures(files map[string][]byte) error {
	shown := func(name string) bool {
		for path, text := range files {
			if strings.HasPrefix(path, "chapters/") && bytes.Contains(text, []byte("images/"+name)) {
				return true
			}
		}
		return false
	}
	makers := []struct {
		name string
		make func() ([]byte, error)
	}{
		{"chart.png", g.png},
		{"photo.jpg", g.jpeg},
		{"diagram.svg", func() ([]byte, error) { return []byte(diagramSVG), nil }},
		{"screenshot.png", func() ([]byte, error) { return g.screenshot(false) }},
		{"window.png", func() ([]byte, error) { return g.screenshot(true) }},
		{"large-photo.jpg", g.photo},
	}
	for _, name := range graphvizPictures {
		makers = append(makers, struct {
			name string
			make func() ([]byte, error)
		}{name, func() ([]byte, error) { return pictures.ReadFile("pictures/" + name) }})
	}
	for _, m := range makers {
		if !shown(m.name) {
			continue
		}
		data, err := m.make()
		if err != nil {
			return fmt.Errorf("testbook: %s: %w", m.name, err)
		}
		files["images/"+m.name] = data
	}
	return nil
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
			img := figurePictures[(c+p)%len(figurePictures)]
			// Pictures as authors size and caption them: a Markdown
			// title, Markdown attributes and an emphasised line, raw
			// HTML with a style and mdBook's caption span.
			switch c / 2 % 3 {
			case 0:
				fmt.Fprintf(&sb, "![A figure showing %s](../images/%s \"Figure %d.%d\")\n\n", g.word(), img, c, p)
			case 1:
				fmt.Fprintf(&sb, "![A figure showing %s](../images/%s){width=60%%}\n*Figure %d.%d: %s*\n\n", g.word(), img, c, p, strings.TrimSuffix(g.sentence(6), "."))
			case 2:
				fmt.Fprintf(&sb, "<img src=\"../images/%s\" alt=\"A figure showing %s\" class=\"center\" style=\"width: 50%%;\" />\n\n<span class=\"caption\">Figure %d.%d: %s</span>\n\n", img, g.word(), c, p, strings.TrimSuffix(g.sentence(5), "."))
			}
		case p%59 == 27:
			fmt.Fprintf(&sb, "The mark ![a small diagram](../images/diagram.svg) flags %s, and ![a chart](../images/chart.png) %s\n\n", strings.TrimSuffix(g.sentence(6), "."), g.sentence(9))
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

// pictures are Graphviz exports (copies of internal/svg/testdata's).
//
//go:embed pictures/*.svg
var pictures embed.FS

var graphvizPictures = []string{"graphviz-digraph.svg", "graphviz-clusters.svg", "graphviz-records.svg"}

// figurePictures are the pictures the chapters' figures show, in turn.
var figurePictures = []string{"chart.png", "photo.jpg", "diagram.svg", "graphviz-digraph.svg", "screenshot.png",
	"graphviz-clusters.svg", "large-photo.jpg", "window.png", "graphviz-records.svg"}

// screenshot draws a 3000 x 1500 screenshot of an application window,
// saved with an alpha channel as screenshot tools do: opaque, or (shadow)
// a window with rounded corners and a translucent drop shadow on a
// transparent ground. Flat colours, rules and runs of "text" compress as a
// real screenshot's do.
func (g *generator) screenshot(shadow bool) ([]byte, error) {
	const w, h = 3000, 1500
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	win := image.Rect(0, 0, w, h)
	if shadow {
		win = image.Rect(90, 60, w-90, h-120)
	}
	const radius = 24
	inWindow := func(x, y int) bool {
		if !(image.Point{x, y}).In(win) {
			return false
		}
		cx, cy := x, y
		switch {
		case x < win.Min.X+radius:
			cx = win.Min.X + radius
		case x >= win.Max.X-radius:
			cx = win.Max.X - radius - 1
		}
		switch {
		case y < win.Min.Y+radius:
			cy = win.Min.Y + radius
		case y >= win.Max.Y-radius:
			cy = win.Max.Y - radius - 1
		}
		dx, dy := x-cx, y-cy
		return !shadow || dx*dx+dy*dy <= radius*radius
	}
	// Runs of "text": dark words of varying length on light lines.
	type run struct{ x0, x1 int }
	lines := map[int][]run{}
	for y := win.Min.Y + 160; y < win.Max.Y-60; y += 44 {
		x := win.Min.X + 560
		for x < win.Max.X-200 {
			n := 30 + g.rng.IntN(150)
			lines[y] = append(lines[y], run{x, x + n})
			x += n + 18
		}
	}
	for y := 0; y < h; y++ {
		var row []run
		for ly, r := range lines {
			if y >= ly && y < ly+22 {
				row = r
			}
		}
		for x := 0; x < w; x++ {
			var c color.NRGBA
			switch {
			case inWindow(x, y):
				c = color.NRGBA{250, 250, 248, 255}
				switch {
				case y < win.Min.Y+90:
					c = color.NRGBA{222, 224, 228, 255} // title bar
					if y > win.Min.Y+30 && y < win.Min.Y+60 && x >= win.Min.X+30 && x < win.Min.X+180 && (x-win.Min.X-30)%50 < 30 {
						c = []color.NRGBA{{236, 95, 86, 255}, {245, 190, 79, 255}, {98, 197, 84, 255}}[(x-win.Min.X-30)/50%3]
					}
				case x < win.Min.X+500:
					c = color.NRGBA{238, 240, 244, 255} // sidebar
					if (y-win.Min.Y)%60 < 24 && x > win.Min.X+40 && x < win.Min.X+300 {
						c = color.NRGBA{90, 96, 110, 255}
					}
				case x == win.Min.X+500:
					c = color.NRGBA{200, 200, 204, 255}
				}
				for _, r := range row {
					if x >= r.x0 && x < r.x1 {
						// Glyphs: dark strokes with anti-aliased edges.
						switch v := uint8(ink(x, y) % 16); v {
						case 0, 1, 2, 3:
							c = color.NRGBA{40 + 50*v, 42 + 50*v, 48 + 50*v, 255}
						}
						break
					}
				}
			case shadow:
				// A soft shadow below and around the window.
				dx := max(win.Min.X-x, x-win.Max.X+1, 0)
				dy := max(win.Min.Y+30-y, y-win.Max.Y-29, 0)
				d := dx*dx + dy*dy
				if d < 80*80 {
					c = color.NRGBA{0, 0, 0, uint8(90 - 90*d/(80*80))}
				}
			default:
				c = color.NRGBA{255, 255, 255, 255}
			}
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
		}
	}
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// ink is a cheap hash of a pixel's position, for glyph-like texture.
func ink(x, y int) uint32 {
	h := uint32(x)*0x9E3779B1 ^ uint32(y)*0x85EBCA77
	h ^= h >> 15
	h *= 0x2C1B3C6D
	return h ^ h>>12
}

// photo draws a 4000 x 3000 photograph: smooth light over a landscape and
// sensor noise, which is what makes photographs large.
func (g *generator) photo() ([]byte, error) {
	const w, h = 4000, 3000
	img := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for y := 0; y < h; y++ {
		horizon := h/2 + int(200*math.Sin(float64(y)/700))
		for x := 0; x < w; x++ {
			var lum float64
			if y < horizon {
				lum = 200 - 60*float64(y)/float64(h)
			} else {
				lum = 90 + 40*math.Sin(float64(x)/90)*math.Sin(float64(y)/70)
			}
			lum += float64(g.rng.IntN(17)) - 8
			img.Y[img.YOffset(x, y)] = uint8(min(255, max(0, lum)))
		}
	}
	for y := 0; y < h/2; y++ {
		for x := 0; x < w/2; x++ {
			i := img.COffset(2*x, 2*y)
			if 2*y < h/2 {
				img.Cb[i], img.Cr[i] = 150, 110 // sky
			} else {
				img.Cb[i], img.Cr[i] = 100, 120 // fields
			}
		}
	}
	var buf bytes.Buffer
	err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	return buf.Bytes(), err
}

const diagramSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
  <rect x="10" y="10" width="380" height="180" fill="#eef" stroke="#224" stroke-width="4"/>
  <circle cx="100" cy="100" r="60" fill="#c33"/>
  <path d="M200 160 L260 40 L320 160 Z" fill="#3a3"/>
</svg>
`
