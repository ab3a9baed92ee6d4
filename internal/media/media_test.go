package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// A 1×1 lossless WebP.
const webp1x1 = "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="

func testImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 40), uint8(y * 40), 128, 255})
		}
	}
	return img
}

func encodePNG(t testing.TB, w, h int) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, testImage(w, h)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeJPEG(t testing.TB, w, h int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testImage(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodeGIF(t testing.TB, w, h int) []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, testImage(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func bookFS(t *testing.T) fstest.MapFS {
	webp, err := base64.StdEncoding.DecodeString(webp1x1)
	if err != nil {
		t.Fatal(err)
	}
	return fstest.MapFS{
		"chapters/img/map.png":   {Data: encodePNG(t, 4, 3)},
		"chapters/img/photo.jpg": {Data: encodeJPEG(t, 5, 2)},
		"chapters/a:b.png":       {Data: encodePNG(t, 1, 1)},
		"images/anim.gif":        {Data: encodeGIF(t, 2, 2)},
		"images/small.webp":      {Data: webp},
		"images/plan.svg":        {Data: []byte(`<svg width="2in" height="1in"><script>x()</script><rect width="5" height="5"/></svg>`)},
		"images/broken.svg":      {Data: []byte("<svg><rect width='1' <</svg>")},
		"images/broken.png":      {Data: []byte("\x89PNG\r\n\x1a\nnot really")},
		"images/scan.tiff":       {Data: []byte("II*\x00rest")},
		"images/photo.heic":      {Data: []byte("\x00\x00\x00\x18ftypheic....")},
		"images/jpeg2000.tif":    {Data: handTIFF(0, []tiffEntry{{tag: 259, long: true, v: 34712}})},
		"images/rle.bmp":         {Data: readTestdata(t, "raster/pal8-rle.bmp")},
		"images/notes.txt":       {Data: []byte("hello")},
		"images/private":         {Mode: fs.ModeDir | 0o000},
	}
}

// chapter makes a one-entry book whose paragraph holds the given images.
func chapter(file string, srcs ...string) (*doc.Book, []*doc.Image) {
	var imgs []*doc.Image
	var content []doc.Inline
	for _, s := range srcs {
		img := &doc.Image{Src: s, Alt: "alt " + s}
		imgs = append(imgs, img)
		content = append(content, img)
	}
	para := &doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: file, Line: 7}}, Content: content}
	return &doc.Book{Entries: []*doc.Entry{{ID: "ch", File: file, Blocks: []doc.Block{para}}}}, imgs
}

func TestLoadResolvesAndMeasures(t *testing.T) {
	fsys := bookFS(t)
	book, imgs := chapter("chapters/one.md",
		"img/map.png", "./img/photo.jpg", "../images/anim.gif", "../images/small.webp",
		"../images/plan.svg", "img/map.png?v=2#top", "img%2Fmap.png")
	warnings, err := Load(book, fsys, testOptions)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("err = %v, warnings = %q", err, warnings)
	}
	want := []struct {
		path, mediaType string
		w, h            int
	}{
		{"chapters/img/map.png", PNG, 4, 3},
		{"chapters/img/photo.jpg", JPEG, 5, 2},
		{"images/anim.gif", GIF, 2, 2},
		{"images/small.webp", WebP, 1, 1},
		{"images/plan.svg", SVG, 192, 96},
		{"chapters/img/map.png", PNG, 4, 3},
		{"chapters/img/map.png", PNG, 4, 3},
	}
	for i, w := range want {
		a := imgs[i].Asset
		if a == nil {
			t.Fatalf("%s: no asset", imgs[i].Src)
		}
		if a.Path != w.path || a.MediaType != w.mediaType || a.Width != w.w || a.Height != w.h {
			t.Errorf("%s: got %s %s %dx%d, want %s %s %dx%d", imgs[i].Src,
				a.Path, a.MediaType, a.Width, a.Height, w.path, w.mediaType, w.w, w.h)
		}
	}
	if imgs[0].Asset != imgs[5].Asset || imgs[0].Asset != imgs[6].Asset {
		t.Error("images of one file should share one asset")
	}
	if svg := string(imgs[4].Asset.Data); strings.Contains(svg, "script") || !strings.Contains(svg, `xmlns="http://www.w3.org/2000/svg"`) {
		t.Errorf("SVG asset not cleaned:\n%s", svg)
	}
	// the digest is the file's, as sha256sum gives it, not the cleaned data's
	for _, i := range []int{0, 4} {
		raw, err := fs.ReadFile(fsys, imgs[i].Asset.Path)
		if err != nil {
			t.Fatal(err)
		}
		if sum := sha256.Sum256(raw); imgs[i].Asset.Digest != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: digest %q is not its file's", imgs[i].Asset.Path, imgs[i].Asset.Digest)
		}
	}
}

