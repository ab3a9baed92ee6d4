package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/samizdat-press/samizdat/internal/media"
)

// rasterFormat begins every raster kept between builds and its key; its
// number changes with anything that changes a raster's bytes besides the
// picture and the size asked for (the reducing, the encoders and their
// settings, here or in media), so rasters made by other versions are not
// found.
const rasterFormat = "samizdat pdf raster 6\n"

// storedRaster is prepareRaster's picture, kept in store between builds
// (a nil store keeps none) in the form gofpdf takes it: a rebuild neither
// decodes a picture with transparency nor splits and encodes it again.
// A picture embedded as it is, is kept as a mark saying so, which spares
// decoding it to find that out.
func storedRaster(pictures *media.Cache, store media.Store, mediaType string, data []byte, tw, th int, maxDecoded int64) *raster {
	if store == nil {
		return prepareRaster(pictures, store, mediaType, data, tw, th, maxDecoded)
	}
	sum := sha256.Sum256(data)
	key := fmt.Sprintf("%s%s %x %dx%d %d jpeg-q%d", rasterFormat, mediaType, sum, tw, th, maxDecoded, jpegQuality) + media.ProfileStoreTag(mediaType, data)
	if entry, ok := store.Get(key); ok {
		if r := decodeStoredRaster(entry, data); r != nil {
			return r
		}
	}
	r := prepareRaster(pictures, store, mediaType, data, tw, th, maxDecoded)
	if r.reason == "" {
		store.Put(key, encodeStoredRaster(r, data))
	}
	return r
}

// asIs reports whether r embeds the picture's own bytes.
func asIs(r *raster, data []byte) bool {
	return len(r.data) > 0 && len(r.data) == len(data) && &r.data[0] == &data[0]
}

// encodeStoredRaster is a raster as stored: the format line, a line of
// its kind, size, whether it is the picture as it is, its mask's length
// and the digest of what follows, then its data (none when as it is) and
// its mask.
func encodeStoredRaster(r *raster, data []byte) []byte {
	body := r.data
	whole := 0
	if asIs(r, data) {
		body, whole = nil, 1
	}
	body = append(append([]byte(nil), body...), r.mask...)
	sum := sha256.Sum256(body)
	head := fmt.Sprintf("%s%s %d %d %d %d %x\n", rasterFormat, r.kind, r.width, r.height, whole, len(r.mask), sum)
	return append([]byte(head), body...)
}

// decodeStoredRaster reads a stored raster of the picture data; nil for
// an entry damaged, of another format, or not holding what it says.
func decodeStoredRaster(entry, data []byte) *raster {
	rest, ok := bytes.CutPrefix(entry, []byte(rasterFormat))
	if !ok {
		return nil
	}
	line, body, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return nil
	}
	r := &raster{}
	var whole, maskLen int
	var digest string
	if n, err := fmt.Sscanf(string(line), "%s %d %d %d %d %s", &r.kind, &r.width, &r.height, &whole, &maskLen, &digest); n != 6 || err != nil {
		return nil
	}
	sum := sha256.Sum256(body)
	switch {
	case digest != hex.EncodeToString(sum[:]), r.kind != "jpg" && r.kind != "png", r.width <= 0, r.height <= 0,
		maskLen < 0, maskLen > len(body), whole != 0 && whole != 1, whole == 1 && len(body) != maskLen:
		return nil
	}
	r.data = body[:len(body)-maskLen]
	if maskLen > 0 {
		r.mask = body[len(body)-maskLen:]
	}
	if whole == 1 {
		r.data = data
	}
	if len(r.data) == 0 {
		return nil
	}
	return withColours(r)
}
