package epub

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

const epubcheckJar = "/usr/bin/epubcheck"

// requireEPUBCheck returns the java binary, or skips the test when
// EPUBCheck is not installed (and fails it when validators are required).
func requireEPUBCheck(t *testing.T) string {
	t.Helper()
	java, err := exec.LookPath("java")
	if err == nil {
		_, err = os.Stat(epubcheckJar)
	}
	if err != nil {
		if os.Getenv("SAMIZDAT_REQUIRE_VALIDATORS") == "1" {
			t.Fatalf("EPUBCheck is required but unavailable: %v", err)
		}
		t.Skipf("EPUBCheck not available: %v", err)
	}
	return java
}

var epubcheckSummary = regexp.MustCompile(`Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?`)

// runEPUBCheck validates data and returns the fatal, error and warning
// counts with EPUBCheck's full output.
func runEPUBCheck(t *testing.T, java string, data []byte) (fatals, errs, warnings int, out string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	raw, _ := exec.Command(java, "-jar", epubcheckJar, file).CombinedOutput() // exit status 1 on errors
	out = string(raw)
	m := epubcheckSummary.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no EPUBCheck summary in its output:\n%s", out)
	}
	fatals, _ = strconv.Atoi(m[1])
	errs, _ = strconv.Atoi(m[2])
	warnings, _ = strconv.Atoi(m[3])
	return fatals, errs, warnings, out
}

// TestEPUBCheck validates books that between them hold every node type,
// parts, every note kind, images of every format, missing and remote
// images, page maps, and hostile strings in every field.
func TestEPUBCheck(t *testing.T) {
	java := requireEPUBCheck(t)
	svgCover := &doc.Asset{Path: "cover.svg", MediaType: "image/svg+xml", Data: []byte(svgImage)}
	cases := []struct {
		name  string
		build func() (*doc.Book, Options)
	}{
		{"rich with page map", func() (*doc.Book, Options) {
			b, pm := richBook(plainStrings)
			return b, Options{PageMap: pm}
		}},
		{"hostile with page map and fonts", func() (*doc.Book, Options) {
			b, pm := richBook(hostileStrings)
			return b, Options{PageMap: pm, EmbedFonts: true}
		}},
		{"hostile, SVG cover, deep contents", func() (*doc.Book, Options) {
			b, _ := richBook(hostileStrings)
			return b, Options{Cover: svgCover, TocDepth: 6}
		}},
		{"rich, PNG cover, no contents headings, own stylesheet", func() (*doc.Book, Options) {
			b, _ := richBook(plainStrings)
			return b, Options{Cover: tinyCover, TocDepth: -1, Stylesheet: []byte("body { color: #111; }\n")}
		}},
		{"empty book", func() (*doc.Book, Options) {
			return &doc.Book{}, Options{Cover: &doc.Asset{Path: "broken.png", Data: []byte("junk")}}
		}},
		{"Russian part without chapters", func() (*doc.Book, Options) {
			part := &doc.Entry{ID: "часть", Kind: doc.KindPart, Title: []doc.Inline{txt("Часть первая")},
				Blocks: []doc.Block{para(txt("Введение."))}}
			b := &doc.Book{Meta: doc.Meta{Title: "Книга", Language: "ru", Modified: testModified,
				Creators: []doc.Creator{{Name: "Автор", Role: "aut"}, {Name: "Редактор", Role: "edt"}}},
				Entries: []*doc.Entry{part}}
			return b, Options{PageMap: &doc.PageMap{Breaks: []doc.PageBreak{{Label: "1", Entry: part, Block: part.Blocks[0], Offset: 3}}}}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			book, opts := c.build()
			data, files, _ := writeEPUB(t, book, opts)
			checkPackage(t, files)
			fatals, errs, warnings, out := runEPUBCheck(t, java, data)
			t.Logf("EPUBCheck: %d fatals, %d errors, %d warnings", fatals, errs, warnings)
			if fatals+errs+warnings > 0 {
				t.Errorf("EPUBCheck reported %d fatals, %d errors, %d warnings:\n%s", fatals, errs, warnings, out)
			}
		})
	}
}
