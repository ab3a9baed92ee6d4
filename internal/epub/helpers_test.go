package epub

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net/url"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/filetest"
	"github.com/samizdat-press/samizdat/internal/xhtml"
)

// tinyCover spares tests that do not look at the cover from drawing one.
var tinyCover = &doc.Asset{Path: "cover.png", MediaType: "image/png", Data: pngBytes(16, 25, color.White)}

// writeEPUB writes book and returns the archive with its members by name.
func writeEPUB(t testing.TB, book *doc.Book, opts Options) ([]byte, map[string]string, []diag.Diagnostic) {
	t.Helper()
	if opts.Fonts == nil {
		opts.Fonts = testFonts(t)
	}
	var buf bytes.Buffer
	warnings, err := Write(&buf, validated(t, book), opts)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes(), filetest.Unzip(t, buf.Bytes()), warnings
}

// validated runs doc.Validate, as the build does before any renderer.
func validated(t testing.TB, book *doc.Book) *doc.Book {
	t.Helper()
	if err := doc.Validate(book); err != nil {
		t.Fatalf("the test book is not a valid tree:\n%v", err)
	}
	return book
}

// checkPackage asserts what must hold of any EPUB we write: the members
// parse as strict XML, IDs are unique NCNames across the book, and every
// internal link and manifest entry points at something that exists.
func checkPackage(t testing.TB, files map[string]string) {
	t.Helper()
	ids := map[string]map[string]bool{} // file -> ids
	type ref struct{ from, target string }
	var refs []ref
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	seenID := map[string]string{}
	for _, name := range names {
		data := files[name]
		ext := path.Ext(name)
		if ext != ".xhtml" && ext != ".opf" && ext != ".ncx" && ext != ".xml" && ext != ".svg" {
			continue
		}
		if err := wellFormed([]byte(data)); err != nil {
			t.Errorf("%s: not well-formed: %v", name, err)
			continue
		}
		if ext != ".xhtml" {
			continue
		}
		ids[name] = map[string]bool{}
		dec := xml.NewDecoder(strings.NewReader(data))
		for {
			tok, err := dec.Token()
			if err != nil {
				break
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			for _, at := range se.Attr {
				switch {
				case at.Name.Local == "id" && at.Name.Space == "":
					if xhtml.NCName(at.Value) != at.Value {
						t.Errorf("%s: id %q is not an NCName", name, at.Value)
					}
					if prev, dup := seenID[at.Value]; dup {
						t.Errorf("%s: id %q already used in %s", name, at.Value, prev)
					}
					seenID[at.Value] = name
					ids[name][at.Value] = true
				case (at.Name.Local == "href" || at.Name.Local == "src") && at.Name.Space == "":
					refs = append(refs, ref{name, at.Value})
				}
			}
		}
	}
	for _, r := range refs {
		u, err := url.Parse(r.target)
		if err != nil {
			t.Errorf("%s: bad reference %q: %v", r.from, r.target, err)
			continue
		}
		if u.Scheme != "" {
			if !map[string]bool{"http": true, "https": true, "mailto": true, "ftp": true}[u.Scheme] {
				t.Errorf("%s: link with scheme %q: %q", r.from, u.Scheme, r.target)
			}
			continue
		}
		target := r.from
		if u.Path != "" {
			target = path.Join(path.Dir(r.from), u.Path)
		}
		if _, ok := files[target]; !ok {
			t.Errorf("%s: reference %q to missing %s", r.from, r.target, target)
			continue
		}
		if u.Fragment != "" && path.Ext(target) == ".xhtml" && !ids[target][u.Fragment] {
			t.Errorf("%s: reference %q to missing ID in %s", r.from, r.target, target)
		}
	}
	opf := files["EPUB/package.opf"]
	var pkg struct {
		Items []struct {
			Href string `xml:"href,attr"`
		} `xml:"manifest>item"`
	}
	if err := xml.Unmarshal([]byte(opf), &pkg); err != nil {
		t.Fatalf("package.opf: %v", err)
	}
	for _, it := range pkg.Items {
		if _, ok := files["EPUB/"+it.Href]; !ok {
			t.Errorf("manifest item %s is missing", it.Href)
		}
	}
	if len(files)-3 != len(pkg.Items) { // mimetype, container.xml and package.opf are not listed
		t.Errorf("archive holds %d files for %d manifest items", len(files), len(pkg.Items))
	}
}

// between returns the text of s from the first start to the next end.
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(s[i+len(start):], end)
	if j < 0 {
		return s[i:]
	}
	return s[i : i+len(start)+j+len(end)]
}

func chapterBook(blocks []doc.Block, notes ...*doc.Note) *doc.Book {
	return &doc.Book{
		Meta: doc.Meta{Title: "T", Language: "en", Identifier: "urn:x:t", Modified: testModified},
		Entries: []*doc.Entry{{ID: "ch", Kind: doc.KindChapter, Title: []doc.Inline{txt("Chapter")},
			Blocks: blocks, Notes: notes}},
	}
}

// hasWarning reports whether a warning, shown as "[code] file:line:
// message", contains sub.
func hasWarning(warnings []diag.Diagnostic, sub string) bool {
	for _, w := range warnings {
		if w.Severity == diag.Warning && strings.Contains(coded(w), sub) {
			return true
		}
	}
	return false
}

func coded(d diag.Diagnostic) string { return "[" + d.Code + "] " + d.Error() }

func dumpWarnings(warnings []diag.Diagnostic) string {
	var lines []string
	for _, w := range warnings {
		lines = append(lines, coded(w))
	}
	return fmt.Sprintf("%d warnings:\n  %s", len(warnings), strings.Join(lines, "\n  "))
}

// noisePNG is a w × h PNG of random opaque pixels, which no deflating
// shrinks much.
func noisePNG(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.Uint32())
		if i%4 == 3 {
			img.Pix[i] = 0xff
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}