// A website made from the book with a folder for each page, as MkDocs
// makes it, serves setup/social.md as setup/social/, and its raw HTML
// writes pictures from there: <img src="../../assets/shot.png"> is
// assets/shot.png. A path that names no file in the book from the
// chapter's file (or leaves the book) is read so, when a file is there; one
// that names a file from the chapter's file is not, and one that names
// none either way keeps its warning. A path from the site's root is read
// from the book folder, else from its static folder.
func TestLoadPageFolderPaths(t *testing.T) {
	fsys := bookFS(t)
	fsys["assets/shot.png"] = &fstest.MapFile{Data: encodePNG(t, 3, 2)}
	fsys["chapters/one/local.png"] = &fstest.MapFile{Data: encodePNG(t, 2, 2)}
	fsys["chapters/local.png"] = &fstest.MapFile{Data: encodePNG(t, 1, 1)}
	fsys["static/img/logo.png"] = &fstest.MapFile{Data: encodePNG(t, 4, 4)}
	fsys["static/assets/shot.png"] = &fstest.MapFile{Data: encodePNG(t, 5, 5)}
	checkPicturePaths(t, fsys, testOptions, []picturePath{
		{"setup/social.md", "../../assets/shot.png", "assets/shot.png", ""},
		{"chapters/one.md", "../img/map.png", "chapters/img/map.png", ""},
		{"chapters/one.md", "local.png", "chapters/local.png", ""},
		{"chapters/one.md", "../../../assets/shot.png", "", `chapters/one.md:7: image "../../../assets/shot.png": path leaves the book folder`},
		{"chapters/one.md", "../img/gone.png", "", `chapters/one.md:7: image "../img/gone.png": file img/gone.png not found`},
		{"chapters/index.md", "../../assets/shot.png", "", `chapters/index.md:7: image "../../assets/shot.png": path leaves the book folder`},
		{"chapters/one.md", "/assets/gone.png", "", `chapters/one.md:7: image "/assets/gone.png": file assets/gone.png not found, nor static/assets/gone.png; a placeholder stands in`},
		// Docusaurus's and Hugo's static folder is served at the root
		{"chapters/one.md", "/img/logo.png", "static/img/logo.png", ""},
		{"chapters/one.md", "/assets/shot.png", "assets/shot.png", ""},
		{"chapters/one.md", "img/logo.png", "", `chapters/one.md:7: image "img/logo.png": file chapters/img/logo.png not found`},
	})
}

// picturePath is a picture's source in a chapter file, the file it is
// read from ("" for none) and the start of the one warning it gives.
type picturePath struct{ file, src, want, warning string }

// checkPicturePaths loads each picture as the chapter's only one and
// checks the file read and the warning given.
func checkPicturePaths(t *testing.T, fsys fstest.MapFS, opts Options, cases []picturePath) {
	t.Helper()
	for _, tt := range cases {
		book, imgs := chapter(tt.file, tt.src)
		warnings, err := Load(book, fsys, opts)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if imgs[0].Asset != nil {
			got = imgs[0].Asset.Path
		}
		if got != tt.want {
			t.Errorf("%s in %s: read %q, want %q", tt.src, tt.file, got, tt.want)
		}
		if tt.warning == "" && len(warnings) > 0 || tt.warning != "" && (len(warnings) != 1 || !strings.HasPrefix(warnings[0].Error(), tt.warning)) {
			t.Errorf("%s in %s: warnings %q, want %q", tt.src, tt.file, lines(warnings), tt.warning)
		}
	}
}

