package layout

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// style is how a run of text is set.
type style struct {
	face   fonts.Face
	size   float64
	raise  float64 // baseline shift upwards, pt
	gray   float64
	strike bool
	// highlight and underline are drawn over stretches of the line
	// (decoration in linebreak.go): a tint behind marked text, a rule
	// under underlined and inserted text.
	highlight, underline bool
	link                 *linkTarget
	// urlish text (code, URLs) may break after / . - _ ? & = and similar.
	urlish bool
	// lang is the text's language, a BCP 47 tag: it chooses hyphenation
	// patterns and the regional forms of ideographs.
	lang string
}

type linkTarget struct {
	url, anchor string
}

func italicOf(st fonts.Style, on bool) fonts.Style {
	bold := st == fonts.Bold || st == fonts.BoldItalic
	switch {
	case on && bold:
		return fonts.BoldItalic
	case on:
		return fonts.Italic
	case bold:
		return fonts.Bold
	}
	return fonts.Regular
}

func boldOf(st fonts.Style) fonts.Style {
	if st == fonts.Italic || st == fonts.BoldItalic {
		return fonts.BoldItalic
	}
	return fonts.Bold
}

func isItalic(st fonts.Style) bool { return st == fonts.Italic || st == fonts.BoldItalic }

type segKind uint8

const (
	segText segKind = iota
	segBreak
)

// seg is a piece of flattened inline content in one style.
type seg struct {
	kind segKind
	text string
	st   style
	off  int // rune offset of text in doc.PlainText of the block
	// mark is set on a note marker's text.
	mark *noteMark
	// pic is set on a picture in the line, which has no text.
	pic *inlinePicture
}

// inlinePicture is a picture set in a line of text: at the height of the
// text, at the size its author gave (sized), or, too tall for an icon, at
// its own size on a line of its own (apart, doc.Image.ApartInLine).
type inlinePicture struct {
	asset        *doc.Asset
	alt          string
	pos          doc.Pos
	sized, apart bool
	// apartInCell: set in a table's cell, it is set apart too
	// (doc.Image.ApartInCell).
	apartInCell   bool
	width, height doc.Length
	// emoji is set on an emoji a colour font draws; alt is then its
	// characters, which the line carries invisible for copying.
	emoji *fonts.Emoji
	// drawing is set on ink drawn in the line (a formula), which has no
	// asset.
	drawing *drawing
}

// Where an inline picture with no size of its own stands, in ems of its
// text: from the descenders to the ascenders, so it takes no more room
// than the letters beside it and the leading stays even.
const (
	inlinePictureHeight = 1.0
	inlinePictureDepth  = 0.2 // below the baseline
)

// inlinePictureBox is the size p is drawn at in type of size, in a line
// whose measure is whole (0 when not known, as while a table's columns
// are measured, when a width in percent counts as none), and how far it
// reaches below the baseline. A picture with no size stands as high as the
// letters around it; a sized one stands on the baseline at its size, the
// other side in proportion, as the EPUB shows it, and one set apart at
// its own size. None is wider than room, and a sized one or one set apart
// is no taller than a figure may be, its proportions kept.
func (e *engine) inlinePictureBox(p *inlinePicture, size, whole, room float64) (w, h, depth float64) {
	if dr := p.drawing; dr != nil {
		// wider than the room, it is drawn smaller
		s := 1.0
		if dr.w > room && dr.w > 0 {
			s = room / dr.w
		}
		return dr.w * s, (dr.h + dr.d) * s, dr.d * s
	}
	if g := p.emoji; g != nil {
		// an emoji stands 1 em high, from the baseline down as far as
		// the font's metrics say, its width in proportion
		g := g.Glyph
		w = math.Min(size*g.Width/g.Height, room)
		h = w * g.Height / g.Width
		return w, h, h * math.Max(0, g.Height-g.BearingY) / g.Height
	}
	aw, ah := p.asset.Shape()
	if p.apart {
		w, h = fitPicture(aw*0.75, ah*0.75, 0, 0, room, e.g.textH*maxPictureShare)
		return w, h, 0
	}
	if !p.sized {
		w = math.Min(inlinePictureHeight*size*aw/ah, room)
		h = w * ah / aw
		return w, h, inlinePictureDepth / inlinePictureHeight * h
	}
	gw, gh := lengthPoints(p.width, size, e.o.FontSize, whole), lengthPoints(p.height, size, e.o.FontSize, 0)
	w, h = fitPicture(aw*0.75, ah*0.75, gw, gh, room, e.g.textH*maxPictureShare)
	return w, h, 0
}

