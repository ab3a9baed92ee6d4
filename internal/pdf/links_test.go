package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// A link wrapped over many lines, and many links to one address, share
// one URI action: the address is written once, however many annotations
// point to it.
func TestLinksShareOneAction(t *testing.T) {
	long := "https://example.org/" + strings.Repeat("abcdefghij", 2000)
	other := "https://example.org/other"
	var pageA, pageB layout.Page
	for i := range 300 {
		y := 20 + float64(i%30)*20
		pageA.Items = append(pageA.Items, &layout.Link{Rect: layout.Rect{X: 10, Y: y, W: 100, H: 10}, URL: long})
		// the same address, a string of its own, as another reference to it gives
		pageB.Items = append(pageB.Items, &layout.Link{Rect: layout.Rect{X: 10, Y: y, W: 100, H: 10}, URL: strings.Clone(long)})
	}
	pageB.Items = append(pageB.Items, &layout.Link{Rect: layout.Rect{X: 10, Y: 700, W: 50, H: 10}, URL: other})
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: 400, MediaHeight: 800}, Pages: []*layout.Page{&pageA, &pageB}}
	var b bytes.Buffer
	if _, err := Write(&b, d, doc.Meta{Title: "Links", Language: "en"}, testFaces(t), Options{}); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(b.Bytes(), []byte(long)); n != 1 {
		t.Errorf("the long address is written %d times, want once", n)
	}
	if b.Len() > len(long)+200_000 {
		t.Errorf("file of %d bytes for a %d-byte address", b.Len(), len(long))
	}
	f := readBack(t, b.Bytes())
	actions := map[pdffile.Ref]string{}
	links := 0
	for _, pg := range pages(t, f) {
		annots, _ := f.Resolve(pg["Annots"]).(pdffile.Array)
		for _, a := range annots {
			annot, _ := f.Dict(a)
			ref, ok := annot["A"].(pdffile.Ref)
			if !ok {
				t.Fatalf("annotation's action %s is not a reference", format(t, annot["A"]))
			}
			action, _ := f.Dict(ref)
			uri, _ := action["URI"].(pdffile.String)
			actions[ref] = string(uri.Bytes)
			links++
		}
	}
	if links != 601 || len(actions) != 2 {
		t.Fatalf("%d annotations pointing to %d actions, want 601 and 2", links, len(actions))
	}
	for _, uri := range actions {
		if uri != long && uri != other {
			t.Errorf("action to %q", clip(uri))
		}
	}
}
