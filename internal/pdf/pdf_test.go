package pdf

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/samizdat-press/samizdat/internal/validate"
	"html"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/bmp"
	"golang.org/x/image/tiff"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

var (
	faceSetOnce sync.Once
	faceSet     *fonts.Set
	faceSetErr  error
)

func testFaces(t testing.TB) *fonts.Set {
	t.Helper()
	faceSetOnce.Do(func() { faceSet, faceSetErr = fonts.Load(fonts.EmbeddedFiles()) })
	if faceSetErr != nil {
		t.Fatal(faceSetErr)
	}
	return faceSet
}

func gradient(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(255 * x / w), uint8(255 * y / h), 160, 255})
		}
	}
	return img
}

func pngAsset(t testing.TB, path string, w, h int) *doc.Asset {
	var b bytes.Buffer
	img := gradient(w, h)
	img.Set(0, 0, color.NRGBA{byte(len(path)), 0, 0, 255}) // different paths, different pictures
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return &doc.Asset{Path: path, MediaType: "image/png", Data: b.Bytes(), Width: w, Height: h}
}

func jpegAsset(t testing.TB, path string, w, h int) *doc.Asset {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, gradient(w, h), &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return &doc.Asset{Path: path, MediaType: "image/jpeg", Data: b.Bytes(), Width: w, Height: h}
}

const testSVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">
<rect x="5" y="5" width="190" height="90" fill="#c33" stroke="#000" stroke-width="4"/>
<circle cx="100" cy="50" r="30" fill="#fff"/></svg>`

var (
	serif      = fonts.Face{Family: fonts.Serif, Style: fonts.Regular}
	serifIt    = fonts.Face{Family: fonts.Serif, Style: fonts.Italic}
	serifBold  = fonts.Face{Family: fonts.Serif, Style: fonts.Bold}
	serifBI    = fonts.Face{Family: fonts.Serif, Style: fonts.BoldItalic}
	mono       = fonts.Face{Family: fonts.Mono, Style: fonts.Regular}
	monoBold   = fonts.Face{Family: fonts.Mono, Style: fonts.Bold}
	monoItalic = fonts.Face{Family: fonts.Mono, Style: fonts.Italic}
)

// Trim 6 x 9 in with 9 pt bleed and 27 pt for crop marks on every side.
var testGeometry = layout.Geometry{
	MediaWidth: 504, MediaHeight: 720,
	Trim:      layout.Rect{X: 36, Y: 36, W: 432, H: 648},
	Bleed:     layout.Rect{X: 27, Y: 27, W: 450, H: 666},
	CropMarks: true,
}

// words lays a line of words out the way the layout engine does: one Text
// per word, measured with the same font metrics.
func words(faces *fonts.Set, face fonts.Face, size, x, y float64, line string) []layout.Item {
	var items []layout.Item
	space := faces.Advance(face, ' ') * size
	for _, w := range strings.Fields(line) {
		items = append(items, &layout.Text{X: x, Y: y, Face: face, Size: size, Text: w})
		x += faces.Width(face, w)*size + space
	}
	return items
}

// sampleDocument is a four-page book exercising everything the painter
// draws; broken.png and the remote picture must become placeholders.
func sampleDocument(t testing.TB) (*layout.Document, doc.Meta) {
	faces := testFaces(t)
	photo := jpegAsset(t, "images/photo.jpg", 64, 48)
	chart := pngAsset(t, "images/chart.png", 80, 40)
	plan := &doc.Asset{Path: "images/plan.svg", MediaType: "image/svg+xml", Data: []byte(testSVG), Width: 200, Height: 100}
	broken := &doc.Asset{Path: "images/broken.png", MediaType: "image/png", Data: []byte("\x89PNG\r\n\x1a\ntruncated")}

	p1 := &layout.Page{Label: "i", Recto: true}
	p1.Items = append(p1.Items, words(faces, serifBold, 20, 72, 100, "The Workers’ Opposition")...)
	p1.Items = append(p1.Items, words(faces, serif, 11, 72, 130, "Рабочая оппозиция — Александра Коллонтай, 1921")...)
	p1.Items = append(p1.Items, words(faces, serifIt, 11, 72, 146, "“Who shall build the communist economy?”")...)
	p1.Items = append(p1.Items, words(faces, serifBI, 11, 72, 162, "Bold italic emphasis")...)
	p1.Items = append(p1.Items, words(faces, mono, 9, 72, 178, "func main() { fmt.Println(\"{}\") }")...)
	p1.Items = append(p1.Items, words(faces, monoBold, 9, 72, 190, "strong_code")...)
	p1.Items = append(p1.Items, words(faces, monoItalic, 9, 72, 202, "emphasised_code")...)
	p1.Items = append(p1.Items,
		&layout.Rule{X1: 72, Y1: 210, X2: 432, Y2: 210, Width: 0.5, Gray: 0},
		&layout.Box{Rect: layout.Rect{X: 72, Y: 220, W: 360, H: 40}, Fill: true, FillGray: 0.9},
		&layout.Box{Rect: layout.Rect{X: 72, Y: 220, W: 360, H: 40}, Stroke: true, LineWidth: 1, Gray: 0.3},
	)
	p1.Items = append(p1.Items, words(faces, mono, 9, 80, 244, "shaded code block")...)
	p1.Items = append(p1.Items,
		&layout.Picture{Rect: layout.Rect{X: 72, Y: 280, W: 160, H: 120}, Asset: photo, Alt: "A photograph"},
		&layout.Picture{Rect: layout.Rect{X: 250, Y: 280, W: 160, H: 80}, Asset: chart, Alt: "A chart"},
		&layout.Picture{Rect: layout.Rect{X: 72, Y: 410, W: 200, H: 100}, Asset: plan, Alt: "A plan"},
		&layout.Picture{Rect: layout.Rect{X: 290, Y: 410, W: 140, H: 100}, Asset: broken, Alt: "Map of the Donbass mines", Pos: doc.Pos{File: "front.md", Line: 12, Column: 4}},
		&layout.Picture{Rect: layout.Rect{X: 72, Y: 520, W: 140, H: 60}, Alt: "Remote picture"},
	)
	p1.Items = append(p1.Items, words(faces, serif, 11, 72, 600, "Visit example.org or chapter one")...)
	p1.Items = append(p1.Items,
		&layout.Link{Rect: layout.Rect{X: 100, Y: 590, W: 70, H: 13}, URL: "https://example.org/kollontai?q=труд"},
		&layout.Link{Rect: layout.Rect{X: 190, Y: 590, W: 70, H: 13}, Anchor: "ch-one"},
		&layout.Link{Rect: layout.Rect{X: 270, Y: 590, W: 20, H: 13}, Anchor: "no-such-place"},
		&layout.Link{Rect: layout.Rect{X: 300, Y: 590, W: 20, H: 13}, URL: "javascript:alert(1)"},
	)
	p1.Items = append(p1.Items, &layout.Text{X: 252, Y: 660, Face: serif, Size: 9, Text: "i", Gray: 0.4})

	p2 := &layout.Page{Label: "ii"}
	p2.Items = append(p2.Items, words(faces, serif, 11, 72, 100, "Contents page")...)
	// Same width as the chart: gofpdf orders such images by map order.
	twin := pngAsset(t, "images/twin.png", 80, 20)
	p2.Items = append(p2.Items,
		&layout.Picture{Rect: layout.Rect{X: 72, Y: 120, W: 80, H: 40}, Asset: chart, Alt: "A chart again"},
		&layout.Picture{Rect: layout.Rect{X: 72, Y: 170, W: 80, H: 20}, Asset: twin, Alt: "A twin"},
	)

	p3 := &layout.Page{Label: "1", Recto: true, Anchors: []layout.Anchor{{Name: "ch-one", Y: 80}, {Name: "n-1", Y: 500}}}
	p3.Items = append(p3.Items, words(faces, serifBold, 16, 72, 100, "Chapter One")...)
	p3.Items = append(p3.Items, words(faces, serif, 11, 72, 130, "The crisis in our party is not accidental.")...)
	p3.Items = append(p3.Items, &layout.Link{Rect: layout.Rect{X: 72, Y: 120, W: 20, H: 12}, Anchor: "n-1"})

	p4 := &layout.Page{Label: "2", Anchors: []layout.Anchor{{Name: "sources", Y: 72}}}
	p4.Items = append(p4.Items, words(faces, serif, 11, 72, 100, "Sources and permissions")...)

	front, one := &doc.Entry{File: "front.md"}, &doc.Entry{File: "one.md"}
	d := &layout.Document{
		Geometry: testGeometry,
		Pages:    []*layout.Page{p1, p2, p3, p4},
		PageMap:  doc.PageMap{Breaks: []doc.PageBreak{{Label: "i", Entry: front}, {Label: "1", Entry: one}}},
		Outline: []layout.OutlineEntry{
			{Title: "Title page", Level: 0, Page: 0, Y: 72},
			{Title: "Глава первая: “Chapter One”", Level: 0, Page: 2, Y: 80},
			{Title: "Notes", Level: 3, Page: 2, Y: 500},
			{Title: "Sources and permissions", Level: 0, Page: 3, Y: 72},
			{Title: "Nowhere", Level: 0, Page: 9},
		},
	}
	meta := doc.Meta{
		Title:       "The Workers’ Opposition",
		Subtitle:    "A Reader",
		Language:    "en",
		Description: "An annotated reader",
		Keywords:    []string{"labour", "history"},
		Subjects:    []string{"Soviet history", "labour"},
		Creators: []doc.Creator{
			{Name: "Alexandra Kollontai", Role: "aut"},
			{Name: "A. Editor", Role: "edt"},
		},
		Modified:  time.Date(2024, 3, 8, 9, 30, 0, 0, time.UTC),
		Generator: "samizdat v0.1.0",
	}
	return d, meta
}

func writeSample(t testing.TB, opts Options) ([]byte, []diag.Diagnostic) {
	d, meta := sampleDocument(t)
	var b bytes.Buffer
	warnings, err := Write(&b, d, meta, testFaces(t), opts)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes(), warnings
}

func TestWriteWarnings(t *testing.T) {
	_, warnings := writeSample(t, DefaultOptions())
	// Each names the file the page shows (the picture its own line), and
	// the page.
	want := []string{
		`[image.undecodable] front.md:12:4: page 1: picture images/broken.png: cannot decode: `,
		`[image.undecodable] front.md: page 1: picture "Remote picture": no image data (a remote or missing image); drawn as a placeholder`,
		`[link.dangling] front.md: page 1: link to unknown anchor #no-such-place left inactive`,
		`[link.scheme] front.md: page 1: link to "javascript:alert(1)" left inactive: only web, mail and similar links are allowed`,
		`[pdf.outline] outline entry "Nowhere" points to page 10 of 4; left out`,
	}
	got := coded(warnings)
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
}

