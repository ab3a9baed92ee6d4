package epub

import (
	"archive/zip"
	"bytes"
	"regexp"
	"sync"
	"testing"
)

// TestDeterministic writes the same book twice, one tree reused and one
// rebuilt, sequentially and at once: the archives must be byte-identical.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	book, pm := richBook(plainStrings)
	opts := Options{PageMap: pm, EmbedFonts: true}
	first, files, _ := writeEPUB(t, book, opts)
	again, _, _ := writeEPUB(t, book, opts)
	if !bytes.Equal(first, again) {
		t.Fatal("two writes of the same book differ")
	}
	// The other writes leave the fonts out: embedding them costs most of a
	// write, and the two writes above already show it is deterministic.
	plain, _, _ := writeEPUB(t, book, Options{PageMap: pm})
	book2, pm2 := richBook(plainStrings)
	rebuilt, _, _ := writeEPUB(t, book2, Options{PageMap: pm2})
	if !bytes.Equal(plain, rebuilt) {
		t.Fatal("writes of two equal trees differ")
	}

	var wg sync.WaitGroup
	results := make([][]byte, 3)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			if _, err := Write(&buf, book, Options{PageMap: pm, Fonts: testFonts(t)}); err != nil {
				t.Error(err)
			}
			results[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i, r := range results {
		if !bytes.Equal(plain, r) {
			t.Errorf("concurrent write %d differs", i)
		}
	}

	// Nothing random from go-epub survives: no UUID but the book's own.
	uuid := regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	for name, data := range files {
		for _, u := range uuid.FindAllString(data, -1) {
			if u != "6f1c2a52-8f8e-4f3c-9d65-0a4f2f6b7c11" {
				t.Errorf("%s holds the stray UUID %s", name, u)
			}
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	if f := zr.File[0]; f.Name != "mimetype" || f.Method != zip.Store || len(f.Extra) != 0 {
		t.Errorf("first member %s method %d extra %d; want mimetype, stored, no extra field", f.Name, f.Method, len(f.Extra))
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(testModified.Truncate(2e9)) {
			t.Errorf("%s is stamped %v, want the book's modification time", f.Name, f.Modified)
		}
	}
}
