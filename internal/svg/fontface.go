package svg

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"io"
	"strings"
)

// A picture may carry the fonts its text was set in: dvisvgm and
// LibreOffice write SVG <font>s, D2 an @font-face rule whose src is a
// data: URL of a WOFF font. Its maker placed every label measured in that
// font, and a browser draws the label in it, so the label fits its box
// and the gap an edge leaves for it. The book's faces are wider or
// narrower; a label in a carried font is measured with the font's own
// advances and set at that width, and takes the font's style (an italic
// face is set in italic, a fixed-pitch one in the mono face).

// embeddedFace is a font the picture carries: its advances in ems, by
// character, and its style.
type embeddedFace struct {
	advances           map[rune]float64
	bold, italic, mono bool
	// styled says the face's own descriptors gave bold and italic, so a
	// rule naming the same family in another style is told apart.
	styled bool
}

// maxFaceGlyphs bounds the characters read from one font.
const maxFaceGlyphs = 1 << 16

// advance is r's advance in ems, false when the face lacks r.
func (f *embeddedFace) advance(r rune) (float64, bool) {
	w, ok := f.advances[r]
	return w, ok
}

// embeddedFaces reads the fonts a picture carries, by lower-cased family
// name: its SVG <font>s and the @font-face rules of its style sheets
// whose source is a font in a data: URL. A face that cannot be read is
// left out, and its text measured as any other.
func embeddedFaces(root *node, styleSheets []string) map[string][]*embeddedFace {
	faces := map[string][]*embeddedFace{}
	var walk func(n *node)
	walk = func(n *node) {
		if n.name == "font" {
			if family, face := svgFontFace(n); face != nil {
				faces[family] = append(faces[family], face)
			}
		}
		for _, c := range n.children {
			if !c.isText {
				walk(c)
			}
		}
	}
	walk(root)
	for _, css := range styleSheets {
		for _, decls := range fontFaceRules(css) {
			family, face := cssFontFace(decls)
			if face != nil {
				faces[family] = append(faces[family], face)
			}
		}
	}
	return faces
}

// svgFontFace reads an SVG <font>: its <font-face>'s family and
// units-per-em (1000 when not given), and each <glyph>'s horiz-adv-x (the
// font's when the glyph has none).
func svgFontFace(n *node) (string, *embeddedFace) {
	family, units := "", 1000.0
	face := &embeddedFace{advances: map[rune]float64{}}
	for _, c := range n.children {
		if c.name != "font-face" {
			continue
		}
		family = normalFamily(c.attr("font-family"))
		if u, ok := parseFloat(strings.TrimSpace(c.attr("units-per-em"))); ok && u > 0 {
			units = u
		}
		face.bold, face.italic = descriptorStyle(c.attr("font-weight"), c.attr("font-style"))
		face.styled = c.has("font-weight") || c.has("font-style")
	}
	if family == "" {
		return "", nil
	}
	fontAdvance, _ := parseFloat(strings.TrimSpace(n.attr("horiz-adv-x")))
	for _, c := range n.children {
		if c.name != "glyph" || len(face.advances) >= maxFaceGlyphs {
			continue
		}
		rs := []rune(c.attr("unicode"))
		if len(rs) != 1 {
			continue // a ligature: its characters are measured one by one
		}
		adv := fontAdvance
		if v, ok := parseFloat(strings.TrimSpace(c.attr("horiz-adv-x"))); ok {
			adv = v
		}
		if adv >= 0 {
			face.advances[rs[0]] = adv / units
		}
	}
	if len(face.advances) == 0 {
		return "", nil
	}
	return family, face
}

// descriptorStyle reads font-weight and font-style descriptors.
func descriptorStyle(weight, style string) (bold, italic bool) {
	weight = strings.ToLower(strings.TrimSpace(weight))
	if w, ok := parseFloat(weight); ok {
		bold = w >= 600
	} else {
		bold = weight == "bold" || weight == "bolder"
	}
	style = strings.ToLower(strings.TrimSpace(style))
	italic = strings.HasPrefix(style, "italic") || strings.HasPrefix(style, "oblique")
	return bold, italic
}

// normalFamily is a family name unquoted and lower-cased, as families are
// matched.
func normalFamily(name string) string {
	name = strings.TrimSpace(name)
	if len(name) >= 2 && (name[0] == '"' || name[0] == '\'') && name[len(name)-1] == name[0] {
		name = name[1 : len(name)-1]
	}
	return strings.ToLower(strings.TrimSpace(name))
}

// fontFaceRules returns the declarations of each @font-face rule of a
// style sheet.
func fontFaceRules(css string) [][]declaration {
	var out [][]declaration
	css = stripComments(css)
	for i := 0; i < len(css); {
		k := strings.Index(strings.ToLower(css[i:]), "@font-face")
		if k < 0 {
			break
		}
		open := indexOutsideQuotes(css, i+k, '{')
		if open < 0 {
			break
		}
		end := matchingBrace(css, open)
		out = append(out, parseDeclarations(css[open+1:end]))
		i = end + 1
	}
	return out
}