// emojiAsset is the picture of an emoji, one for each glyph.
func (e *engine) emojiAsset(g *fonts.Emoji) *doc.Asset {
	if a := e.emojis[g]; a != nil {
		return a
	}
	if e.emojis == nil {
		e.emojis = map[*fonts.Emoji]*doc.Asset{}
	}
	a := &doc.Asset{MediaType: "image/png", Data: g.Glyph.PNG}
	a.Width, a.Height = pngSize(g.Glyph.PNG)
	e.emojis[g] = a
	return a
}

// pngSize reads a PNG's width and height from its header, 0 when it has
// none.
func pngSize(b []byte) (w, h int) {
	if len(b) < 24 || string(b[12:16]) != "IHDR" {
		return 0, 0
	}
	be := func(b []byte) int { return int(b[0])<<24 | int(b[1])<<16 | int(b[2])<<8 | int(b[3]) }
	return be(b[16:20]), be(b[20:24])
}

// fitPicture is the size a picture of w × h points (its CSS pixels) is
// set at when its author gave a width gw and a height gh (0: not given):
// both when both are given, the other side in proportion when one is,
// then shrunk, its proportions kept, to at most maxW × maxH.
func fitPicture(w, h, gw, gh, maxW, maxH float64) (float64, float64) {
	switch {
	case gw > 0 && gh > 0:
		w, h = gw, gh
	case gw > 0:
		w, h = gw, h*gw/w
	case gh > 0:
		w, h = w*gh/h, gh
	}
	scale := math.Min(1, math.Min(maxW/w, maxH/h))
	return w * scale, h * scale
}

// maxPictureShare is the most of the text block's height a picture may
// take, a figure's or one in a line, leaving room on its page for text.
const maxPictureShare = 0.6

// noteMark is a note reference placed in a line, or (note nil) an anchor
// point whose refID is the anchor's name, or (link set) where a link that
// names its page ends.
type noteMark struct {
	note  *doc.Note
	refID string
	// attach asks the line to carry the note to its page foot.
	attach bool
	link   *doc.Link
}

// flattener turns inline trees into segs for one block.
type flattener struct {
	e   *engine
	off int
	out []seg
	// inNote: references inside notes are markers only, never attached.
	inNote bool
	// quotes counts the quotations open, for their marks.
	quotes int
}

// mark sets punctuation the print form adds (a quotation's marks): it
// takes no place in the tree's text, so offsets do not move.
func (f *flattener) mark(s string, st style) {
	f.out = append(f.out, seg{kind: segText, text: s, st: st, off: f.off})
}

func (f *flattener) text(s string, st style) {
	if s == "" {
		return
	}
	if cm, ok := f.e.m.(ColorEmojiMetrics); ok {
		// Emoji a colour font draws are pictures in the line, which
		// carry their characters for copying.
		at := 0
		for _, sp := range cm.ColorEmojis(st.face, s) {
			if sp.At < at || sp.End > len(s) || sp.At >= sp.End || sp.Emoji == nil {
				continue
			}
			f.plain(s[at:sp.At], st)
			pic := &inlinePicture{asset: f.e.emojiAsset(sp.Emoji), alt: s[sp.At:sp.End], pos: f.e.pos, emoji: sp.Emoji}
			f.out = append(f.out, seg{kind: segText, st: st, off: f.off, pic: pic})
			f.off += utf8.RuneCountInString(pic.alt)
			at = sp.End
		}
		s = s[at:]
	}
	f.plain(s, st)
}

// plain adds text set in its fonts.
func (f *flattener) plain(s string, st style) {
	if s == "" {
		return
	}
	f.out = append(f.out, seg{kind: segText, text: s, st: st, off: f.off})
	f.off += utf8.RuneCountInString(s)
}

func (f *flattener) inlines(ins []doc.Inline, st style) {
	for _, in := range ins {
		f.inline(in, st)
	}
}

