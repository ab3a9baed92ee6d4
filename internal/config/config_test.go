package config

import (
	"io/fs"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/lang"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// editionsFS has a config file and two editions, the fixture for most tests.
func editionsFS(config string, editions map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"config/samizdat.yaml": file(config)}
	for name, text := range editions {
		fsys["config/editions/"+name+".yaml"] = file(text)
	}
	return fsys
}

func TestDefaultsWithoutConfigFile(t *testing.T) {
	cfg, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, ".")})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Book != "book" || cfg.Out != "dist" || !slices.Equal(cfg.Formats, []string{"epub", "pdf"}) {
		t.Errorf("book/out/formats = %q %q %v", cfg.Book, cfg.Out, cfg.Formats)
	}
	p := cfg.PDF
	if math.Abs(p.PageWidth-419.53) > 0.01 || math.Abs(p.PageHeight-595.28) > 0.01 {
		t.Errorf("a5 = %.2f x %.2f pt", p.PageWidth, p.PageHeight)
	}
	if p.MarginTop != 54 || p.MarginBottom != 57.6 || math.Abs(p.MarginInner-50.4) > 1e-9 || math.Abs(p.MarginOuter-43.2) > 1e-9 {
		t.Errorf("margins = %v %v %v %v", p.MarginTop, p.MarginBottom, p.MarginInner, p.MarginOuter)
	}
	if !p.GutterAuto || p.Gutter != 0 || p.Bleed != 0 || p.FontSize != 10.5 || p.Leading != 1.3 || !p.Hyphenate || p.LineNumberEvery != 5 || !p.RectoChapters {
		t.Errorf("pdf defaults wrong: %+v", p)
	}
	if cfg.Notes.Numbering != "chapter" || cfg.Notes.Placement != "footnotes" || cfg.Citation.Style != "chicago" {
		t.Errorf("notes/citation = %+v %+v", cfg.Notes, cfg.Citation)
	}
	if cfg.EPUB.TOCDepth != 2 || !cfg.EPUB.PageList || !cfg.Annotations {
		t.Errorf("epub = %+v annotations = %v", cfg.EPUB, cfg.Annotations)
	}
	if !cfg.Date.IsZero() || len(cfg.Files) != 0 || cfg.Include == nil || len(cfg.Include) != 0 {
		t.Errorf("date %v files %v include %#v", cfg.Date, cfg.Files, cfg.Include)
	}
	for _, s := range cfg.Settings() {
		if s.Origin != "default" {
			t.Errorf("%s origin = %q, want default", s.Key, s.Origin)
		}
	}
	if got := len(cfg.Settings()); got != len(table) {
		t.Errorf("%d settings, want %d", got, len(table))
	}
}

