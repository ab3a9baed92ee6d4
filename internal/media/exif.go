package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
)

// Orientation is the Exif orientation a raster picture's bytes give its
// pixels (1 to 8; 1, shown as stored, when they give none or one that
// cannot be read): phones store a portrait photograph as landscape pixels
// and say so here. It is read from a JPEG's APP1 Exif segment before its
// first scan, a PNG's eXIf chunk before its image data, a WebP's EXIF
// chunk, as browsers read it, or a TIFF's first directory; only the headers are walked, a few bytes
// for a photograph of megabytes.
func Orientation(mediaType string, data []byte) int {
	o, err := readOrientation(mediaType, data)
	if err != nil {
		return 1
	}
	return o
}

// errNoExif is a picture without Exif data, or whose Exif data says
// nothing of its orientation.
var errNoExif = errors.New("no orientation")

// readOrientation is Orientation, with why it found none: errNoExif, or
// what is wrong with the data. Nothing it reads is trusted: every offset
// and count is checked against the bytes there are.
func readOrientation(mediaType string, data []byte) (int, error) {
	var tiff []byte
	var err error
	switch mediaType {
	case JPEG:
		tiff, err = jpegExif(data)
	case PNG:
		tiff, err = pngExif(data)
	case WebP:
		tiff, err = webpExif(data)
	case TIFF:
		// a TIFF's own first directory, which is its first page's
		tiff = data
	default:
		return 1, errNoExif
	}
	if err != nil {
		return 1, err
	}
	return tiffOrientation(tiff)
}

// exifHeader begins a JPEG's Exif segment, and some PNG and WebP writers'
// Exif data, before the TIFF structure.
const exifHeader = "Exif\x00\x00"

// jpegExif finds the TIFF structure of a JPEG's first APP1 Exif segment,
// walking the segments before the first scan by their lengths.
func jpegExif(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, errors.New("JPEG: no start of image")
	}
	at := 2
	for {
		// Markers may be preceded by any number of fill bytes.
		for at < len(data) && data[at] == 0xFF && at+1 < len(data) && data[at+1] == 0xFF {
			at++
		}
		if at+2 > len(data) {
			return nil, errors.New("JPEG: headers end before the first scan")
		}
		if data[at] != 0xFF {
			return nil, fmt.Errorf("JPEG: no marker at byte %d", at)
		}
		marker := data[at+1]
		switch {
		case marker == 0xDA || marker == 0xD9:
			// The first scan (or the end): Exif data comes before it.
			return nil, errNoExif
		case marker == 0x01 || marker >= 0xD0 && marker <= 0xD7:
			at += 2 // no length
			continue
		}
		if at+4 > len(data) {
			return nil, fmt.Errorf("JPEG: segment %#02x at byte %d cut short", marker, at)
		}
		n := int(binary.BigEndian.Uint16(data[at+2:]))
		if n < 2 || at+2+n > len(data) {
			return nil, fmt.Errorf("JPEG: segment %#02x at byte %d claims %d bytes, %d are left", marker, at, n, len(data)-at-2)
		}
		seg := data[at+4 : at+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte(exifHeader)) {
			return seg[len(exifHeader):], nil
		}
		at += 2 + n
	}
}

// pngExif finds a PNG's eXIf chunk before its image data, where browsers
// read it; a chunk whose checksum fails is ignored, as PNG readers
// ignore a damaged ancillary chunk.
func pngExif(data []byte) ([]byte, error) {
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, errors.New("PNG: no signature")
	}
	for at := 8; ; {
		if at+8 > len(data) {
			return nil, errors.New("PNG: chunks end before the image data")
		}
		n := int64(binary.BigEndian.Uint32(data[at:]))
		kind := string(data[at+4 : at+8])
		if kind == "IDAT" || kind == "IEND" {
			return nil, errNoExif
		}
		if n > int64(len(data)-at-12) {
			return nil, fmt.Errorf("PNG: chunk %q at byte %d claims %d bytes, %d are left", kind, at, n, len(data)-at-12)
		}
		end := at + 8 + int(n)
		if kind == "eXIf" {
			if crc32.ChecksumIEEE(data[at+4:end]) != binary.BigEndian.Uint32(data[end:]) {
				return nil, errors.New("PNG: eXIf chunk's checksum fails")
			}
			return bytes.TrimPrefix(data[at+8:end], []byte(exifHeader)), nil
		}
		at = end + 4
	}
}

// webpExif finds a WebP's EXIF chunk, walking its chunks by their
// lengths (the image data's among them, which it does not read).
func webpExif(data []byte) ([]byte, error) {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, errors.New("WebP: no RIFF header")
	}
	for at := 12; at+8 <= len(data); {
		n := int64(binary.LittleEndian.Uint32(data[at+4:]))
		kind := string(data[at : at+4])
		if n > int64(len(data)-at-8) {
			return nil, fmt.Errorf("WebP: chunk %q at byte %d claims %d bytes, %d are left", kind, at, n, len(data)-at-8)
		}
		if kind == "EXIF" {
			return bytes.TrimPrefix(data[at+8:at+8+int(n)], []byte(exifHeader)), nil
		}
		at += 8 + int(n) + int(n&1) // chunks are padded to even lengths
	}
	return nil, errNoExif
}

// tiffOrientation reads tag 0x0112 (Orientation) of a TIFF structure's
// first directory (IFD0), in either byte order.
func tiffOrientation(tiff []byte) (int, error) {
	if len(tiff) < 8 {
		return 1, errors.New("Exif: TIFF header cut short")
	}
	var order binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return 1, errors.New("Exif: no TIFF header")
	}
	ifd := int64(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > int64(len(tiff)) {
		return 1, fmt.Errorf("Exif: first directory at byte %d, outside its %d bytes", ifd, len(tiff))
	}
	count := int(order.Uint16(tiff[ifd:]))
	entries := tiff[ifd+2:]
	if count*12 > len(entries) {
		return 1, fmt.Errorf("Exif: first directory claims %d entries, has room for %d", count, len(entries)/12)
	}
	for i := range count {
		e := entries[i*12 : i*12+12]
		if order.Uint16(e) != 0x0112 {
			continue
		}
		typ, n := order.Uint16(e[2:]), order.Uint32(e[4:])
		var v uint32
		switch {
		case typ == 3 && n == 1: // SHORT
			v = uint32(order.Uint16(e[8:]))
		case typ == 4 && n == 1: // LONG
			v = order.Uint32(e[8:])
		default:
			return 1, fmt.Errorf("Exif: orientation of type %d and count %d, not one SHORT", typ, n)
		}
		if v < 1 || v > 8 {
			return 1, fmt.Errorf("Exif: orientation %d, not 1 to 8", v)
		}
		return int(v), nil
	}
	return 1, errNoExif
}

// Transposes reports whether a picture of orientation o is shown with its
// stored width as its height: o turns it a quarter.
func Transposes(o int) bool { return o >= 5 && o <= 8 }

// Shown is the size a picture of w × h stored pixels is shown at under
// orientation o.
func Shown(w, h, o int) (int, int) {
	if Transposes(o) {
		return h, w
	}
	return w, h
}
