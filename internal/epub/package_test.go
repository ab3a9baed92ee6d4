package epub

import (
	"bytes"
	"compress/flate"
	"image"
	"image/color"
	"image/png"
	"io"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"

	"github.com/samizdat-press/samizdat/internal/cover"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/media"
)

func TestCheckImage(t *testing.T) {
	cases := []struct {
		name, declared string
		data           []byte
		want, err      string
	}{
		{"png", "image/png", pngBytes(1, 1, color.Black), "image/png", ""},
		{"jpeg", "image/jpeg", jpegBytes(), "image/jpeg", ""},
		{"gif", "image/gif", gifBytes(), "image/gif", ""},
		{"webp becomes png", "image/webp", webpBytes(), "image/png", ""},
		{"png declared as jpeg", "image/jpeg", pngBytes(1, 1, color.Black), "image/png", ""},
		{"svg with doctype", "image/svg+xml", []byte(svgImage), "image/svg+xml", ""},
		{"svg with BOM", "", append([]byte("\xef\xbb\xbf"), svgImage...), "image/svg+xml", ""},
		{"svg relying on an entity", "image/svg+xml",
			[]byte(`<!DOCTYPE svg [<!ENTITY e "x">]><svg xmlns="http://www.w3.org/2000/svg"><text>&e;</text></svg>`), "", "is not usable SVG"},
		{"html posing as svg", "image/svg+xml", []byte(`<html xmlns="http://www.w3.org/1999/xhtml"/>`), "", `root element is "html", not svg`},
		{"svg without namespace", "image/svg+xml", []byte(`<svg/>`), "", "not svg"},
		{"broken webp", "image/webp", []byte("RIFF\x00\x00\x00\x00WEBPVP8 junk"), "", "is not a readable WebP image"},
		{"empty", "image/png", nil, "", "has no data"},
		{"tiff, converted when packaged", "", []byte("II*\x00junk"), "image/tiff", ""},
		{"bmp, converted when packaged", "", []byte("BMjunk"), "image/bmp", ""},
		{"heic", "image/heic", []byte("\x00\x00\x00\x18ftypheic"), "", `is not PNG, JPEG, GIF, WebP, TIFF, BMP or SVG (declared "image/heic")`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			mt, data, err := newImageSet(0, 0, nil, nil, 1).checkImage(&doc.Asset{MediaType: c.declared, Data: c.data})
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v; want %q", err, c.err)
				}
				return
			}
			if err != nil || mt != c.want {
				t.Fatalf("checkImage = %q, %v; want %q", mt, err, c.want)
			}
			if mt == "image/svg+xml" && bytes.Contains(data, []byte("DOCTYPE")) {
				t.Errorf("DOCTYPE kept:\n%s", data)
			}
			if c.name == "webp becomes png" {
				if _, err := png.Decode(bytes.NewReader(data)); err != nil {
					t.Errorf("converted WebP is not PNG: %v", err)
				}
			}
		})
	}
}

// TestImagesPackagedOnce: one file per distinct image, named after it,
// whatever the number of uses or Asset values.
func TestImagesPackagedOnce(t *testing.T) {
	data := pngBytes(2, 2, color.White)
	a := &doc.Asset{Path: "img/map.png", MediaType: "image/png", Data: data}
	b := &doc.Asset{Path: "other/map.png", MediaType: "image/png", Data: data}
	c := &doc.Asset{Path: "third/map.png", MediaType: "image/png", Data: pngBytes(3, 3, color.White)}
	_, files, _ := writeEPUB(t, chapterBook([]doc.Block{para(
		&doc.Image{Alt: "1", Asset: a}, &doc.Image{Alt: "2", Asset: a}, &doc.Image{Alt: "3", Asset: b}, &doc.Image{Alt: "4", Asset: c},
	)}), Options{Cover: tinyCover})
	var images []string
	for name := range files {
		if strings.HasPrefix(name, "EPUB/images/") {
			images = append(images, name)
		}
	}
	if len(images) != 3 { // the cover, map.png, map-2.png
		t.Errorf("images = %v; want cover, map and map-2", images)
	}
	if _, ok := files["EPUB/images/map-2.png"]; !ok {
		t.Errorf("second distinct map.png not renamed: %v", images)
	}
}

