package media

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"sync"

	"github.com/samizdat-press/samizdat/internal/jpegdec"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// A Cache holds pictures prepared for an output (decoded, reduced,
// encoded), by a digest of their bytes and how they were prepared, so that
// the editions built together prepare each picture once. It is safe for
// concurrent use: a second caller asking for a picture being prepared
// waits for it. A nil Cache prepares every time.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
	// decoded is the memory the decoded pictures kept take, at most
	// budget.
	decoded, budget int64
	// digests holds each picture's Digest, by where its bytes are.
	digests map[digestKey]string
	// scratch keeps the buffers of encoders done with them for the next
	// picture of the build.
	scratch scratch
}

// A scratch keeps large buffers an encoder is done with for the next
// picture encoded, where each allocated its own, most of the memory a
// build's encoding of its pictures allocated: each is cleared, or cut to
// the size a new one would have, when taken, and never holds a result.
// What it keeps goes at the next garbage collections (sync.Pool), so
// that it never adds to the most memory a build takes. A nil scratch
// keeps nothing.
type scratch struct {
	deflaters sync.Pool // *deflaterBuffers
	bytes     sync.Pool // *[]byte
}

// scratchOf is c's scratch, nil for a nil Cache.
func (c *Cache) scratchOf() *scratch {
	if c == nil {
		return nil
	}
	return &c.scratch
}

// takeDeflater is a rowDeflater's buffers kept, or nil.
func (s *scratch) takeDeflater() *deflaterBuffers {
	if s == nil {
		return nil
	}
	b, _ := s.deflaters.Get().(*deflaterBuffers)
	return b
}

// keepDeflater keeps b for the next stream.
func (s *scratch) keepDeflater(b *deflaterBuffers) {
	if s != nil {
		s.deflaters.Put(b)
	}
}

// takeBytes is n bytes, of a buffer kept when the one taken is large
// enough, else new; zeros only when new.
func (s *scratch) takeBytes(n int) []byte {
	if s != nil {
		if b, _ := s.bytes.Get().(*[]byte); b != nil && cap(*b) >= n {
			return (*b)[:n]
		}
	}
	return make([]byte, n)
}

// keepBytes keeps b for takeBytes.
func (s *scratch) keepBytes(b []byte) {
	if s != nil && cap(b) > 0 {
		s.bytes.Put(&b)
	}
}

// digestKey names a picture's bytes by where they are and how many.
type digestKey struct {
	first *byte
	n     int
}

// decodedBudget bounds the memory decoded pictures kept for other outputs
// may take: beyond it a picture is decoded again by each output.
const decodedBudget = 256 << 20

type cacheEntry struct {
	done  chan struct{}
	value any
}

// NewCache makes an empty cache.
func NewCache() *Cache {
	return &Cache{entries: map[string]*cacheEntry{}, budget: decodedBudget, digests: map[digestKey]string{}}
}

// Do returns the value cached under key, calling prepare to make it the
// first time. prepare must be a function of what key names alone.
func (c *Cache) Do(key string, prepare func() any) any {
	if c == nil {
		return prepare()
	}
	c.mu.Lock()
	e, ok := c.entry(key)
	c.mu.Unlock()
	return e.fill(ok, prepare)
}

// entry is the entry under key, made empty when there is none; ok says it
// was there. c.mu is held.
func (c *Cache) entry(key string) (e *cacheEntry, ok bool) {
	e, ok = c.entries[key]
	if !ok {
		e = &cacheEntry{done: make(chan struct{})}
		c.entries[key] = e
	}
	return e, ok
}

// fill waits for an entry that was there to be ready, or makes it.
func (e *cacheEntry) fill(wasThere bool, prepare func() any) any {
	if wasThere {
		<-e.done
		return e.value
	}
	defer close(e.done)
	e.value = prepare()
	return e.value
}

// Decode decodes a raster picture as the package's Decode does, once for
// all the outputs of a build: the EPUB and the PDF each reduce the same
// screenshot or photograph, and decoding it is a third of the work. The
// picture is kept while the pictures kept take less than the budget;
// one that does not fit is decoded for each caller. Callers must not
// change the picture.
func (c *Cache) Decode(mediaType string, data []byte, maxDecoded int64) (image.Image, error) {
	cfg, err := DecodeConfig(mediaType, data, maxDecoded)
	if err != nil {
		return nil, err
	}
	if c == nil {
		return Decode(mediaType, data, maxDecoded)
	}
	size := DecodedSize(cfg)
	if mediaType == GIF {
		size = gifDecodedSize(data, cfg)
	}
	key := "decoded " + mediaType + " " + c.Digest(data)
	c.mu.Lock()
	_, kept := c.entries[key]
	if !kept && c.decoded+size > c.budget {
		c.mu.Unlock()
		return Decode(mediaType, data, maxDecoded)
	}
	e, ok := c.entry(key)
	if !ok {
		c.decoded += size
	}
	c.mu.Unlock()
	d := e.fill(ok, func() any {
		img, err := Decode(mediaType, data, maxDecoded)
		return decodedPicture{img, err}
	}).(decodedPicture)
	return d.img, d.err
}