// A book of Hugo's content/en names pictures from the site's root, which
// Hugo serves from the site's static/ beside content/: one that neither
// the book folder nor its own static/ holds is read from there, named by
// its path from the book folder, and a missing one's warning names the
// three places looked in. Only a path from the root goes there.
func TestLoadSiteStatic(t *testing.T) {
	fsys := bookFS(t)
	fsys["static/img/logo.png"] = &fstest.MapFile{Data: encodePNG(t, 4, 4)}
	site := fstest.MapFS{
		"img/logo.png":      &fstest.MapFile{Data: encodePNG(t, 6, 6)},
		"images/docs/a.png": &fstest.MapFile{Data: encodePNG(t, 3, 3)},
		"images/docs/b.txt": &fstest.MapFile{Data: []byte("not a picture")},
	}
	opts := testOptions
	opts.SiteStatic, opts.SiteStaticPath = site, "../../static"
	for _, tt := range []struct {
		src, want, warning string
	}{
		{"/images/docs/a.png", "../../static/images/docs/a.png", ""},
		{"/img/logo.png", "static/img/logo.png", ""},
		{"/images/docs/gone.png", "", `chapters/one.md:7: image "/images/docs/gone.png": file images/docs/gone.png not found, nor static/images/docs/gone.png, nor ../../static/images/docs/gone.png; a placeholder stands in`},
		{"/images/docs/b.txt", "", `chapters/one.md:7: image "/images/docs/b.txt": ../../static/images/docs/b.txt: unsupported image type (unknown format)`},
		{"../images/docs/a.png", "", `chapters/one.md:7: image "../images/docs/a.png": file images/docs/a.png not found`},
		{"/../static/images/docs/a.png", "", `chapters/one.md:7: image "/../static/images/docs/a.png": path leaves the book folder`},
	} {
		book, imgs := chapter("chapters/one.md", tt.src)
		warnings, err := Load(book, fsys, opts)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if imgs[0].Asset != nil {
			got = imgs[0].Asset.Path
		}
		if got != tt.want {
			t.Errorf("%s: read %q, want %q", tt.src, got, tt.want)
		}
		if tt.warning == "" && len(warnings) > 0 || tt.warning != "" && (len(warnings) != 1 || !strings.HasPrefix(warnings[0].Error(), tt.warning)) {
			t.Errorf("%s: warnings %q, want %q", tt.src, lines(warnings), tt.warning)
		}
	}
}