// cssFontFace reads an @font-face rule whose src is a data: URL of a
// TrueType, OpenType or WOFF font (the first of its sources that is).
func cssFontFace(decls []declaration) (string, *embeddedFace) {
	var family, src, weight, style string
	for _, d := range decls {
		switch d.prop {
		case "font-family":
			family = normalFamily(d.value)
		case "src":
			src = d.value
		case "font-weight":
			weight = d.value
		case "font-style":
			style = d.value
		}
	}
	if family == "" {
		return "", nil
	}
	for _, s := range splitTopLevel(src, ',') {
		data, ok := fontDataURL(s)
		if !ok {
			continue
		}
		face, err := readFont(data)
		if err != nil {
			continue
		}
		if weight != "" || style != "" {
			face.bold, face.italic = descriptorStyle(weight, style)
			face.styled = true
		}
		return family, face
	}
	return "", nil
}

// fontDataURL decodes the data: URL of a url() in an @font-face src.
func fontDataURL(src string) ([]byte, bool) {
	src = strings.TrimSpace(src)
	if !strings.HasPrefix(strings.ToLower(src), "url(") {
		return nil, false
	}
	// the url() alone, without the format() that may follow it
	inner := strings.TrimSpace(src[4:])
	var u string
	if inner != "" && (inner[0] == '"' || inner[0] == '\'') {
		end := strings.IndexByte(inner[1:], inner[0])
		if end < 0 {
			return nil, false
		}
		u = inner[1 : 1+end]
	} else {
		end := strings.IndexByte(inner, ')')
		if end < 0 {
			return nil, false
		}
		u = strings.TrimSpace(inner[:end])
	}
	_, b, ok := dataURL(u)
	return b, ok && len(b) <= maxEmbedded
}

type fontError string

func (e fontError) Error() string { return string(e) }

const errFont = fontError("not a TrueType, OpenType or WOFF font this reader knows")