func TestMetadata(t *testing.T) {
	book := smallBook()
	book.Meta.Subtitle = "Sub"
	book.Meta.Publisher = "Pub"
	book.Meta.Rights = "Public domain"
	book.Meta.Description = "About"
	book.Meta.Subjects = []string{"History", "History", " "}
	book.Meta.Generator = "samizdat v0.3.0"
	book.Meta.Creators = append(book.Meta.Creators,
		doc.Creator{Name: "Ed Itor", Role: "edt", FileAs: "Itor, Ed"}, doc.Creator{Name: "No Role"})
	src := &doc.Entry{ID: "src", Kind: doc.KindSource, Title: []doc.Inline{txt("S")},
		Provenance: &doc.Provenance{Citation: []doc.Inline{txt("Marx, "), &doc.Emph{Content: []doc.Inline{txt("Capital")}}}}}
	src2 := &doc.Entry{ID: "src2", Kind: doc.KindSource, Title: []doc.Inline{txt("S2")},
		Provenance: &doc.Provenance{URL: "https://example.org/s2"}}
	src3 := &doc.Entry{ID: "src3", Kind: doc.KindSource, Title: []doc.Inline{txt("S3")},
		Provenance: &doc.Provenance{Author: "Luxemburg", Title: "Reform or Revolution", Date: "1900"}}
	book.Entries = append(book.Entries, src, src2, src3)
	_, files, warnings := writeEPUB(t, book, Options{Cover: tinyCover})
	opf := files["EPUB/package.opf"]
	for _, w := range []string{
		`<dc:title id="subtitle">Sub</dc:title>`, `<meta refines="#subtitle" property="title-type">subtitle</meta>`,
		`<dc:contributor id="contributor-2">Ed Itor</dc:contributor>`,
		`<meta refines="#contributor-2" property="role" scheme="marc:relators">edt</meta>`,
		`<meta refines="#contributor-2" property="file-as">Itor, Ed</meta>`,
		`<dc:creator id="creator-3">No Role</dc:creator>`, `<meta refines="#creator-3" property="role" scheme="marc:relators">aut</meta>`,
		`<dc:publisher>Pub</dc:publisher>`, `<dc:rights>Public domain</dc:rights>`, `<dc:description>About</dc:description>`,
		`<dc:subject>History</dc:subject>`, `<dc:source>Marx, Capital</dc:source>`,
		`<dc:source>https://example.org/s2</dc:source>`, `<dc:source>Luxemburg, Reform or Revolution, 1900</dc:source>`,
		`<meta name="generator" content="samizdat v0.3.0"/>`,
	} {
		if !strings.Contains(opf, w) {
			t.Errorf("package lacks %s", w)
		}
	}
	if strings.Count(opf, "<dc:subject>") != 1 {
		t.Errorf("subjects not deduplicated:\n%s", opf)
	}
	if len(warnings) != 0 {
		t.Errorf("unexpected warnings: %s", dumpWarnings(warnings))
	}
}

// A library files a book under its principal creators: the authors, or in
// a book without one the creators listed first, editors here, with the
// translator a contributor.
func TestPrincipalCreators(t *testing.T) {
	for _, c := range []struct {
		name     string
		creators []doc.Creator
		want     []string
	}{
		{"editors and a translator", []doc.Creator{{Name: "Ida", Role: "edt"}, {Name: "Eda", Role: "edt"}, {Name: "Tran", Role: "trl"}},
			[]string{`<dc:creator id="creator-1">Ida</dc:creator>`, `<dc:creator id="creator-2">Eda</dc:creator>`, `<dc:contributor id="contributor-3">Tran</dc:contributor>`}},
		{"an author after an editor", []doc.Creator{{Name: "Ida", Role: "edt"}, {Name: "Au", Role: "aut"}},
			[]string{`<dc:contributor id="contributor-1">Ida</dc:contributor>`, `<dc:creator id="creator-2">Au</dc:creator>`}},
		{"a compiler", []doc.Creator{{Name: "Com", Role: "com"}, {Name: "Ill", Role: "ill"}},
			[]string{`<dc:creator id="creator-1">Com</dc:creator>`, `<dc:contributor id="contributor-2">Ill</dc:contributor>`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en", Identifier: "urn:x:1", Modified: testModified, Creators: c.creators}}
			_, files, _ := writeEPUB(t, book, Options{Cover: tinyCover})
			opf := files["EPUB/package.opf"]
			for _, w := range c.want {
				if !strings.Contains(opf, w) {
					t.Errorf("package lacks %s:\n%s", w, opf)
				}
			}
		})
	}
}

