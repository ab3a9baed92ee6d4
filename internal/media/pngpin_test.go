package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestPNGReductionBytes pins the bytes the PNG reductions make: the
// reduced pixels read row by row (reducePNG), their encoding (EncodePNG's
// rowDeflater) and the PDF's split of colours and opacity. Work done to
// make them faster must leave them as they are; a change meant to alter
// them updates the digests.
func TestPNGReductionBytes(t *testing.T) {
	want := map[string]string{
		"grey/2 pixels":        "ea9cebff14e7caef",
		"grey/2 png":           "e8997926ac36c967",
		"grey/3 pixels":        "c38e77e87573ea44",
		"grey/3 png":           "2adbb5f81d8a4e96",
		"rgb/2 pixels":         "9ab191fd76e79840",
		"rgb/2 png":            "4336672f72231bd6",
		"rgb/3 pixels":         "471aaf60210c0475",
		"rgb/3 png":            "eb33415537249158",
		"rgba-large/2 pixels":  "d4f5325e15b4a9a1",
		"rgba-large/2 png":     "c8daba9b4a8fbefe",
		"rgba-large/2 split":   "71c5e3c57fc8c257",
		"rgba-large/3 pixels":  "8456f195e3681c97",
		"rgba-large/3 png":     "e0a3965d1d74f71a",
		"rgba-large/3 split":   "55666add84987bb8",
		"rgba-opaque/2 pixels": "2a05d527083c5364",
		"rgba-opaque/2 png":    "166b097f69c5f999",
		"rgba-opaque/3 pixels": "2f2a778103e9ad6d",
		"rgba-opaque/3 png":    "a7d227daddb0efdd",
		"rgba/2 pixels":        "1f460b6965f10b04",
		"rgba/2 png":           "33ef2a3fe8240ca6",
		"rgba/2 split":         "fe44fd97f37f7591",
		"rgba/3 pixels":        "c10eb1036f2f9717",
		"rgba/3 png":           "0ba58f824f08ec3e",
		"rgba/3 split":         "ef8f5dff37b2e5e6",
	}
	got := map[string]string{}
	digest := func(name string, parts ...[]byte) {
		h := sha256.New()
		for _, p := range parts {
			fmt.Fprintf(h, "%d:", len(p))
			h.Write(p)
		}
		got[name] = hex.EncodeToString(h.Sum(nil))[:16]
	}
	for _, tc := range []struct {
		name     string
		ch, w, h int
		opaque   bool // every alpha byte 255
	}{
		{"rgb", 3, 301, 157, true},
		{"rgba", 4, 300, 158, false},
		{"rgba-opaque", 4, 257, 131, true},
		{"grey", 1, 203, 99, true},
		{"rgba-large", 4, 1200, 400, false}, // streams past the deflater's window
	} {
		rows := screenshotRows(rand.New(rand.NewPCG(21, 22)), tc.w, tc.ch, tc.h)
		var src image.Image
		switch tc.ch {
		case 1:
			m := image.NewGray(image.Rect(0, 0, tc.w, tc.h))
			for y, row := range rows {
				copy(m.Pix[y*m.Stride:], row)
			}
			src = m
		case 3:
			m := image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))
			for y, row := range rows {
				dropped := m.Pix[y*m.Stride:]
				for x := range tc.w {
					copy(dropped[4*x:4*x+3], row[3*x:3*x+3])
					dropped[4*x+3] = 0xff
				}
			}
			src = m
		case 4:
			m := image.NewNRGBA(image.Rect(0, 0, tc.w, tc.h))
			for y, row := range rows {
				copy(m.Pix[y*m.Stride:], row)
			}
			if tc.opaque {
				for i := 3; i < len(m.Pix); i += 4 {
					m.Pix[i] = 0xff
				}
			}
			src = m
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, src); err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{2, 3} {
			name := fmt.Sprintf("%s/%d", tc.name, k)
			img, ok, err := reducePNG(buf.Bytes(), k)
			if !ok || err != nil {
				t.Fatalf("%s: read %v, %v", name, ok, err)
			}
			var pix []uint8
			switch m := img.(type) {
			case *image.Gray:
				pix = m.Pix
			case *image.RGBA:
				pix = m.Pix
			case *image.NRGBA:
				pix = m.Pix
			}
			digest(name+" pixels", []byte(fmt.Sprintf("%T", img)), pix)
			r := (*Cache)(nil).reduceAndEncode(PNG, buf.Bytes(), k, 1, 0)
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			digest(name+" png", r.Data, []byte(fmt.Sprintf("%T", r.Image)))
			if m, ok := img.(*image.NRGBA); ok {
				colours, opacity, err := EncodeColoursAndOpacity(m)
				if err != nil {
					t.Fatal(err)
				}
				digest(name+" split", colours, opacity)
			}
		}
	}
	for name, g := range got {
		if want[name] != g {
			t.Errorf("%q: %q,", name, g)
		}
	}
	if len(want) != len(got) {
		t.Errorf("%d digests, want %d", len(got), len(want))
	}
}