// readFont reads the advances and style of a TrueType or OpenType font,
// bare or in a WOFF (1.0) wrapper. WOFF 2's Brotli is not read.
func readFont(data []byte) (*embeddedFace, error) {
	tables, err := fontTables(data)
	if err != nil {
		return nil, err
	}
	head, hhea, hmtx, cmap := tables["head"], tables["hhea"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || len(cmap) < 4 {
		return nil, errFont
	}
	units := float64(binary.BigEndian.Uint16(head[18:]))
	if units < 16 {
		return nil, errFont
	}
	macStyle := binary.BigEndian.Uint16(head[44:])
	face := &embeddedFace{advances: map[rune]float64{}, bold: macStyle&1 != 0, italic: macStyle&2 != 0}
	if os2 := tables["OS/2"]; len(os2) >= 64 {
		sel := binary.BigEndian.Uint16(os2[62:])
		face.italic = face.italic || sel&1 != 0
		face.bold = face.bold || sel&(1<<5) != 0 || binary.BigEndian.Uint16(os2[4:]) >= 600
	}
	if post := tables["post"]; len(post) >= 16 {
		face.mono = binary.BigEndian.Uint32(post[12:]) != 0
	}
	metrics := int(binary.BigEndian.Uint16(hhea[34:]))
	if metrics == 0 || len(hmtx) < 4*metrics {
		return nil, errFont
	}
	advance := func(gid int) float64 {
		gid = min(gid, metrics-1)
		return float64(binary.BigEndian.Uint16(hmtx[4*gid:])) / units
	}
	// A broken table may map every character of Unicode many times over:
	// the characters looked at are bounded too.
	visits := 0
	err = eachMapping(cmap, func(r rune, gid int) bool {
		if gid > 0 {
			face.advances[r] = advance(gid)
		}
		visits++
		return len(face.advances) < maxFaceGlyphs && visits < 4*maxFaceGlyphs
	})
	if err != nil || len(face.advances) == 0 {
		return nil, errFont
	}
	return face, nil
}

// fontTables returns a font's tables by tag, uncompressed.
func fontTables(data []byte) (map[string][]byte, error) {
	tables := map[string][]byte{}
	be := binary.BigEndian
	switch {
	case len(data) >= 44 && string(data[:4]) == "wOFF":
		n := int(be.Uint16(data[12:]))
		if len(data) < 44+20*n {
			return nil, errFont
		}
		for i := range n {
			e := data[44+20*i:]
			off, comp, orig := int(be.Uint32(e[4:])), int(be.Uint32(e[8:])), int(be.Uint32(e[12:]))
			if off < 0 || comp < 0 || off+comp > len(data) || orig > maxEmbedded {
				return nil, errFont
			}
			raw := data[off : off+comp]
			if comp < orig {
				z, err := zlib.NewReader(bytes.NewReader(raw))
				if err != nil {
					return nil, errFont
				}
				raw, err = io.ReadAll(io.LimitReader(z, int64(orig)))
				if err != nil {
					return nil, errFont
				}
			}
			tables[string(e[:4])] = raw
		}
	case len(data) >= 12 && (be.Uint32(data) == 0x00010000 || string(data[:4]) == "OTTO" || string(data[:4]) == "true"):
		n := int(be.Uint16(data[4:]))
		if len(data) < 12+16*n {
			return nil, errFont
		}
		for i := range n {
			e := data[12+16*i:]
			off, length := int(be.Uint32(e[8:])), int(be.Uint32(e[12:]))
			if off < 0 || length < 0 || off+length > len(data) {
				return nil, errFont
			}
			tables[string(e[:4])] = data[off : off+length]
		}
	default:
		return nil, errFont
	}
	return tables, nil
}

// eachMapping calls fn for each character a cmap table maps, from its
// Unicode subtable of format 12 or 4, until fn returns false.
func eachMapping(cmap []byte, fn func(r rune, gid int) bool) error {
	be := binary.BigEndian
	n := int(be.Uint16(cmap[2:]))
	if len(cmap) < 4+8*n {
		return errFont
	}
	var best []byte
	bestRank := 0
	for i := range n {
		rec := cmap[4+8*i:]
		platform, encoding, off := be.Uint16(rec), be.Uint16(rec[2:]), int(be.Uint32(rec[4:]))
		if off < 0 || off+8 > len(cmap) {
			continue
		}
		sub := cmap[off:]
		format := be.Uint16(sub)
		rank := 0
		switch {
		case format == 12 && (platform == 3 && encoding == 10 || platform == 0):
			rank = 3
		case format == 4 && (platform == 3 && encoding == 1 || platform == 0):
			rank = 2
		case format == 4 && platform == 3 && encoding == 0:
			rank = 1 // a symbol font's
		}
		if rank > bestRank {
			best, bestRank = sub, rank
		}
	}
	switch {
	case bestRank == 3:
		if len(best) < 16 {
			return errFont
		}
		groups := int(be.Uint32(best[12:]))
		if groups < 0 || len(best) < 16+12*groups {
			return errFont
		}
		for g := range groups {
			e := best[16+12*g:]
			start, end, gid := be.Uint32(e), be.Uint32(e[4:]), be.Uint32(e[8:])
			for c := start; c <= end && c <= 0x10FFFF; c++ {
				if !fn(rune(c), int(gid+c-start)) {
					return nil
				}
			}
		}
	case bestRank > 0:
		if len(best) < 14 {
			return errFont
		}
		segs := int(be.Uint16(best[6:])) / 2
		if len(best) < 16+8*segs {
			return errFont
		}
		ends, starts := best[14:], best[16+2*segs:]
		deltas, ranges := best[16+4*segs:], best[16+6*segs:]
		for s := range segs {
			start, end := int(be.Uint16(starts[2*s:])), int(be.Uint16(ends[2*s:]))
			delta, rangeOff := int(be.Uint16(deltas[2*s:])), int(be.Uint16(ranges[2*s:]))
			for c := start; c <= end && c != 0xFFFF; c++ {
				gid := 0
				if rangeOff == 0 {
					gid = (c + delta) & 0xFFFF
				} else {
					at := 16 + 6*segs + 2*s + rangeOff + 2*(c-start)
					if at+2 > len(best) {
						break
					}
					if gid = int(be.Uint16(best[at:])); gid != 0 {
						gid = (gid + delta) & 0xFFFF
					}
				}
				r := rune(c)
				if bestRank == 1 && c >= 0xF000 && c <= 0xF0FF {
					r = rune(c - 0xF000) // a symbol font maps its characters there
				}
				if !fn(r, gid) {
					return nil
				}
			}
		}
	default:
		return errFont
	}
	return nil
}

// embeddedFace returns the carried font the style's first family names,
// in the style's weight and slant when the picture carries several faces
// of the family; nil when it names none.
func (r *renderer) embeddedFace(st *style) *embeddedFace {
	if len(st.fontFamily) == 0 {
		return nil
	}
	if r.faces == nil {
		r.faces = embeddedFaces(r.root, r.styleSheets)
	}
	faces := r.faces[normalFamily(st.fontFamily[0])]
	if len(faces) == 0 {
		return nil
	}
	bold, italic := st.fontWeight >= 600, st.italic
	for _, f := range faces {
		if f.styled && f.bold == bold && f.italic == italic {
			return f
		}
	}
	return faces[0]
}

// style is f set in the face's style: an italic or bold face sets its
// text in italic or bold, a fixed-pitch one in the mono face.
func (f *embeddedFace) style(font Font) Font {
	font.Bold = font.Bold || f.bold
	font.Italic = font.Italic || f.italic
	if f.mono {
		font.Family = Monospace
	}
	return font
}