// Two editions of a book never share an identifier or a title in a
// library: a named edition's identifier is derived from the book's and its
// name, unless the options give it one, and its title takes the suffix.
func TestEditionIdentifierAndTitle(t *testing.T) {
	opf := func(edition string, opts Options) string {
		book := &doc.Book{Meta: doc.Meta{Title: "T", Language: "en", Identifier: "urn:isbn:9780000000001", Modified: testModified, Edition: edition}}
		opts.Cover = tinyCover
		_, files, _ := writeEPUB(t, book, opts)
		checkPackage(t, files)
		return files["EPUB/package.opf"] + files["EPUB/toc.ncx"]
	}
	plain := opf("", Options{})
	teacher := opf("teacher", Options{TitleSuffix: "(Teacher’s edition)"})
	student := opf("students", Options{})
	isbn := opf("paperback", Options{Identifier: "urn:isbn:9780000000002"})
	for _, c := range []struct {
		name, opf string
		want      []string
	}{
		{"no edition", plain, []string{`<dc:identifier id="pub-id">urn:isbn:9780000000001</dc:identifier>`, `<dc:title id="title">T</dc:title>`}},
		{"teacher", teacher, []string{`<dc:identifier id="pub-id">urn:uuid:`, `<dc:title id="title">T (Teacher’s edition)</dc:title>`,
			`<text>T (Teacher’s edition)</text>`}},
		{"students", student, []string{`<dc:identifier id="pub-id">urn:uuid:`, `<dc:title id="title">T</dc:title>`}},
		{"own ISBN", isbn, []string{`<dc:identifier id="pub-id">urn:isbn:9780000000002</dc:identifier>`}},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.opf, w) {
				t.Errorf("%s: package lacks %s", c.name, w)
			}
		}
	}
	ids := map[string]string{}
	for name, o := range map[string]string{"plain": plain, "teacher": teacher, "students": student, "isbn": isbn} {
		id := o[strings.Index(o, `<dc:identifier`):]
		id = id[:strings.Index(id, "</dc:identifier>")]
		if other, dup := ids[id]; dup {
			t.Errorf("%s and %s share %s", name, other, id)
		}
		ids[id] = name
	}
	if again := opf("teacher", Options{}); !strings.Contains(again, teacher[strings.Index(teacher, "urn:uuid:"):][:45]) {
		t.Error("a named edition's identifier changes from build to build")
	}
}

func TestMetadataFallbacks(t *testing.T) {
	book := &doc.Book{Meta: doc.Meta{File: "book/manifest.yaml", Language: "english please", Date: "May 1921",
		Creators: []doc.Creator{{Name: "X", Role: "author"}}}}
	_, files, warnings := writeEPUB(t, book, Options{Cover: tinyCover})
	checkPackage(t, files)
	opf := files["EPUB/package.opf"]
	for _, w := range []string{
		`<dc:title id="title">Untitled</dc:title>`, `<dc:language>und</dc:language>`,
		`<meta property="dcterms:modified">2000-01-01T00:00:00Z</meta>`, `<dc:identifier id="pub-id">urn:uuid:`,
		`<dc:creator id="creator-1">X</dc:creator>`, // the only creator is the principal one, whatever the role
	} {
		if !strings.Contains(opf, w) {
			t.Errorf("package lacks %s:\n%s", w, opf)
		}
	}
	if strings.Contains(opf, "<dc:date>") {
		t.Error("an invalid date reached the package")
	}
	for _, w := range []string{
		`[metadata.language] book/manifest.yaml: language "english please" is not a BCP 47 tag`,
		"[metadata.modified] book/manifest.yaml: the book has no modification date",
		"[metadata.identifier] book/manifest.yaml: the book has no identifier",
		"[metadata.title] book/manifest.yaml: the book has no title",
		`[metadata.date] book/manifest.yaml: date "May 1921" is not YYYY, YYYY-MM or YYYY-MM-DD`,
		`[metadata.role] book/manifest.yaml: creator "X" has role "author", which is not a MARC relator code`,
	} {
		if !hasWarning(warnings, w) {
			t.Errorf("no warning %q: %s", w, dumpWarnings(warnings))
		}
	}
	// The derived identifier is stable.
	_, again, _ := writeEPUB(t, book, Options{Cover: tinyCover})
	id := between(opf, `<dc:identifier id="pub-id">`, "</dc:identifier>")
	if id == "" || !strings.Contains(again["EPUB/package.opf"], id) {
		t.Errorf("derived identifier %q is not stable", id)
	}
}