func monoStyle(st style) style {
	bold := st.face.Style == fonts.Bold || st.face.Style == fonts.BoldItalic
	st.face = fonts.Face{Family: fonts.Mono, Style: fonts.Regular}
	if bold {
		st.face.Style = fonts.Bold
	}
	st.size *= 0.88
	st.urlish = true
	return st
}

func (f *flattener) inline(in doc.Inline, st style) {
	switch in := in.(type) {
	case *doc.Text:
		f.text(in.Text, st)
	case *doc.Code:
		f.text(in.Text, monoStyle(st))
	case *doc.Math:
		// a formula is one box in the line, its TeX its text
		pic := &inlinePicture{drawing: f.e.mathDrawing(in, st), alt: in.TeX, pos: f.e.pos}
		f.out = append(f.out, seg{kind: segText, st: st, off: f.off, pic: pic})
		f.off += utf8.RuneCountInString(in.TeX)
	case *doc.Emph:
		st.face.Style = italicOf(st.face.Style, !isItalic(st.face.Style))
		f.inlines(in.Content, st)
	case *doc.Strong:
		st.face.Style = boldOf(st.face.Style)
		if theoremHead(in) {
			// "Theorem 2.1 (Name)." upright in an italic theorem, as
			// amsthm sets it
			st.face.Style = fonts.Bold
		}
		f.inlines(in.Content, st)
	case *doc.Strike:
		st.strike = true
		f.inlines(in.Content, st)
	case *doc.Link:
		st.link = linkOf(in)
		if st.link != nil && st.link.anchor != "" && in.Page != doc.PageNone {
			after, only, ok := f.pageText(in, st.link.anchor)
			switch {
			case ok && only != "":
				f.text(only, st)
			default:
				f.inlines(in.Content, st)
				f.text(after, st)
			}
			// where the link ends, to know its page next time
			f.out = append(f.out, seg{kind: segText, st: st, off: f.off, mark: &noteMark{link: in}})
			break
		}
		f.inlines(in.Content, st)
		if addr := strings.TrimSpace(in.URL); addr != "" && !hasLinkText(in.Content) && (st.link == nil || st.link.url != "") {
			// A link with no text would print nothing; the EPUB and the
			// site show its address, and so does the page. The address is
			// not in the tree's text, so offsets do not move.
			ast := st
			ast.urlish = true
			f.mark(addr, ast)
			return
		}
		if in.External && f.e.o.URLFootnotes && in.URL != "" && strings.TrimSpace(doc.PlainText(in.Content)) != in.URL {
			f.urlNote(in.URL, st)
		}
	case *doc.Image:
		// A picture inside running text is drawn in the line at the
		// height of the text (an icon, a mark), or at the size its author
		// gave it, or, too tall for an icon, apart from the text at its
		// own size; one that cannot be drawn is named.
		if a := in.Asset; a != nil && printable(a) {
			pic := &inlinePicture{asset: a, alt: in.Alt, pos: in.Place(f.e.pos), sized: in.SizedInLine(), apart: in.ApartInLine(), apartInCell: in.ApartInCell(), width: in.Width, height: in.Height}
			f.out = append(f.out, seg{kind: segText, st: st, off: f.off, pic: pic})
			return
		}
		alt := in.Alt
		if alt == "" {
			alt = "image"
		}
		st.face.Style = italicOf(st.face.Style, true)
		f.out = append(f.out, seg{kind: segText, text: "[" + alt + "]", st: st, off: f.off})
	case *doc.Break:
		f.out = append(f.out, seg{kind: segBreak, st: st, off: f.off})
		f.off++
	case *doc.NoteRef:
		if in.Note == nil {
			return
		}
		n := in.Note
		ms := st
		ms.link = &linkTarget{anchor: n.ID}
		// the marker is not the words struck or underlined; a tint
		// behind them runs on behind it
		ms.strike, ms.underline = false, false
		ms.raise = st.raise + 0.36*st.size
		ms.size = st.size * 0.62
		ms.face.Family = fonts.Serif
		ms.urlish = false
		if n.Kind != doc.FootnoteNote {
			ms.face.Style = fonts.Italic
		} else {
			ms.face.Style = fonts.Regular
		}
		label := n.Label
		if label == "" {
			label = "*"
		}
		mk := &noteMark{note: n, refID: n.RefID(in.Index), attach: !f.inNote && in.Index == 0}
		f.out = append(f.out, seg{kind: segText, text: label, st: ms, off: f.off, mark: mk})
	case *doc.Span:
		if in.Lang != "" {
			st.lang = in.Lang
		}
		if in.ID != "" {
			// An anchor point (raw HTML's <a id>): no ink, only a link
			// target on the line where it falls.
			f.out = append(f.out, seg{kind: segText, st: st, off: f.off, mark: &noteMark{refID: in.ID}})
		}
		switch in.Kind {
		case doc.SpanSuperscript:
			st.raise += 0.33 * st.size
			st.size *= 0.7
		case doc.SpanSubscript:
			st.raise -= 0.14 * st.size
			st.size *= 0.7
		case doc.SpanSmall:
			st.size *= 0.85
		case doc.SpanKeyboard, doc.SpanSample, doc.SpanVariable:
			st = monoStyle(st)
		case doc.SpanCitation, doc.SpanDefinition, doc.SpanAlternate:
			st.face.Style = italicOf(st.face.Style, !isItalic(st.face.Style))
		case doc.SpanAttention:
			st.face.Style = boldOf(st.face.Style)
		case doc.SpanHighlight:
			st.highlight = true
		case doc.SpanUnderlined, doc.SpanInserted:
			st.underline = true
		}
		if in.Kind == doc.SpanQuotation {
			// Paper has no <q>: the marks are the language's, by depth.
			rules := f.e.quoteRules(st.lang)
			pair := rules.Pair(f.quotes)
			if sp := rules.GuillemetSpace; sp != "" && (pair.Open == "«" || pair.Open == "‹") {
				pair.Open, pair.Close = pair.Open+sp, sp+pair.Close
			}
			f.mark(pair.Open, st)
			f.quotes++
			f.inlines(in.Content, st)
			f.quotes--
			f.mark(pair.Close, st)
		} else {
			f.inlines(in.Content, st)
		}
	default:
		f.inlines(doc.InlineChildren(in), st)
	}
}

