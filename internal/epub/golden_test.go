package epub

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden pins the markup of a small book: a chapter, the package
// document and the navigation document.
func TestGolden(t *testing.T) {
	_, files, warnings := writeEPUB(t, smallBook(), Options{TocDepth: 2})
	if len(warnings) != 0 {
		t.Errorf("unexpected warnings: %s", dumpWarnings(warnings))
	}
	checkPackage(t, files)
	for member, golden := range map[string]string{
		"EPUB/xhtml/ch-one.xhtml":    "ch-one.xhtml.golden",
		"EPUB/package.opf":           "package.opf.golden",
		"EPUB/nav.xhtml":             "nav.xhtml.golden",
		"EPUB/toc.ncx":               "toc.ncx.golden",
		"EPUB/xhtml/titlepage.xhtml": "titlepage.xhtml.golden",
	} {
		got, ok := files[member]
		if !ok {
			t.Errorf("%s is missing", member)
			continue
		}
		path := filepath.Join("testdata", golden)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal([]byte(got), want) {
			t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", member, path, got, want)
		}
	}
}