func TestAccessibilityMetadata(t *testing.T) {
	img := func(alt string) *doc.Image {
		return &doc.Image{Alt: alt, Asset: &doc.Asset{Path: alt + ".png", Data: pngBytes(1, 1, color.Black)}}
	}
	const claim = "dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA<"
	cases := []struct {
		name             string
		blocks           []doc.Block
		bookLang, chLang string
		want, absent     []string
	}{
		{"text only", []doc.Block{para(txt("x"))}, "", "",
			[]string{"accessModeSufficient\">textual<", "Apart from the cover", claim, "a11y:certifiedBy\">"},
			[]string{"pageBreakMarkers"}},
		{"images with alt", []doc.Block{para(img("a"), img("b"))}, "", "",
			[]string{"accessMode\">visual<", "accessModeSufficient\">textual,visual<", "accessModeSufficient\">textual<",
				"accessibilityFeature\">alternativeText<", "All 3 images, the cover included, have text alternatives.", claim}, nil},
		{"an image without alt", []doc.Block{para(img("a"), img(""))}, "", "",
			[]string{"accessModeSufficient\">textual,visual<", "Besides the cover, whose text alternative gives the title, it has 2 images: 1 with a text alternative and 1 without, which may convey information only visually."},
			[]string{"accessModeSufficient\">textual<", "alternativeText", "conformsTo", "certifiedBy"}},
		{"no image described, the cover apart", []doc.Block{para(img(""), img(""), img(""))}, "", "",
			[]string{"Besides the cover, whose text alternative gives the title, it has 3 images: none with a text alternative and 3 without, which may convey information only visually."},
			[]string{"alternativeText", "conformsTo"}},
		{"one decorative, one without alt", []doc.Block{para(&doc.Image{Decorative: true, Asset: &doc.Asset{Path: "rule.png", Data: pngBytes(1, 1, color.Black)}}, img(""))}, "", "",
			[]string{"it has 2 images: none with a text alternative, 1 marked as decorative (needing none) and 1 without, which may convey information only visually."},
			[]string{"conformsTo"}},
		{"no language", []doc.Block{para(txt("x"))}, "-", "", nil, []string{"conformsTo", "certifiedBy"}},
		{"a chapter of no known language", []doc.Block{para(txt("x"))}, "", "not a tag!", nil, []string{"conformsTo"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			book := chapterBook(c.blocks)
			if c.bookLang == "-" {
				book.Meta.Language = ""
			}
			book.Entries[0].Language = c.chLang
			_, files, _ := writeEPUB(t, book, Options{Cover: tinyCover})
			opf := files["EPUB/package.opf"]
			for _, w := range append(c.want, "accessibilityHazard\">none<", "accessMode\">textual<",
				"accessibilityFeature\">structuralNavigation<", "accessibilityFeature\">tableOfContents<") {
				if !strings.Contains(opf, w) {
					t.Errorf("package lacks %q:\n%s", w, opf)
				}
			}
			for _, a := range c.absent {
				if strings.Contains(opf, a) {
					t.Errorf("package claims %q:\n%s", a, opf)
				}
			}
		})
	}
}

