package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/klauspost/compress/zlib"

	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
	"github.com/samizdat-press/samizdat/internal/zpool"
)

// The embedded fonts' objects are written by finish(), not by gofpdf.
// Registered with gofpdf, a font cost for every document a JSON encoding
// of a width for each of the 65,536 codes (gofpdf's font key), a parse of
// the program, a second cut of the glyphs it had been given already and a
// new compressor for the font stream; and finish() then inflated the
// program again to name the subset and rewrote the Unicode map. The
// painter writes the text itself (content.go) with the codes of
// fonts.Embedding, whose program holds just the glyphs drawn, so the
// font's objects follow from that program and the codes drawn:
//
//	Type0 (Identity-H, the code is the CID) → CIDFontType2 (widths of
//	the codes drawn, CIDToGIDMap from the program's cmap) →
//	FontDescriptor (metrics, subset-tagged name) → FontFile2 (the
//	program); and a ToUnicode map of the codes drawn.
//
// What depends on the program alone is made once per embedding
// (fontProgram, kept by fonts.Embedding.Derived), so the editions built
// together, which share their embeddings, compress a font once.

// fontProgram is what the font objects take from an embedding's program.
type fontProgram struct {
	err  error
	name pdffile.Name // subset-tagged PostScript name
	// The descriptor's metrics, in thousandths of an em, read as gofpdf
	// 1.16.2 read them.
	flags, italicAngle, ascent, descent, capHeight, stemV int
	bbox                                                  [4]int
	// missingWidth is the advance of .notdef, the width of a code
	// without a glyph.
	missingWidth int
	// glyphs maps each code to its glyph through the program's cmap;
	// widths are the glyphs' advances in thousandths of an em, the
	// layout's advances (the program keeps the face's) rounded.
	glyphs []uint16
	widths []int
	// program and cidToGID are the deflated streams; length1 is the
	// program's length before.
	program, cidToGID []byte
	length1           int
}

// programOf reads emb's program once for all documents embedding it.
func programOf(emb *fonts.Embedding) (*fontProgram, error) {
	fp := emb.Derived(func() any { return readProgram(emb) }).(*fontProgram)
	return fp, fp.err
}

func readProgram(emb *fonts.Embedding) *fontProgram {
	fp, err := parseProgram(emb.Data)
	if err != nil {
		return &fontProgram{err: err}
	}
	if fp.name, err = subsetName(emb.Data, emb.Subset); err != nil {
		return &fontProgram{err: err}
	}
	fp.length1 = len(emb.Data)
	fp.program = zpool.AppendZlib(nil, emb.Data, zlib.DefaultCompression)
	gids := make([]byte, 2*len(fp.glyphs))
	for c, g := range fp.glyphs {
		binary.BigEndian.PutUint16(gids[2*c:], g)
	}
	fp.cidToGID = zpool.AppendZlib(nil, gids, zlib.DefaultCompression)
	return fp
}

