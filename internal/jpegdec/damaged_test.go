package jpegdec

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestDamagedMatchesLibjpeg decodes the pictures of testdata/damaged,
// which libjpeg reads and the README there says how they were made, and
// checks that DecodeWhole gives libjpeg's pixels and finds the damage
// each has.
func TestDamagedMatchesLibjpeg(t *testing.T) {
	djpeg := digestsIn(t, filepath.Join("testdata", "damaged", "djpeg.sha256"))
	tests := []struct {
		name   string
		damage Damage
		parsed bool // read by Parse too
	}{
		{"b420-rst-later.jpg", Damage{Restarts: 4, Lost: 24}, false},
		{"b420-rst-missing.jpg", Damage{Restarts: 1, Lost: 12}, false},
		{"p420-rst-missing.jpg", Damage{Restarts: 1, Lost: 1}, false},
		{"p420-rst-earlier.jpg", Damage{Restarts: 2, Lost: 6}, false},
		{"b420-tables23.jpg", Damage{}, true},
		{"p420-tables23.jpg", Damage{}, true},
		{"p420-eobrun.jpg", Damage{}, true},
	}
	if len(tests) != len(djpeg) {
		t.Fatalf("%d pictures tested, %d digests", len(tests), len(djpeg))
	}
	for _, tt := range tests {
		data, err := os.ReadFile(filepath.Join("testdata", "damaged", tt.name))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := Parse(data); ok != tt.parsed {
			t.Errorf("%s: Parse %v", tt.name, ok)
		}
		img, damage, ok := DecodeWhole(data)
		if !ok {
			t.Errorf("%s: declined", tt.name)
			continue
		}
		if damage != tt.damage {
			t.Errorf("%s: damage %+v, want %+v", tt.name, damage, tt.damage)
		}
		got := fmt.Sprintf("%x", sha256.Sum256(libjpegPNM(img)))
		if want := djpeg[tt.name]; got != want {
			t.Errorf("%s: pixels' digest %s, libjpeg's %s", tt.name, got, want)
		}
	}
}