func TestNavigation(t *testing.T) {
	ch := func(id string, blocks ...doc.Block) *doc.Entry {
		return &doc.Entry{ID: id, Title: []doc.Inline{txt("Title " + id)}, Blocks: blocks}
	}
	h := func(level int, id string) *doc.Heading {
		return &doc.Heading{Level: level, ID: id, Content: []doc.Inline{txt("H " + id)}}
	}
	part := &doc.Entry{ID: "p", Kind: doc.KindPart, Title: []doc.Inline{txt("Part")},
		Children: []*doc.Entry{ch("c1", h(2, "a"), h(3, "b"), h(4, "c")), ch("c2")}}
	appendix := &doc.Entry{ID: "app", Kind: doc.KindBackMatter, Title: []doc.Inline{txt("Appendix")}}
	sources := &doc.Entry{ID: "bib", Kind: doc.KindBackMatter, Role: doc.RoleBibliography, Title: []doc.Inline{txt("Quellen")}}
	book := &doc.Book{Meta: doc.Meta{Title: "B", Language: "de", Modified: testModified, Rights: "Alle Rechte"},
		Entries: []*doc.Entry{{ID: "front", Kind: doc.KindFrontMatter, Title: []doc.Inline{txt("Vorwort")}}, part, appendix, sources}}

	for _, c := range []struct {
		depth        int
		want, absent []string
	}{
		{2, []string{"#a\">H a</a>\n<ol>\n<li><a href=\"xhtml/c1.xhtml#b\">H b</a></li>"}, []string{"#c\""}},
		{1, []string{"#a\">H a</a></li>"}, []string{"#b\"", "#c\""}},
		{0, nil, []string{"#a\"", "#b\"", "#c\""}},
		{-1, nil, []string{"#a\"", "#b\"", "#c\""}},
		{9, []string{"#c\">H c</a>"}, nil},
	} {
		_, files, _ := writeEPUB(t, book, Options{Cover: tinyCover, TocDepth: c.depth})
		checkPackage(t, files)
		nav := files["EPUB/nav.xhtml"]
		toc := between(nav, `<nav epub:type="toc"`, "</nav>")
		for _, w := range append(c.want,
			"<li><a href=\"xhtml/p.xhtml\">Part</a>\n<ol>\n<li><a href=\"xhtml/c1.xhtml\">Title c1</a>",
			`<h1 id="toc-title">Inhalt</h1>`) {
			if !strings.Contains(toc, w) {
				t.Errorf("depth %d: contents lack %q:\n%s", c.depth, w, toc)
			}
		}
		for _, a := range c.absent {
			if strings.Contains(toc, a) {
				t.Errorf("depth %d: contents hold %q:\n%s", c.depth, a, toc)
			}
		}
		landmarks := between(nav, `<nav epub:type="landmarks"`, "</nav>")
		for _, w := range []string{
			`<a epub:type="cover" href="xhtml/cover.xhtml">Umschlag</a>`,
			`<a epub:type="toc" href="nav.xhtml#toc">Inhalt</a>`,
			`<a epub:type="bodymatter" href="xhtml/p.xhtml">Beginn</a>`,
			`<a epub:type="backmatter" href="xhtml/app.xhtml">Appendix</a>`,
			`<a epub:type="bibliography" href="xhtml/bib.xhtml">Quellen</a>`,
		} {
			if !strings.Contains(landmarks, w) {
				t.Errorf("landmarks lack %q:\n%s", w, landmarks)
			}
		}
		opf := files["EPUB/package.opf"]
		spine := between(opf, "<spine", "</spine>")
		order := []string{"front-cover", "front-titlepage", "front-copyright", `"nav"`, "x-front", "x-p", "x-c1", "x-c2", "x-app", "x-bib"}
		last := -1
		for _, id := range order {
			i := strings.Index(spine, id)
			if i < last {
				t.Errorf("spine out of order at %s:\n%s", id, spine)
			}
			last = i
		}
		if !strings.Contains(files["EPUB/xhtml/bib.xhtml"], `<section epub:type="bibliography" role="doc-bibliography" class="back"`) {
			t.Errorf("bibliography semantics missing:\n%s", files["EPUB/xhtml/bib.xhtml"])
		}
		if !strings.Contains(files["EPUB/xhtml/p.xhtml"], `<section epub:type="part" role="doc-part" class="part"`) {
			t.Errorf("part semantics missing:\n%s", files["EPUB/xhtml/p.xhtml"])
		}
	}
}

func TestFrontMatter(t *testing.T) {
	book := smallBook()
	book.Meta.Subtitle = "Sub"
	book.Meta.EditionTitle, book.Meta.ShowEditionTitle = "Classroom packet", true
	book.Meta.Publisher = "Pub"
	book.Meta.Creators = append(book.Meta.Creators, doc.Creator{Name: "Ed One", Role: "edt"}, doc.Creator{Name: "Ed Two", Role: "edt"})
	book.Colophon = []doc.Block{para(txt("© 2024")), &doc.Heading{Level: 1, Content: []doc.Inline{txt("Credits")}}}
	_, files, _ := writeEPUB(t, book, Options{})
	tp := files["EPUB/xhtml/titlepage.xhtml"]
	for _, w := range []string{
		`<h1 id="book-title" class="title">Small</h1>`, `<p class="subtitle">Sub</p>`,
		`<p class="creator author">Ann Author</p>`, `<p class="creator edt"><span class="role">Edited by</span> Ed One, Ed Two</p>`,
		`<p class="edition">Classroom packet</p>`, `<p class="publisher">Pub</p>`,
	} {
		if !strings.Contains(tp, w) {
			t.Errorf("title page lacks %q:\n%s", w, tp)
		}
	}
	cp := files["EPUB/xhtml/copyright.xhtml"]
	for _, w := range []string{`<section epub:type="copyright-page"`, `<h1 id="copyright-title" class="copyright-title">Copyright</h1>`,
		`<p>© 2024</p>`, `<h2 id="section">Credits</h2>`} {
		if !strings.Contains(cp, w) {
			t.Errorf("copyright page lacks %q:\n%s", w, cp)
		}
	}
	cover := files["EPUB/xhtml/cover.xhtml"]
	if !strings.Contains(cover, `<img src="../images/cover.png" alt="Small. Sub. Ann Author" role="doc-cover"/>`) {
		t.Errorf("cover page:\n%s", cover)
	}
	img, err := png.Decode(strings.NewReader(files["EPUB/images/cover.png"]))
	if err != nil {
		t.Fatalf("drawn cover: %v", err)
	}
	if b := img.Bounds(); b.Dx() != coverWidth || b.Dy() != coverHeight {
		t.Errorf("cover is %v; want %dx%d", b, coverWidth, coverHeight)
	}
	if !inked(img, image.Rect(coverMargin, 520, coverWidth-coverMargin, 700)) {
		t.Error("no title drawn on the cover")
	}
}

