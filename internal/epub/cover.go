package epub

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/samizdat-press/samizdat/internal/fonts"
)

// Cover geometry in pixels: the 1:1.6 shape stores recommend.
const (
	coverWidth  = 1600
	coverHeight = 2560
	coverMargin = 150
)

var (
	coverPaper = color.RGBA{0xf3, 0xee, 0xe3, 0xff}
	coverInk   = color.RGBA{0x1c, 0x1a, 0x17, 0xff}
	coverRed   = color.RGBA{0x8c, 0x1c, 0x13, 0xff}
)

// drawCover draws a typographic cover — title, subtitle, creators — as a
// PNG. The same words always give the same bytes.
func drawCover(set *fonts.Set, title, subtitle string, creators []string) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, coverWidth, coverHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(coverPaper), image.Point{}, draw.Src)
	fill := func(x0, y0, x1, y1 int, c color.Color) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, draw.Src)
	}
	fill(0, 0, coverWidth, 200, coverRed)
	fill(0, coverHeight-120, coverWidth, coverHeight, coverRed)
	fill(coverMargin, 240, coverWidth-coverMargin, 248, coverInk)

	// Fixed regions keep the parts apart however long each is: the title
	// shrinks (then is cut) to fit its region, as do subtitle and creators.
	width := coverWidth - 2*coverMargin
	serif := func(style fonts.Style) fonts.Face { return fonts.Face{Family: fonts.Serif, Style: style} }
	y := 520
	lines, face, lh, err := fitText(set, serif(fonts.Bold), title, width, 150, 56, 115, 900)
	if err != nil {
		return nil, err
	}
	y = drawLines(img, face, lines, y, lh, coverInk)
	if subtitle != "" {
		lines, face, lh, err := fitText(set, serif(fonts.Italic), subtitle, width, 72, 40, 125, 300)
		if err != nil {
			return nil, err
		}
		y = drawLines(img, face, lines, y+40, lh, coverInk)
	}
	fill(coverMargin, y+50, coverMargin+300, y+60, coverRed)

	if len(creators) > 0 {
		const top, bottom = 1900, coverHeight - 160
		lines, face, lh, err := fitText(set, serif(fonts.Regular), strings.Join(creators, "\n"), width, 64, 36, 130, bottom-top)
		if err != nil {
			return nil, err
		}
		drawLines(img, face, lines, bottom-len(lines)*lh, lh, coverInk)
	}

	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fitText wraps text (which may hold "\n") to width at the largest size
// from maxSize down to minSize whose lines, leading percent apart, fit in
// height; at minSize it keeps as many lines as fit, the last one cut short
// with an ellipsis. It returns the lines, the face and the line height.
func fitText(set *fonts.Set, f fonts.Face, text string, width, maxSize, minSize, leading, height int) ([]string, font.Face, int, error) {
	parsed, err := opentype.Parse(set.Data(f))
	if err != nil {
		return nil, nil, 0, fmt.Errorf("font %s: %w", f, err)
	}
	for size := maxSize; ; size -= 4 {
		size = max(size, minSize)
		face, err := opentype.NewFace(parsed, &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, nil, 0, fmt.Errorf("font %s: %w", f, err)
		}
		var lines []string
		for _, para := range strings.Split(text, "\n") {
			lines = append(lines, wrapText(face, para, width)...)
		}
		lineHeight := size * leading / 100
		if len(lines)*lineHeight <= height || size == minSize {
			if fit := max(1, height/lineHeight); len(lines) > fit {
				lines = lines[:fit]
				lines[fit-1] = ellipsize(face, lines[fit-1], width)
			}
			return lines, face, lineHeight, nil
		}
	}
}

// ellipsize ends line with "…", shortening it until both fit in width.
func ellipsize(face font.Face, line string, width int) string {
	runes := []rune(strings.TrimSpace(line))
	for len(runes) > 0 && font.MeasureString(face, string(runes)+"…") > fixed.I(width) {
		runes = runes[:len(runes)-1]
	}
	return strings.TrimSpace(string(runes)) + "…"
}

// wrapText breaks s into lines no wider than width, breaking inside a word
// only when the word alone is wider.
func wrapText(face font.Face, s string, width int) []string {
	limit := fixed.I(width)
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if font.MeasureString(face, try) <= limit {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		for font.MeasureString(face, word) > limit {
			cut := 1
			runes := []rune(word)
			for cut < len(runes) && font.MeasureString(face, string(runes[:cut+1])) <= limit {
				cut++
			}
			lines = append(lines, string(runes[:cut]))
			word = string(runes[cut:])
		}
		line = word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// drawLines draws lines with their first baseline a line below top and
// returns the y below the last line.
func drawLines(img draw.Image, face font.Face, lines []string, top, lineHeight int, c color.Color) int {
	d := font.Drawer{Dst: img, Src: image.NewUniform(c), Face: face}
	ascent := face.Metrics().Ascent.Round()
	y := top
	for _, line := range lines {
		d.Dot = fixed.P(coverMargin, y+ascent)
		d.DrawString(line)
		y += lineHeight
	}
	return y
}
