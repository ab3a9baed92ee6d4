package media

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/draw"

	"golang.org/x/image/webp"
)

// decodeWebP decodes a WebP picture. A lossy one's samples are Y′CbCr of
// BT.601's studio range (Y′ from 16 to 235, as libwebp and browsers read
// them), which x/image/webp returns as an image.YCbCr, whose colours
// Go reads as JPEG's full range: black would print dark grey and every
// colour washed out. They are converted here, nearest chroma sample
// for each pixel.
func decodeWebP(data []byte) (image.Image, error) {
	if frame, x, y, w, h, ok := firstWebPFrame(data); ok {
		return decodeWebPFrame(frame, x, y, w, h)
	}
	img, err := webp.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return studioRange(img), nil
}

// studioRange converts a lossy WebP's Y′CbCr (decodeWebP); other
// pictures are returned as they are.
func studioRange(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.YCbCr:
		out := image.NewRGBA(m.Rect)
		studioRangeToRGB(m, out.Pix, out.Stride, nil)
		return out
	case *image.NYCbCrA:
		out := image.NewNRGBA(m.Rect)
		studioRangeToRGB(&m.YCbCr, out.Pix, out.Stride, func(x, y int) uint8 { return m.A[m.AOffset(x, y)] })
		return out
	}
	return img
}

// An animated WebP (a VP8X header with its animation flag, and ANMF
// chunks) is printed at its first frame, as a browser shows it before it
// plays: x/image/webp decodes stills only, and calls an animation's
// header an invalid format. The frame's own chunks (its opacity, ALPH,
// and its pixels, VP8 or VP8L) are a still WebP of the frame's size once
// given a header, and the frame is placed on the canvas, which is
// transparent elsewhere.

// firstWebPFrame finds an animated WebP's first frame: a still WebP of
// its chunks, its offset on the canvas and the canvas's size. ok is false
// for a still WebP, or one whose chunks cannot be walked (x/image then
// says what is wrong).
func firstWebPFrame(data []byte) (frame []byte, x, y, w, h int, ok bool) {
	chunks, ok := riffChunks(data)
	if !ok || len(chunks) == 0 || chunks[0].kind != "VP8X" || len(chunks[0].data) < 10 || chunks[0].data[0]&0x02 == 0 {
		return nil, 0, 0, 0, 0, false
	}
	w, h = 1+int(uint24(chunks[0].data[4:])), 1+int(uint24(chunks[0].data[7:]))
	for _, c := range chunks[1:] {
		if c.kind != "ANMF" || len(c.data) < 16 {
			continue
		}
		x, y = 2*int(uint24(c.data[0:])), 2*int(uint24(c.data[3:]))
		fw, fh := 1+int(uint24(c.data[6:])), 1+int(uint24(c.data[9:]))
		inner, ok := walkChunks(c.data[16:])
		if !ok {
			return nil, 0, 0, 0, 0, false
		}
		return stillWebP(inner, fw, fh), x, y, w, h, true
	}
	return nil, 0, 0, 0, 0, false
}

// decodeWebPFrame decodes a frame and places it at (x, y) on a w × h
// canvas.
func decodeWebPFrame(frame []byte, x, y, w, h int) (image.Image, error) {
	img, err := webp.Decode(bytes.NewReader(frame))
	if err != nil {
		return nil, fmt.Errorf("first frame of the animation: %v", err)
	}
	img = studioRange(img)
	b := img.Bounds()
	if x == 0 && y == 0 && b.Dx() == w && b.Dy() == h {
		return img, nil
	}
	canvas := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.Draw(canvas, b.Sub(b.Min).Add(image.Pt(x, y)), img, b.Min, draw.Src)
	return canvas, nil
}

// stillWebP is a WebP file of a frame's chunks: its pixels alone, or,
// with an ALPH chunk, behind a VP8X header saying so.
func stillWebP(chunks []riffChunk, w, h int) []byte {
	var body []byte
	for _, c := range chunks {
		if c.kind == "ALPH" {
			vp8x := make([]byte, 10)
			vp8x[0] = 0x10 // alpha
			putUint24(vp8x[4:], uint32(w-1))
			putUint24(vp8x[7:], uint32(h-1))
			body = appendChunk(body, "VP8X", vp8x)
			break
		}
	}
	for _, c := range chunks {
		switch c.kind {
		case "ALPH", "VP8 ", "VP8L":
			body = appendChunk(body, c.kind, c.data)
		}
	}
	out := append([]byte("RIFF"), 0, 0, 0, 0)
	binary.LittleEndian.PutUint32(out[4:], uint32(4+len(body)))
	out = append(out, "WEBP"...)
	return append(out, body...)
}

type riffChunk struct {
	kind string
	data []byte
}

// riffChunks are a WebP file's chunks, after its RIFF header.
func riffChunks(data []byte) ([]riffChunk, bool) {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, false
	}
	return walkChunks(data[12:])
}

// walkChunks reads chunks one after another, each padded to an even
// length; ok is false when one claims more bytes than there are.
func walkChunks(data []byte) (chunks []riffChunk, ok bool) {
	for len(data) >= 8 {
		n := uint64(binary.LittleEndian.Uint32(data[4:]))
		if n > uint64(len(data)-8) {
			return nil, false
		}
		chunks = append(chunks, riffChunk{kind: string(data[:4]), data: data[8 : 8+n]})
		data = data[min(uint64(len(data)), 8+n+n&1):]
	}
	return chunks, true
}

func appendChunk(out []byte, kind string, data []byte) []byte {
	out = append(out, kind...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(data)))
	out = append(out, data...)
	if len(data)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

func uint24(b []byte) uint32 { return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 }

func putUint24(b []byte, v uint32) { b[0], b[1], b[2] = byte(v), byte(v>>8), byte(v>>16) }

// studioRangeToRGB writes m's pixels, read as BT.601 studio-range
// Y′CbCr, into pix (four bytes a pixel, origin at m.Rect.Min), opaque
// or with alpha's opacity.
func studioRangeToRGB(m *image.YCbCr, pix []uint8, stride int, alpha func(x, y int) uint8) {
	b := m.Rect
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := pix[(y-b.Min.Y)*stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			// 8 fractional bits: 1.164 = 298/256 for Y′, the chroma
			// coefficients likewise
			yy := 298 * (int32(m.Y[m.YOffset(x, y)]) - 16)
			ci := m.COffset(x, y)
			cb, cr := int32(m.Cb[ci])-128, int32(m.Cr[ci])-128
			i := 4 * (x - b.Min.X)
			row[i] = clamp8((yy + 409*cr + 128) >> 8)
			row[i+1] = clamp8((yy - 100*cb - 208*cr + 128) >> 8)
			row[i+2] = clamp8((yy + 516*cb + 128) >> 8)
			row[i+3] = 0xff
			if alpha != nil {
				row[i+3] = alpha(x, y)
			}
		}
	}
}

func clamp8(v int32) uint8 {
	switch {
	case v < 0:
		return 0
	case v > 255:
		return 255
	}
	return uint8(v)
}