// inked reports whether r holds a pixel of dark ink.
func inked(img image.Image, r image.Rectangle) bool {
	for y := r.Min.Y; y < r.Max.Y; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			if c, _, _, _ := img.At(x, y).RGBA(); c < 0x4000 {
				return true
			}
		}
	}
	return false
}

func TestCoverChoice(t *testing.T) {
	_, files, warnings := writeEPUB(t, smallBook(), Options{Cover: &doc.Asset{Path: "c.jpg", MediaType: "image/jpeg", Data: jpegBytes()}})
	if _, ok := files["EPUB/images/cover.jpg"]; !ok || len(warnings) != 0 {
		t.Errorf("supplied JPEG cover not used (%v)", dumpWarnings(warnings))
	}
	if !strings.Contains(files["EPUB/package.opf"], `<item id="cover-image" href="images/cover.jpg" media-type="image/jpeg" properties="cover-image"/>`) {
		t.Error("cover not declared")
	}
	_, files, warnings = writeEPUB(t, smallBook(), Options{Cover: &doc.Asset{Path: "c.bmp", Data: []byte("BM")}})
	if _, ok := files["EPUB/images/cover.png"]; !ok || !hasWarning(warnings, `[cover.undecodable] c.bmp: cover image "c.bmp" cannot decode: `) {
		t.Errorf("unusable cover not replaced by a drawn one: %s", dumpWarnings(warnings))
	}
}

func TestDrawCoverFits(t *testing.T) {
	long := strings.Repeat("Revolution ", 60) + strings.Repeat("x", 300)
	data, _, err := drawCover(nil, nil, testFonts(t), cover.Book{Title: long, Subtitle: long, Creators: []string{long, "Ed"}})
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Nothing is drawn in the margins.
	if inked(img, image.Rect(0, 260, coverMargin-10, coverHeight-130)) || inked(img, image.Rect(coverWidth-coverMargin+10, 260, coverWidth, coverHeight-130)) {
		t.Error("text runs into the margins")
	}
}

// TestDrawCoverShared: editions built together share a drawn cover when
// its design is the same, and it is the bytes an edition built alone
// draws; a cover that says something else is drawn anew.
func TestDrawCoverShared(t *testing.T) {
	set := testFonts(t)
	book := cover.Book{Title: "The Workers' Opposition", Creators: []string{"Alexandra Kollontai"}}
	alone, _, err := drawCover(nil, nil, set, book)
	if err != nil {
		t.Fatal(err)
	}
	cache := media.NewCache()
	first, firstDeflated, err := drawCover(cache, nil, set, book)
	if err != nil {
		t.Fatal(err)
	}
	second, secondDeflated, err := drawCover(cache, nil, set, book)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, alone) || !bytes.Equal(second, alone) {
		t.Error("a shared cover differs from the one drawn alone")
	}
	if &first[0] != &second[0] || &firstDeflated[0] != &secondDeflated[0] {
		t.Error("the second edition drew or deflated its cover again")
	}
	if inflated, err := io.ReadAll(flate.NewReader(bytes.NewReader(firstDeflated))); err != nil || !bytes.Equal(inflated, alone) {
		t.Errorf("the cover deflated is not the cover drawn (%v)", err)
	}
	book.Edition = "Teacher's edition"
	other, _, err := drawCover(cache, nil, set, book)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other, first) {
		t.Error("a cover naming its edition was given another edition's drawing")
	}
}

func TestEmbedFonts(t *testing.T) {
	_, files, _ := writeEPUB(t, smallBook(), Options{EmbedFonts: true, Cover: tinyCover})
	checkPackage(t, files)
	css := files["EPUB/css/fonts.css"]
	for _, w := range []string{`font-family: "Samizdat Serif";`, `src: url("../fonts/serif-bolditalic.ttf");`,
		`src: url("../fonts/mono-bold.ttf");`, `body { font-family: "Samizdat Serif", serif; }`} {
		if !strings.Contains(css, w) {
			t.Errorf("fonts.css lacks %q:\n%s", w, css)
		}
	}
	if strings.Contains(css, "mono-italic") {
		t.Error("the mono italic, a copy of the regular, was packaged twice")
	}
	opf := files["EPUB/package.opf"]
	if !strings.Contains(opf, `<item id="font-serif-regular" href="fonts/serif-regular.ttf" media-type="font/ttf"/>`) {
		t.Errorf("font not in manifest:\n%s", opf)
	}
	head := between(files["EPUB/xhtml/ch-one.xhtml"], "<head>", "</head>")
	if strings.Index(head, "fonts.css") > strings.Index(head, "epub.css") || !strings.Contains(head, "fonts.css") {
		t.Errorf("fonts.css must come before the book stylesheet:\n%s", head)
	}
}

