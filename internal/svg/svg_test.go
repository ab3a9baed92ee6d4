package svg

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

// TestGolden parses every SVG in testdata (real exports of Graphviz,
// Inkscape and matplotlib, and exports of draw.io and Mermaid written to
// their structure; see testdata/README.md) and compares the display list
// with testdata/golden/NAME.golden.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.svg")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("only %d test pictures found", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".svg")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := d.Dump()
			filetest.Golden(t, filepath.Join("testdata", "golden", name+".golden"), []byte(got))
		})
	}
}

// TestTreeRenderedTwice: rendering never changes a Tree, so a second
// rendering, or one with other metrics first, draws what Parse draws.
func TestTreeRenderedTwice(t *testing.T) {
	data := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">
<style>.a { fill: red }</style>
<defs><linearGradient id="g"><stop offset="0" stop-color="blue"/><stop offset="1" stop-color="white"/></linearGradient></defs>
<g transform="translate(5 5)"><rect class="a" width="20" height="10"/><use href="#r" x="30"/></g>
<rect id="r" width="10" height="10" fill="url(#g)"/>
<text x="50" y="40" text-anchor="middle">label</text></svg>`)
	want, err := Parse(data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tree, err := ParseTree(data)
	if err != nil {
		t.Fatal(err)
	}
	tree.Render(Options{Metrics: wideMetrics{}})
	for i := range 2 {
		if got := tree.Render(Options{}); !reflect.DeepEqual(got, want) {
			t.Errorf("rendering %d differs from Parse's drawing", i+1)
		}
	}
}

// wideMetrics measures every character at an em.
type wideMetrics struct{}

func (wideMetrics) Width(_ Font, s string) float64 { return float64(len([]rune(s))) }
func (wideMetrics) Ascent(Font) float64            { return 0.8 }
func (wideMetrics) Descent(Font) float64           { return 0.2 }
