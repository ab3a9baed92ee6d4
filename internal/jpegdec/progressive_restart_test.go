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
// restart marker out of its order, is declined by Parse: its data end
// before the scan's blocks do, or do not decode, or the marker is not the
// one due. DecodeWhole reads it as libjpeg does, saying what was wrong,
// unless its data end with no end-of-image marker.
func TestDamagedProgressive(t *testing.T) {
	for name, data := range libjpegPictures(t) {
		if len(scanData(data)) < 6 {
			t.Fatalf("%s: %d scans", name, len(scanData(data)))
		}
		for how, damaged := range damagedProgressive(data) {
			_, parsed := Parse(damaged)
			_, damage, whole := DecodeWhole(damaged)
			switch {
			case strings.HasSuffix(how, "flipped"):
				// bytes flipped may still be codes of the right
				// lengths
				if parsed && (!whole || damage != Damage{}) {
					t.Errorf("%s, %s: Parse reads it, DecodeWhole %v %+v", name, how, whole, damage)
				}
			case parsed:
				t.Errorf("%s, %s: Parse reads it", name, how)
			case strings.HasSuffix(how, "cut"):
				if whole {
					t.Errorf("%s, %s: DecodeWhole reads it", name, how)
				}
			case strings.HasSuffix(how, "end marker"):
				if !whole || damage.Lost == 0 {
					t.Errorf("%s, %s: DecodeWhole %v %+v", name, how, whole, damage)
				}
			case strings.HasSuffix(how, "out of order"):
				// a marker three on is taken for the one due, as
				// libjpeg takes it: nothing lost
				if !whole || damage != (Damage{Restarts: 1}) {
					t.Errorf("%s, %s: DecodeWhole %v %+v", name, how, whole, damage)
				}
			}
		}
	}
}