// coded shows warnings as "[code] file:line: message".
func coded(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		s := "[" + d.Code + "] " + d.Error()
		if d.Severity != diag.Warning {
			s = "not a warning: " + s
		}
		out = append(out, s)
	}
	return out
}

func TestMetadataControlCharacters(t *testing.T) {
	m := doc.Meta{
		Title:     "Bell\x07and\r\nbreak",
		Subtitle:  "tab\tted",
		Creators:  []doc.Creator{{Name: "A\x1b[31mB", Role: "aut"}},
		Keywords:  []string{"k\x00ey"},
		Generator: "samizdat\u0085",
	}
	orig := m.Creators[0].Name
	info := writtenInfo(t, m)
	for key, want := range map[pdffile.Name]string{"Title": "Bell and break: tab ted", "Author": "A [31mB", "Keywords": "k ey", "Creator": "samizdat"} {
		if got := info[key]; got != want {
			t.Errorf("info /%s = %q, want %q", key, got, want)
		}
	}
	if m.Creators[0].Name != orig {
		t.Error("printableMeta changed its caller's creators")
	}
	_, meta := sampleDocument(t)
	if got := printableMeta(meta); !reflect.DeepEqual(got, meta) {
		t.Errorf("printable metadata changed:\n%+v\n%+v", got, meta)
	}
}

func TestWriteIsReproducible(t *testing.T) {
	first, _ := writeSample(t, DefaultOptions())
	// Go randomises map iteration, so several writes would differ if any
	// map order reached the file.
	for i := 0; i < 5; i++ {
		again, _ := writeSample(t, DefaultOptions())
		if !bytes.Equal(first, again) {
			t.Fatalf("write %d differs from the first (%d vs %d bytes)", i+2, len(again), len(first))
		}
	}
	if bytes.Contains(first, []byte(time.Now().UTC().Format("D:20060102"))) && time.Now().Year() != 2024 {
		t.Error("the file carries today's date")
	}
}

// readBack parses a written file with pdffile, failing the test if any
// reference leads nowhere.
func readBack(t testing.TB, raw []byte) *pdffile.File {
	t.Helper()
	f, err := pdffile.Parse(raw)
	if err != nil {
		t.Fatalf("output does not read back: %v", err)
	}
	var walk func(o pdffile.Object)
	walk = func(o pdffile.Object) {
		switch v := o.(type) {
		case pdffile.Ref:
			if _, ok := f.Objects[v]; !ok {
				t.Fatalf("reference %v to a missing object", v)
			}
		case pdffile.Array:
			for _, e := range v {
				walk(e)
			}
		case pdffile.Dict:
			for _, e := range v {
				walk(e)
			}
		case *pdffile.Stream:
			walk(v.Dict)
		}
	}
	for _, o := range f.Objects {
		walk(o)
	}
	walk(f.Trailer)
	return f
}

// pages returns the page dictionaries in order.
func pages(t testing.TB, f *pdffile.File) []pdffile.Dict {
	t.Helper()
	catalog, _ := f.Dict(f.Trailer["Root"])
	tree, _ := f.Dict(catalog["Pages"])
	kids, _ := f.Resolve(tree["Kids"]).(pdffile.Array)
	var out []pdffile.Dict
	for _, k := range kids {
		pg, ok := f.Dict(k)
		if !ok || !pg.Is("Type", "Page") {
			t.Fatalf("page tree kid %v is not a page", k)
		}
		out = append(out, pg)
	}
	return out
}