// A Carpentries lesson's site serves episodes/fig/ beside every page, so
// its learners' pages name fig/x.svg too: a relative picture not beside
// its chapter is looked for in the page folders, in order; one beside it
// is read there, and a path leaving a page folder is not followed.
func TestLoadPageFolders(t *testing.T) {
	fsys := bookFS(t)
	fsys["episodes/fig/tree.png"] = &fstest.MapFile{Data: encodePNG(t, 3, 2)}
	fsys["learners/fig/own.png"] = &fstest.MapFile{Data: encodePNG(t, 2, 2)}
	fsys["episodes/fig/own.png"] = &fstest.MapFile{Data: encodePNG(t, 1, 1)}
	fsys["secret.png"] = &fstest.MapFile{Data: encodePNG(t, 1, 1)}
	opts := testOptions
	opts.PageFolders = []string{"episodes"}
	checkPicturePaths(t, fsys, opts, []picturePath{
		{"learners/reference.md", "fig/tree.png", "episodes/fig/tree.png", ""},
		{"learners/reference.md", "fig/own.png", "learners/fig/own.png", ""},
		{"episodes/intro.md", "fig/tree.png", "episodes/fig/tree.png", ""},
		{"learners/reference.md", "fig/gone.png", "", `learners/reference.md:7: image "fig/gone.png": file learners/fig/gone.png not found`},
		{"learners/reference.md", "../secret.png", "secret.png", ""},
		{"learners/deep/page.md", "../../secret.png", "secret.png", ""},
	})
	// without page folders the learners' page misses the episodes' figure
	book, imgs := chapter("learners/reference.md", "fig/tree.png")
	if warnings, _ := Load(book, fsys, testOptions); imgs[0].Asset != nil || len(warnings) != 1 {
		t.Errorf("without page folders: read %v, warnings %q", imgs[0].Asset, lines(warnings))
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name, code string
		src        string
		errs       []string
		warnings   []string
	}{
		{name: "missing file", code: "image.missing", src: "img/nothere.png",
			warnings: []string{`chapters/one.md:7: image "img/nothere.png": file chapters/img/nothere.png not found`}},
		{name: "escape", code: "image.path", src: "../../x.png",
			warnings: []string{`chapters/one.md:7: image "../../x.png": path leaves the book folder`}},
		{name: "escape after join", code: "image.path", src: "../images/../../secret.png",
			warnings: []string{`chapters/one.md:7: image "../images/../../secret.png": path leaves the book folder`}},
		{name: "rooted at the book folder", code: "image.missing", src: "/etc/passwd",
			warnings: []string{`chapters/one.md:7: image "/etc/passwd": file etc/passwd not found`}},
		{name: "drive letter", code: "image.path", src: `C:\pictures\x.png`,
			warnings: []string{`chapters/one.md:7: image "C:\\pictures\\x.png": absolute path; give a path relative to the chapter file`}},
		{name: "file URL", code: "image.path", src: "file:///etc/passwd",
			warnings: []string{`chapters/one.md:7: image "file:///etc/passwd": unsupported URL scheme "file": give a path relative to the chapter file`}},
		{name: "unsupported type", code: "image.unsupported", src: "../images/photo.heic",
			warnings: []string{`chapters/one.md:7: image "../images/photo.heic": images/photo.heic: unsupported image type (HEIF/AVIF); use PNG, JPEG, GIF, WebP, TIFF, BMP or SVG; a placeholder stands in`}},
		{name: "not an image", code: "image.unsupported", src: "../images/notes.txt",
			warnings: []string{`chapters/one.md:7: image "../images/notes.txt": images/notes.txt: unsupported image type (unknown format); use PNG, JPEG, GIF, WebP, TIFF, BMP or SVG`}},
		{name: "TIFF compression samizdat cannot decode", code: "image.unsupported", src: "../images/jpeg2000.tif",
			warnings: []string{`chapters/one.md:7: image "../images/jpeg2000.tif": images/jpeg2000.tif: unsupported TIFF: JPEG 2000 compression (34712); save it with no compression, LZW, Deflate, PackBits, JPEG or CCITT Group 4, in grey, RGB or a palette, or as PNG; a placeholder stands in`}},
		{name: "BMP compression x/image cannot decode", code: "image.unsupported", src: "../images/rle.bmp",
			warnings: []string{`chapters/one.md:7: image "../images/rle.bmp": images/rle.bmp: unsupported image type (BMP of 8 bits a pixel with RLE8 compression); save it as PNG; a placeholder stands in`}},
		{name: "broken tiff", code: "image.undecodable", src: "../images/scan.tiff",
			warnings: []string{`chapters/one.md:7: image "../images/scan.tiff": images/scan.tiff cannot be decoded: TIFF's first directory at byte 1953719666, outside its 8 bytes; a placeholder stands in`}},
		{name: "directory", code: "image.unreadable", src: "../images/private",
			errs: []string{`chapters/one.md:7: image "../images/private": cannot read images/private: `}},
		{name: "remote", code: "image.remote", src: "https://example.org/a.png",
			warnings: []string{`chapters/one.md:7: remote image "https://example.org/a.png" not fetched (a build reads no network): save it in the book folder and give its path; a placeholder stands in`}},
		{name: "protocol-relative", code: "image.remote", src: "//cdn.example.org/a.png",
			warnings: []string{`chapters/one.md:7: remote image "//cdn.example.org/a.png" not fetched (a build reads no network): save it in the book folder and give its path; a placeholder stands in`}},
		{name: "malformed svg", code: "image.undecodable", src: "../images/broken.svg",
			warnings: []string{`chapters/one.md:7: image "../images/broken.svg": images/broken.svg cannot be decoded: svg: line 1: `}},
		{name: "broken png", code: "image.undecodable", src: "../images/broken.png",
			warnings: []string{`chapters/one.md:7: image "../images/broken.png": images/broken.png cannot be decoded: `}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			book, imgs := chapter("chapters/one.md", tc.src)
			warnings, err := Load(book, bookFS(t), testOptions)
			errs := diag.FromError(err)
			assertPrefixes(t, "errors", lines(errs), tc.errs)
			assertPrefixes(t, "warnings", lines(warnings), tc.warnings)
			for _, d := range append(errs, warnings...) {
				if d.Code != tc.code {
					t.Errorf("%s: code %q, want %q", d, d.Code, tc.code)
				}
			}
			for _, d := range errs {
				if d.Severity != diag.Error {
					t.Errorf("%s: severity %s, want error", d, d.Severity)
				}
			}
			for _, d := range warnings {
				if d.Severity != diag.Warning {
					t.Errorf("%s: severity %s, want warning", d, d.Severity)
				}
			}
			if imgs[0].Asset != nil {
				t.Errorf("asset set for a failed image: %+v", imgs[0].Asset.Path)
			}
		})
	}
}

