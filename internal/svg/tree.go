package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"golang.org/x/net/html/charset"
)

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
)

// node is an element of the document, or a run of character data (name
// "" and text set).
type node struct {
	name     string // local name; SVG elements only, others are "?"+name
	html     bool   // an element of the XHTML namespace (in a <foreignObject>)
	attrs    map[string]string
	children []*node
	parent   *node
	text     string
	isText   bool
	index    int // position among the parent's element children
	nElems   int
	line     int
	offset   int64 // where its start tag begins in the data
	classes  []string
}

func (n *node) attr(name string) string { return n.attrs[name] }

func (n *node) has(name string) bool {
	_, ok := n.attrs[name]
	return ok
}

// href is the element's reference, from href or xlink:href.
func (n *node) href() string {
	if v, ok := n.attrs["href"]; ok {
		return strings.TrimSpace(v)
	}
	return strings.TrimSpace(n.attrs["xlink:href"])
}

func (n *node) elements() []*node {
	var out []*node
	for _, c := range n.children {
		if !c.isText {
			out = append(out, c)
		}
	}
	return out
}

// maxNodes bounds the elements read from one file, so a hostile file
// cannot take unbounded memory; maxNesting bounds their depth, which the
// drawing walks recursively.
const (
	maxNodes   = 200_000
	maxNesting = 1000
)

// CharsetReader decodes a document in the encoding its XML declaration
// names. A name no encoding has (pandoc's tests hold an Inkscape file
// saying "UTF-9") is read as UTF-8, as browsers read it, not refused.
func CharsetReader(label string, input io.Reader) (io.Reader, error) {
	if r, err := charset.NewReaderLabel(label, input); err == nil {
		return r, nil
	}
	return input, nil
}

// parseTree reads the document into a tree of nodes. Elements outside the
// SVG namespace keep their place (a <switch> needs to see them) under a
// name starting with "?".
func parseTree(data []byte) (*node, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.Entity = Entities(data)
	dec.CharsetReader = CharsetReader
	var root *node
	var stack []*node
	count := 0
	for {
		line, _ := dec.InputPos()
		offset := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var syn *xml.SyntaxError
			if errors.As(err, &syn) {
				if root != nil {
					break // draw what was read, as browsers do
				}
				return nil, fmt.Errorf("line %d: %s", syn.Line, syn.Msg)
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxNodes {
				return nil, fmt.Errorf("more than %d elements", maxNodes)
			}
			if len(stack) >= maxNesting {
				return nil, fmt.Errorf("line %d: elements nested more than %d deep", line, maxNesting)
			}
			n := &node{attrs: map[string]string{}, line: line, offset: offset}
			if t.Name.Space == svgNS || t.Name.Space == "" {
				n.name = t.Name.Local
			} else {
				n.name = "?" + t.Name.Local
				n.html = t.Name.Space == xhtmlNS
			}
			for _, a := range t.Attr {
				switch a.Name.Space {
				case "":
					n.attrs[a.Name.Local] = a.Value
				case xlinkNS, "xlink":
					n.attrs["xlink:"+a.Name.Local] = a.Value
				case xmlNS, "xml":
					n.attrs["xml:"+a.Name.Local] = a.Value
				}
			}
			n.classes = strings.Fields(n.attrs["class"])
			if len(stack) == 0 {
				if root != nil {
					continue
				}
				if n.name != "svg" {
					return nil, fmt.Errorf("root element is <%s>, not <svg>", t.Name.Local)
				}
				root = n
			} else {
				parent := stack[len(stack)-1]
				n.parent = parent
				n.index = parent.nElems
				parent.nElems++
				parent.children = append(parent.children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case xml.CharData:
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, &node{isText: true, text: string(t), parent: parent})
			}
		}
	}
	if root == nil {
		return nil, errors.New("no <svg> element")
	}
	return root, nil
}

// parseFloat reads a finite number.
func parseFloat(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