// SVGTree reads an SVG picture (svg.ParseTree) once for all the uses a
// build makes of it: the warnings about what the PDF cannot draw, and the
// PDF. The trees kept share the decoded pictures' budget, each counted at
// svgTreeCost times its document's bytes; beyond it a picture is read
// for each caller.
func (c *Cache) SVGTree(data []byte) (*svg.Tree, error) {
	if c == nil {
		return svg.ParseTree(data)
	}
	size := svgTreeCost * int64(len(data))
	key := "svg tree " + c.Digest(data)
	c.mu.Lock()
	_, kept := c.entries[key]
	if !kept && c.decoded+size > c.budget {
		c.mu.Unlock()
		return svg.ParseTree(data)
	}
	e, ok := c.entry(key)
	if !ok {
		c.decoded += size
	}
	c.mu.Unlock()
	t := e.fill(ok, func() any {
		t, err := svg.ParseTree(data)
		return parsedSVG{t, err}
	}).(parsedSVG)
	return t.tree, t.err
}

// svgTreeCost is about the memory a parsed SVG document takes for each of
// its bytes: a node and its attributes' map for every element, the text
// copied.
const svgTreeCost = 8

type parsedSVG struct {
	tree *svg.Tree
	err  error
}

// jpegCoefficients reads a baseline JPEG's lowest frequencies
// (jpegdec.Parse) once for all the outputs of a build, within the same
// budget as decoded pictures: the EPUB and the PDF usually reduce a
// photograph by different factors, each decoded from them at its own
// scale. ok is false for a JPEG jpegdec does not read.
func (c *Cache) jpegCoefficients(data []byte) (coef *jpegdec.Coefficients, ok bool) {
	if c == nil {
		return jpegdec.Parse(data)
	}
	d := c.kept("jpeg coefficients "+c.Digest(data), func() (any, int64) {
		coef, ok := jpegdec.Parse(data)
		if !ok {
			return (*jpegdec.Coefficients)(nil), 0
		}
		return coef, coef.Size()
	}).(*jpegdec.Coefficients)
	return d, d != nil
}

// jpegScaled is a baseline JPEG's picture decoded at 1/scale of its size
// from its coefficients, once for all the outputs of a build, within the
// decoded pictures' budget: the EPUB halving a photograph and the PDF
// reducing it by three both start from it at half its size. Callers must
// not change the picture.
func (c *Cache) jpegScaled(data []byte, coef *jpegdec.Coefficients, scale int) image.Image {
	if c == nil {
		img, _ := coef.Image(scale)
		return img
	}
	return c.kept(fmt.Sprintf("jpeg at 1/%d %s", scale, c.Digest(data)), func() (any, int64) {
		img, _ := coef.Image(scale)
		return img, decodedSize(img)
	}).(image.Image)
}

// pngHalved is a PNG of the kinds reducePNG reads, halved, once for all
// the outputs of a build, within the decoded pictures' budget; ok is
// false for the other kinds. Every reduction of such a PNG starts from
// it: the EPUB halving a screenshot and the PDF reducing it by three
// decode and unfilter its rows once, not twice. Callers must not change
// the picture.
func (c *Cache) pngHalved(data []byte) (img image.Image, ok bool, err error) {
	if c == nil {
		return reducePNG(data, 2)
	}
	h := c.kept("png halved "+c.Digest(data), func() (any, int64) {
		img, ok, err := reducePNGWith(&c.scratch, data, 2)
		if !ok || err != nil {
			return halving{ok: ok, err: err}, 0
		}
		return halving{img: img, ok: true}, decodedSize(img)
	}).(halving)
	return h.img, h.ok, h.err
}

// halving is what pngHalved keeps.
type halving struct {
	img image.Image
	ok  bool
	err error
}

// kept returns the value cached under key, made by prepare, which also
// says how much memory it takes; a value that takes more than the
// budget left is given to the callers waiting for it, then forgotten, so
// that later callers make it again.
func (c *Cache) kept(key string, prepare func() (any, int64)) any {
	c.mu.Lock()
	e, ok := c.entry(key)
	c.mu.Unlock()
	return e.fill(ok, func() any {
		value, size := prepare()
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.decoded+size > c.budget {
			delete(c.entries, key)
		} else {
			c.decoded += size
		}
		return value
	})
}

// decodedSize is the memory a decoded picture's pixels take.
func decodedSize(img image.Image) int64 {
	switch m := img.(type) {
	case *image.YCbCr:
		return int64(len(m.Y) + len(m.Cb) + len(m.Cr))
	case *image.Gray:
		return int64(len(m.Pix))
	case *image.RGBA:
		return int64(len(m.Pix))
	case *image.CMYK:
		return int64(len(m.Pix))
	}
	b := img.Bounds()
	return 4 * int64(b.Dx()) * int64(b.Dy())
}

type decodedPicture struct {
	img image.Image
	err error
}

// Digest names data in cache keys.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

// Digest is Digest(data), worked out once for the bytes of each picture:
// the outputs name a picture in several keys, and a photograph's
// megabytes took a millisecond each time. The bytes must not change while
// the cache is used, as a book's pictures' never do.
func (c *Cache) Digest(data []byte) string {
	if c == nil || len(data) == 0 {
		return Digest(data)
	}
	key := digestKey{&data[0], len(data)}
	c.mu.Lock()
	d, ok := c.digests[key]
	c.mu.Unlock()
	if ok {
		return d
	}
	d = Digest(data)
	c.mu.Lock()
	c.digests[key] = d
	c.mu.Unlock()
	return d
}