func TestPrecedence(t *testing.T) {
	fsys := editionsFS(`# base
pdf:
  page_size: a4
  font_size: 11
  bleed: 0.1in
  margin_top: 1in
strict: true
`, map[string]string{"paperback": `edition_title: Paperback
pdf:
  font_size: 12
  bleed: 0.125in
`})
	cfg, err := Load(LoadOptions{
		Files:       FSFiles(fsys, "."),
		Edition:     "paperback",
		Environ:     []string{"HOME=/root", "SAMIZDAT_PDF_BLEED=3mm", "SAMIZDAT_PDF_LEADING=1.5", "SAMIZDAT_REQUIRE_VALIDATORS=1"},
		Flags:       map[string]string{"pdf.leading": "1.6", "out": "build", "pdf.hyphenate": "false"},
		FlagOrigins: map[string]string{"pdf.hyphenate": "flag --set pdf.hyphenate"},
		Set:         []string{"pdf.leading=1.7", "formats=pdf"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"book":           {"book", "default"},
		"strict":         {"true", "config/samizdat.yaml:7"},
		"pdf.page_size":  {"a4", "config/samizdat.yaml:3"},
		"pdf.margin_top": {"1in", "config/samizdat.yaml:6"},
		"pdf.font_size":  {"12", "config/editions/paperback.yaml:3"},
		"edition_title":  {"Paperback", "config/editions/paperback.yaml:1"},
		"pdf.bleed":      {"3mm", "env SAMIZDAT_PDF_BLEED"},
		"pdf.leading":    {"1.7", "flag --set pdf.leading"},
		"out":            {"build", "flag --out"},
		"pdf.hyphenate":  {"false", "flag --set pdf.hyphenate"},
		"formats":        {"[pdf]", "flag --set formats"},
	}
	for _, s := range cfg.Settings() {
		if w, ok := want[s.Key]; ok {
			if s.Value != w[0] || s.Origin != w[1] {
				t.Errorf("%s = %q from %q, want %q from %q", s.Key, s.Value, s.Origin, w[0], w[1])
			}
			delete(want, s.Key)
		}
	}
	if len(want) > 0 {
		t.Errorf("settings missing: %v", want)
	}
	if cfg.PDF.FontSize != 12 || cfg.PDF.Leading != 1.7 || math.Abs(cfg.PDF.Bleed-3*72/25.4) > 1e-9 || cfg.Out != "build" {
		t.Errorf("typed values: %+v out=%q", cfg.PDF, cfg.Out)
	}
	if cfg.Edition != "paperback" || cfg.EditionTitle != "Paperback" {
		t.Errorf("edition %q %q", cfg.Edition, cfg.EditionTitle)
	}
	if !slices.Equal(cfg.Files, []string{"config/samizdat.yaml", "config/editions/paperback.yaml"}) {
		t.Errorf("files = %v", cfg.Files)
	}
	for _, s := range cfg.Settings() {
		if s.Key == "name" && s.Value != `""` {
			t.Errorf("empty name shown as %q, want \"\"", s.Value)
		}
	}
	if cfg.Origin("pdf.bleed") != "env SAMIZDAT_PDF_BLEED" || cfg.Origin("nope") != "" {
		t.Errorf("Origin lookups wrong")
	}
	if file, line, col := cfg.Place("pdf.font_size"); file != "config/editions/paperback.yaml" || line != 3 || col != 14 {
		t.Errorf("pdf.font_size is at %s:%d:%d", file, line, col)
	}
	if file, line, col := cfg.Place("pdf.bleed"); file != "" || line != 0 || col != 0 {
		t.Errorf("a value from the environment is placed at %s:%d:%d", file, line, col)
	}
}

func TestFlagsAndEnvCanClearLists(t *testing.T) {
	fsys := editionsFS("exclude: [answers]\ninclude: [teacher]\n", nil)
	cfg, err := Load(LoadOptions{Files: FSFiles(fsys, "."), Environ: []string{"SAMIZDAT_EXCLUDE="}, Set: []string{"include="}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Exclude) != 0 || len(cfg.Include) != 0 {
		t.Errorf("include %v exclude %v, want both empty", cfg.Include, cfg.Exclude)
	}
}

func TestLoadErrors(t *testing.T) {
	editions := map[string]string{
		"paperback": "edition_title: Paperback\npdf:\n  pagesize: 6x9in\n",
		"reader":    "formats: [epub]\n",
	}
	tests := []struct {
		name   string
		config string
		opts   LoadOptions
		want   []string // each problem as printed, then its code
	}{
		{
			name:   "unknown key in config file",
			config: "book: book\n\npdf:\n  page-size: a4\n",
			want:   []string{`config/samizdat.yaml:4:3: unknown key "pdf.page-size" (did you mean "pdf.page_size"?) [yaml.unknown-key]`},
		},
		{
			name:   "unknown top-level key finds its section",
			config: "page_size: a4\n",
			want:   []string{`config/samizdat.yaml:1:1: unknown key "page_size" (did you mean "pdf.page_size"?) [yaml.unknown-key]`},
		},
		{
			name:   "unknown key without suggestion",
			config: "colour: red\n",
			want:   []string{`config/samizdat.yaml:1:1: unknown key "colour" [yaml.unknown-key]`},
		},
		{
			name: "unknown key in edition",
			opts: LoadOptions{Edition: "paperback"},
			want: []string{`config/editions/paperback.yaml:3:3: unknown key "pdf.pagesize" (did you mean "pdf.page_size"?) [yaml.unknown-key]`},
		},
		{
			name: "unknown key in --set",
			opts: LoadOptions{Set: []string{"pdf.fontsize=12"}},
			want: []string{`flag --set pdf.fontsize: unknown key "pdf.fontsize" (did you mean "pdf.font_size"?) [config.unknown-key]`},
		},
		{
			name: "section in --set",
			opts: LoadOptions{Set: []string{"pdf=a4"}},
			want: []string{`flag --set pdf: "pdf" holds other settings; set one of them, e.g. pdf.page_size [config.unknown-key]`},
		},
		{
			name: "--set without value",
			opts: LoadOptions{Set: []string{"pdf.page_size"}},
			want: []string{`flag --set "pdf.page_size": want key=value, e.g. pdf.page_size=a4 [config.value]`},
		},
		{
			name:   "site address that is no web address",
			config: "markdown:\n  site_url: doc.rust-lang.org/book\n",
			want:   []string{`config/samizdat.yaml:2:13: markdown.site_url: "doc.rust-lang.org/book" is not a web address: give one starting http:// or https:// [config.value]`},
		},
		{
			name:   "site address with a fragment",
			config: "markdown:\n  site_url: https://example.org/book/#top\n",
			want:   []string{`config/samizdat.yaml:2:13: markdown.site_url: "https://example.org/book/#top": give the site's address without a query or fragment [config.value]`},
		},
		{
			name:   "math macros: every bad name and value at once",
			config: "markdown:\n  math_macros:\n    R: '\\mathbb{R}'\n    'a-b': x\n    v: [1, 2]\n",
			want:   []string{`config/samizdat.yaml:3:5: markdown.math_macros: "a-b" is not a command's name: give its letters, such as R for \R; v: want the TeX it stands for, got a list [config.value]`},
		},
		{
			name:   "math macros that are not a mapping",
			config: "markdown:\n  math_macros: x\n",
			want:   []string{`config/samizdat.yaml:2:16: markdown.math_macros: want a mapping of command names to TeX, such as {R: "\\mathbb{R}"}, got a single value [config.value]`},
		},
		{
			name:   "bad length",
			config: "pdf:\n  margin_top: 3furlongs\n",
			want:   []string{`config/samizdat.yaml:2:15: pdf.margin_top: bad length "3furlongs" (use a number with pt, in, mm, cm or pc, e.g. 0.75in) [config.value]`},
		},
		{
			name:   "negative length",
			config: "pdf:\n  margin_outer: -1in\n",
			want:   []string{`config/samizdat.yaml:2:17: pdf.margin_outer: length "-1in" must not be negative [config.value]`},
		},
		{
			name:   "bleed too large",
			config: "pdf:\n  bleed: 1in\n",
			want:   []string{`config/samizdat.yaml:2:10: pdf.bleed: 1in is too large (at most 0.5in) [config.value]`},
		},
		{
			name:   "bad gutter",
			config: "pdf:\n  gutter: wide\n",
			want:   []string{`config/samizdat.yaml:2:11: pdf.gutter: bad value "wide" (use auto or a length such as 0.5in) [config.value]`},
		},
		{
			name:   "gutter too large",
			config: "pdf:\n  gutter: 3in\n",
			want:   []string{`config/samizdat.yaml:2:11: pdf.gutter: 3in is too large (at most 2in) [config.value]`},
		},
		{
			name:   "bad page size",
			config: "book: book\nout: dist\nname: \"\"\nformats: [epub, pdf]\ndate: \"\"\nstrict: false\nedition_title: \"\"\ninclude: []\nexclude: []\nannotations: true\npdf:\n  page_size: b5x\n",
			want:   []string{`config/samizdat.yaml:12:14: pdf.page_size: unknown size "b5x" (use a5, a4, letter, 5.5x8.5in, 6x9in, 7x10in or "W x H") [config.value]`},
		},
		{
			name:   "page size too small",
			config: "pdf:\n  page_size: 1in x 3in\n",
			want:   []string{`config/samizdat.yaml:2:14: pdf.page_size: size "1in x 3in" is too small (each side at least 2in) [config.value]`},
		},
		{
			name:   "bad enumeration",
			config: "notes:\n  numbering: page\n",
			want:   []string{`config/samizdat.yaml:2:14: notes.numbering: unknown value "page" (use chapter or book) [config.value]`},
		},
		{
			name:   "bad citation style",
			config: "citation:\n  style: harvard\n",
			want:   []string{`config/samizdat.yaml:2:10: citation.style: unknown value "harvard" (use chicago, chicago-author-date, mla or apa) [config.value]`},
		},
		{
			name:   "page reference without a page",
			config: "pdf:\n  page_references: see page\n",
			want:   []string{`config/samizdat.yaml:2:20: pdf.page_references: "see page" names no page: use auto, off, or a form holding {page}, such as "(see p. {page})" [config.value]`},
		},
		{
			name:   "bad format",
			config: "formats: [epub, docx]\n",
			want:   []string{`config/samizdat.yaml:1:10: formats: unknown format "docx" (use epub, pdf or html) [config.value]`},
		},
		{
			name:   "no formats",
			config: "formats: []\n",
			want:   []string{`config/samizdat.yaml:1:10: formats: choose at least one of epub, pdf or html [config.value]`},
		},
		{
			name:   "list of lists",
			config: "formats: [[epub]]\n",
			want:   []string{`config/samizdat.yaml:1:11: formats[0]: expected a word, got a list [yaml.type]`},
		},
		{
			name:   "bad date",
			config: "date: 2026-13-01\n",
			want:   []string{`config/samizdat.yaml:1:7: date: bad date "2026-13-01" (use YYYY-MM-DD or RFC 3339, e.g. 2026-03-01T12:00:00Z) [config.value]`},
		},
		{
			name:   "bad bool",
			config: "strict: maybe\n",
			want:   []string{`config/samizdat.yaml:1:9: strict: want true or false, got "maybe" [config.value]`},
		},
		{
			name:   "unknown paper",
			config: "cover:\n  paper: glossy\n",
			want:   []string{`config/samizdat.yaml:2:10: cover.paper: unknown paper "glossy" (use kdp-white or kdp-cream, or the thickness of a page such as 0.0022in) [config.value]`},
		},
		{
			name:   "paper too thick",
			config: "cover:\n  paper: 1mm\n",
			want:   []string{`config/samizdat.yaml:2:10: cover.paper: unknown paper "1mm" (use kdp-white or kdp-cream, or the thickness of a page such as 0.0022in) [config.value]`},
		},
		{
			name:   "number out of range",
			config: "epub:\n  toc_depth: 9\n",
			want:   []string{`config/samizdat.yaml:2:14: epub.toc_depth: 9 is out of range (1 to 6) [config.value]`},
		},
		{
			name:   "not a whole number",
			config: "epub:\n  toc_depth: 2.5\n",
			want:   []string{`config/samizdat.yaml:2:14: epub.toc_depth: want a whole number, got "2.5" [config.value]`},
		},
		{
			name:   "list where a value belongs",
			config: "pdf:\n  page_size: [a4]\n",
			want:   []string{`config/samizdat.yaml:2:14: pdf.page_size: expected a single value, got a list [yaml.type]`},
		},
		{
			name:   "mapping where a value belongs",
			config: "pdf:\n  page_size: {a: 4}\n",
			want:   []string{`config/samizdat.yaml:2:14: pdf.page_size: expected a single value, got a mapping [yaml.type]`},
		},
		{
			name:   "section as a value",
			config: "pdf: a4\n",
			want:   []string{`config/samizdat.yaml:1:6: pdf: expected the pdf settings indented below it, got a single value [yaml.type]`},
		},
		{
			name:   "key given twice",
			config: "out: a\nout: b\n",
			want:   []string{`config/samizdat.yaml:2:1: duplicate key "out" (first on line 1) [yaml.duplicate-key]`},
		},
		{
			name:   "yaml syntax error",
			config: "pdf:\n  page_size: a4\n bleed: [\n",
			want:   []string{`config/samizdat.yaml:2: did not find expected key [yaml.syntax]`},
		},
		{
			name:   "not a mapping",
			config: "- a\n- b\n",
			want:   []string{`config/samizdat.yaml:1:1: expected settings as "key: value" lines, got a list [yaml.type]`},
		},
		{
			name:   "two documents",
			config: "out: a\n---\nout: b\n",
			want:   []string{`config/samizdat.yaml:2:1: only one YAML document is allowed (remove the "---" line and what follows) [yaml.documents]`},
		},
		{
			name: "unknown env var",
			opts: LoadOptions{Environ: []string{"SAMIZDAT_PDF_PAGESIZE=a4"}},
			want: []string{`SAMIZDAT_PDF_PAGESIZE: unknown setting (did you mean "SAMIZDAT_PDF_PAGE_SIZE"?) [config.unknown-env]`},
		},
		{
			name: "bad env value",
			opts: LoadOptions{Environ: []string{"SAMIZDAT_PDF_FONT_SIZE=big"}},
			want: []string{`SAMIZDAT_PDF_FONT_SIZE: want a number, got "big" [config.value]`},
		},
		{
			name: "bad flag value",
			opts: LoadOptions{Flags: map[string]string{"pdf.page_size": "huge"}},
			want: []string{`flag --pdf-page-size: unknown size "huge" (use a5, a4, letter, 5.5x8.5in, 6x9in, 7x10in or "W x H") [config.value]`},
		},
		{
			name: "unknown edition",
			opts: LoadOptions{Edition: "paperbak"},
			want: []string{`unknown edition "paperbak" (available: paperback, reader) [config.edition]`},
		},
		{
			name: "edition name with a path",
			opts: LoadOptions{Edition: "../samizdat"},
			want: []string{`unknown edition "../samizdat" (available: paperback, reader) [config.edition]`},
		},
		{
			name: "missing explicit config file",
			opts: LoadOptions{ConfigFile: "config/other.yaml"},
			want: []string{`config file config/other.yaml does not exist [config.file]`},
		},
		{
			name: "missing config file outside the working folder",
			opts: LoadOptions{ConfigFile: "../samizdat.yaml"},
			want: []string{`config file ../samizdat.yaml does not exist [config.file]`},
		},
		{
			name:   "margins leave no room",
			config: "pdf:\n  page_size: 5.5x8.5in\n  margin_outer: 4in\n",
			want:   []string{`pdf: the side margins leave 0.8in of the 5.5in page width for text (need at least 1in): page_size config/samizdat.yaml:2, margin_inner default, margin_outer config/samizdat.yaml:3, gutter default [config.conflict]`},
		},
		{
			name:   "top and bottom margins leave no room",
			config: "pdf:\n  margin_top: 4in\n  margin_bottom: 4in\n",
			want:   []string{`pdf: the top and bottom margins leave 19.28pt of the 595.28pt page height for text (need at least 1in): page_size default, margin_top config/samizdat.yaml:2, margin_bottom config/samizdat.yaml:3 [config.conflict]`},
		},
		{
			name:   "tag both included and excluded",
			config: "include: [teacher]\n",
			opts:   LoadOptions{Environ: []string{"SAMIZDAT_EXCLUDE=teacher,answers"}},
			want:   []string{`condition "teacher" is both included (config/samizdat.yaml:1) and excluded (env SAMIZDAT_EXCLUDE) [config.conflict]`},
		},
		{
			name:   "bad tag",
			config: "include: [\"teacher notes\"]\n",
			want:   []string{`config/samizdat.yaml:1:10: include: bad tag "teacher notes" (letters, digits, - and _) [config.value]`},
		},
		{
			name:   "name with a folder",
			config: "name: out/book\n",
			want:   []string{`config/samizdat.yaml:1:7: name: "out/book" must be a plain file name without folders or a leading dot [config.value]`},
		},
		{
			name:   "empty book folder",
			config: "book: \"\"\n",
			want:   []string{`config/samizdat.yaml:1:7: book: must not be empty [config.value]`},
		},
		{
			name:   "out is the book folder",
			config: "out: ./book\n",
			want:   []string{`out "./book" is the book folder (config/samizdat.yaml:1); choose another output folder [config.conflict]`},
		},
		{
			name: "bad SOURCE_DATE_EPOCH",
			opts: LoadOptions{Environ: []string{"SOURCE_DATE_EPOCH=yesterday"}},
			want: []string{`SOURCE_DATE_EPOCH: bad value "yesterday" (want whole seconds since 1970-01-01) [config.value]`},
		},
		{
			name:   "missing font file",
			config: "fonts:\n  serif_regular: fonts/Garamond.ttf\n",
			want:   []string{`config/samizdat.yaml:2:18: fonts.serif_regular: font file config/fonts/Garamond.ttf does not exist [config.value]`},
		},
		{
			name: "missing font file from a flag",
			opts: LoadOptions{Set: []string{"fonts.mono_bold=Mono.ttf"}},
			want: []string{`flag --set fonts.mono_bold: font file Mono.ttf does not exist [config.value]`},
		},
		{
			name:   "font file relative to the config file's folder",
			config: "fonts:\n  mono_bold: ../../x.ttf\n",
			want:   []string{`config/samizdat.yaml:2:14: fonts.mono_bold: font file ../x.ttf does not exist [config.value]`},
		},
		{
			name:   "missing fallback fonts, each reported",
			config: "fonts:\n  fallback: [fonts/Hebrew.ttf, fonts/Extra.ttc]\n",
			want: []string{
				`config/samizdat.yaml:2:13: fonts.fallback: font file config/fonts/Hebrew.ttf does not exist [config.value]`,
				`config/samizdat.yaml:2:13: fonts.fallback: font file config/fonts/Extra.ttc does not exist [config.value]`,
			},
		},
		{
			name:   "fallback font that is not a path",
			config: "fonts:\n  fallback:\n    - {a: b}\n",
			want:   []string{`config/samizdat.yaml:3:7: fonts.fallback[0]: expected a word, got a mapping [yaml.type]`},
		},
		{
			name:   "font file that is a folder",
			config: "fonts:\n  mono_bold: editions\n",
			want:   []string{`config/samizdat.yaml:2:14: fonts.mono_bold: config/editions is a folder, not a font file [config.value]`},
		},
		{
			name:   "missing value",
			config: "pdf:\n  font_size:\n",
			want:   []string{`config/samizdat.yaml:2:13: pdf.font_size: missing value [config.value]`},
		},
		{
			name:   "typography of languages",
			config: "typography:\n  languages:\n    fr: {quotes: [\"«»\"], guillemet_space: thin}\n    en_UU: {apostrophe: ʼ}\n    uk: {apostrofe: ʼ}\n",
			want:   []string{`config/samizdat.yaml:3:5: typography.languages: language tag "en_UU": unknown subtag "UU"; uk: unknown key "apostrofe" (did you mean "apostrophe"?) [config.value]`},
		},
		{
			name:   "typography of one language",
			config: "typography:\n  languages:\n    fr: {quotes: [\"«»\"], guillemet_space: thin, space_before: {\"x\": nbsp}}\n",
			want:   []string{`config/samizdat.yaml:3:5: typography.languages: fr.quotes[0]: "«»" should be an opening and a closing mark separated by a space, like "« »"; fr.guillemet_space: unknown space "thin" (want none, nbsp or narrow-nbsp); fr.space_before: "x" is not one of : ; ! ? [config.value]`},
		},
		{
			name: "typography in --set",
			opts: LoadOptions{Set: []string{"typography.languages=fr"}},
			want: []string{`flag --set typography.languages: want a mapping of language tags, such as fr:, got a single value [config.value]`},
		},
		{
			name:   "every problem at once",
			config: "pdf:\n  page_size: b5x\n  leading: tall\ncolour: red\n",
			opts:   LoadOptions{Environ: []string{"SAMIZDAT_FORMAT=pdf"}, Edition: "paperback"},
			want: []string{
				`config/samizdat.yaml:2:14: pdf.page_size: unknown size "b5x" (use a5, a4, letter, 5.5x8.5in, 6x9in, 7x10in or "W x H") [config.value]`,
				`config/samizdat.yaml:3:12: pdf.leading: want a number, got "tall" [config.value]`,
				`config/samizdat.yaml:4:1: unknown key "colour" [yaml.unknown-key]`,
				`config/editions/paperback.yaml:3:3: unknown key "pdf.pagesize" (did you mean "pdf.page_size"?) [yaml.unknown-key]`,
				`SAMIZDAT_FORMAT: unknown setting (did you mean "SAMIZDAT_FORMATS"?) [config.unknown-env]`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := tt.opts
			opts.Files = FSFiles(editionsFS(tt.config, editions), ".")
			_, err := Load(opts)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			var got []string
			for _, d := range diag.FromError(err) {
				got = append(got, d.Error()+" ["+d.Code+"]")
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A language's punctuation can be changed in a file, the environment or a
// flag; the value is shown in one canonical form.
func TestTypographyLanguages(t *testing.T) {
	fsys := editionsFS("typography:\n  languages:\n    FR: {quotes: [\"« »\", \"‹ ›\"], space_before: {\"?\": none}}\n", nil)
	cfg, err := Load(LoadOptions{Files: FSFiles(fsys, "."), Set: []string{"typography.smart_quotes=false"}})
	if err != nil {
		t.Fatal(err)
	}
	fr := cfg.Typography.Languages["fr"]
	if cfg.Typography.SmartQuotes || len(fr.Quotes) != 2 || fr.Quotes[1] != "‹ ›" || fr.SpaceBefore["?"] != "none" {
		t.Errorf("typography %+v", cfg.Typography)
	}
	for _, s := range cfg.Settings() {
		if s.Key == "typography.languages" && s.Value != `{fr: {quotes: ["« »", "‹ ›"], space_before: {"?": none}}}` {
			t.Errorf("shown as %s", s.Value)
		}
	}
	env, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, "."), Environ: []string{`SAMIZDAT_TYPOGRAPHY_LANGUAGES={uk: {apostrophe: ʼ}}`}})
	if err != nil {
		t.Fatal(err)
	}
	if env.Typography.Languages["uk"].Apostrophe != "ʼ" || !env.Typography.SmartQuotes {
		t.Errorf("from the environment: %+v", env.Typography)
	}
}

func TestSourceDateEpoch(t *testing.T) {
	env := []string{"SOURCE_DATE_EPOCH=1767225600"}
	cfg, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, "."), Environ: env})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); !cfg.Date.Equal(want) {
		t.Errorf("date = %v, want %v", cfg.Date, want)
	}
	if o := cfg.Origin("date"); o != "env SOURCE_DATE_EPOCH" {
		t.Errorf("date origin = %q", o)
	}
	// An explicit date wins over SOURCE_DATE_EPOCH.
	cfg, err = Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, "."), Environ: env, Set: []string{"date=2026-03-01T12:30:00+02:00"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 3, 1, 10, 30, 0, 0, time.UTC); !cfg.Date.Equal(want) || cfg.Date.Location() != time.UTC {
		t.Errorf("date = %v, want %v in UTC", cfg.Date, want)
	}
}

