package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/jpegdec"
)

// unsupportedJPEG is a JPEG of a kind image/jpeg does not decode, which
// it would report by a marker ("unknown marker", "SOF type"); the
// message names the kind. It is errUnsupported to errors.Is.
type unsupportedJPEG string

func (e unsupportedJPEG) Error() string { return "unsupported JPEG: " + string(e) }

func (unsupportedJPEG) Is(target error) bool { return target == errUnsupported }

const (
	jpegArithmetic = unsupportedJPEG("arithmetic-coded; save it as an ordinary (Huffman-coded) JPEG, " +
		"which jpegtran makes of it without loss, or as PNG")
	jpegLossless     = unsupportedJPEG("lossless (process 14); save it as PNG")
	jpegHierarchical = unsupportedJPEG("hierarchical; save it as an ordinary JPEG or as PNG")
)

// jpegConfig reads a JPEG's header, naming the kinds image/jpeg does not
// decode: those its frame header's marker or precision declares, or
// arithmetic coding's conditioning tables before it.
func jpegConfig(data []byte) (image.Config, error) {
	if err := jpegKind(data); err != nil {
		return image.Config{}, err
	}
	return jpeg.DecodeConfig(bytes.NewReader(data))
}

// jpegKind walks a JPEG's segments up to its frame header; nil for the
// kinds image/jpeg reads, and for anything it cannot walk (image/jpeg
// then says what is wrong).
func jpegKind(data []byte) (kind error) {
	jpegSegments(data, func(marker byte, seg []byte) bool {
		switch {
		case marker == 0xcc: // DAC: arithmetic conditioning
			kind = jpegArithmetic
		case marker == 0xc3:
			kind = jpegLossless
		case marker >= 0xc5 && marker <= 0xc7:
			kind = jpegHierarchical
		case marker == 0xcb || marker == 0xcf:
			kind = unsupportedJPEG("lossless, arithmetic-coded; save it as PNG")
		case marker >= 0xc9 && marker <= 0xce && marker != 0xcc:
			kind = jpegArithmetic
		case marker >= 0xc0 && marker <= 0xc2:
			if len(seg) > 0 && seg[0] != 8 {
				kind = unsupportedJPEG(fmt.Sprintf("%d-bit samples; save it with 8 bits a sample, or as PNG", seg[0]))
			}
		case marker == 0xda:
		default:
			return true
		}
		return false
	})
	return kind
}

// jpegSegments calls visit with each marker segment of a JPEG's header,
// in order, and its bytes after the length (cut short where the file
// is), until visit returns false or the segments cannot be walked: the
// file is no JPEG, or a byte where a marker should be is not one.
// Markers without a length (restarts, TEM) and fill bytes are passed
// over.
func jpegSegments(data []byte, visit func(marker byte, seg []byte) bool) {
	if len(data) < 4 || data[0] != 0xff || data[1] != 0xd8 {
		return
	}
	for at := 2; at+4 <= len(data); {
		if data[at] != 0xff {
			return
		}
		marker := data[at+1]
		if marker == 0xff {
			at++ // fill byte
			continue
		}
		if marker == 0x01 || marker >= 0xd0 && marker <= 0xd7 {
			at += 2 // no length
			continue
		}
		n := int(data[at+2])<<8 | int(data[at+3])
		if !visit(marker, data[at+4:max(at+4, min(len(data), at+2+n))]) {
			return
		}
		at += 2 + n
	}
}

// A JPEG of four components without Adobe's APP14 segment holds CMYK as
// inks (0 for none), as libjpeg writes it when told to leave the segment
// out; Adobe's programs, which write the segment, store the inks
// inverted. image/jpeg refuses the first ("4-component JPEG doesn't
// have Adobe APP14 metadata"); it is decoded here as if it had the
// segment, and its inks turned back.

// adobeSegment is an APP14 segment saying the components are stored as
// they are (transform 0): CMYK, inverted.
var adobeSegment = []byte{0xff, 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0}

// decodeJPEG decodes a JPEG, one of CMYK inks without an APP14 segment
// too. A JPEG image/jpeg fails on is decoded by jpegdec, as libjpeg
// decodes it: a progressive one with restart markers and subsampled
// colours, as cjpeg -progressive -restart writes it, where image/jpeg
// counts a scan's restart intervals in blocks of every component
// ("missing 0xff00 sequence"); one with Huffman tables 2 and 3 in a
// baseline frame; one whose restart markers are out of order or
// missing, as a damaged copy has them, the blocks lost left grey.
func decodeJPEG(data []byte) (image.Image, error) {
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		// a damaged one only when its damage is the kind the book's
		// reading warns of (checkJPEGDamage)
		if whole, damage, ok := jpegdec.DecodeWhole(data); ok && (damage == jpegdec.Damage{} || restartsOutOfOrder(data)) {
			return whole, nil
		}
		if progressiveRestarts(data) {
			// image/jpeg's complaint would be of its own counting
			return nil, errDamagedProgressive
		}
	}
	if err == nil || !PlainCMYKJPEG(data) {
		return img, err
	}
	patched := append(append(bytes.Clone(data[:2]), adobeSegment...), data[2:]...)
	img, err = jpeg.Decode(bytes.NewReader(patched))
	if err != nil {
		return nil, err
	}
	if m, ok := img.(*image.CMYK); ok {
		for i, v := range m.Pix {
			m.Pix[i] = 255 - v
		}
	}
	return img, nil
}

