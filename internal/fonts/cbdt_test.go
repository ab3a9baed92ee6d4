package fonts

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// colorTables builds CBLC and CBDT tables of one strike at ppem whose one
// index subtable, in indexFormat, holds glyphs first.. with images of
// imageFormat, each a fake PNG of its own bytes.
func colorTables(ppem, indexFormat, imageFormat, first int, pngs [][]byte) (cblc, cbdt []byte) {
	be := binary.BigEndian
	var data bytes.Buffer
	data.Write([]byte{3, 0, 0, 0}) // CBDT header
	dataOff := data.Len()
	var offs []int
	for _, p := range pngs {
		offs = append(offs, data.Len()-dataOff)
		switch imageFormat {
		case 17:
			data.Write([]byte{100, 90, 2, 95, 120}) // h, w, bx, by, adv
		case 18:
			data.Write([]byte{100, 90, 2, 95, 120, 0, 0, 0})
		}
		data.Write(be.AppendUint32(nil, uint32(len(p))))
		data.Write(p)
	}
	offs = append(offs, data.Len()-dataOff)
	var sub []byte
	sub = be.AppendUint16(sub, uint16(indexFormat))
	sub = be.AppendUint16(sub, uint16(imageFormat))
	sub = be.AppendUint32(sub, uint32(dataOff))
	switch indexFormat {
	case 1:
		for _, o := range offs {
			sub = be.AppendUint32(sub, uint32(o))
		}
	case 3:
		for _, o := range offs {
			sub = be.AppendUint16(sub, uint16(o))
		}
	case 2:
		sub = be.AppendUint32(sub, uint32(offs[1]))
		sub = append(sub, 100, 90, 2, 95, 120, 0, 0, 0)
	}
	last := first + len(pngs) - 1
	var t []byte
	t = be.AppendUint32(t, 0x00030000)
	t = be.AppendUint32(t, 1)
	rec := make([]byte, 48)
	be.PutUint32(rec[0:], uint32(8+48)) // index subtable array
	be.PutUint32(rec[8:], 1)
	be.PutUint16(rec[40:], uint16(first))
	be.PutUint16(rec[42:], uint16(last))
	rec[44], rec[45], rec[46] = byte(ppem), byte(ppem), 32
	t = append(t, rec...)
	t = be.AppendUint16(t, uint16(first))
	t = be.AppendUint16(t, uint16(last))
	t = be.AppendUint32(t, 8)
	t = append(t, sub...)
	return t, data.Bytes()
}

func TestColorGlyph(t *testing.T) {
	pngs := [][]byte{[]byte("\x89PNG-one"), []byte("\x89PNG-two")}
	for _, tc := range []struct {
		name              string
		index, image      int
		glyph             int
		want              string
		wantOK            bool
		wantW, wantAdv    float64
		wantBearY, wantBX float64
	}{
		{"format 1, image 17", 1, 17, 6, "\x89PNG-two", true, 90.0 / 100, 120.0 / 100, 95.0 / 100, 2.0 / 100},
		{"format 3, image 17", 3, 17, 5, "\x89PNG-one", true, 90.0 / 100, 120.0 / 100, 95.0 / 100, 2.0 / 100},
		{"format 1, image 18", 1, 18, 5, "\x89PNG-one", true, 90.0 / 100, 120.0 / 100, 95.0 / 100, 2.0 / 100},
		{"format 2, image 19", 2, 19, 6, "\x89PNG-two", true, 90.0 / 100, 120.0 / 100, 95.0 / 100, 2.0 / 100},
		{"glyph outside the strike", 1, 17, 7, "", false, 0, 0, 0, 0},
		{"glyph before the strike", 1, 17, 4, "", false, 0, 0, 0, 0},
		{"index format 4 is not read", 4, 17, 5, "", false, 0, 0, 0, 0},
		{"image format 1 (no PNG) is not read", 1, 1, 5, "", false, 0, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cblc, cbdt := colorTables(100, tc.index, tc.image, 5, pngs)
			g, ok := colorGlyph(cblc, cbdt, tc.glyph)
			if ok != tc.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tc.wantOK)
			}
			if !ok {
				return
			}
			if string(g.PNG) != tc.want || g.Width != tc.wantW || g.Height != 1 || g.Advance != tc.wantAdv || g.BearingY != tc.wantBearY || g.BearingX != tc.wantBX {
				t.Errorf("got %q %+v", g.PNG, g)
			}
		})
	}
}

// TestColorGlyphCutShort: every table cut short reads no glyph, and none
// panics.
func TestColorGlyphCutShort(t *testing.T) {
	cblc, cbdt := colorTables(100, 1, 17, 5, [][]byte{[]byte("\x89PNG-one")})
	for n := range len(cblc) {
		if _, ok := colorGlyph(cblc[:n], cbdt, 5); ok {
			t.Errorf("CBLC cut to %d bytes still gives the glyph", n)
		}
	}
	for n := range len(cbdt) {
		if _, ok := colorGlyph(cblc, cbdt[:n], 5); ok {
			t.Errorf("CBDT cut to %d bytes still gives the glyph", n)
		}
	}
}

func FuzzColorGlyph(f *testing.F) {
	for _, idx := range []int{1, 2, 3} {
		img := 17
		if idx == 2 {
			img = 19
		}
		cblc, cbdt := colorTables(109, idx, img, 3, [][]byte{[]byte("\x89PNG-a"), []byte("\x89PNG-bb")})
		f.Add(cblc, cbdt, 4)
	}
	f.Fuzz(func(t *testing.T, cblc, cbdt []byte, g int) {
		c, ok := colorGlyph(cblc, cbdt, g)
		if ok && (len(c.PNG) == 0 || !(c.Width > 0) || !(c.Height > 0)) {
			t.Errorf("a glyph with no picture or size: %+v", c)
		}
	})
}