func TestFontPaths(t *testing.T) {
	fsys := editionsFS("fonts:\n  serif_regular: fonts/Body.ttf\n", map[string]string{"x": "fonts:\n  serif_bold: fonts/Bold.ttf\n"})
	fsys["config/fonts/Body.ttf"] = file("ttf")
	fsys["config/fonts/Bold.ttf"] = file("ttf")
	fsys["local/Mono.ttf"] = file("ttf")
	fsys["usr/share/fonts/Mono-Bold.ttf"] = file("ttf")
	fsys["config/fonts/Hebrew.ttf"] = file("ttf")
	fsys["local/Extra.ttc"] = file("ttc")
	fsys["config/editions/x.yaml"] = file("fonts:\n  serif_bold: fonts/Bold.ttf\n  fallback:\n    - fonts/Hebrew.ttf\n    - fonts/Bold.ttf\n")
	cfg, err := Load(LoadOptions{Files: FSFiles(fsys, "."), Edition: "x", Set: []string{"fonts.mono_regular=local/Mono.ttf", "fonts.mono_bold=/usr/share/fonts/Mono-Bold.ttf"}})
	if err != nil {
		t.Fatal(err)
	}
	want := FontsConfig{SerifRegular: "config/fonts/Body.ttf", SerifBold: "config/fonts/Bold.ttf", MonoRegular: "local/Mono.ttf", MonoBold: "/usr/share/fonts/Mono-Bold.ttf",
		Fallback: []string{"config/fonts/Hebrew.ttf", "config/fonts/Bold.ttf"}}
	if !reflect.DeepEqual(cfg.Fonts, want) {
		t.Errorf("fonts = %+v\nwant %+v", cfg.Fonts, want)
	}
	// From the command line, a list separated by commas, relative to the
	// working folder.
	cfg, err = Load(LoadOptions{Files: FSFiles(fsys, "."), Set: []string{"fonts.fallback=local/Extra.ttc, local/Mono.ttf"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"local/Extra.ttc", "local/Mono.ttf"}; !slices.Equal(cfg.Fonts.Fallback, want) {
		t.Errorf("fonts = %+v\nwant %+v", cfg.Fonts, want)
	}
}

func TestCustomPageSizeAndLengths(t *testing.T) {
	tests := []struct {
		in   string
		w, h float64
	}{
		{"A4", 595.2756, 841.8898},
		{"letter", 612, 792},
		{"5.5 x 8.5in", 396, 612},
		{"6x9in", 432, 648},
		{"7X10IN", 504, 720},
		{"150mm x 220mm", 425.1969, 623.6220},
		{"6in x 9in", 432, 648},
		{"15cm x 22cm", 425.1969, 623.6220},
		{"400 x 600", 400, 600},
		{"36pc x 54pc", 432, 648},
	}
	for _, tt := range tests {
		w, h, err := parsePageSize(tt.in)
		if err != nil || math.Abs(w-tt.w) > 1e-3 || math.Abs(h-tt.h) > 1e-3 {
			t.Errorf("parsePageSize(%q) = %.4f, %.4f, %v; want %.4f, %.4f", tt.in, w, h, err, tt.w, tt.h)
		}
	}
	for _, bad := range []string{"", "x", "6x", "6in x 9furlongs", "0x1p3 x 9in", "Inf x 9in", "6 x 9 x 12", "-6in x 9in"} {
		if _, _, err := parsePageSize(bad); err == nil {
			t.Errorf("parsePageSize(%q) accepted", bad)
		}
	}
	lengths := map[string]float64{"0": 0, "54": 54, "54pt": 54, "0.75in": 54, ".5in": 36, "25.4mm": 72, "2.54 cm": 72, "1pc": 12, "1IN": 72}
	for in, want := range lengths {
		if got, err := parseLength(in); err != nil || math.Abs(got-want) > 1e-9 {
			t.Errorf("parseLength(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "in", "1 inch", "1e2pt", "NaN", "1,5in", "--1in"} {
		if _, err := parseLength(bad); err == nil {
			t.Errorf("parseLength(%q) accepted", bad)
		}
	}
}

func TestDigest(t *testing.T) {
	load := func(config string, set ...string) string {
		t.Helper()
		cfg, err := Load(LoadOptions{Files: FSFiles(editionsFS(config, nil), "."), Set: set})
		if err != nil {
			t.Fatal(err)
		}
		return cfg.Digest()
	}
	base := load("")
	if len(base) != 64 || strings.Trim(base, "0123456789abcdef") != "" {
		t.Fatalf("digest %q is not hex SHA-256", base)
	}
	if load("") != base {
		t.Error("digest not stable across loads")
	}
	if got := load("pdf:\n  margin_top: 54pt\n  page_size: 148mm x 210mm\n"); got != base {
		t.Error("equivalent spellings of the defaults changed the digest")
	}
	if load("", "out=elsewhere", "book=src", "strict=true", "name=x") != base {
		t.Error("settings that cannot change the output changed the digest")
	}
	if load("", "pdf.tagged=false") != base {
		t.Error("pdf.tagged, which changes nothing a page shows, changed the digest the copyright page prints")
	}
	changed := map[string]bool{base: true}
	for _, set := range []string{"pdf.font_size=11", "pdf.margin_top=1in", "edition_title=Draft", "include=teacher", "date=2026-01-01", "formats=pdf", "fonts.serif_regular="} {
		d := load("", set)
		if set == "fonts.serif_regular=" {
			if d != base {
				t.Errorf("setting a default value (%s) changed the digest", set)
			}
			continue
		}
		if changed[d] {
			t.Errorf("--set %s did not give a new digest", set)
		}
		changed[d] = true
	}
}

// A config file anywhere: its editions and the fonts it names are found
// beside it, and messages name them as the user did.
func TestConfigFileOutsideTheWorkingFolder(t *testing.T) {
	fsys := fstest.MapFS{
		"home/me/book/manifest.yaml":          file("title: T\n"),
		"srv/site/book.yaml":                  file("fonts:\n  serif_regular: fonts/Body.ttf\n"),
		"srv/site/editions/web.yaml":          file("formats: [epub]\npdf:\n  margin_top: x\n"),
		"srv/site/editions/print.yaml":        file("formats: [pdf]\n"),
		"srv/site/fonts/Body.ttf":             file("ttf"),
		"home/me/book/config/samizdat.yaml":   file("strict: true\n"),
		"home/me/book/config/editions/x.yaml": file(""),
	}
	files := FSFiles(fsys, "home/me/book")
	for _, name := range []string{"../../../srv/site/book.yaml", "/srv/site/book.yaml"} {
		cfg, err := Load(LoadOptions{Files: files, ConfigFile: name, Edition: "print"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		dir := strings.TrimSuffix(cleanPath(name), "/book.yaml")
		if want := []string{dir + "/book.yaml", dir + "/editions/print.yaml"}; !slices.Equal(cfg.Files, want) {
			t.Errorf("files = %v, want %v", cfg.Files, want)
		}
		if cfg.Fonts.SerifRegular != dir+"/fonts/Body.ttf" || !slices.Equal(cfg.Formats, []string{"pdf"}) || cfg.Strict {
			t.Errorf("%s: fonts %q formats %v strict %v", name, cfg.Fonts.SerifRegular, cfg.Formats, cfg.Strict)
		}
		names, err := Editions(files, name)
		if err != nil || !slices.Equal(names, []string{"print", "web"}) {
			t.Errorf("%s: editions %v, %v", name, names, err)
		}
	}
	_, err := Load(LoadOptions{Files: files, ConfigFile: "/srv/site/book.yaml", Edition: "web"})
	if err == nil || err.Error() != "/srv/site/editions/web.yaml:3:15: pdf.margin_top: bad length \"x\" (use a number with pt, in, mm, cm or pc, e.g. 0.75in)" {
		t.Errorf("error in an edition elsewhere: %v", err)
	}
	_, err = Load(LoadOptions{Files: files, ConfigFile: "/srv/site/book.yaml", Edition: "x"})
	if err == nil || err.Error() != "unknown edition \"x\" (available: print, web)" {
		t.Errorf("edition beside the working folder's config: %v", err)
	}
}

// Run in a folder holding manifest.yaml, samizdat builds that book, unless
// a layer names the book folder.
func TestBookFolderIsTheWorkingFolder(t *testing.T) {
	fsys := fstest.MapFS{"manifest.yaml": file("title: T\n")}
	cfg, err := Load(LoadOptions{Files: FSFiles(fsys, ".")})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Book != "." || cfg.Out != "dist" || cfg.Origin("book") != "default: the working folder holds manifest.yaml" {
		t.Errorf("book %q from %q, out %q", cfg.Book, cfg.Origin("book"), cfg.Out)
	}
	cfg, err = Load(LoadOptions{Files: FSFiles(fsys, "."), Set: []string{"book=elsewhere"}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Book != "elsewhere" {
		t.Errorf("book %q, want the one set", cfg.Book)
	}
	fsys["manifest.yaml"] = &fstest.MapFile{Mode: fs.ModeDir}
	cfg, err = Load(LoadOptions{Files: FSFiles(fsys, ".")})
	if err != nil || cfg.Book != "book" {
		t.Errorf("a folder named manifest.yaml: book %q, %v", cfg.Book, err)
	}
}

func TestEditions(t *testing.T) {
	fsys := editionsFS("", map[string]string{"b": "", "a": ""})
	fsys["config/editions/notes.txt"] = file("")
	fsys["config/editions/sub/c.yaml"] = file("")
	names, err := Editions(FSFiles(fsys, "."), "")
	if err != nil || !slices.Equal(names, []string{"a", "b"}) {
		t.Errorf("Editions = %v, %v", names, err)
	}
	names, err = Editions(FSFiles(fstest.MapFS{}, "."), "")
	if err != nil || len(names) != 0 {
		t.Errorf("no editions folder: %v, %v", names, err)
	}
	// Editions sit next to whichever config file is named.
	fsys = fstest.MapFS{"site/build.yaml": file(""), "site/editions/web.yaml": file("formats: [epub]\n")}
	cfg, err := Load(LoadOptions{Files: FSFiles(fsys, "."), ConfigFile: "site/build.yaml", Edition: "web"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.Formats, []string{"epub"}) || cfg.Origin("formats") != "site/editions/web.yaml:1" {
		t.Errorf("formats %v from %q", cfg.Formats, cfg.Origin("formats"))
	}
}

// The shipped files must load, and the shipped samizdat.yaml must say
// exactly what the built-in defaults say, or its comments mislead.
func TestShippedConfig(t *testing.T) {
	repo := os.DirFS("../..")
	shipped, err := Load(LoadOptions{Files: FSFiles(repo, ".")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(shipped.Files, []string{"config/samizdat.yaml"}) {
		t.Fatalf("files = %v", shipped.Files)
	}
	defaults, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, ".")})
	if err != nil {
		t.Fatal(err)
	}
	if shipped.Digest() != defaults.Digest() {
		t.Error("config/samizdat.yaml differs from the built-in defaults")
	}
	for i, s := range shipped.Settings() {
		if d := defaults.Settings()[i]; s.Value != d.Value {
			t.Errorf("%s: shipped %q, default %q", s.Key, s.Value, d.Value)
		}
		if s.Origin == "default" {
			t.Errorf("%s is not in config/samizdat.yaml; the sample should show every key", s.Key)
		}
	}

	names, err := Editions(FSFiles(repo, "."), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"course-packet", "large-print", "paperback", "press", "reader", "teacher"}
	if !slices.Equal(names, want) {
		t.Fatalf("editions = %v, want %v", names, want)
	}
	got := map[string]*Config{}
	for _, name := range names {
		cfg, err := Load(LoadOptions{Files: FSFiles(repo, "."), Edition: name})
		if err != nil {
			t.Errorf("edition %s: %v", name, err)
			continue
		}
		if cfg.EditionTitle == "" {
			t.Errorf("edition %s has no edition_title", name)
		}
		got[name] = cfg
	}
	if t.Failed() {
		return
	}
	if c := got["course-packet"].PDF; c.PageWidth != 612 || c.MarginOuter < 1.75*72 || !c.LineNumbers || c.LineNumberEvery != 5 || c.RectoChapters {
		t.Errorf("course-packet pdf = %+v", c)
	}
	if c := got["course-packet"]; !slices.Contains(c.Exclude, "answers") || len(c.Include) != 0 {
		t.Errorf("course-packet include %v exclude %v", c.Include, c.Exclude)
	}
	if c := got["teacher"]; !slices.Contains(c.Include, "teacher") || !slices.Contains(c.Include, "answers") || len(c.Exclude) != 0 {
		t.Errorf("teacher include %v exclude %v", c.Include, c.Exclude)
	}
	// The teacher's edition is the course packet's pages plus more content.
	if a, b := got["teacher"].PDF, got["course-packet"].PDF; a != b {
		t.Errorf("teacher pdf settings differ from the course packet:\n%+v\n%+v", a, b)
	}
	if c := got["paperback"].PDF; c.PageWidth != 432 || c.PageHeight != 648 || !c.GutterAuto || c.Bleed != 0 || c.CropMarks {
		t.Errorf("paperback pdf = %+v", c)
	}
	// The press proof is the paperback's page with bleed and crop marks.
	if c := got["press"].PDF; c.PageWidth != 432 || c.Bleed != 9 || !c.CropMarks {
		t.Errorf("press pdf = %+v", c)
	}
	if c := got["large-print"].PDF; c.FontSize < 16 || c.Leading != 1.45 || (c.PageSize != "a4" && c.PageSize != "letter") {
		t.Errorf("large-print pdf = %+v", c)
	}
	if c := got["reader"]; c.PDF.PageSize != "a5" || !slices.Equal(c.Formats, []string{"epub", "pdf"}) {
		t.Errorf("reader = %v %v", c.PDF.PageSize, c.Formats)
	}
}

// FuzzConfigFile feeds any bytes as the config file: Load must not panic,
// and every problem must name the file or the setting it concerns.
func FuzzConfigFile(f *testing.F) {
	for _, seed := range []string{"", "pdf:\n  page_size: a4\n", "pdf: [", "a: &x [*x]\n", "out: 1\nout: 2\n", "pdf:\n  margin_outer: 4in\n", "include: [a]\nexclude: [a]\n", "\xff\xfe", "fonts:\n  mono_bold: ../../x\n"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{"config/samizdat.yaml": &fstest.MapFile{Data: data}}, ".")})
		if err == nil {
			return
		}
		for line := range strings.SplitSeq(err.Error(), "\n") {
			if !strings.HasPrefix(line, "config/samizdat.yaml") && !strings.HasPrefix(line, "pdf: ") &&
				!strings.HasPrefix(line, "condition ") && !strings.HasPrefix(line, "out ") {
				t.Errorf("problem does not say where: %q", line)
			}
		}
	})
}

func TestDocAndChoices(t *testing.T) {
	if got := Choices("notes.numbering"); !slices.Equal(got, []string{"chapter", "book"}) {
		t.Errorf("notes.numbering: %v", got)
	}
	if got := Choices("strict"); !slices.Equal(got, []string{"true", "false"}) {
		t.Errorf("strict: %v", got)
	}
	if got := Choices("formats"); !slices.Equal(got, []string{"epub", "pdf", "html"}) {
		t.Errorf("formats: %v", got)
	}
	if Choices("pdf.margin_top") != nil || Choices("no.such") != nil {
		t.Error("open values have no choices")
	}
	if Doc("pdf.font_size") != "body type size in points" || Doc("pdf") != "" {
		t.Errorf("doc %q", Doc("pdf.font_size"))
	}
}

// The defaults are parsed once for every Load: a Config that edits a list
// it was given must not change what the next Load starts from.
func TestDefaultsNotSharedBetweenLoads(t *testing.T) {
	first, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, ".")})
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(first.Formats)
	first.Formats[0] = "edited"
	first.Typography.Languages["xx"] = lang.Override{}
	second, err := Load(LoadOptions{Files: FSFiles(fstest.MapFS{}, ".")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(second.Formats, want) {
		t.Errorf("formats after an edited load: %v, want %v", second.Formats, want)
	}
	if _, ok := second.Typography.Languages["xx"]; ok {
		t.Error("a language added to one load's table is in the next one's")
	}
}

// BenchmarkLoad loads the sample's settings and one of its editions, as
// each edition built together does.
func BenchmarkLoad(b *testing.B) {
	files := FSFiles(os.DirFS("../.."), ".")
	for b.Loop() {
		if _, err := Load(LoadOptions{Files: files, Edition: "teacher"}); err != nil {
			b.Fatal(err)
		}
	}
}