// PlainCMYKJPEG reports whether a JPEG's frame has four components and no
// Adobe APP14 segment comes before it: CMYK inks stored as they are,
// which a PDF reader would read inverted as DCTDecode gives them
// (gofpdf's Decode array for CMYK is Adobe's).
func PlainCMYKJPEG(data []byte) (plain bool) {
	jpegSegments(data, func(marker byte, seg []byte) bool {
		switch {
		case marker == 0xee && len(seg) >= 5 && string(seg[:5]) == "Adobe":
		case marker >= 0xc0 && marker <= 0xc2:
			plain = len(seg) > 5 && seg[5] == 4
		case marker == 0xda:
		default:
			return true
		}
		return false
	})
	return plain
}

// errDamagedProgressive is a progressive JPEG with restart markers and
// subsampled colours whose scans jpegdec does not read, as libjpeg would:
// damaged, where image/jpeg fails on it whole or not.
var errDamagedProgressive = errors.New("invalid JPEG format: its progressive scans are damaged")

// progressiveRestarts reports whether a JPEG declares a restart interval
// and a progressive frame of components sampled differently.
func progressiveRestarts(data []byte) (found bool) {
	restarts, subsampled := false, false
	jpegSegments(data, func(marker byte, seg []byte) bool {
		switch marker {
		case 0xdd: // DRI
			restarts = len(seg) >= 2 && (seg[0] != 0 || seg[1] != 0)
		case 0xc2:
			if len(seg) < 6 {
				return false
			}
			comps := int(seg[5])
			for i := 1; i < comps && 6+3*i+1 < len(seg); i++ {
				subsampled = subsampled || seg[6+3*i+1] != seg[7]
			}
		case 0xc0, 0xc1:
			return false
		case 0xda:
			found = restarts && subsampled
			return false
		}
		return true
	})
	return found
}

// checkJPEGDamage warns, once per file, of a JPEG whose restart markers
// are out of order or missing: a damaged copy, which libjpeg, and so
// web browsers and PDF readers, show with the blocks whose data are lost
// grey, as the outputs then show it.
func (l *loader) checkJPEGDamage(a *doc.Asset, src string) {
	if a.MediaType != JPEG || l.jpegChecked[a] || !restartsOutOfOrder(a.Data) {
		return
	}
	if l.jpegChecked == nil {
		l.jpegChecked = map[*doc.Asset]bool{}
	}
	l.jpegChecked[a] = true
	_, damage, ok := jpegdec.DecodeWhole(a.Data)
	if !ok {
		return // its decoding fails, and says so, where it is drawn
	}
	lost := "none of its blocks lost"
	switch {
	case damage.Lost == 1:
		lost = "1 block of 8 × 8 pixels lost, shown grey"
	case damage.Lost > 1:
		lost = fmt.Sprintf("%d blocks of 8 × 8 pixels lost, shown grey", damage.Lost)
	}
	l.warn("image.damaged", "image %q: %s is a damaged JPEG: its restart markers are out of order or missing; it is shown as web browsers show it, %s (save it again from an undamaged copy)", src, a.Path, lost)
}

// restartsOutOfOrder reports whether a JPEG's scans have a restart
// marker other than the one due: RST0 to RST7 in turn from each scan's
// start. A walk over the bytes, for every JPEG of a book.
func restartsOutOfOrder(data []byte) bool {
	scan := -1
	jpegSegments(data, func(marker byte, seg []byte) bool {
		if marker == 0xda {
			// where seg ends, a slice of data's array
			scan = cap(data) - cap(seg) + len(seg)
			return false
		}
		return true
	})
	if scan < 0 {
		return false
	}
	due := byte(0)
	for at := scan; at+1 < len(data); {
		i := bytes.IndexByte(data[at:len(data)-1], 0xff)
		if i < 0 {
			return false
		}
		at += i + 1
		switch m := data[at]; {
		case m == 0 || m == 0xff:
		case m >= 0xd0 && m <= 0xd7:
			if m != 0xd0+due {
				return true
			}
			due = (due + 1) % 8
		case m == 0xd9:
			return false
		case at+2 < len(data):
			// a segment between scans, passed over whole: a scan's
			// header starts the count again
			if m == 0xda {
				due = 0
			}
			at += 1 + (int(data[at+1])<<8 | int(data[at+2]))
		}
	}
	return false
}
