package markdown

import (
	"bytes"
	"github.com/samizdat-press/samizdat/internal/xmltext"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"

	"github.com/samizdat-press/samizdat/internal/doc"
)

const (
	svgNamespace   = "http://www.w3.org/2000/svg"
	xlinkNamespace = "http://www.w3.org/1999/xlink"
)

// svgSkipped are SVG elements left out of the serialised image: scripts,
// and foreign HTML the media stage could not vouch for.
var svgSkipped = setOf("script", "foreignObject", "handler", "listener")

// svg turns inline SVG into an image whose asset holds the SVG serialised as
// a standalone XML document. The HTML parser has already ignored any DOCTYPE
// and entity declarations, so nothing from outside the markup gets in.
func (h *htmlConv) svg(n *html.Node) []item {
	at := h.tagOffset(n) // before the attributes are serialised
	asset := &doc.Asset{MediaType: "image/svg+xml", Data: serializeSVG(n)}
	asset.Width = svgLength(attrOr(n, "width"))
	asset.Height = svgLength(attrOr(n, "height"))
	alt := strings.TrimSpace(attrOr(n, "aria-label"))
	for ch := n.FirstChild; ch != nil && alt == ""; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == "title" {
			alt = strings.TrimSpace(collapseSpace(textOf(ch)))
		}
	}
	items := []item{{in: &doc.Image{Alt: alt, Asset: asset, Pos: h.c.posAt(at, h.line)}, line: h.line}}
	// Words an SVG renderer would not show, written straight in the svg or
	// a group rather than in a <text>, <title> or <desc>, are the author's
	// all the same: they follow the picture.
	if stray := collapseSpace(strings.TrimSpace(strayText(n))); stray != "" {
		h.c.warnNear(at, h.line, "svg.stray-text", "text inside <svg> outside any <text> element is not part of the picture; it is kept after it")
		items = append(items, item{in: &doc.Text{Text: " " + stray + " "}, line: h.line})
	}
	return items
}

// svgTextElements hold text an SVG picture shows or describes.
var svgTextElements = setOf("text", "title", "desc", "style", "metadata", "textPath", "tspan")

// strayText is the text inside an SVG element that no element of svgTextElements holds.
func strayText(n *html.Node) string {
	var b strings.Builder
	inScene := false
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		inScene = sceneMark(ch, inScene)
		switch {
		case ch.Type == html.TextNode && !inScene:
			b.WriteString(ch.Data + " ")
		case ch.Type == html.ElementNode && ch.Namespace == "svg" && !svgTextElements[ch.Data] && !svgSkipped[ch.Data]:
			b.WriteString(strayText(ch))
		}
	}
	return b.String()
}

// sceneMark says whether the siblings after ch lie inside the drawing's
// scene that Excalidraw writes between <!-- payload-start --> and
// <!-- payload-end --> comments: base64 data for Excalidraw to open the
// picture again, which no renderer shows and no reader could read.
func sceneMark(ch *html.Node, inScene bool) bool {
	if ch.Type != html.CommentNode {
		return inScene
	}
	switch strings.TrimSpace(ch.Data) {
	case "payload-start":
		return true
	case "payload-end":
		return false
	}
	return inScene
}

// svgLength reads a width or height given in pixels ("120", "120px").
func svgLength(v string) int {
	v = strings.TrimSuffix(strings.TrimSpace(v), "px")
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 || f > 1e6 {
		return 0
	}
	return int(f + 0.5)
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(p *html.Node) {
		for ch := p.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type == html.TextNode {
				b.WriteString(ch.Data)
			}
			walk(ch)
		}
	}
	walk(n)
	return b.String()
}

func serializeSVG(root *html.Node) []byte {
	var b bytes.Buffer
	writeSVG(&b, root, true, usesXlink(root))
	return b.Bytes()
}

func usesXlink(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Namespace == "xlink" {
			return true
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && usesXlink(ch) {
			return true
		}
	}
	return false
}

func writeSVG(b *bytes.Buffer, n *html.Node, root, xlink bool) {
	if n.Namespace != "svg" || !isNCName(n.Data) || svgSkipped[n.Data] {
		return
	}
	b.WriteString("<" + n.Data)
	if root {
		b.WriteString(` xmlns="` + svgNamespace + `"`)
		if xlink {
			b.WriteString(` xmlns:xlink="` + xlinkNamespace + `"`)
		}
	}
	seen := map[string]bool{}
	for _, a := range n.Attr {
		name := a.Key
		switch a.Namespace {
		case "":
			if !isNCName(a.Key) || a.Key == "xmlns" {
				continue
			}
		case "xlink", "xml":
			if !isNCName(a.Key) {
				continue
			}
			name = a.Namespace + ":" + a.Key
		default:
			continue
		}
		if strings.HasPrefix(strings.ToLower(a.Key), "on") {
			continue
		}
		if a.Key == "href" {
			if _, bad := unsafeURL(a.Val, true); bad {
				continue
			}
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		b.WriteString(" " + name + `="`)
		xmltext.Escape(b, a.Val, true)
		b.WriteByte('"')
	}
	if !hasSVGContent(n) {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	inScene := false
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		inScene = sceneMark(ch, inScene) && !svgTextElements[n.Data]
		switch ch.Type {
		case html.TextNode:
			if !inScene {
				xmltext.Escape(b, ch.Data, false)
			}
		case html.ElementNode:
			writeSVG(b, ch, false, xlink)
		}
	}
	b.WriteString("</" + n.Data + ">")
}

func hasSVGContent(n *html.Node) bool {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.TextNode || ch.Type == html.ElementNode {
			return true
		}
	}
	return false
}

// isNCName reports whether s can be an XML name without a prefix.
func isNCName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
		default:
			return false
		}
	}
	return true
}
