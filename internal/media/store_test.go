package media

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestStoreReduction checks that a reduction made by one build is read
// by the next from the folder, that what is read is what was made, and
// that an entry damaged or written by another format is made again and
// rewritten.
func TestStoreReduction(t *testing.T) {
	window := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			window.SetNRGBA(x, y, color.NRGBA{uint8(6 * x), uint8(12 * y), 90, uint8(255 - 5*y)})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, window); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	store := DirStore{Dir: t.TempDir()}
	made := NewCache().ReduceBy(PNG, data, 2, 0, store)
	if made.Err != nil || made.Image == nil {
		t.Fatalf("reducing: %+v", made)
	}
	entry := store.path(storeKey(PNG, data, 2, 1, 0))
	stored, err := os.ReadFile(entry)
	if err != nil {
		t.Fatalf("nothing stored: %v", err)
	}
	if tmps, _ := filepath.Glob(filepath.Join(filepath.Dir(entry), ".tmp-*")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}

	same := func(r *Reduction) string {
		switch {
		case r.Err != nil:
			return r.Err.Error()
		case r.MediaType != made.MediaType || r.Width != made.Width || r.Height != made.Height || !bytes.Equal(r.Data, made.Data):
			return "a different encoding"
		}
		if img, err := r.Transparent(); err != nil || img == nil || samePixels(img, made.Image) != "" {
			return "different pixels for the PDF"
		}
		return ""
	}
	// The next build reads the entry, rather than reducing again: one
	// holding other bytes, in the right form, is believed.
	if msg := same(NewCache().ReduceBy(PNG, data, 2, 0, store)); msg != "" {
		t.Errorf("read back: %s", msg)
	}
	var grey bytes.Buffer
	png.Encode(&grey, image.NewGray(image.Rect(0, 0, 20, 10)))
	os.WriteFile(entry, encodeReduction(&Reduction{MediaType: PNG, Data: grey.Bytes(), Width: 20, Height: 10}), 0o644)
	if r := NewCache().ReduceBy(PNG, data, 2, 0, store); !bytes.Equal(r.Data, grey.Bytes()) || r.Image != nil {
		t.Error("the stored entry was not read")
	}

	for name, damaged := range map[string][]byte{
		"truncated":      stored[:len(stored)-10],
		"empty":          nil,
		"another format": append([]byte("samizdat reduction 0\n"), stored[len(reductionFormat):]...),
		"a bad size":     bytes.Replace(stored, []byte(" 20 10 "), []byte(" 0 10 "), 1),
	} {
		if err := os.WriteFile(entry, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		if msg := same(NewCache().ReduceBy(PNG, data, 2, 0, store)); msg != "" {
			t.Errorf("%s entry: %s", name, msg)
		}
		if again, _ := os.ReadFile(entry); !bytes.Equal(again, stored) {
			t.Errorf("%s entry not rewritten", name)
		}
	}

	// A folder that cannot be written loses the entry, not the picture.
	blocked := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocked, nil, 0o644)
	if msg := same(NewCache().ReduceBy(PNG, data, 2, 0, DirStore{Dir: blocked})); msg != "" {
		t.Errorf("with a store that cannot be written: %s", msg)
	}
}

func TestUserCacheDir(t *testing.T) {
	for _, c := range []struct {
		environ []string
		want    string
	}{
		{[]string{"HOME=/home/a", "XDG_CACHE_HOME=/var/c"}, "/var/c/samizdat"},
		{[]string{"HOME=/home/a", "XDG_CACHE_HOME=relative"}, "/home/a/.cache/samizdat"},
		{[]string{"HOME=/home/a"}, "/home/a/.cache/samizdat"},
		{nil, ""},
	} {
		if got := UserCacheDir(c.environ); got != c.want {
			t.Errorf("UserCacheDir(%q) = %q, want %q", c.environ, got, c.want)
		}
	}
}

// TestTransparent: a reduction read from a store is decoded when its
// pixels are asked for, and one not holding the size it says is refused.
func TestTransparent(t *testing.T) {
	window := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	window.SetNRGBA(1, 1, color.NRGBA{10, 20, 30, 40})
	var buf bytes.Buffer
	if err := png.Encode(&buf, window); err != nil {
		t.Fatal(err)
	}
	img, err := (&Reduction{MediaType: PNG, Data: buf.Bytes(), Width: 4, Height: 3}).Transparent()
	if err != nil || img == nil || samePixels(img, window) != "" {
		t.Errorf("decoded: %v, %v", img != nil, err)
	}
	_, err = (&Reduction{MediaType: PNG, Data: buf.Bytes(), Width: 5, Height: 3}).Transparent()
	if want := "cannot decode its reduction: a reduction of 5 × 3 pixels holds 4 × 3"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	var grey bytes.Buffer
	png.Encode(&grey, image.NewGray(image.Rect(0, 0, 4, 3)))
	if img, err := (&Reduction{MediaType: PNG, Data: grey.Bytes(), Width: 4, Height: 3}).Transparent(); img != nil || err != nil {
		t.Errorf("an opaque reduction decoded: %v, %v", img != nil, err)
	}
}