// urlNote adds a synthetic note printing url, referenced right after the link.
func (f *flattener) urlNote(url string, st style) {
	if f.inNote {
		return
	}
	n := f.e.urlNote(url)
	ms := st
	ms.link = nil
	ms.strike, ms.underline = false, false
	ms.raise = st.raise + 0.36*st.size
	ms.size = st.size * 0.62
	ms.face = fonts.Face{Family: fonts.Serif, Style: fonts.Regular}
	ms.urlish = false
	mk := &noteMark{note: n, attach: true}
	f.out = append(f.out, seg{kind: segText, text: n.Label, st: ms, off: f.off, mark: mk})
}

// hasLinkText reports whether a link's content shows something of its
// own: text, or a picture. Note markers do not name a link.
func hasLinkText(ins []doc.Inline) bool {
	found := false
	doc.WalkInlines(ins, doc.Visitor{Inline: func(in doc.Inline) bool {
		switch in := in.(type) {
		case *doc.Text:
			found = found || strings.TrimSpace(in.Text) != ""
		case *doc.Code:
			found = found || strings.TrimSpace(in.Text) != ""
		case *doc.Cite:
			found = found || strings.TrimSpace(in.Text) != ""
		case *doc.Image:
			found = found || in != nil
		case *doc.Math:
			found = true
		}
		return !found
	}})
	return found
}

// linkOf is where a link goes: a link the resolve pass could not place
// (neither External nor in the book) is printed as text, as it said.
func linkOf(l *doc.Link) *linkTarget {
	switch {
	case l.External:
		return &linkTarget{url: l.URL}
	case l.Anchor != "":
		return &linkTarget{anchor: l.Anchor}
	case l.Entry != "":
		return &linkTarget{anchor: l.Entry}
	}
	return nil
}

// fallbackFaces are tried in order for a rune the run's face lacks.
func fallbackFaces(f fonts.Face) [3]fonts.Face {
	other := fonts.Mono
	if f.Family == fonts.Mono {
		other = fonts.Serif
	}
	return [3]fonts.Face{{Family: other, Style: f.Style}, {Family: other, Style: fonts.Regular}, {Family: f.Family, Style: fonts.Regular}}
}

