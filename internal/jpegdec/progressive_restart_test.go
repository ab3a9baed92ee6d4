package jpegdec

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scanData are the spans of a JPEG's entropy-coded data: from the end of
// each scan header to the marker after it that is not a restart.
func scanData(data []byte) (spans [][2]int) {
	for at := 2; at+4 <= len(data); {
		if data[at] != 0xff {
			return spans
		}
		n := int(data[at+2])<<8 | int(data[at+3])
		at += 2 + n
		if data[at-n-1] != 0xda {
			continue
		}
		start := at
		for at+1 < len(data) && (data[at] != 0xff || data[at+1] == 0 || data[at+1] >= 0xd0 && data[at+1] <= 0xd7) {
			at++
		}
		spans = append(spans, [2]int{start, at})
	}
	return spans
}

// damagedProgressive are damaged copies of a progressive picture with
// restart markers: cut within each scan's data, with and without an end
// marker after the cut; with bytes of its data flipped; with a restart
// marker out of its order.
func damagedProgressive(data []byte) map[string][]byte {
	out := map[string][]byte{}
	for i, span := range scanData(data) {
		cut := (span[0] + span[1]) / 2
		out[fmt.Sprintf("scan %d cut", i)] = data[:cut:cut]
		out[fmt.Sprintf("scan %d cut, end marker", i)] = append(data[:cut:cut], 0xff, 0xd9)
		flipped := bytes.Clone(data)
		for at := span[0]; at < span[1]; at += 5 {
			if flipped[at] != 0xff && flipped[at-1] != 0xff {
				flipped[at] ^= 0x24
			}
		}
		out[fmt.Sprintf("scan %d flipped", i)] = flipped
		for at := span[0]; at+1 < span[1]; at++ {
			if data[at] == 0xff && data[at+1] >= 0xd0 && data[at+1] <= 0xd7 {
				swapped := bytes.Clone(data)
				swapped[at+1] = 0xd0 + (data[at+1]-0xd0+3)%8
				out[fmt.Sprintf("scan %d RST out of order", i)] = swapped
				break
			}
		}
	}
	return out
}

func libjpegPictures(tb testing.TB) map[string][]byte {
	names, _ := filepath.Glob(filepath.Join("testdata", "libjpeg", "*.jpg"))
	if len(names) == 0 {
		tb.Fatal("no pictures in testdata/libjpeg")
	}
	pictures := map[string][]byte{}
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		pictures[filepath.Base(name)] = data
	}
	return pictures
}

// TestDamagedProgressive checks that a progressive picture with restart
// markers cut within a scan's data, with bytes of it flipped, or with a
// restart marker out of its order, is declined at every scale: its data
// end before the scan's blocks do, or do not decode, or the marker is
// not the one due.
func TestDamagedProgressive(t *testing.T) {
	for name, data := range libjpegPictures(t) {
		if len(scanData(data)) < 6 {
			t.Fatalf("%s: %d scans", name, len(scanData(data)))
		}
		for how, damaged := range damagedProgressive(data) {
			_, parsed := Parse(damaged)
			_, whole := DecodeWhole(damaged)
			if parsed || whole {
				// bytes flipped may still be codes of the right
				// lengths; never a scan cut or a marker out of order
				if !strings.HasSuffix(how, "flipped") {
					t.Errorf("%s, %s: read (Parse %v, DecodeWhole %v)", name, how, parsed, whole)
				} else if parsed != whole {
					t.Errorf("%s, %s: Parse %v, DecodeWhole %v", name, how, parsed, whole)
				}
			}
		}
	}
}

// TestDecodeWholeBaseline checks that DecodeWhole leaves baseline
// pictures, which image/jpeg reads, to it.
func TestDecodeWholeBaseline(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "restart.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := Parse(data); !ok {
		t.Fatal("Parse declines it")
	}
	if _, ok := DecodeWhole(data); ok {
		t.Error("decoded")
	}
}