func format(t testing.TB, o pdffile.Object) string {
	t.Helper()
	b, err := pdffile.AppendObject(nil, o)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteStructure(t *testing.T) {
	raw, _ := writeSample(t, Options{Compress: false})
	if !bytes.HasPrefix(raw, []byte("%PDF-1.4\n")) {
		t.Errorf("header %q, want PDF 1.4", raw[:9])
	}
	f := readBack(t, raw)
	catalog, _ := f.Dict(f.Trailer["Root"])
	for key, want := range map[pdffile.Name]string{
		"PageLabels":        "<</Nums [0 <</S /r>> 2 <</S /D>>]>>",
		"Lang":              "(en)",
		"ViewerPreferences": "<</DisplayDocTitle true>>",
		"PageMode":          "/UseOutlines",
	} {
		if got := format(t, catalog[key]); got != want {
			t.Errorf("catalog /%s = %s, want %s", key, got, want)
		}
	}
	info, _ := f.Dict(f.Trailer["Info"])
	for _, key := range []pdffile.Name{"CreationDate", "ModDate"} {
		if got := format(t, info[key]); got != "(D:20240308093000Z)" {
			t.Errorf("info /%s = %s", key, got)
		}
	}
	if id, ok := f.Trailer["ID"].(pdffile.Array); !ok || len(id) != 2 {
		t.Errorf("trailer /ID = %v", f.Trailer["ID"])
	}
	pgs := pages(t, f)
	if len(pgs) != 4 {
		t.Fatalf("%d pages, want 4", len(pgs))
	}
	for i, pg := range pgs {
		if got := format(t, pg["BleedBox"]) + " " + format(t, pg["TrimBox"]); got != "[27.00 27.00 477.00 693.00] [36.00 36.00 468.00 684.00]" {
			t.Errorf("page %d boxes: %s", i+1, got)
		}
	}
	links, uris := 0, ""
	for _, pg := range pgs {
		annots, _ := f.Resolve(pg["Annots"]).(pdffile.Array)
		for _, a := range annots {
			d, _ := f.Dict(a)
			if d.Is("Subtype", "Link") {
				links++
			}
			if action, ok := f.Dict(d["A"]); ok {
				uris += format(t, action["URI"])
			}
		}
	}
	if links != 3 {
		t.Errorf("%d link annotations, want 3 (URL, chapter, note)", links)
	}
	if uris != "(https://example.org/kollontai?q=%D1%82%D1%80%D1%83%D0%B4)" {
		t.Errorf("URI actions: %s", uris)
	}
	fontsSeen := 0
	for _, r := range f.Refs() {
		font, ok := f.Objects[r].(pdffile.Dict)
		if !ok || !font.Is("Subtype", "Type0") {
			continue
		}
		fontsSeen++
		if name, _ := font["BaseFont"].(pdffile.Name); !regexp.MustCompile(`^[A-Z]{6}\+Noto`).MatchString(string(name)) {
			t.Errorf("font named %q, want a subset tag and the PostScript name", name)
		}
		cmap, ok := f.Resolve(font["ToUnicode"]).(*pdffile.Stream)
		if !ok {
			t.Fatalf("font %q: no ToUnicode map", font["BaseFont"])
		}
		mapped := readToUnicode(t, cmap.Data)
		if mapped['A'] != "A" && mapped['e'] != "e" {
			t.Errorf("font %q: ToUnicode map lacks the letters: %v", font["BaseFont"], mapped)
		}
		for c, s := range mapped {
			if s != string(rune(c)) && fonts.LigatureLetters(rune(c)) != s {
				t.Errorf("font %q: %04X maps to %q", font["BaseFont"], c, s)
			}
		}
		descendants, _ := f.Resolve(font["DescendantFonts"]).(pdffile.Array)
		cid, _ := f.Dict(descendants[0])
		desc, _ := f.Dict(cid["FontDescriptor"])
		program, _ := f.Resolve(desc["FontFile2"]).(*pdffile.Stream)
		info, _ := f.Dict(cid["CIDSystemInfo"])
		if !font.Is("Encoding", "Identity-H") || !cid.Is("Subtype", "CIDFontType2") || format(t, info["Ordering"]) != "(Identity)" ||
			cid["BaseFont"] != font["BaseFont"] || desc["FontName"] != font["BaseFont"] || program == nil || program.Dict["Length1"] == nil {
			t.Errorf("font %q: objects %v, %v, %v", font["BaseFont"], cid, desc, program)
		}
		if w, _ := f.Resolve(cid["W"]).(pdffile.Array); len(w) < 2 {
			t.Errorf("font %q: widths %v", font["BaseFont"], w)
		}
	}
	if fontsSeen != 6 {
		t.Errorf("%d Type0 fonts, want 6", fontsSeen)
	}
	// Crop marks: lines of 0.25 pt outside the bleed box on page 1.
	contents, _ := f.Resolve(pgs[0]["Contents"]).(*pdffile.Stream)
	if contents == nil || !bytes.Contains(contents.Data, []byte("0.25 w")) {
		t.Error("no crop mark line width in the first page's content")
	}
}

func TestCropMarksOnlyWhenAsked(t *testing.T) {
	d, meta := sampleDocument(t)
	d.Geometry.CropMarks = false
	var b bytes.Buffer
	if _, err := Write(&b, d, meta, testFaces(t), Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "0.25 w") {
		t.Error("crop marks drawn although the geometry has none")
	}
}

func TestPageLabels(t *testing.T) {
	tests := []struct {
		labels []string
		want   string
	}{
		{[]string{"i", "ii", "iii", "1", "2", "3"}, "[0 <</S /r>> 3 <</S /D>>]"},
		{[]string{"v", "vi", "7", "8"}, "[0 <</S /r /St 5>> 2 <</S /D /St 7>>]"},
		{[]string{"1", "2", "4"}, "[0 <</S /D>> 2 <</S /D /St 4>>]"},
		{[]string{"I", "II", "A-1", "A-2", "Cover", "Cover"}, "[0 <</S /R>> 2 <</P (A-) /S /D>> 4 <</P (Cover)>>]"},
		{[]string{"", ""}, ""},
		{[]string{"iiii", "Вступ"}, "[0 <</P (iiii)>> 1 <</P <FEFF0412044104420443043F>>>]"},
	}
	for _, tc := range tests {
		got := ""
		if nums := pageLabels(tc.labels); nums != nil {
			got = format(t, nums)
		}
		if got != tc.want {
			t.Errorf("pageLabels(%q) = %q, want %q", tc.labels, got, tc.want)
		}
	}
}

func TestWriteRejectsNonsense(t *testing.T) {
	faces := testFaces(t)
	tests := []struct {
		name string
		d    *layout.Document
		want string
	}{
		{"nil", nil, "pdf: no document"},
		{"no size", &layout.Document{}, "pdf: media size 0 x 0 pt is not a page"},
	}
	for _, tc := range tests {
		_, err := Write(&bytes.Buffer{}, tc.d, doc.Meta{}, faces, DefaultOptions())
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
	if _, err := Write(&bytes.Buffer{}, &layout.Document{}, doc.Meta{}, nil, DefaultOptions()); err == nil || err.Error() != "pdf: no fonts" {
		t.Errorf("nil fonts: err = %v", err)
	}
}

func TestEmptyAndOddDocuments(t *testing.T) {
	faces := testFaces(t)
	d := &layout.Document{
		Geometry: layout.Geometry{MediaWidth: 300, MediaHeight: 400},
		Pages: []*layout.Page{nil, {Items: []layout.Item{
			&layout.Text{X: 10, Y: 20, Face: serif, Size: 10, Text: "emoji 😀 and \x01control"},
			&layout.Text{X: 10, Y: 40, Face: serif, Size: 0, Text: "no size"},
			&layout.Rule{X1: 0, Y1: 0, X2: 10, Y2: 10},
			&layout.Picture{Rect: layout.Rect{W: 0, H: 10}},
		}}},
	}
	var b bytes.Buffer
	warnings, err := Write(&b, d, doc.Meta{}, faces, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	// A character the face lacks (the emoji) is the layout's to report;
	// the painter draws it as the replacement character, silently.
	if len(warnings) != 0 {
		t.Errorf("warnings = %q", coded(warnings))
	}
	b.Reset()
	if _, err := Write(&b, &layout.Document{Geometry: layout.Geometry{MediaWidth: 100, MediaHeight: 100}}, doc.Meta{}, faces, DefaultOptions()); err != nil {
		t.Fatalf("no pages: %v", err)
	}
	if !bytes.Contains(b.Bytes(), []byte("/CreationDate (D:19700101000000Z)")) {
		t.Error("without a build date the epoch should be used")
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := validate.Tool(t, name)
	out, err := exec.Command(cmd[0], append(cmd[1:], args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func samplePDF(t *testing.T) string {
	t.Helper()
	raw, _ := writeSample(t, DefaultOptions())
	path := filepath.Join(t.TempDir(), "sample.pdf")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestQPDFCheck(t *testing.T) { checkQPDF(t, samplePDF(t)) }

// checkQPDF fails the test unless qpdf finds the file's syntax and
// streams sound, without a warning.
func checkQPDF(t *testing.T, path string) {
	t.Helper()
	out := run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(out, "WARNING") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestFontsEmbeddedAndSubset(t *testing.T) {
	out := run(t, "pdffonts", samplePDF(t))
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	names := map[string]bool{}
	for _, l := range lines {
		f := strings.Fields(l)
		// name type... emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded, subset and mapped to Unicode: %s", l)
		}
		names[regexp.MustCompile(`^[A-Z]{6}\+`).ReplaceAllString(f[0], "")] = true
	}
	for _, want := range []string{"NotoSerif-Regular", "NotoSerif-Italic", "NotoSerif-Bold", "NotoSerif-BoldItalic", "NotoSansMono-Regular", "NotoSansMono-Bold"} {
		if !names[want] {
			t.Errorf("pdffonts lacks %s:\n%s", want, out)
		}
	}
	if len(lines) != 6 {
		t.Errorf("%d fonts, want 6 (mono italic shares the regular file):\n%s", len(lines), out)
	}
}

func TestTextExtracts(t *testing.T) {
	out := run(t, "pdftotext", "-layout", samplePDF(t), "-")
	// Every character is drawn once more for gofpdf's subsetting, in a
	// template no page shows; it must not reach any page.
	if n := strings.Count(out, "Рабочая"); n != 1 {
		t.Errorf("%q extracted %d times, want once", "Рабочая", n)
	}
	for _, want := range []string{
		"The Workers’ Opposition",
		"Рабочая оппозиция — Александра Коллонтай, 1921",
		"“Who shall build the communist economy?”",
		"func main() { fmt.Println(\"{}\") }",
		"Map of the Donbass mines",
		"The crisis in our party is not accidental.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, out)
		}
	}
}

func TestBoxesAndMetadata(t *testing.T) {
	path := samplePDF(t)
	out := run(t, "pdfinfo", "-box", "-isodates", path)
	// Compare with runs of spaces folded, pdfinfo aligns its columns.
	fold := func(s string) string { return regexp.MustCompile(` +`).ReplaceAllString(s, " ") }
	for _, want := range []string{
		"Title:           The Workers’ Opposition: A Reader",
		"Subject:         An annotated reader",
		"Keywords:        labour, history, Soviet history",
		"Author:          Alexandra Kollontai",
		"Creator:         samizdat v0.1.0",
		"Producer:        samizdat v0.1.0 (gofpdf 1.16.2)",
		"CreationDate:    2024-03-08T09:30:00Z",
		"ModDate:         2024-03-08T09:30:00Z",
		"Pages:           4",
		"Page size:       504 x 720 pts",
		"MediaBox:           0.00     0.00   504.00   720.00",
		"CropBox:            0.00     0.00   504.00   720.00",
		"BleedBox:          27.00    27.00   477.00   693.00",
		"TrimBox:           36.00    36.00   468.00   684.00",
	} {
		if !strings.Contains(fold(out), fold(want)) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
	var js struct {
		PageLabels []struct {
			Index int            `json:"index"`
			Label map[string]any `json:"label"`
		} `json:"pagelabels"`
		Outlines []struct {
			Title string `json:"title"`
			Page  int    `json:"destpageposfrom1"`
			Kids  []struct {
				Title string `json:"title"`
				Page  int    `json:"destpageposfrom1"`
			} `json:"kids"`
		} `json:"outlines"`
	}
	raw := run(t, "qpdf", "--json", "--json-key=pagelabels", "--json-key=outlines", path)
	if err := json.Unmarshal([]byte(raw), &js); err != nil {
		t.Fatalf("qpdf json: %v", err)
	}
	if len(js.PageLabels) != 2 || js.PageLabels[0].Label["/S"] != "/r" || js.PageLabels[1].Index != 2 || js.PageLabels[1].Label["/S"] != "/D" {
		t.Errorf("page labels: %+v", js.PageLabels)
	}
	if len(js.Outlines) != 3 || js.Outlines[1].Title != "Глава первая: “Chapter One”" || js.Outlines[1].Page != 3 ||
		len(js.Outlines[1].Kids) != 1 || js.Outlines[1].Kids[0].Title != "Notes" || js.Outlines[2].Page != 4 {
		t.Errorf("outline: %+v", js.Outlines)
	}
}

func TestAppendFixed(t *testing.T) {
	for v, want := range map[int64]string{0: "0", 5: "0.05", 50: "0.5", 1234: "12.34", -1230: "-12.3", -7: "-0.07", 72000: "720"} {
		if got := string(appendFixed(nil, v)); got != want {
			t.Errorf("appendFixed(%d) = %q, want %q", v, got, want)
		}
	}
}

// TestPictureFormats paints the formats gofpdf cannot read itself (16-bit
// PNG, WebP, TIFF, BMP) next to those it can, and a GIF.
func TestPictureFormats(t *testing.T) {
	deep := image.NewNRGBA64(image.Rect(0, 0, 30, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 30; x++ {
			deep.Set(x, y, color.NRGBA64{uint16(x * 2000), uint16(y * 3000), 40000, 65535})
		}
	}
	var png16 bytes.Buffer
	if err := png.Encode(&png16, deep); err != nil {
		t.Fatal(err)
	}
	var gifData bytes.Buffer
	if err := gif.Encode(&gifData, gradient(12, 12), nil); err != nil {
		t.Fatal(err)
	}
	webpData, _ := base64.StdEncoding.DecodeString("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	var tiffData, bmpData bytes.Buffer
	scan := image.NewGray16(image.Rect(0, 0, 20, 30)) // a 16-bit grey scan
	for i := range scan.Pix {
		scan.Pix[i] = uint8(i * 7)
	}
	if err := tiff.Encode(&tiffData, scan, &tiff.Options{Compression: tiff.Deflate}); err != nil {
		t.Fatal(err)
	}
	if err := bmp.Encode(&bmpData, gradient(12, 12)); err != nil {
		t.Fatal(err)
	}
	assets := []*doc.Asset{
		{Path: "deep.png", MediaType: "image/png", Data: png16.Bytes()},
		{Path: "anim.gif", MediaType: "image/gif", Data: gifData.Bytes()},
		{Path: "tiny.webp", MediaType: "image/webp", Data: webpData},
		{Path: "no-size.svg", MediaType: "image/svg+xml", Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>`)},
		{Path: "scan.tiff", MediaType: "image/tiff", Data: tiffData.Bytes()},
		{Path: "letter.bmp", MediaType: "image/bmp", Data: bmpData.Bytes()},
		{Path: "broken.tiff", MediaType: "image/tiff", Data: []byte("II*\x00....")},
		{Path: "notes.pdf", MediaType: "", Data: []byte("%PDF-1.7")},
	}
	page := &layout.Page{Label: "1"}
	for i, a := range assets {
		page.Items = append(page.Items, &layout.Picture{Rect: layout.Rect{X: 20, Y: 20 + float64(i)*60, W: 60, H: 40}, Asset: a, Alt: a.Path})
	}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 200, MediaHeight: 400}, Pages: []*layout.Page{page}}
	var b bytes.Buffer
	warnings, err := Write(&b, d, doc.Meta{}, testFaces(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// An SVG that gives no size is drawn at CSS's 300 x 150 px, scaled
	// to its box, as browsers draw it.
	want := []string{
		"[image.undecodable] page 1: picture broken.tiff: cannot decode: TIFF's first directory at byte 774778414, outside its 8 bytes; drawn as a placeholder",
		"[image.undecodable] page 1: picture notes.pdf: unsupported image data (PDF); drawn as a placeholder",
	}
	if got := coded(warnings); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := len(regexp.MustCompile(`/I[0-9a-f]{40} \d+ 0 R`).FindAllString(b.String(), -1)); n != 5 {
		t.Errorf("%d images in the resources, want 5 (16-bit PNG, GIF, WebP, TIFF, BMP)", n)
	}
}

// FuzzWriteStrings feeds arbitrary text to every place a string reaches
// the file (text, bookmark, label, link, metadata) and checks the output
// still reads back object by object.
func FuzzWriteStrings(f *testing.F) {
	f.Add("plain", "Title", "iv", "https://example.org/")
	f.Add("(unbalanced \\ paren", "a) b ( c \\", "A-1", "mailto:x@example.org")
	f.Add("stream\nendstream endobj 1 0 R", ">>\nstream\n", "xx", "http://x/(a)")
	f.Add("Ċ>\r\n\x00\xff😀", "\u010a\u3e0a 12 0 R", "", "")
	f.Fuzz(func(t *testing.T, text, title, label, url string) {
		faces := testFaces(t)
		page := &layout.Page{Label: label, Anchors: []layout.Anchor{{Name: title, Y: 10}}}
		page.Items = []layout.Item{
			&layout.Text{X: 10, Y: 20, Face: serif, Size: 10, Text: text},
			&layout.Text{X: 10, Y: 40, Face: fonts.Face{Family: 7}, Size: 10, Text: text},
			// its first character drawn for the title, as a mirrored bracket
			&layout.Text{X: 10, Y: 60, Face: serif, Size: 10, Text: text, Extra: &layout.TextExtra{Actual: []layout.Actual{{At: 0, End: min(len(text), 1), Text: title}}}},
			// its first character a mark the shaper moves, drawn apart
			&layout.Text{X: 10, Y: 70, Face: serif, Size: 10, Text: text, Extra: &layout.TextExtra{Marks: []layout.Mark{{At: 0, End: min(len(text), 1), Glyph: 5, Dx: 1, Dy: 2}}}},
			&layout.Link{Rect: layout.Rect{X: 10, Y: 10, W: 20, H: 10}, URL: url},
			&layout.Link{Rect: layout.Rect{X: 10, Y: 30, W: 20, H: 10}, Anchor: title},
			&layout.Picture{Rect: layout.Rect{X: 10, Y: 50, W: 50, H: 30}, Alt: text},
		}
		d := &layout.Document{
			Geometry: layout.Geometry{MediaWidth: 200, MediaHeight: 200},
			Pages:    []*layout.Page{page, {Label: label}},
			Outline:  []layout.OutlineEntry{{Title: title, Page: 0}, {Title: text, Page: 1, Level: 1}},
		}
		meta := doc.Meta{Title: title, Subtitle: text, Language: label, Keywords: []string{text, url},
			Creators: []doc.Creator{{Name: title}}, Generator: label}
		var b bytes.Buffer
		if _, err := Write(&b, d, meta, faces, Options{}); err != nil {
			t.Fatalf("Write: %v", err)
		}
		readBack(t, b.Bytes())
	})
}

// A mark the shaper moves is copied where it stands, among its letters,
// and only once: the text holds it invisible (rendering mode 3), and it is
// drawn as its glyph's outline where it is placed.
func TestMarkDrawnApart(t *testing.T) {
	shaped := testFaces(t).Shape(serif, "a", "")
	if len(shaped) != 1 {
		t.Fatalf("a shaped as %d glyphs", len(shaped))
	}
	glyph := uint16(shaped[0].Rune - fonts.GlyphRune(0))
	page := &layout.Page{Label: "1", Items: []layout.Item{
		&layout.Text{X: 20, Y: 40, Face: serif, Size: 12, Text: "bae", Extra: &layout.TextExtra{Marks: []layout.Mark{{At: 1, End: 2, Glyph: glyph, Dx: 3, Dy: 4}}}},
	}}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 200, MediaHeight: 200}, Pages: []*layout.Page{page}}
	var b bytes.Buffer
	if _, err := Write(&b, d, doc.Meta{}, testFaces(t), Options{}); err != nil {
		t.Fatal(err)
	}
	content := string(b.Bytes())
	for _, want := range []string{" 3 Tr [<0061>] TJ 0 Tr", " f\n"} {
		if !strings.Contains(content, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	path := filepath.Join(t.TempDir(), "mark.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(run(t, "pdftotext", path, "-")); got != "bae" {
		t.Errorf("copied as %q, want %q", got, "bae")
	}
}

func TestPlaceholderWrap(t *testing.T) {
	p := &painter{faces: testFaces(t)}
	alt := "A very long description of a picture that cannot possibly fit into the small frame " +
		"Supercalifragilisticexpialidociousnessinessitudes"
	const size, width = 9.0, 80.0
	lines := p.wrap(serifIt, alt, size, width, 3)
	if len(lines) != 3 || !strings.HasSuffix(lines[2], "…") {
		t.Fatalf("lines = %q", lines)
	}
	for _, l := range lines {
		if w := p.faces.Width(serifIt, l) * size; w > width {
			t.Errorf("line %q is %.1f pt wide, more than %g", l, w, width)
		}
	}
	if got := p.wrap(serifIt, "Supercalifragilisticexpialidocious", size, 40, 2); len(got) != 1 || !strings.HasSuffix(got[0], "…") {
		t.Errorf("a word wider than the frame should be cut: %q", got)
	}
	if got := p.wrap(serifIt, "short", size, width, 2); len(got) != 1 || got[0] != "short" {
		t.Errorf("short text: %q", got)
	}
}

// TestWordPositions checks that every word lands where the layout put it:
// runs share text objects and are placed by relative moves, which must add
// up exactly.
func TestWordPositions(t *testing.T) {
	path := samplePDF(t)
	out := run(t, "pdftotext", "-bbox", "-f", "1", "-l", "1", path, "-")
	re := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>`)
	found := map[string][]float64{}
	for _, m := range re.FindAllStringSubmatch(out, -1) {
		var x float64
		if _, err := fmt.Sscan(m[1], &x); err == nil {
			found[html.UnescapeString(m[3])] = append(found[html.UnescapeString(m[3])], x)
		}
	}
	d, _ := sampleDocument(t)
	checked := 0
	for _, it := range d.Pages[0].Items {
		tx, ok := it.(*layout.Text)
		if !ok || tx.Face.Family != fonts.Serif || len(found[tx.Text]) != 1 {
			continue
		}
		if x := found[tx.Text][0]; math.Abs(x-tx.X) > 0.02 {
			t.Errorf("%q at x=%.3f, layout said %.3f", tx.Text, x, tx.X)
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d words checked", checked)
	}
}

// TestMetadataText checks the document information gofpdf writes for
// text it cannot convert itself: characters outside the Basic
// Multilingual Plane and bytes that are not UTF-8.
func TestMetadataText(t *testing.T) {
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 100, MediaHeight: 100}}
	meta := doc.Meta{Title: "Smile 😀", Subtitle: "bad \xff byte", Creators: []doc.Creator{{Name: "Коллонтай"}}}
	warnings, err := Write(io.Discard, d, meta, testFaces(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "[metadata.unembeddable] metadata title: character U+1F600 cannot be carried by the PDF's document information (outside the Basic Multilingual Plane); written as U+FFFD"
	if got := coded(warnings); len(got) != 1 || got[0] != want {
		t.Errorf("warnings = %q", got)
	}
	info := writtenInfo(t, meta)
	for key, want := range map[pdffile.Name]string{
		"Title":   "Smile \uFFFD: bad \uFFFD byte",
		"Subject": "bad \uFFFD byte",
		"Author":  "Коллонтай",
		"Creator": "samizdat",
	} {
		if got := info[key]; got != want {
			t.Errorf("/%s = %q, want %q", key, got, want)
		}
	}
}

// writtenInfo writes an empty document with meta and returns its
// document information as text.
func writtenInfo(t *testing.T, meta doc.Meta) map[pdffile.Name]string {
	t.Helper()
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 100, MediaHeight: 100}}
	var b bytes.Buffer
	if _, err := Write(&b, d, meta, testFaces(t), Options{}); err != nil {
		t.Fatal(err)
	}
	f := readBack(t, b.Bytes())
	info, _ := f.Dict(f.Trailer["Info"])
	out := map[pdffile.Name]string{}
	for k, v := range info {
		s, _ := v.(pdffile.String)
		if len(s.Bytes) < 2 || s.Bytes[0] != 0xFE || s.Bytes[1] != 0xFF || len(s.Bytes)%2 != 0 {
			out[k] = string(s.Bytes) // PDFDocEncoding: ASCII here
			continue
		}
		var r []rune
		for i := 2; i < len(s.Bytes); i += 2 {
			r = append(r, rune(s.Bytes[i])<<8|rune(s.Bytes[i+1]))
		}
		out[k] = string(r)
	}
	return out
}

// TestReleaseItems: a write that lets go of the pages' items as it paints
// them writes the same file, and leaves the pages without items but with
// their labels and anchors.
func TestReleaseItems(t *testing.T) {
	kept, _ := writeSample(t, DefaultOptions())
	d, meta := sampleDocument(t)
	var b bytes.Buffer
	if _, err := Write(&b, d, meta, testFaces(t), Options{Compress: true, ReleaseItems: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), kept) {
		t.Error("releasing items changed the file")
	}
	for i, pg := range d.Pages {
		if len(pg.Items) != 0 || pg.Label == "" {
			t.Errorf("page %d: %d items left, label %q", i+1, len(pg.Items), pg.Label)
		}
	}
	if len(d.Pages[2].Anchors) != 2 {
		t.Error("anchors were released")
	}
}

// TestGofpdfWritesOnce: gofpdf writes its whole file with one Write, which
// borrowed keeps without copying; the file is the one a copy gives.
func TestGofpdfWritesOnce(t *testing.T) {
	document := func() *gofpdf.Fpdf {
		f := gofpdf.New("P", "pt", "A4", "")
		f.SetCompression(false)
		f.SetCreationDate(time.Unix(0, 0))
		f.SetModificationDate(time.Unix(0, 0))
		f.SetFont("Helvetica", "", 10)
		for i := range 200 {
			f.AddPage()
			for y := 20.0; y < 800; y += 12 {
				f.Text(20, y, fmt.Sprintf("page %d, line at %g: some words to fill the page's content stream", i, y))
			}
		}
		return f
	}
	var r borrowed
	if err := document().Output(&r); err != nil {
		t.Fatal(err)
	}
	var copied bytes.Buffer
	if err := document().Output(&copied); err != nil {
		t.Fatal(err)
	}
	if r.calls != 1 {
		t.Fatalf("gofpdf wrote its file in %d parts", r.calls)
	}
	if copied.Len() < 1<<20 || !bytes.Equal(r.b, copied.Bytes()) {
		t.Errorf("borrowed %d bytes, a copy holds %d", len(r.b), copied.Len())
	}
}
