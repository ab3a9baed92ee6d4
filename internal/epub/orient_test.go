package epub

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
)

// quadrantPicture is a picture of w × h pixels whose quarters are red,
// green, blue and white.
func quadrantPicture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	quads := [2][2]color.RGBA{{{230, 20, 20, 255}, {20, 200, 20, 255}}, {{20, 20, 230, 255}, {250, 250, 250, 255}}}
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, quads[2*y/h][2*x/w])
		}
	}
	return img
}

// exifOrientation is Exif data, a little-endian TIFF structure, whose one
// entry is the orientation o.
func exifOrientation(o int) []byte {
	tiff := []byte("II*\x00\x08\x00\x00\x00\x01\x00\x12\x01\x03\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")
	tiff[18] = byte(o)
	return tiff
}

// orientedJPEG is quadrantPicture as a JPEG with an APP1 Exif segment of
// orientation o.
func orientedJPEG(t *testing.T, w, h, o int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, quadrantPicture(w, h), &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	seg := append([]byte("Exif\x00\x00"), exifOrientation(o)...)
	out := append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0, byte(len(seg) + 2)}, seg...)
	return append(out, b.Bytes()[2:]...)
}

// orientedPNG is quadrantPicture as a PNG with an eXIf chunk of
// orientation o after its header.
func orientedPNG(t *testing.T, w, h, o int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, quadrantPicture(w, h)); err != nil {
		t.Fatal(err)
	}
	body := exifOrientation(o)
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(body)))
	chunk = append(append(chunk, "eXIf"...), body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(chunk[4:]))
	data := b.Bytes()
	return append(append(append([]byte{}, data[:33]...), chunk...), data[33:]...)
}

// A photograph with an Exif orientation is packaged upright, with none,
// for reading systems that ignore Exif, and its <img> gets the width and
// height it is shown at: turned on its own when it is small enough, as
// it is reduced when it is not. One whose orientation is 1 keeps its
// bytes.
func TestOrientedPicturesPackagedUpright(t *testing.T) {
	fsys := fstest.MapFS{
		"small6.jpg":  {Data: orientedJPEG(t, 48, 32, 6)},
		"large8.jpg":  {Data: orientedJPEG(t, 96, 64, 8)},
		"small3.png":  {Data: orientedPNG(t, 48, 32, 3)},
		"upright.jpg": {Data: orientedJPEG(t, 48, 32, 1)},
	}
	var blocks []doc.Block
	assets := map[string]*doc.Asset{}
	for _, name := range []string{"small6.jpg", "large8.jpg", "small3.png", "upright.jpg"} {
		a, err := media.LoadFile(fsys, name, media.Options{MaxDecoded: 1 << 20})
		if err != nil {
			t.Fatal(err)
		}
		assets[name] = a
		blocks = append(blocks, &doc.Figure{Image: &doc.Image{Src: name, Alt: name, Asset: a}})
	}
	// 2000 pixels at most: the large one is reduced by 2
	_, files, warnings := writeEPUB(t, chapterBook(blocks), Options{Cover: tinyCover, MaxImagePixels: 2000, Pictures: media.NewCache()})
	if len(warnings) > 0 {
		t.Errorf("warnings %v", warnings)
	}
	got := regexp.MustCompile(`<img[^>]*>`).FindAllString(files["EPUB/xhtml/ch.xhtml"], -1)
	want := []string{
		`<img src="../images/small6.jpg" alt="small6.jpg" width="32" height="48"/>`,
		`<img src="../images/large8.jpg" alt="large8.jpg" width="32" height="48"/>`,
		`<img src="../images/small3.png" alt="small3.png" width="48" height="32"/>`,
		`<img src="../images/upright.jpg" alt="upright.jpg" width="48" height="32"/>`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pictures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// which stored quarter each corner shows (top left, top right,
	// bottom left, bottom right; R, G, B, W stored in that order)
	for name, corners := range map[string]string{"small6.jpg": "BRWG", "large8.jpg": "GWRB", "small3.png": "WBGR", "upright.jpg": "RGBW"} {
		data := []byte(files["EPUB/images/"+name])
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c := quarters(img); c != corners {
			t.Errorf("%s: corners %s, want %s", name, c, corners)
		}
		if name == "upright.jpg" {
			if !bytes.Equal(data, assets[name].Data) {
				t.Errorf("%s: an upright picture was encoded again", name)
			}
		} else if media.Orientation(media.JPEG, data) != 1 || media.Orientation(media.PNG, data) != 1 {
			t.Errorf("%s: packaged with an orientation", name)
		}
	}
	// One that cannot be decoded goes as it is, sized as shown, for the
	// reading systems that follow its Exif data.
	broken := orientedJPEG(t, 48, 32, 6)
	// the scan cut short, the file ended as a whole one ends (one cut
	// short is refused as the book is read)
	scan := bytes.Index(broken, []byte{0xFF, 0xDA})
	broken = append(broken[:scan+20:scan+20], 0xFF, 0xD9)
	a, err := media.LoadFile(fstest.MapFS{"broken.jpg": {Data: broken}}, "broken.jpg", media.Options{MaxDecoded: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	_, files, _ = writeEPUB(t, chapterBook([]doc.Block{&doc.Figure{Image: &doc.Image{Src: "broken.jpg", Alt: "b", Asset: a}}}), Options{Cover: tinyCover})
	if got := regexp.MustCompile(`<img[^>]*>`).FindString(files["EPUB/xhtml/ch.xhtml"]); got != `<img src="../images/broken.jpg" alt="b" width="32" height="48"/>` || files["EPUB/images/broken.jpg"] != string(broken) {
		t.Errorf("a picture that cannot be turned: %s", got)
	}
	// The same without a pixel bound: turned all the same.
	_, files, _ = writeEPUB(t, chapterBook(blocks[:1]), Options{Cover: tinyCover})
	if got := regexp.MustCompile(`<img[^>]*>`).FindString(files["EPUB/xhtml/ch.xhtml"]); got != want[0] {
		t.Errorf("without a pixel bound: %s, want %s", got, want[0])
	}
}

// quarters names the colour a quarter of the way in from each corner of
// img: R, G, B, W, or ? for none of them.
func quarters(img image.Image) string {
	b := img.Bounds()
	at := func(x, y int) byte {
		r, g, bl, _ := img.At(x, y).RGBA()
		for _, q := range []struct {
			name    byte
			r, g, b int
		}{{'R', 230, 20, 20}, {'G', 20, 200, 20}, {'B', 20, 20, 230}, {'W', 250, 250, 250}} {
			if abs(int(r>>8)-q.r) <= 30 && abs(int(g>>8)-q.g) <= 30 && abs(int(bl>>8)-q.b) <= 30 {
				return q.name
			}
		}
		return '?'
	}
	x0, x1 := b.Min.X+b.Dx()/4, b.Max.X-1-b.Dx()/4
	y0, y1 := b.Min.Y+b.Dy()/4, b.Max.Y-1-b.Dy()/4
	return string([]byte{at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1)})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
