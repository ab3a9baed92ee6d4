package media

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"testing"
)

// The colours of the test animations: a terminal's dark background, its
// white text, a blue popup, and transparency.
var testPalette = color.Palette{
	color.RGBA{30, 30, 30, 255},
	color.RGBA{240, 240, 240, 255},
	color.RGBA{20, 60, 200, 255},
	color.RGBA{},
}

const (
	dark, white, blue, hole = 0, 1, 2, 3
)

// testFrame is a frame over r of one colour, with "text" (every other
// column white) on its rows from text on, when text ≥ 0.
func testFrame(r image.Rectangle, fill uint8, textFrom int) *image.Paletted {
	m := image.NewPaletted(r, testPalette)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := fill
			if textFrom >= 0 && y >= textFrom && x%2 == 0 {
				c = white
			}
			m.SetColorIndex(x, y, c)
		}
	}
	return m
}

// animation writes frames on a w × h screen, each shown for a tenth of a
// second, disposed of as disposal says (nil: not at all).
func animation(t testing.TB, w, h int, frames []*image.Paletted, disposal []byte) []byte {
	t.Helper()
	g := &gif.GIF{Image: frames, Delay: make([]int, len(frames)), Disposal: disposal,
		Config: image.Config{ColorModel: testPalette, Width: w, Height: h}}
	if disposal == nil {
		g.Disposal = make([]byte, len(frames))
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGIFFrames(t *testing.T) {
	data := animation(t, 20, 10, []*image.Paletted{
		testFrame(image.Rect(0, 0, 20, 10), dark, -1),
		testFrame(image.Rect(2, 2, 6, 5), white, -1),
	}, nil)
	if n, px, ok := gifFrames(data); n != 2 || px != 200+12 || !ok {
		t.Errorf("gifFrames = %d frames, %d pixels, %v; want 2, 212, true", n, px, ok)
	}
	if n, _, ok := gifFrames(data[:len(data)-8]); ok || n != 1 {
		t.Errorf("cut short: %d frames, %v; want the first frame and false", n, ok)
	}
	for _, bad := range [][]byte{nil, []byte("GIF89a"), append(data[:13:13], 0x99)} {
		if _, _, ok := gifFrames(bad); ok {
			t.Errorf("gifFrames(%q) ok", bad)
		}
	}
}

// The frame printed is the one with the most to read; loops and
// animations whose first frame shows as much keep their first.
func TestPrintedFrame(t *testing.T) {
	screen := image.Rect(0, 0, 40, 20)
	blank := testFrame(screen, dark, -1)
	lines := func(from int) *image.Paletted { // text on the rows from `from` down
		return testFrame(image.Rect(0, from, 40, from+4), dark, from)
	}
	tests := []struct {
		name     string
		frames   []*image.Paletted
		disposal []byte
		want     int
	}{
		{"a recording that opens on an empty screen", []*image.Paletted{blank, lines(0), lines(4), lines(8)}, nil, 3},
		{"one that is cleared at its end", []*image.Paletted{blank, lines(0), lines(4), lines(8), blank}, nil, 3},
		{"one that comes to rest", []*image.Paletted{blank, lines(0), lines(4), lines(8), testFrame(image.Rect(30, 19, 31, 20), blue, -1)}, nil, 4},
		{"a full screen, a little more later", []*image.Paletted{testFrame(screen, dark, 2), lines(0)}, nil, 0},
		{"a spinner", []*image.Paletted{testFrame(screen, dark, 10), testFrame(image.Rect(0, 0, 2, 2), white, -1), testFrame(image.Rect(0, 0, 2, 2), dark, -1)}, nil, 0},
		{"blank throughout", []*image.Paletted{blank, testFrame(image.Rect(0, 0, 5, 5), dark, -1)}, nil, 0},
		// text shown and cleared again counts only while it is there
		{"text cleared by its disposal", []*image.Paletted{blank, lines(0), lines(4)},
			[]byte{gif.DisposalNone, gif.DisposalBackground, gif.DisposalNone}, 2},
		{"a popup that goes away", []*image.Paletted{testFrame(screen, dark, 10), lines(0), testFrame(image.Rect(0, 0, 1, 1), dark, -1)},
			[]byte{gif.DisposalNone, gif.DisposalPrevious, gif.DisposalNone}, 1},
	}
	for _, tt := range tests {
		g, err := gif.DecodeAll(bytes.NewReader(animation(t, 40, 20, tt.frames, tt.disposal)))
		if err != nil {
			t.Fatal(err)
		}
		if got := printedFrame(g); got != tt.want {
			t.Errorf("%s: frame %d printed, want %d", tt.name, got, tt.want)
		}
	}
}

// A frame is composed on the screen as a browser shows it: partial
// frames over what is there, their transparent pixels showing it,
// disposals clearing to transparency or restoring what was covered.
func TestDecodeGIFComposes(t *testing.T) {
	screen := image.Rect(0, 0, 12, 6)
	popup := testFrame(image.Rect(6, 0, 12, 6), blue, -1)
	popup.SetColorIndex(7, 1, hole) // a hole showing what is under it
	data := animation(t, 12, 6, []*image.Paletted{
		testFrame(image.Rect(0, 0, 12, 3), dark, -1), // the bottom half never drawn
		testFrame(image.Rect(0, 0, 6, 6), dark, 0),   // text on the left, cleared after
		popup, // over the right, restored after
		testFrame(image.Rect(0, 5, 1, 6), dark, 5),
	}, []byte{gif.DisposalNone, gif.DisposalBackground, gif.DisposalPrevious, gif.DisposalNone})
	img, err := Decode(GIF, data, testOptions.MaxDecoded)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != screen {
		t.Fatalf("bounds %v, want the screen's %v", img.Bounds(), screen)
	}
	// The frame with the most text is the second, and it is printed
	// whole; the others' strokes are fewer.
	at := func(x, y int) color.RGBA { return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) }
	for _, c := range []struct {
		x, y int
		want color.RGBA
	}{
		{0, 0, color.RGBA{240, 240, 240, 255}}, {1, 0, color.RGBA{30, 30, 30, 255}},
		{0, 5, color.RGBA{240, 240, 240, 255}}, {7, 1, color.RGBA{30, 30, 30, 255}}, {7, 4, color.RGBA{}},
	} {
		if got := at(c.x, c.y); got != c.want {
			t.Errorf("pixel %d,%d = %v, want %v", c.x, c.y, got, c.want)
		}
	}

	// The third frame, over what the second left after its disposal.
	g, _ := gif.DecodeAll(bytes.NewReader(data))
	s := newGIFScreen(12, 6, false)
	for i := range 2 {
		s.show(g, i)
		s.dispose(g, i)
	}
	s.show(g, 2)
	want := map[image.Point]color.RGBA{
		{0, 0}: {}, {6, 0}: {20, 60, 200, 255}, {7, 1}: {30, 30, 30, 255}, {0, 4}: {},
	}
	for p, c := range want {
		if got := s.img.RGBAAt(p.X, p.Y); got != c {
			t.Errorf("third frame: pixel %v = %v, want %v", p, got, c)
		}
	}
	s.dispose(g, 2)
	if got := s.img.RGBAAt(7, 1); got != (color.RGBA{30, 30, 30, 255}) {
		t.Errorf("after the popup: pixel 7,1 = %v, want the first frame's", got)
	}
	if got := s.img.RGBAAt(6, 0); got != (color.RGBA{30, 30, 30, 255}) {
		t.Errorf("after the popup: pixel 6,0 = %v, want the first frame's", got)
	}
}

// A still GIF, and an animation printed at a first frame that covers its
// screen, are decoded as image/gif decodes them, without the other
// frames being composed; an animation too large to hold decoded is
// printed at its first frame too.
func TestDecodeGIFFirstFrame(t *testing.T) {
	screen := image.Rect(0, 0, 40, 20)
	still := animation(t, 40, 20, []*image.Paletted{testFrame(screen, dark, 4)}, nil)
	spinner := animation(t, 40, 20, []*image.Paletted{testFrame(screen, dark, 10), testFrame(image.Rect(0, 0, 2, 2), white, -1)}, nil)
	recording := animation(t, 40, 20, []*image.Paletted{testFrame(screen, dark, -1), testFrame(screen, dark, 0)}, nil)
	for _, c := range []struct {
		name       string
		data       []byte
		maxDecoded int64
		first      bool
	}{
		{"still", still, 1 << 20, true},
		{"spinner", spinner, 1 << 20, true},
		{"recording", recording, 1 << 20, false},
		// two frames of 800 pixels and two screens of four bytes a pixel
		{"recording beyond the limit", recording, 2*800 + 8*800 - 1, true},
		{"recording within it", recording, 2*800 + 8*800, false},
	} {
		img, err := Decode(GIF, c.data, c.maxDecoded)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		first, _ := gif.Decode(bytes.NewReader(c.data))
		_, paletted := img.(*image.Paletted)
		switch {
		case c.first && (!paletted || !bytes.Equal(img.(*image.Paletted).Pix, first.(*image.Paletted).Pix)):
			t.Errorf("%s: decoded as %T, want the first frame as image/gif decodes it", c.name, img)
		case !c.first && paletted:
			t.Errorf("%s: decoded as its first frame, want its last", c.name)
		}
	}
	// The cache counts a composed frame at four bytes a pixel.
	cfg, _ := gif.DecodeConfig(bytes.NewReader(recording))
	if got := gifDecodedSize(recording, cfg); got != 4*800 {
		t.Errorf("a recording's frame keeps %d bytes, want %d", got, 4*800)
	}
	if got := gifDecodedSize(still, cfg); got != 800 {
		t.Errorf("a still keeps %d bytes, want 800", got)
	}
}

// gifFrames follows what image/gif reads: a GIF it decodes has the frames
// gifFrames counts; and no GIF makes Decode fail otherwise than by an
// error.
func FuzzGIFFrames(f *testing.F) {
	screen := image.Rect(0, 0, 8, 4)
	f.Add(animation(f, 8, 4, []*image.Paletted{testFrame(screen, dark, -1), testFrame(image.Rect(1, 1, 3, 3), white, 1)},
		[]byte{gif.DisposalPrevious, gif.DisposalBackground}))
	f.Add(animation(f, 8, 4, []*image.Paletted{testFrame(screen, dark, 2)}, nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		frames, _, ok := gifFrames(data)
		if g, err := gif.DecodeAll(bytes.NewReader(data)); err == nil && ok && frames != len(g.Image) {
			t.Fatalf("gifFrames counts %d frames, image/gif reads %d", frames, len(g.Image))
		}
		Decode(GIF, data, 1<<20)
	})
}
