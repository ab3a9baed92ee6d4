package epub

import (
	"path/filepath"
	"testing"

	"github.com/samizdat-press/samizdat/internal/filetest"
)

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
		filetest.Golden(t, filepath.Join("testdata", golden), []byte(got))
	}
}
