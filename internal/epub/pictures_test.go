package epub

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
)

// TestLargePicturesReduced checks that raster pictures over the pixel
// bound are packaged reduced by the smallest whole factor that brings
// them within it (2400 × 1800 within a megapixel: by 3), in their own format, with their new size
// in the markup, and kept as they are when the bound is 0.
func TestLargePicturesReduced(t *testing.T) {
	photo := image.NewYCbCr(image.Rect(0, 0, 2400, 1800), image.YCbCrSubsampleRatio420)
	for i := range photo.Y {
		photo.Y[i] = uint8(i % 251)
	}
	for i := range photo.Cb {
		photo.Cb[i], photo.Cr[i] = 100, 150
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, photo, nil); err != nil {
		t.Fatal(err)
	}
	shot := &doc.Asset{Path: "img/screen.png", MediaType: media.PNG, Data: pngBytes(2500, 1200, color.RGBA{40, 90, 200, 255}), Width: 2500, Height: 1200}
	pic := &doc.Asset{Path: "img/photo.jpg", MediaType: media.JPEG, Data: jpg.Bytes(), Width: 2400, Height: 1800}
	small := &doc.Asset{Path: "img/icon.png", MediaType: media.PNG, Data: pngBytes(30, 20, color.Black), Width: 30, Height: 20}
	book := func() *doc.Book {
		return chapterBook([]doc.Block{
			&doc.Figure{Image: &doc.Image{Src: "img/screen.png", Alt: "A screenshot", Asset: shot}},
			&doc.Figure{Image: &doc.Image{Src: "img/photo.jpg", Alt: "A photograph", Asset: pic}},
			&doc.Figure{Image: &doc.Image{Src: "img/icon.png", Alt: "An icon", Asset: small}},
		})
	}
	sizes := func(files map[string]string) []string {
		var out []string
		for name, data := range files {
			if !strings.HasPrefix(name, "EPUB/images/") || strings.Contains(name, "cover") {
				continue
			}
			cfg, format, err := image.DecodeConfig(strings.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			out = append(out, name+" "+format+" "+itoa(cfg.Width)+"x"+itoa(cfg.Height))
		}
		sort.Strings(out)
		return out
	}
	cache := media.NewCache()
	_, files, _ := writeEPUB(t, book(), Options{Cover: tinyCover, MaxImagePixels: 1_000_000, Pictures: cache})
	want := []string{
		"EPUB/images/icon.png png 30x20",
		"EPUB/images/photo.jpg jpeg 800x600",
		"EPUB/images/screen.png png 1250x600",
	}
	if got := sizes(files); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("packaged:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	chapter := files["EPUB/xhtml/ch.xhtml"]
	for _, attrs := range []string{`src="../images/photo.jpg" alt="A photograph" width="800" height="600"`, `src="../images/screen.png" alt="A screenshot" width="1250" height="600"`} {
		if !strings.Contains(chapter, attrs) {
			t.Errorf("the chapter lacks <img %s>:\n%s", attrs, regexp.MustCompile(`<img[^>]*>`).FindAllString(chapter, -1))
		}
	}
	// A second edition finds them reduced; a bound of 0 keeps them.
	calls := 0
	cache.Do(media.ReductionKey(media.JPEG, pic.Data, 3, 0), func() any { calls++; return nil })
	if calls != 0 {
		t.Error("the reduced photograph was not cached")
	}
	_, files, _ = writeEPUB(t, book(), Options{Cover: tinyCover})
	want = []string{
		"EPUB/images/icon.png png 30x20",
		"EPUB/images/photo.jpg jpeg 2400x1800",
		"EPUB/images/screen.png png 2500x1200",
	}
	if got := sizes(files); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("kept:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// However many pictures are reduced at once, the archive is the same
	// (small pictures, a small bound: the order is what is tested).
	var blocks []doc.Block
	for i := range 6 {
		a := &doc.Asset{Path: "img/p" + itoa(i) + ".png", MediaType: media.PNG, Data: pngBytes(120+i, 90, color.RGBA{uint8(40 * i), 90, 200, 255}), Width: 120 + i, Height: 90}
		blocks = append(blocks, &doc.Figure{Image: &doc.Image{Src: a.Path, Alt: "A picture", Asset: a}})
	}
	one, _, _ := writeEPUB(t, chapterBook(blocks), Options{Cover: tinyCover, MaxImagePixels: 2000, workers: 1})
	many, _, _ := writeEPUB(t, chapterBook(blocks), Options{Cover: tinyCover, MaxImagePixels: 2000, workers: 8})
	if !bytes.Equal(one, many) {
		t.Error("pictures reduced eight at a time make a different archive from one at a time")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestPictureSizesKept: the size an author gave a picture is kept as CSS,
// the other side following the picture's proportions.
func TestPictureSizesKept(t *testing.T) {
	shot := &doc.Asset{Path: "img/screen.png", MediaType: media.PNG, Data: pngBytes(300, 150, color.White), Width: 300, Height: 150}
	half, _ := doc.ParseLength("50%")
	inch, _ := doc.ParseLength("1in")
	_, files, _ := writeEPUB(t, chapterBook([]doc.Block{
		&doc.Figure{Image: &doc.Image{Src: "img/screen.png", Alt: "Half", Width: half, Asset: shot}},
		&doc.Figure{Image: &doc.Image{Src: "img/screen.png", Alt: "Inch", Height: inch, Asset: shot}},
		&doc.Figure{Image: &doc.Image{Src: "img/screen.png", Alt: "Both", Width: half, Height: inch, Asset: shot}},
		&doc.Figure{Image: &doc.Image{Src: "img/screen.png", Alt: "Own", Asset: shot}},
	}), Options{Cover: tinyCover})
	got := regexp.MustCompile(`<img[^>]*>`).FindAllString(files["EPUB/xhtml/ch.xhtml"], -1)
	want := []string{
		`<img src="../images/screen.png" alt="Half" width="300" height="150" style="width: 50%; height: auto"/>`,
		`<img src="../images/screen.png" alt="Inch" width="300" height="150" style="height: 1in; width: auto"/>`,
		`<img src="../images/screen.png" alt="Both" width="300" height="150" style="width: 50%; height: 1in"/>`,
		`<img src="../images/screen.png" alt="Own" width="300" height="150"/>`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pictures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
