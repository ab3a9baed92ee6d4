package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// pngHeader is a PNG that claims w × h pixels of the given colour type and
// bit depth: a header and no pixels, all a decoder reads before deciding
// to allocate them.
func pngHeader(w, h uint32, colorType, depth byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		body := append([]byte(typ), data...)
		b.Write(body)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(body))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = depth, colorType
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

// webpHeader is a lossless WebP that claims w × h pixels (at most 16384
// each way): its header and no pixels.
func webpHeader(w, h uint32) []byte {
	bits := (w - 1) | (h-1)<<14 | 1<<28
	vp8l := []byte{0x2f, byte(bits), byte(bits >> 8), byte(bits >> 16), byte(bits >> 24)}
	var b bytes.Buffer
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(4+8+len(vp8l)))
	b.WriteString("WEBPVP8L")
	binary.Write(&b, binary.LittleEndian, uint32(len(vp8l)))
	b.Write(vp8l)
	return b.Bytes()
}

// Pictures are measured from their headers, before anything is decoded:
// one that would take more memory decoded than allowed is left out with a
// warning saying how much, in either format; a cover is refused.
func TestPicturesTooLargeToDecode(t *testing.T) {
	fsys := fstest.MapFS{
		"bomb.png":  {Data: pngHeader(30000, 30000, 6, 8)}, // 8-bit RGBA: 3.4 GB
		"deep.png":  {Data: pngHeader(7300, 5500, 2, 16)},  // 16-bit RGB, 40 megapixels: 306 MB
		"grey.png":  {Data: pngHeader(7300, 5500, 0, 8)},   // 8-bit grey: 38 MB, allowed
		"cover.png": {Data: pngHeader(30000, 30000, 6, 8)},
		"wide.webp": {Data: webpHeader(10000, 10000)}, // 381 MB decoded
	}
	book := &doc.Book{Entries: []*doc.Entry{{File: "a.md", Blocks: []doc.Block{&doc.Paragraph{
		BlockBase: doc.BlockBase{Pos: doc.Pos{File: "a.md", Line: 3}},
		Content:   []doc.Inline{&doc.Image{Src: "bomb.png", Alt: "b"}, &doc.Image{Src: "deep.png", Alt: "d"}, &doc.Image{Src: "grey.png", Alt: "g"}, &doc.Image{Src: "wide.webp", Alt: "w"}},
	}}}}}
	warnings, err := Load(book, fsys, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warnings {
		got = append(got, w.Error()+" ["+w.Code+"]")
	}
	want := []string{
		`a.md:3: image "bomb.png": bomb.png: 30000 × 30000 pixels would take 3.4 GB decoded, more than limits.image_memory allows (256 MB); a placeholder stands in [image.too-large]`,
		`a.md:3: image "deep.png": deep.png: 7300 × 5500 pixels would take 306.3 MB decoded, more than limits.image_memory allows (256 MB); a placeholder stands in [image.too-large]`,
		`a.md:3: image "wide.webp": wide.webp: 10000 × 10000 pixels would take 381.5 MB decoded, more than limits.image_memory allows (256 MB); a placeholder stands in [image.too-large]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	ins := book.Entries[0].Blocks[0].(*doc.Paragraph).Content
	if ins[0].(*doc.Image).Asset != nil || ins[1].(*doc.Image).Asset != nil || ins[2].(*doc.Image).Asset == nil || ins[3].(*doc.Image).Asset != nil {
		t.Errorf("assets: %v %v %v; want the first two left out", ins[0].(*doc.Image).Asset, ins[1].(*doc.Image).Asset, ins[2].(*doc.Image).Asset)
	}
	if _, err := LoadFile(fsys, "cover.png", testOptions); err == nil || !strings.Contains(err.Error(), "would take 3.4 GB decoded") {
		t.Errorf("cover: %v", err)
	}
}