func lines(ds []diag.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Error())
	}
	return out
}

func assertPrefixes(t *testing.T, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s = %q, want %q", what, got, want)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("%s[%d] = %q, want prefix %q", what, i, got[i], want[i])
		}
	}
}

// A colon in a file name is not a drive letter or a URL scheme.
func TestColonInFileName(t *testing.T) {
	book, imgs := chapter("chapters/one.md", "a:b.png")
	warnings, err := Load(book, bookFS(t), testOptions)
	if err != nil || len(warnings) > 0 || imgs[0].Asset == nil || imgs[0].Asset.Path != "chapters/a:b.png" {
		t.Fatalf("a:b.png: err = %v, warnings = %q, asset = %+v", err, warnings, imgs[0].Asset)
	}
}

func TestLoadReportsEverything(t *testing.T) {
	fsys := bookFS(t)
	bad := &doc.Image{Src: "missing.png", Alt: "a"}
	note := &doc.Image{Src: "../secret.png", Alt: "a"}
	cell := &doc.Image{Src: "http://example.org/x.png", Alt: "a"}
	fig := &doc.Image{Src: "images/plan.svg"}
	colophon := &doc.Image{Src: "images/anim.gif", Decorative: true}
	inline := &doc.Image{Alt: "a", Asset: &doc.Asset{MediaType: SVG, Data: []byte(`<svg viewBox="0 0 40 20" onload="x()"><rect/></svg>`)}}
	brokenInline := &doc.Image{Alt: "a", Asset: &doc.Asset{MediaType: SVG, Data: []byte(`<svg><`)}}
	book := &doc.Book{
		Entries: []*doc.Entry{{
			ID: "part", Kind: doc.KindPart,
			Children: []*doc.Entry{{
				ID: "ch", File: "ch.md",
				Blocks: []doc.Block{
					&doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 3}}, Content: []doc.Inline{bad, inline}},
					&doc.Table{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 9}},
						Rows: [][]*doc.TableCell{{{Content: []doc.Inline{cell}}}}},
					&doc.Figure{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 12}}, Image: fig},
					&doc.BlockQuote{Blocks: []doc.Block{&doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "ch.md", Line: 15}}, Content: []doc.Inline{brokenInline}}}},
				},
				Notes: []*doc.Note{{ID: "n1", Blocks: []doc.Block{
					&doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "notes.yaml", Line: 4}}, Content: []doc.Inline{note}},
				}}},
			}},
		}},
		Colophon: []doc.Block{&doc.Paragraph{Content: []doc.Inline{colophon}}},
	}
	warnings, err := Load(book, fsys, testOptions)
	if err != nil {
		t.Errorf("err = %v", err)
	}
	assertPrefixes(t, "warnings", lines(warnings), []string{
		`ch.md:3: image "missing.png": file missing.png not found; a placeholder stands in`,
		`ch.md:9: remote image "http://example.org/x.png" not fetched (a build reads no network): save it in the book folder and give its path; a placeholder stands in`,
		`ch.md:12: picture "images/plan.svg" has no description (alt text) for readers who cannot see it; write one, or give one under alt_text: in the manifest ("" if it only decorates)`,
		`ch.md:15: inline image: svg: line 1: `,
		`notes.yaml:4: image "../secret.png": path leaves the book folder; a placeholder stands in`,
	})
	if fig.Asset == nil || colophon.Asset == nil || colophon.Asset.Path != "images/anim.gif" {
		t.Error("figure and colophon images should load")
	}
	if inline.Asset == nil || inline.Asset.Width != 40 || inline.Asset.Height != 20 ||
		bytes.Contains(inline.Asset.Data, []byte("onload")) {
		t.Errorf("inline SVG not cleaned and measured: %+v", inline.Asset)
	}
	if brokenInline.Asset != nil {
		t.Error("an inline SVG that cannot be cleaned should lose its asset")
	}
}