// coverFaces splits p so each part is in a face that has its glyphs,
// appending the parts to out: the run's own face, else another face of the
// book, else a fallback font for the character's script. It records
// characters no font has, and right-to-left passages.
func (e *engine) coverFaces(p piece, out []piece) []piece {
	ok := true
	for _, r := range p.text {
		if (r >= 0x590 && (mayBeRTL(r) || needsShaping(r))) || (!e.has(p.st.face, r) && !unicode.IsSpace(r)) {
			ok = false
			break
		}
	}
	if ok {
		return append(out, p)
	}
	e.checkScripts(p.text)
	cur := p
	cur.text = ""
	start := 0
	off := p.off
	runeIdx := 0
	flush := func(end int) {
		if end > start {
			cur.text = p.text[start:end]
			out = append(out, cur)
		}
	}
	cjkText := e.cjkPunctuation(p.st.lang)
	var base rune // the last character that is not a combining mark
	for i, r := range p.text {
		face := p.st.face
		if !unicode.Is(unicode.Mn, r) {
			base = r
		}
		if f, ok := e.fullWidthFace(p, i, r, cjkText); ok {
			face = f
		} else if i > 0 && (invisible(r) || (cur.st.face != face && (sharedMark(r) || joinedMark(base, r)) && e.has(cur.st.face, r))) {
			// a joiner or non-joiner steers the shaping of the letters
			// around it, and a danda or a mark that several scripts
			// share belongs with them: it stays in their run
			face = cur.st.face
		} else if !e.has(face, r) && !unicode.IsSpace(r) {
			found := false
			if sharedMark(r) {
				// a danda with no letter before it in its run (after a
				// space or an address) is drawn in the font of the
				// language's letters, not in the first font that has it
				face, found = e.sharedMarkFace(face, r, p.st.lang)
			}
			for _, alt := range fallbackFaces(face) {
				if found {
					break
				}
				if e.has(alt, r) {
					face, found = alt, true
					break
				}
			}
			if !found {
				face, found = e.fallbackFace(p.st.face, r, p.st.lang)
			}
			if !found {
				e.missing.add(scriptName(r), r, e.pos)
			}
		}
		if face != cur.st.face {
			flush(i)
			start = i
			cur.st.face = face
			cur.off = off + runeIdx
			cur.mark = p.mark
		}
		runeIdx++
	}
	flush(len(p.text))
	return out
}

// joinedMark reports a combining mark of no script of its own (Syriac's
// seyame is U+0308) on a Syriac or N'Ko letter: it is shaped with the
// letter, in the letter's font, not drawn apart in the book's.
func joinedMark(base, r rune) bool {
	return shapedRTL(base) && unicode.Is(unicode.Mn, r)
}

// theoremHead reports a bold theorem environment's head, which opens with
// the span of its word and number.
func theoremHead(s *doc.Strong) bool {
	if len(s.Content) == 0 {
		return false
	}
	sp, ok := s.Content[0].(*doc.Span)
	if !ok {
		return false
	}
	kind, ok := doc.ParseCrossrefLabel(sp)
	if !ok {
		return false
	}
	_, ok = doc.TheoremByKind(kind)
	return ok
}

// sharedMarkFace is the face that draws the language's letters, when it
// has r, a sign the Indic scripts share (the danda); else f.
func (e *engine) sharedMarkFace(f fonts.Face, r rune, tag string) (fonts.Face, bool) {
	if tag == "" {
		tag = e.lang
	}
	if tag == "" {
		tag = e.o.Language
	}
	t, err := language.Parse(tag)
	if err != nil {
		return f, false
	}
	sc, _ := t.Script()
	l, ok := indicLetters[sc.String()]
	if !ok {
		return f, false
	}
	if ff, ok := e.fallbackFace(f, l, tag); ok && e.has(ff, r) {
		return ff, true
	}
	return f, false
}

// indicLetters are a letter of each script of India, by ISO 15924 code.
var indicLetters = map[string]rune{
	"Deva": 'क', "Beng": 'ক', "Guru": 'ਕ', "Gujr": 'ક', "Orya": 'କ',
	"Taml": 'க', "Telu": 'క', "Knda": 'ಕ', "Mlym": 'ക', "Sinh": 'ක',
}
