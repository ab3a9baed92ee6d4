package svg

import (
	"os"
	"path/filepath"
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