func TestDataURL(t *testing.T) {
	png := encodePNG(t, 3, 2)
	src := "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)
	svg := "data:image/svg+xml,%3Csvg%20width%3D%2210%22%20height%3D%225%22%3E%3C%2Fsvg%3E"
	book, imgs := chapter("one.md", src, svg, src, "data:image/png;base64,@@@")
	warnings, err := Load(book, fstest.MapFS{}, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	assertPrefixes(t, "warnings", lines(warnings), []string{`one.md:7: image "data:image/png;base64,@@@": data URL cannot be decoded: bad base64`})
	a := imgs[0].Asset
	if a == nil || a.MediaType != PNG || a.Width != 3 || a.Height != 2 || !bytes.Equal(a.Data, png) {
		t.Fatalf("png data URL: %+v", a)
	}
	if !strings.HasPrefix(a.Path, DataDir+"/") || !strings.HasSuffix(a.Path, ".png") || len(a.Path) != len(DataDir)+1+16+4 {
		t.Errorf("data URL path = %q", a.Path)
	}
	if imgs[2].Asset != a {
		t.Error("the same data URL should give the same asset")
	}
	if s := imgs[1].Asset; s == nil || s.MediaType != SVG || s.Width != 10 || s.Height != 5 || !strings.HasSuffix(s.Path, ".svg") {
		t.Errorf("svg data URL: %+v", s)
	}
}

func TestLoadFile(t *testing.T) {
	fsys := bookFS(t)
	a, err := LoadFile(fsys, "images/plan.svg", testOptions)
	if err != nil || a.MediaType != SVG || a.Width != 192 {
		t.Fatalf("LoadFile = %+v, %v", a, err)
	}
	tests := []struct{ path, want string }{
		{"images/none.png", `image "images/none.png": file images/none.png not found`},
		{"../cover.png", `image "../cover.png": path leaves the book folder`},
		{"https://example.org/cover.png", `image "https://example.org/cover.png": remote images are not fetched; give a file in the book folder`},
		{"images/broken.svg", `image "images/broken.svg": images/broken.svg cannot be decoded: svg: line 1: `},
		{"images/photo.heic", `image "images/photo.heic": images/photo.heic: unsupported image type (HEIF/AVIF); use PNG, JPEG, GIF, WebP, TIFF, BMP or SVG`},
		{"images/jpeg2000.tif", `image "images/jpeg2000.tif": images/jpeg2000.tif: unsupported TIFF: JPEG 2000 compression (34712)`},
	}
	for _, tc := range tests {
		_, err := LoadFile(fsys, tc.path, testOptions)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("LoadFile(%q) err = %v, want prefix %q", tc.path, err, tc.want)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		data string
		want string
	}{
		{"\x89PNG\r\n\x1a\n....", PNG},
		{"\xff\xd8\xff\xe0", JPEG},
		{"GIF89a", GIF},
		{"RIFF\x00\x00\x00\x00WEBPVP8 ", WebP},
		{"\ufeff<?xml version='1.0'?>\n<!-- c -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" [ <!ENTITY a 'b'> ]>\n<svg/>", SVG},
		{"<svg:svg xmlns:svg='http://www.w3.org/2000/svg'/>", SVG},
		{"<html><svg/></html>", ""},
		{"BM....", BMP},
		{"II*\x00....", TIFF},
		{"MM\x00*....", TIFF},
		{"II+\x00....", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got, _ := Sniff([]byte(tc.data)); got != tc.want {
			t.Errorf("Sniff(%q) = %q, want %q", tc.data, got, tc.want)
		}
	}
}

// testOptions are the default limits.
var testOptions = Options{MaxDecoded: 256 << 20, Setting: "limits.image_memory"}

// TestAltTextFromTheManifest: a description given to a picture file
// outside the text describes every use of it, even of a missing file; an
// empty one marks it decorative; one no picture uses is reported.
func TestAltTextFromTheManifest(t *testing.T) {
	book, imgs := chapter("chapters/one.md", "img/map.png", "./img/map.png", "img/gone.png", "../images/anim.gif", "img/photo.jpg")
	imgs[4].Alt = ""
	opts := testOptions
	manifest := func(line int) doc.Pos { return doc.Pos{File: "manifest.yaml", Line: line} }
	opts.AltText = map[string]AltText{
		"chapters/img/map.png":    {Text: "A map of the Donbass mines", Pos: manifest(4)},
		"chapters/img/gone.png":   {Text: "A lost picture", Pos: manifest(5)},
		"images/anim.gif":         {Text: "", Pos: manifest(6)},
		"images/unused.png":       {Text: "Nothing", Pos: manifest(7)},
		"chapters/img/photo.jpeg": {Text: "A photograph", Pos: manifest(8)},
	}
	warnings, err := Load(book, bookFS(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	assertPrefixes(t, "warnings", lines(warnings), []string{
		`chapters/one.md:7: image "img/gone.png": file chapters/img/gone.png not found; a placeholder stands in`,
		`chapters/one.md:7: picture "img/photo.jpg" has no description (alt text)`,
		`manifest.yaml:8: alt_text: no picture of the book is the file "chapters/img/photo.jpeg" (did you mean "chapters/img/photo.jpg"?)`,
		`manifest.yaml:7: alt_text: no picture of the book is the file "images/unused.png"`,
	})
	for i, want := range []string{"A map of the Donbass mines", "A map of the Donbass mines", "A lost picture", "", ""} {
		if imgs[i].Alt != want {
			t.Errorf("%s: alt %q, want %q", imgs[i].Src, imgs[i].Alt, want)
		}
	}
	if !imgs[3].Decorative || imgs[4].Decorative {
		t.Error("only the picture given an empty description is decorative")
	}
}

// TestDataURLWithoutDescription: a picture given as a data: URL (a
// notebook's output) and no description is named in the warning by its
// type and size, not by a page of base64.
func TestDataURLWithoutDescription(t *testing.T) {
	src := "data:image/png;base64," + base64.StdEncoding.EncodeToString(encodePNG(t, 4, 4))
	img := &doc.Image{Src: src}
	book := &doc.Book{Entries: []*doc.Entry{{ID: "ch", File: "nb.ipynb", Blocks: []doc.Block{
		&doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "nb.ipynb", Line: 7}}, Content: []doc.Inline{img}},
	}}}}
	warnings, err := Load(book, fstest.MapFS{}, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`nb.ipynb:7: picture "data:image/png" (%d bytes of data) has no description (alt text) for readers who cannot see it; write one, or give one under alt_text: in the manifest ("" if it only decorates)`, len(src))
	if got := strings.Join(lines(warnings), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if img.Asset == nil || img.Asset.Width != 4 {
		t.Error("the picture is not loaded")
	}
}

// TestDataURLTooLarge: a data: URL's picture passes the same size checks
// as a file's, and the warning names it by its type and size.
func TestDataURLTooLarge(t *testing.T) {
	src := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pngHeader(60000, 60000, 6, 8))
	img := &doc.Image{Src: src, Alt: "A plot"}
	book := &doc.Book{Entries: []*doc.Entry{{ID: "ch", File: "nb.ipynb", Blocks: []doc.Block{
		&doc.Paragraph{BlockBase: doc.BlockBase{Pos: doc.Pos{File: "nb.ipynb", Line: 9}}, Content: []doc.Inline{img}},
	}}}}
	warnings, err := Load(book, fstest.MapFS{}, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`nb.ipynb:9: image "data:image/png" (%d bytes of data): data URL: 60000 × 60000 pixels would take 13.4 GB decoded, more than limits.image_memory allows (256 MB); a placeholder stands in`, len(src))
	if got := strings.Join(lines(warnings), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if img.Asset != nil {
		t.Error("the picture is loaded")
	}
}