// parseProgram reads the metrics, cmap and advances of a TrueType program.
func parseProgram(data []byte) (*fontProgram, error) {
	tabs, err := sfntTables(data)
	if err != nil {
		return nil, err
	}
	head, hhea, maxp, hmtx := tabs["head"], tabs["hhea"], tabs["maxp"], tabs["hmtx"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("font program lacks its head, hhea or maxp table")
	}
	u16 := func(b []byte, at int) int { return int(binary.BigEndian.Uint16(b[at:])) }
	i16 := func(b []byte, at int) int { return int(int16(binary.BigEndian.Uint16(b[at:]))) }
	upem := u16(head, 18)
	if upem == 0 {
		return nil, errors.New("font program has no units per em")
	}
	scale := 1000 / float64(upem)
	// Truncated, not rounded, as gofpdf did: the same descriptor as before.
	scaled := func(v int) int { return int(float64(v) * scale) }
	fp := &fontProgram{}
	for i := range fp.bbox {
		fp.bbox[i] = scaled(i16(head, 36+2*i))
	}
	fp.ascent, fp.descent = scaled(i16(hhea, 4)), scaled(i16(hhea, 6))
	weight := 500
	if os2 := tabs["OS/2"]; len(os2) >= 72 {
		weight = u16(os2, 4)
		if fp.ascent == 0 {
			fp.ascent = scaled(i16(os2, 68))
		}
		if fp.descent == 0 {
			fp.descent = scaled(i16(os2, 70))
		}
		fp.capHeight = fp.ascent
		if u16(os2, 0) > 1 && len(os2) >= 90 {
			fp.capHeight = scaled(i16(os2, 88))
		}
	} else {
		if fp.ascent == 0 {
			fp.ascent = scaled(fp.bbox[3])
		}
		if fp.descent == 0 {
			fp.descent = scaled(fp.bbox[1])
		}
		fp.capHeight = fp.ascent
	}
	fp.stemV = 50 + int(math.Pow(float64(weight)/65, 2))
	fp.flags = 4 // symbolic: the glyphs are reached by the font's own codes
	if post := tabs["post"]; len(post) >= 16 {
		fp.italicAngle = i16(post, 4)
		if fp.italicAngle != 0 {
			fp.flags |= 64
		}
		if binary.BigEndian.Uint32(post[12:]) != 0 {
			fp.flags |= 1 // fixed pitch
		}
	}
	if weight >= 600 {
		fp.flags |= 1 << 18 // force bold
	}

	numGlyphs, numMetrics := u16(maxp, 4), u16(hhea, 34)
	if numMetrics == 0 || len(hmtx) < 4*numMetrics || numMetrics > numGlyphs {
		return nil, errors.New("font program has no usable hmtx table")
	}
	fp.widths = make([]int, numGlyphs)
	for g := range fp.widths {
		adv := u16(hmtx, 4*min(g, numMetrics-1))
		if adv >= 1<<15 {
			adv = 0
		}
		fp.widths[g] = int(math.Round(float64(adv) * scale))
	}
	fp.missingWidth = fp.widths[0]
	if fp.glyphs, err = cmapGlyphs(tabs["cmap"], numGlyphs); err != nil {
		return nil, err
	}
	return fp, nil
}

// sfntTables finds the tables of a TrueType program.
func sfntTables(data []byte) (map[string][]byte, error) {
	if len(data) < 12 {
		return nil, errors.New("font program too short")
	}
	if v := binary.BigEndian.Uint32(data); v != 0x00010000 && v != 0x74727565 {
		return nil, errors.New("font program is not a TrueType font")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, errors.New("font program's table directory is cut short")
	}
	tabs := make(map[string][]byte, n)
	for i := range n {
		rec := data[12+16*i:]
		off, size := uint64(binary.BigEndian.Uint32(rec[8:])), uint64(binary.BigEndian.Uint32(rec[12:]))
		if off+size > uint64(len(data)) {
			return nil, fmt.Errorf("font program's %q table lies outside it", rec[:4])
		}
		tabs[string(rec[:4])] = data[off : off+size]
	}
	return tabs, nil
}

// cmapGlyphs reads the format 4 cmap subtable gofpdf read (Windows
// Unicode BMP, or any Unicode platform) into a glyph for each code, up to
// the last code mapped.
func cmapGlyphs(cmap []byte, numGlyphs int) ([]uint16, error) {
	bad := errors.New("font program has no usable format 4 cmap")
	if len(cmap) < 4 {
		return nil, bad
	}
	u16 := func(at int) (int, bool) {
		if at < 0 || at+2 > len(cmap) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(cmap[at:])), true
	}
	sub := -1
	n, _ := u16(2)
	for i := range n {
		platform, ok1 := u16(4 + 8*i)
		encoding, ok2 := u16(6 + 8*i)
		if !ok1 || !ok2 || 12+8*i > len(cmap) {
			return nil, bad
		}
		off := int(binary.BigEndian.Uint32(cmap[8+8*i:]))
		if format, ok := u16(off); ok && format == 4 && ((platform == 3 && encoding == 1) || platform == 0) {
			sub = off
			break
		}
	}
	segX2, ok := u16(sub + 6)
	if sub < 0 || !ok || sub+16+4*segX2 > len(cmap) {
		return nil, bad
	}
	ends, starts, deltas, offsets := sub+14, sub+16+segX2, sub+16+2*segX2, sub+16+3*segX2
	var glyphs []uint16
	next := 0 // segments ascend: one overlapping those before is cut
	for i := 0; i < segX2/2; i++ {
		end, _ := u16(ends + 2*i)
		start, _ := u16(starts + 2*i)
		delta, _ := u16(deltas + 2*i)
		ro, _ := u16(offsets + 2*i)
		for c := max(start, next); c <= min(end, 0xFFFE); c++ {
			g := (c + delta) & 0xFFFF
			if ro != 0 {
				at, ok := u16(offsets + 2*i + ro + 2*(c-start))
				if !ok {
					return nil, bad
				}
				g = 0
				if at != 0 {
					g = (at + delta) & 0xFFFF
				}
			}
			if g == 0 || g >= numGlyphs {
				continue
			}
			if c >= len(glyphs) {
				glyphs = append(glyphs, make([]uint16, c+1-len(glyphs))...)
			}
			glyphs[c] = uint16(g)
		}
		next = max(next, end+1)
	}
	return glyphs, nil
}

