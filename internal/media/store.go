package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A Store keeps prepared pictures between builds, by a key that names
// everything their bytes depend on. A store that fails loses entries, never
// the build: Get reports a miss, Put gives up.
type Store interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte)
}

// DirStore is a Store in a folder: each entry a file named by a digest of
// its key, written to a temporary file and renamed into place, so that a
// build interrupted, or another running at the same time, leaves either a
// whole entry or none.
type DirStore struct{ Dir string }

func (s DirStore) path(key string) string {
	sum := sha256.Sum256([]byte(key))
	name := hex.EncodeToString(sum[:])
	return filepath.Join(s.Dir, "pictures", name[:2], name)
}

// Get reads the entry under key.
func (s DirStore) Get(key string) ([]byte, bool) {
	data, err := os.ReadFile(s.path(key))
	return data, err == nil
}

// Put writes the entry under key, replacing any there.
func (s DirStore) Put(key string, data []byte) {
	final := s.path(key)
	if err := os.MkdirAll(filepath.Dir(final), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(final), ".tmp-*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), final) != nil {
		os.Remove(tmp.Name())
	}
}

// reductionFormat begins every stored reduction; its number changes with
// anything that changes the bytes a reduction is made of (the reducing,
// the encoders, their settings), so entries made by other versions are
// not found.
const reductionFormat = "samizdat reduction 8\n"

// storeKey names a reduction in a Store; one turned upright names its
// orientation, and one as stored keeps the key it had before pictures
// were turned.
func storeKey(mediaType string, data []byte, k, orientation int, maxDecoded int64) string {
	sum := sha256.Sum256(data)
	key := fmt.Sprintf("%s%s %x %d %d jpeg-q%d", reductionFormat, mediaType, sum, k, maxDecoded, jpegQuality) + ProfileStoreTag(mediaType, data)
	if orientation > 1 {
		key += fmt.Sprintf(" orientation %d", orientation)
	}
	return key
}

// encodeReduction is a reduction as stored: the format line, a line of
// its media type, size and the digest of its data, then the data.
func encodeReduction(r *Reduction) []byte {
	sum := sha256.Sum256(r.Data)
	head := fmt.Sprintf("%s%s %d %d %x\n", reductionFormat, r.MediaType, r.Width, r.Height, sum)
	return append([]byte(head), r.Data...)
}

// decodeReduction reads a stored reduction; nil for an entry that is
// damaged, of another format, or does not hold what it says.
func decodeReduction(entry []byte) *Reduction {
	rest, ok := bytes.CutPrefix(entry, []byte(reductionFormat))
	if !ok {
		return nil
	}
	line, data, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return nil
	}
	r := &Reduction{}
	var digest string
	if n, err := fmt.Sscanf(string(line), "%s %d %d %s", &r.MediaType, &r.Width, &r.Height, &digest); n != 4 || err != nil {
		return nil
	}
	sum := sha256.Sum256(data)
	if digest != hex.EncodeToString(sum[:]) || r.Width <= 0 || r.Height <= 0 || (r.MediaType != PNG && r.MediaType != JPEG) {
		return nil
	}
	r.Data = data
	return r
}

// UserCacheDir is where prepared pictures are kept unless cache_dir says
// otherwise, found from the environment as os.UserCacheDir finds it on
// Unix: $XDG_CACHE_HOME/samizdat, else $HOME/.cache/samizdat; "" when
// neither is set.
func UserCacheDir(environ []string) string {
	var xdg, home string
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "XDG_CACHE_HOME="); ok {
			xdg = v
		} else if v, ok := strings.CutPrefix(kv, "HOME="); ok {
			home = v
		}
	}
	switch {
	case filepath.IsAbs(xdg):
		return filepath.Join(xdg, "samizdat")
	case filepath.IsAbs(home):
		return filepath.Join(home, ".cache", "samizdat")
	}
	return ""
}