// The packaged faces hold the glyphs of the characters the book shows, and
// only those: a few kilobytes each instead of the faces' whole files.
func TestEmbeddedFontsAreSubset(t *testing.T) {
	book := smallBook()
	book.Entries[0].Blocks = append(book.Entries[0].Blocks, para(txt("Потёмкин’s “Ἀθῆναι” — naïve")))
	_, files, _ := writeEPUB(t, book, Options{EmbedFonts: true, Cover: tinyCover})
	text := files["EPUB/xhtml/ch-one.xhtml"]
	if !strings.Contains(text, "Потёмкин") {
		t.Fatalf("the chapter lacks its text:\n%s", text)
	}
	whole := testFonts(t).Data(fonts.Face{Family: fonts.Serif, Style: fonts.Regular})
	for _, name := range []string{"serif-regular", "serif-italic", "serif-bold", "mono-regular"} {
		data := files["EPUB/fonts/"+name+".ttf"]
		if len(data)*10 > len(whole) {
			t.Errorf("%s takes %d bytes, the face's whole file %d", name, len(data), len(whole))
		}
		f, err := sfnt.Parse([]byte(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var buf sfnt.Buffer
		for _, r := range "Потёмкин’s “” — naïve Chapter" {
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("%s has no glyph for %q", name, r)
			}
		}
		if g, _ := f.GlyphIndex(&buf, 'Ж'); g != 0 {
			t.Errorf("%s holds Ж, which the book never shows", name)
		}
	}
}

func TestZeroModifiedIsNotNow(t *testing.T) {
	book := smallBook()
	book.Meta.Modified = time.Time{}
	_, files, _ := writeEPUB(t, book, Options{Cover: tinyCover})
	if !strings.Contains(files["EPUB/package.opf"], "2000-01-01T00:00:00Z") {
		t.Error("a book without a date is not stamped with the fixed epoch")
	}
}

func TestRightToLeft(t *testing.T) {
	for lang, rtl := range map[string]bool{"ar": true, "he-IL": true, "fa": true, "ur": true, "en": false, "ru": false, "und": false} {
		book := smallBook()
		book.Meta.Language = lang
		book.Meta.EditionTitle = "Classroom packet"
		_, files, _ := writeEPUB(t, book, Options{Cover: tinyCover})
		spine := strings.Contains(files["EPUB/package.opf"], `page-progression-direction="rtl"`)
		html := strings.Contains(files["EPUB/xhtml/ch-one.xhtml"], `dir="rtl"`)
		if spine != rtl || html != rtl {
			t.Errorf("%s: rtl spine %v, html %v; want %v", lang, spine, html, rtl)
		}
		if !strings.Contains(files["EPUB/package.opf"], `<meta property="schema:bookEdition">Classroom packet</meta>`) {
			t.Errorf("%s: edition not in the metadata", lang)
		}
	}
}

// TestDrawnCoverSaysTheCoverText: given the printed cover's words, the
// drawn cover is that design's front, the edition included, and its text
// alternative names the edition.
func TestDrawnCoverSaysTheCoverText(t *testing.T) {
	t.Parallel()
	text := cover.Book{Title: "Small", Subtitle: "Sub", Edition: "Teacher’s edition", Creators: []string{"Ann Author", "Edited by Ed One, Ed Two"}}
	_, files, _ := writeEPUB(t, smallBook(), Options{CoverText: &text})
	got, err := png.Decode(strings.NewReader(files["EPUB/images/cover.png"]))
	if err != nil {
		t.Fatalf("drawn cover: %v", err)
	}
	want, err := rasterize(cover.Front(text, testFonts(t), coverWidth, coverHeight), testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	plain := text
	plain.Edition = ""
	without, err := rasterize(cover.Front(plain, testFonts(t), coverWidth, coverHeight), testFonts(t))
	if err != nil {
		t.Fatal(err)
	}
	// A cover of more than 256 colours is written with its anti-aliased
	// edges rounded (palettedEdges): within two levels of the design.
	if !sameImage(got, want, 2) {
		t.Error("the drawn cover is not the design's front")
	}
	if sameImage(got, without, 2) {
		t.Error("the drawn cover does not show the edition")
	}
	if c := files["EPUB/xhtml/cover.xhtml"]; !strings.Contains(c, `alt="Small. Sub. Teacher’s edition. Ann Author"`) {
		t.Errorf("cover page:\n%s", c)
	}
}

// sameImage reports whether a and b have the same bounds and no channel
// of any pixel more than tol levels (of 255) apart.
func sameImage(a, b image.Image, tol int) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	if ra, ok := a.(*image.RGBA); ok && tol == 0 {
		if rb, ok := b.(*image.RGBA); ok {
			return bytes.Equal(ra.Pix, rb.Pix)
		}
	}
	far := func(u, v uint32) bool { return max(int(u>>8)-int(v>>8), int(v>>8)-int(u>>8)) > tol }
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) || far(a1, a2) {
				return false
			}
		}
	}
	return true
}