// fontUse is an embedded font as one document uses it.
type fontUse struct {
	family string // the name the content gives it (see content.go)
	prog   *fontProgram
	codes  []uint16 // drawn, sorted
	// text maps the codes that do not stand for their own code points to
	// the text they stand for.
	text map[uint16]string
}

// addFont adds the objects of font u to f and returns its Type0 font.
func addFont(f *pdffile.File, u fontUse) pdffile.Ref {
	fp := u.prog
	program := f.Add(&pdffile.Stream{Dict: pdffile.Dict{
		"Filter": pdffile.Name("FlateDecode"), "Length1": pdffile.Int(fp.length1),
	}, Data: fp.program})
	cidToGID := f.Add(&pdffile.Stream{Dict: pdffile.Dict{"Filter": pdffile.Name("FlateDecode")}, Data: fp.cidToGID})
	ints := func(vs ...int) pdffile.Array {
		a := make(pdffile.Array, len(vs))
		for i, v := range vs {
			a[i] = pdffile.Int(v)
		}
		return a
	}
	descriptor := f.Add(pdffile.Dict{
		"Type": pdffile.Name("FontDescriptor"), "FontName": fp.name,
		"Flags": pdffile.Int(fp.flags), "FontBBox": ints(fp.bbox[:]...),
		"ItalicAngle": pdffile.Int(fp.italicAngle), "Ascent": pdffile.Int(fp.ascent),
		"Descent": pdffile.Int(fp.descent), "CapHeight": pdffile.Int(fp.capHeight),
		"StemV": pdffile.Int(fp.stemV), "FontFile2": program,
	})
	// Without a width of its own, a code without a glyph takes the
	// advance of .notdef, or the 1000 a reader assumes without /DW.
	dw := fp.missingWidth
	if dw == 0 {
		dw = 1000
	}
	cid := f.Add(pdffile.Dict{
		"Type": pdffile.Name("Font"), "Subtype": pdffile.Name("CIDFontType2"), "BaseFont": fp.name,
		"CIDSystemInfo": pdffile.Dict{
			"Registry": pdffile.Text("Adobe"), "Ordering": pdffile.Text("Identity"), "Supplement": pdffile.Int(0),
		},
		"FontDescriptor": descriptor, "DW": pdffile.Int(dw), "W": fp.widthArray(u.codes),
		"CIDToGIDMap": cidToGID,
	})
	toUnicode := f.Add(&pdffile.Stream{Dict: pdffile.Dict{}, Data: toUnicodeCMap(u.codes, u.text)})
	return f.Add(pdffile.Dict{
		"Type": pdffile.Name("Font"), "Subtype": pdffile.Name("Type0"), "BaseFont": fp.name,
		"Encoding": pdffile.Name("Identity-H"), "DescendantFonts": pdffile.Array{cid},
		"ToUnicode": toUnicode,
	})
}

// glyph is the glyph that draws code, 0 for none.
func (fp *fontProgram) glyph(code uint16) uint16 {
	if int(code) < len(fp.glyphs) {
		return fp.glyphs[code]
	}
	return 0
}

// widthArray is the /W array of the codes (sorted) that have glyphs: each
// run of consecutive codes as its first code and its widths, or as its
// first and last code and their one width.
func (fp *fontProgram) widthArray(codes []uint16) pdffile.Array {
	var w pdffile.Array
	var run []int
	first := -1
	flush := func() {
		if len(run) == 0 {
			return
		}
		if len(run) > 1 && !slices.ContainsFunc(run, func(v int) bool { return v != run[0] }) {
			w = append(w, pdffile.Int(first), pdffile.Int(first+len(run)-1), pdffile.Int(run[0]))
		} else {
			a := make(pdffile.Array, len(run))
			for i, v := range run {
				a[i] = pdffile.Int(v)
			}
			w = append(w, pdffile.Int(first), a)
		}
		run = run[:0]
	}
	for _, c := range codes {
		g := fp.glyph(c)
		if g == 0 {
			continue
		}
		if len(run) == 0 || int(c) != first+len(run) {
			flush()
			first = int(c)
		}
		run = append(run, fp.widths[g])
	}
	flush()
	return w
}
