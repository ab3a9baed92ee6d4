package fonts

import (
	"bytes"
	"slices"
)

// WebFace is a face as a stylesheet declares it for an EPUB or a web
// site: its CSS family, weight and style, and the stem of its file.
type WebFace struct {
	Face          Face
	Family, File  string
	Weight, Style string
}

// WebFaces are the faces of the serif and mono families, in the order
// they are declared.
var WebFaces = []WebFace{
	{Face{Serif, Regular}, "Samizdat Serif", "serif-regular", "normal", "normal"},
	{Face{Serif, Italic}, "Samizdat Serif", "serif-italic", "normal", "italic"},
	{Face{Serif, Bold}, "Samizdat Serif", "serif-bold", "bold", "normal"},
	{Face{Serif, BoldItalic}, "Samizdat Serif", "serif-bolditalic", "bold", "italic"},
	{Face{Mono, Regular}, "Samizdat Mono", "mono-regular", "normal", "normal"},
	{Face{Mono, Italic}, "Samizdat Mono", "mono-italic", "normal", "italic"},
	{Face{Mono, Bold}, "Samizdat Mono", "mono-bold", "bold", "normal"},
	{Face{Mono, BoldItalic}, "Samizdat Mono", "mono-bolditalic", "bold", "italic"},
}

// FileFormat names a font file's kind from its signature: its media
// type, its name in CSS's format() and its file extension; "" for all
// three when it is none of TrueType, OpenType, WOFF and WOFF2.
func FileFormat(data []byte) (mediaType, cssFormat, ext string) {
	switch {
	case bytes.HasPrefix(data, []byte{0, 1, 0, 0}), bytes.HasPrefix(data, []byte("true")):
		return "font/ttf", "truetype", ".ttf"
	case bytes.HasPrefix(data, []byte("OTTO")):
		return "font/otf", "opentype", ".otf"
	case bytes.HasPrefix(data, []byte("wOFF")):
		return "font/woff", "woff", ".woff"
	case bytes.HasPrefix(data, []byte("wOF2")):
		return "font/woff2", "woff2", ".woff2"
	}
	return "", "", ""
}

// TextRunes lists the characters texts hold, and printable ASCII always
// (for what a reading system or a browser writes itself): the runes to
// Subset a face to for an e-book or a web site.
func TextRunes(texts ...[]byte) []rune {
	seen := map[rune]bool{}
	for r := rune(0x20); r < 0x7F; r++ {
		seen[r] = true
	}
	for _, t := range texts {
		for _, r := range string(t) {
			seen[r] = true
		}
	}
	runes := make([]rune, 0, len(seen))
	for r := range seen {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	return runes
}