// mapStore is a media.Store in memory.
type mapStore map[string][]byte

func (s mapStore) Get(key string) ([]byte, bool) { data, ok := s[key]; return data, ok }
func (s mapStore) Put(key string, data []byte)   { s[key] = data }

// TestDrawCoverStored: a drawing kept from an earlier build is used, not
// drawn again; an entry damaged or of another format is drawn anew and
// replaced.
func TestDrawCoverStored(t *testing.T) {
	set := testFonts(t)
	book := cover.Book{Title: "The Workers' Opposition", Creators: []string{"Alexandra Kollontai"}}
	alone, _, err := drawCover(nil, nil, set, book)
	if err != nil {
		t.Fatal(err)
	}
	store := mapStore{}
	first, _, err := drawCover(media.NewCache(), store, set, book)
	if err != nil || !bytes.Equal(first, alone) || len(store) != 1 {
		t.Fatalf("first build: err %v, same as alone %v, %d entries stored", err, bytes.Equal(first, alone), len(store))
	}
	var key string
	for k := range store {
		key = k
	}
	// A stored drawing told apart from a new one: another valid PNG.
	var small bytes.Buffer
	if err := png.Encode(&small, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	store[key] = encodeStoredCover(small.Bytes())
	got, _, err := drawCover(media.NewCache(), store, set, book)
	if err != nil || !bytes.Equal(got, small.Bytes()) {
		t.Errorf("the stored drawing was not used (err %v)", err)
	}
	for name, entry := range map[string][]byte{
		"truncated":    encodeStoredCover(small.Bytes())[:60],
		"wrong digest": append(encodeStoredCover(small.Bytes()), 0),
		"other format": bytes.Replace(encodeStoredCover(small.Bytes()), []byte(coverFormat), []byte("samizdat cover 0\n"), 1),
		"not a PNG":    encodeStoredCover([]byte("GIF89a")),
	} {
		store[key] = entry
		got, _, err := drawCover(media.NewCache(), store, set, book)
		if err != nil || !bytes.Equal(got, alone) {
			t.Errorf("%s entry: not drawn anew (err %v)", name, err)
		}
		if !bytes.Equal(store[key], encodeStoredCover(alone)) {
			t.Errorf("%s entry: not replaced", name)
		}
	}
}

// TestNavigationLanguages: a line of the contents in another language than
// the book's says so, and one in the other direction is isolated in its
// own, it and its headings; a line in the book's language is left as it is.
func TestNavigationLanguages(t *testing.T) {
	ar := &doc.Entry{ID: "ar", Language: "ar", Title: []doc.Inline{txt("مقدمة")}, Blocks: []doc.Block{
		&doc.Heading{Level: 2, ID: "h", Content: []doc.Inline{txt("في هذه الدورة ستتعلم:")}}}}
	fr := &doc.Entry{ID: "fr", Language: "fr", Title: []doc.Inline{txt("Introduction")}}
	en := &doc.Entry{ID: "en", Language: "en", Title: []doc.Inline{txt("Preface")}}
	book := &doc.Book{Meta: doc.Meta{Title: "B", Language: "en", Modified: testModified}, Entries: []*doc.Entry{en, ar, fr}}
	_, files, _ := writeEPUB(t, book, Options{Cover: tinyCover, TocDepth: 2})
	checkPackage(t, files)
	toc := between(files["EPUB/nav.xhtml"], `<nav epub:type="toc"`, "</nav>")
	for _, w := range []string{
		`<a href="xhtml/en.xhtml">Preface</a>`,
		`<a href="xhtml/ar.xhtml" lang="ar" xml:lang="ar" dir="rtl">مقدمة</a>`,
		`<a href="xhtml/ar.xhtml#h" lang="ar" xml:lang="ar" dir="rtl">في هذه الدورة ستتعلم:</a>`,
		`<a href="xhtml/fr.xhtml" lang="fr" xml:lang="fr">Introduction</a>`,
	} {
		if !strings.Contains(toc, w) {
			t.Errorf("contents lack %q:\n%s", w, toc)
		}
	}
}
