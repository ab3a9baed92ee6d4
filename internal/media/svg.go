package media

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/svg"
	"github.com/samizdat-press/samizdat/internal/xmltext"
)

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

// droppedElements are SVG elements removed with everything inside them:
// anything that runs code, embeds HTML, or changes attributes over time
// (animation can set an href to a script URL after cleaning).
var droppedElements = map[string]bool{
	"script": true, "foreignobject": true, "handler": true, "listener": true,
	"set": true, "animate": true, "animatemotion": true, "animatetransform": true,
	"animatecolor": true, "discard": true, "iframe": true, "embed": true,
	"object": true, "video": true, "audio": true, "canvas": true,
}

// silentlyDropped are dropped elements a picture does not miss: what runs
// code, which no image runs, and HTML content, which the PDF's drawing
// reports.
var silentlyDropped = map[string]bool{"script": true, "handler": true, "listener": true, "foreignobject": true}

// CleanSVG returns data as a safe standalone SVG document, the way EPUB 3
// requires SVG content documents to be: no DOCTYPE or entity declarations
// (entities are never resolved), no processing instructions or comments, no
// script, no foreign (HTML) content (an HTML text label is set as SVG
// <text> in its place), no event handlers, no javascript: or
// external references in href, xlink:href or CSS url(), and the SVG
// namespace declared on the root. Elements outside the SVG namespace are
// dropped except inside <metadata>. Unbalanced tags are closed, so the
// result is always well-formed XML.
//
// width and height are the image's size in CSS pixels as a browser shows
// it (svg.Size): from the root's width and height (px, pt, pc, mm, cm, in,
// em) or, for percentages or missing values, its viewBox, or CSS's 300 ×
// 150 for what neither says.
func CleanSVG(data []byte) (clean []byte, width, height float64, err error) {
	clean, width, height, _, _, err = cleanSVG(data, Options{})
	return clean, width, height, err
}

// cleanSVG is CleanSVG, which also says what it removed that the picture
// may miss (elements, attributes, references), one phrase each, and
// whether the drawing has a size of its own rather than a viewBox's
// proportions alone (svg.Size); raster pictures embedded in it are
// bounded by opts.
func cleanSVG(data []byte, opts Options) (clean []byte, width, height float64, removed []string, sized bool, err error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	// The first pass cleans; the next ones remove references to IDs the
	// cleaned picture lacks (and what cannot be without them), until none
	// is left.
	var known map[string]bool
	var seen map[string]bool
	// HTML labels are set as SVG text in the first pass; the cleaned
	// picture holds none.
	labels := htmlLabelText(data)
	written := writtenIDs(data)
	for pass := 0; ; pass++ {
		c := &cleaner{
			dec:      xml.NewDecoder(bytes.NewReader(data)),
			base:     map[string]string{"": svgNS, "xml": xmlNS, "xlink": xlinkNS},
			opts:     opts,
			known:    known,
			ids:      map[string]bool{},
			noted:    seen,
			usesVars: bytes.Contains(data, []byte("var(")),
			written:  written,
		}
		if pass == 0 {
			c.labels = labels
		}
		// Lenient parsing keeps hand-written SVG usable; the output is
		// re-serialised by us, so leniency never reaches the result.
		c.dec.Strict = false
		// Illustrator names its namespaces by entities declared in the
		// DOCTYPE (xmlns="&ns_svg;").
		c.dec.Entity = svg.Entities(data)
		c.dec.CharsetReader = svg.CharsetReader
		if err := c.run(); err != nil {
			return nil, 0, 0, nil, false, fmt.Errorf("svg: %w", err)
		}
		if pass == 0 {
			var proportional bool
			width, height, proportional = svg.Size(c.rootWidth, c.rootHeight, c.rootViewBox, c.rootAspect)
			sized = !proportional
		}
		removed = append(removed, c.removed...)
		seen = c.noted
		done := pass > 0 && bytes.Equal(c.out.Bytes(), data)
		data, known = c.out.Bytes(), c.ids
		if done || pass == 4 {
			return data, width, height, removed, sized, nil
		}
	}
}

type frame struct {
	raw      string            // the element's name as written, to match its end tag
	name     string            // the name written out: raw, or g for a link
	local    string            // the element's SVG name, for its attributes
	unwrap   bool              // kept, its content written without its tags
	lights   int               // light sources written inside a lighting filter
	bindings map[string]string // namespace prefixes declared on it
	kept     bool
	emptied  bool // kept without its content
	metadata bool // inside <metadata>, where RDF and Dublin Core live
	style    bool // an SVG <style> element, whose text is CSS
	// label is, on a <switch> whose HTML label was set as text, the
	// label's words, which its fallback may repeat.
	label string
	// fallback is the text of an element after such a label, written
	// from mark on, which goes when it is only a notice or a copy.
	fallback *strings.Builder
	mark     int
	idMark   int
}

type cleaner struct {
	dec   *xml.Decoder
	out   bytes.Buffer
	stack []frame
	base  map[string]string
	// open is true while the last start tag written still lacks its '>',
	// so an immediately following end tag can make it self-closing.
	open        bool
	rootSeen    bool
	rootWidth   string
	rootHeight  string
	rootViewBox string
	rootAspect  string

	opts    Options
	removed []string
	noted   map[string]bool
	// ids are the IDs the cleaned picture holds; known says they were
	// collected by an earlier pass, so a reference to another can go.
	ids   map[string]bool
	known map[string]bool
	// idLog are the IDs in the order written, so a fallback taken back
	// out takes its IDs along.
	idLog []string
	// rewrite maps the data URLs of embedded pictures kept to their
	// cleaned form (embeddedUsable).
	rewrite map[string]string

	// labels are the HTML labels set as text, by the offset of their
	// <foreignObject>; offset is that of the token being read.
	labels map[int64]*svg.Label
	offset int64

	// inScene is true between Excalidraw's <!-- payload-start --> and
	// <!-- payload-end -->, whose text is the drawing's scene.
	inScene bool
	// usesVars says the picture reads custom properties (var()), so
	// removing one may change it.
	usesVars bool
	// rootStyle is true while the root's style attribute is cleaned,
	// whose background-color a browser paints behind the picture.
	rootStyle bool
	// written are the IDs the picture as read has: a reference in CSS
	// to another refers to nothing, and a browser draws it as the
	// cleaned picture does.
	written map[string]bool
}

// excalidrawSceneMark says whether the text after a comment is the scene
// Excalidraw writes between <!-- payload-start --> and <!-- payload-end
// -->: base64 data for Excalidraw to open the picture again, which no
// renderer shows, so dropping it takes nothing from the picture.
func excalidrawSceneMark(comment string, inScene bool) bool {
	switch strings.TrimSpace(comment) {
	case "payload-start":
		return true
	case "payload-end":
		return false
	}
	return inScene
}

// htmlLabelText sets the HTML text labels of an SVG, by the offset of
// their <foreignObject>s; nil when it has none.
func htmlLabelText(data []byte) map[int64]*svg.Label {
	if !bytes.Contains(data, []byte("foreignObject")) {
		return nil
	}
	// Lines are wrapped with estimated widths (labelMetrics) and each is
	// anchored where its alignment puts it, so the reader's font centres
	// it.
	labels, err := svg.HTMLLabels(data, svg.Options{Metrics: labelMetrics{}})
	if err != nil || len(labels) == 0 {
		return nil // cleaning reports what is wrong with the file
	}
	m := make(map[int64]*svg.Label, len(labels))
	for i := range labels {
		m[labels[i].Offset] = &labels[i]
	}
	return m
}

// note records something removed that the picture may miss, once.
func (c *cleaner) note(what string) {
	if c.noted[what] {
		return
	}
	if c.noted == nil {
		c.noted = map[string]bool{}
	}
	c.noted[what] = true
	c.removed = append(c.removed, what)
}

func (c *cleaner) run() error {
	c.out.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	for {
		c.offset = c.dec.InputOffset()
		tok, err := c.dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			var syn *xml.SyntaxError
			if errors.As(err, &syn) {
				return fmt.Errorf("line %d: %s", syn.Line, syn.Msg)
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := c.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			c.end(rawName(t.Name))
			if c.rootSeen && len(c.stack) == 0 {
				// Whatever follows the root element is not part of the image.
				c.out.WriteByte('\n')
				return nil
			}
		case xml.CharData:
			c.text(t)
		case xml.Comment:
			c.inScene = excalidrawSceneMark(string(t), c.inScene)
		}
		// Comments, processing instructions (xml-stylesheet among them) and
		// directives (DOCTYPE, ENTITY) are dropped.
	}
	if !c.rootSeen {
		return errors.New("no <svg> root element")
	}
	for len(c.stack) > 0 {
		c.pop()
	}
	c.out.WriteByte('\n')
	return nil
}

// parentLocal is the local part of an element name as written.
func parentLocal(raw string) string {
	if i := strings.LastIndexByte(raw, ':'); i >= 0 {
		return raw[i+1:]
	}
	return raw
}

func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// resolve finds the namespace bound to prefix at the current depth, with
// the bindings about to be declared on a new element consulted first.
func (c *cleaner) resolve(prefix string, pending map[string]string) (string, bool) {
	if ns, ok := pending[prefix]; ok {
		return ns, ns != ""
	}
	for i := len(c.stack) - 1; i >= 0; i-- {
		if ns, ok := c.stack[i].bindings[prefix]; ok {
			return ns, ns != ""
		}
	}
	ns, ok := c.base[prefix]
	return ns, ok
}

// declaredPrefix returns the prefix a namespace declaration binds ("" for
// the default namespace).
func declaredPrefix(a xml.Attr) (string, bool) {
	switch {
	case a.Name.Space == "xmlns":
		return a.Name.Local, true
	case a.Name.Space == "" && a.Name.Local == "xmlns":
		return "", true
	}
	return "", false
}

func declarationOK(prefix, ns string) bool {
	return ns != "" && !scriptURL(ns) && prefix != "xml" && prefix != "xmlns" &&
		ns != xmlNS && ns != "http://www.w3.org/2000/xmlns/" && validName(prefix, true)
}

func (c *cleaner) closeOpen() {
	if c.open {
		c.out.WriteByte('>')
		c.open = false
	}
}

func (c *cleaner) start(t xml.StartElement) error {
	if c.rootSeen && len(c.stack) == 0 {
		return nil
	}
	var parent frame
	if len(c.stack) > 0 {
		parent = c.stack[len(c.stack)-1]
	}
	f := frame{raw: rawName(t.Name), metadata: parent.metadata, local: t.Name.Local}
	f.name = f.raw
	for _, a := range t.Attr {
		if prefix, ok := declaredPrefix(a); ok {
			if f.bindings == nil {
				f.bindings = map[string]string{}
			}
			// A declaration we will not write binds its prefix to nothing,
			// so whatever uses the prefix is dropped with it.
			f.bindings[prefix] = ""
			if declarationOK(prefix, a.Value) {
				f.bindings[prefix] = a.Value
			}
		}
	}
	ns, bound := c.resolve(t.Name.Space, f.bindings)
	isRoot := !c.rootSeen
	if isRoot {
		if t.Name.Local != "svg" || !bound || ns != svgNS {
			return fmt.Errorf("root element is <%s>, not an SVG <svg>", f.raw)
		}
		c.rootSeen = true
	}
	lower := strings.ToLower(t.Name.Local)
	var label *svg.Label
	switch {
	case len(c.stack) > 0 && (!parent.kept || parent.emptied):
		f.kept = false
	case lower == "foreignobject" && ns == svgNS && bound && c.labels[c.offset] != nil && c.childAllowed("text"):
		// An HTML text label is written as SVG text in its place.
		f.kept = false
		label = c.labels[c.offset]
	case lower == "foreignobject" && ns == svgNS && bound && !strings.EqualFold(parentLocal(parent.raw), "switch"):
		// HTML content goes, but an empty element stays where it was, so
		// whoever draws the picture knows that content is missing. In a
		// <switch> it goes entirely, which lets the SVG fallback after it
		// be drawn.
		f.kept, f.emptied = true, true
	case !validName(t.Name.Space, true) || !validName(t.Name.Local, false) || !bound:
		f.kept = false
	case droppedElements[lower]:
		f.kept = false
		if ns == svgNS && !silentlyDropped[lower] {
			c.note("<" + t.Name.Local + ">")
		}
	case ns == svgNS && t.Name.Local == "a" && textContent[c.modelParent()]:
		// A picture is an image: its links cannot be followed, and
		// EPUBCheck wants every one titled. In text, its text stays.
		f.kept, f.unwrap = true, true
		c.note("links")
	case ns == svgNS && t.Name.Local == "a" && c.childAllowed("g"):
		// elsewhere its content stays as a group
		f.kept, f.name, f.local = true, prefixed(f.raw, "g"), "g"
		c.note("links")
	case ns == svgNS && svgElements[t.Name.Local] != nil && !c.childAllowed(t.Name.Local):
		f.kept = false
		c.note("<" + t.Name.Local + "> inside <" + c.modelParent() + ">")
	case ns == svgNS && (t.Name.Local == "use" || t.Name.Local == "textPath") && !c.hrefUsable(t, f):
		// a textPath without its path keeps its text
		f.kept, f.unwrap = t.Name.Local == "textPath", true
	case ns == svgNS && t.Name.Local == "image" && !c.imageUsable(t):
		f.kept = false
	case ns == svgNS && svgElements[t.Name.Local] == nil:
		f.kept = false
		c.note("<" + t.Name.Local + ">")
	case ns == svgNS:
		f.kept = true
	case parent.metadata && ns != xhtmlNS:
		f.kept = true
	default:
		f.kept = false
	}
	if f.kept && ns == svgNS && t.Name.Local == "metadata" {
		f.metadata = true
	}
	f.style = f.kept && ns == svgNS && t.Name.Local == "style"
	if f.kept && !f.unwrap && parent.label != "" {
		c.closeOpen()
		f.fallback, f.mark, f.idMark = &strings.Builder{}, c.out.Len(), len(c.idLog)
	}
	c.stack = append(c.stack, f)
	if label != nil {
		c.writeLabel(label, t, f)
		if strings.EqualFold(parentLocal(parent.raw), "switch") {
			c.stack[len(c.stack)-2].label = label.PlainText()
		}
	}
	if !f.kept || f.unwrap {
		return nil
	}
	if len(c.stack) > 1 && (t.Name.Local == "feDistantLight" || t.Name.Local == "fePointLight" || t.Name.Local == "feSpotLight") {
		c.stack[len(c.stack)-2].lights++
	}

	c.closeOpen()
	c.out.WriteByte('<')
	c.out.WriteString(f.name)
	seen := map[string]bool{}
	var style []string // the style attribute's declarations, and moved attributes
	if isRoot {
		// The namespaces the cleaned document relies on are declared on the
		// root, whatever the input declared.
		c.out.WriteString(` xmlns="` + svgNS + `"`)
		seen["xmlns"] = true
		if ns, ok := f.bindings["xlink"]; !ok || ns == xlinkNS {
			c.out.WriteString(` xmlns:xlink="` + xlinkNS + `"`)
			seen["xmlns:xlink"] = true
		}
	}
	for _, a := range t.Attr {
		name := rawName(a.Name)
		if seen[name] {
			continue
		}
		if f.local == "g" && t.Name.Local == "a" && (a.Name.Local == "href" || a.Name.Local == "target" || a.Name.Space == "xlink") {
			continue // the link's own attributes go with it
		}
		if f.local == "svg" && a.Name.Space == "" && a.Name.Local == "style" {
			a.Value = withoutRestatedSize(a.Value, t)
		}
		c.rootStyle = isRoot && a.Name.Space == "" && a.Name.Local == "style"
		value, keep := c.attr(a, f)
		c.rootStyle = false
		if !keep {
			continue
		}
		if a.Name.Space == "" && a.Name.Local == "href" {
			// SVG 2's href is SVG 1.1's xlink:href, which reading
			// systems of either kind read.
			name = "xlink:href"
			if seen[name] || !c.xlinkDeclared(f) {
				continue
			}
		}
		if values := svgKeywords[name]; a.Name.Space == "" && values != nil {
			// SVG 1.1 lists the keywords these take; a browser ignores
			// any other value, as if not given, and EPUBCheck refuses it
			// (Inkscape's text-anchor="left")
			if v := strings.TrimSpace(value); values[v] {
				value = v
			} else {
				c.note(fmt.Sprintf("attribute %s=%q", name, value))
				continue
			}
		}
		switch {
		case a.Name.Space == "" && a.Name.Local == "style":
			style = append(style, value)
			continue
		case f.metadata || strings.HasPrefix(name, "xmlns"):
		case svgElements[f.local][name]:
		case strings.HasPrefix(name, "aria-") && ariaAllowed(f.local):
		case a.Name.Space == "" && cssProperties[a.Name.Local] && !styleOnly[a.Name.Local]:
			// a presentation property SVG 1.1 does not allow here
			style = append(style, a.Name.Local+":"+value)
			continue
		case f.local == "style" && name == "class":
			// Excalidraw's <style class="style-fonts">: a class on a
			// style sheet styles nothing, so nothing is lost
			continue
		case a.Name.Space == "" && misplacedGeometry[name]:
			// a shape's geometry on an element SVG does not give it
			// (Eloquent JavaScript's width and height on <path>): a
			// browser reads nothing from it, so nothing is lost
			continue
		default:
			if a.Name.Space == "" || name == "xlink:href" {
				c.note("attribute " + a.Name.Local)
			}
			continue
		}
		if name == "role" {
			if value = svgRole(value); value == "" {
				c.note("attribute role")
				continue
			}
		}
		if name == "id" {
			if !isXMLName(value) {
				// EPUB's SVG takes an id for an XML name; PlantUML names
				// its links "A->B" and its start "*start*".
				c.note("ids that are not XML names")
				continue
			}
			if c.ids[value] {
				c.note("a repeated id " + clipRef(value))
				continue
			}
			c.ids[value] = true
			c.idLog = append(c.idLog, value)
		}
		seen[name] = true
		if isRoot && a.Name.Space == "" {
			switch a.Name.Local {
			case "width":
				c.rootWidth = value
			case "height":
				c.rootHeight = value
			case "viewBox":
				c.rootViewBox = value
			case "preserveAspectRatio":
				c.rootAspect = value
			}
		}
		c.out.WriteByte(' ')
		c.out.WriteString(name)
		c.out.WriteString(`="`)
		xmltext.Escape(&c.out, value, true)
		c.out.WriteByte('"')
	}
	if ns == svgNS && !f.metadata {
		for _, req := range requiredAttrs[f.local] {
			if !seen[req.name] {
				c.out.WriteString(" " + req.name + `="`)
				xmltext.Escape(&c.out, req.value(seen, t.Attr), true)
				c.out.WriteByte('"')
			}
		}
	}
	if s := strings.Trim(strings.Join(style, ";"), "; \t\n"); s != "" {
		c.out.WriteString(` style="`)
		xmltext.Escape(&c.out, s, true)
		c.out.WriteByte('"')
	}
	c.open = true
	return nil
}

// requiredAttrs are the attributes SVG 1.1 requires of a shape or a
// gradient stop, which EPUBCheck checks and exporters leave out
// (Mermaid's unsized <rect/>, matplotlib's path without d for a space,
// Figma's first stop without its offset), each with the value that draws
// what its absence draws: nothing, an offset of 0, or for an ellipse's
// missing radius the other one, as SVG 2 does.
var requiredAttrs = map[string][]struct {
	name  string
	value func(seen map[string]bool, attrs []xml.Attr) string
}{
	"rect":     {{"width", zero}, {"height", zero}},
	"circle":   {{"r", zero}},
	"ellipse":  {{"rx", otherRadius("ry")}, {"ry", otherRadius("rx")}},
	"path":     {{"d", empty}},
	"polygon":  {{"points", empty}},
	"polyline": {{"points", empty}},
	"stop":     {{"offset", zero}},
}

func zero(map[string]bool, []xml.Attr) string  { return "0" }
func empty(map[string]bool, []xml.Attr) string { return "" }

func otherRadius(other string) func(map[string]bool, []xml.Attr) string {
	return func(seen map[string]bool, attrs []xml.Attr) string {
		if seen[other] {
			for _, a := range attrs {
				if a.Name.Space == "" && a.Name.Local == other {
					if _, ok := cssLength(a.Value); ok {
						return strings.TrimSpace(a.Value)
					}
				}
			}
		}
		return "0"
	}
}

// svgRole keeps of an SVG element's role the first that EPUB allows
// there; "" when none is.
func svgRole(v string) string {
	for _, r := range strings.Fields(v) {
		switch r {
		case "application", "document", "img":
			return r
		}
	}
	return ""
}

// prefixed is name with raw's namespace prefix, if any.
func prefixed(raw, name string) string {
	if i := strings.LastIndexByte(raw, ':'); i >= 0 {
		return raw[:i+1] + name
	}
	return name
}

// xlinkDeclared reports whether the xlink prefix names the XLink
// namespace where f is written.
func (c *cleaner) xlinkDeclared(f frame) bool {
	ns, ok := c.resolve("xlink", f.bindings)
	return ok && ns == xlinkNS
}

// imageUsable reports whether an <image> refers to a picture the cleaned
// SVG can carry: one embedded as data, within the memory allowed. One
// that refers elsewhere is dropped, as it would show nothing.
func (c *cleaner) imageUsable(t xml.StartElement) bool {
	for _, a := range t.Attr {
		if a.Name.Local != "href" {
			continue
		}
		v := strings.TrimSpace(a.Value)
		if !safeDataImage.MatchString(v) {
			if strings.HasPrefix(strings.ToLower(v), "data:") {
				return c.embeddedUsable(a.Value)
			}
			c.note("reference to " + clipRef(v))
			return false
		}
		if c.opts.MaxDecoded > 0 {
			if a, _, err := dataAsset(v, c.opts); err != nil || a == nil {
				c.note("an embedded picture (" + strings.TrimPrefix(fmt.Sprint(err), "data URL: ") + ")")
				return false
			}
		}
		return true
	}
	// An <image> without a picture shows nothing (gnuplot's "mouse"
	// plots have a hidden one their script fills in): nothing is lost.
	return false
}

// embeddedUsable reports whether a data URL that is not plainly a PNG,
// JPEG, GIF or WebP picture holds one the cleaned SVG can carry: an SVG
// picture (draw.io embeds its icons so), or a raster picture under a
// media type no one uses (image/jpg) or none. The picture is read and
// cleaned as a picture of the book is, and carried as a data URL of its
// own media type (rewrite), so that what it embeds is as safe as the
// rest, and the PDF draws an SVG one as vectors.
func (c *cleaner) embeddedUsable(raw string) bool {
	a, notes, err := dataAsset(strings.TrimSpace(raw), c.opts)
	if err != nil || a == nil {
		c.note("an embedded picture (" + strings.TrimPrefix(fmt.Sprint(err), "data URL: ") + ")")
		return false
	}
	for _, n := range notes {
		c.note(n)
	}
	if c.rewrite == nil {
		c.rewrite = map[string]string{}
	}
	c.rewrite[raw] = "data:" + a.MediaType + ";base64," + base64.StdEncoding.EncodeToString(a.Data)
	return true
}

// clipRef shortens a reference for a message.
func clipRef(v string) string {
	if len(v) > 60 {
		return v[:57] + "…"
	}
	return v
}

// attr decides whether an attribute survives cleaning, and with what value.
func (c *cleaner) attr(a xml.Attr, f frame) (string, bool) {
	if !validName(a.Name.Space, true) || !validName(a.Name.Local, false) {
		return "", false
	}
	value := a.Value
	if scriptURL(value) {
		return "", false
	}
	if prefix, ok := declaredPrefix(a); ok {
		return value, declarationOK(prefix, value)
	}
	local := strings.ToLower(a.Name.Local)
	if strings.HasPrefix(local, "on") {
		return "", false
	}
	if a.Name.Space == "" {
		switch local {
		case "href":
			if v, ok := c.rewrite[value]; ok {
				return v, true
			}
			return value, c.reference(value)
		case "style":
			return c.cleanDeclarations(value), true
		case "src", "action", "formaction", "background", "lowsrc", "dynsrc", "codebase", "data":
			return "", false
		}
		return c.localURLs(value), true
	}
	ns, ok := c.resolve(a.Name.Space, f.bindings)
	if !ok {
		return "", false
	}
	switch ns {
	case xmlNS:
		return value, a.Name.Local == "lang" || a.Name.Local == "space"
	case xlinkNS:
		switch a.Name.Local {
		case "href":
			if v, ok := c.rewrite[value]; ok {
				return v, true
			}
			return value, c.reference(value)
		case "title":
			return value, true
		}
		return "", false
	}
	// Editor attributes (inkscape:, sodipodi:) go; RDF inside metadata stays.
	return value, f.metadata
}

// scriptURL reports a value that a browser would run as script when used
// as a URL. Browsers ignore ASCII whitespace and control characters inside
// a scheme, so those are removed before comparing.
func scriptURL(v string) bool {
	var b strings.Builder
	for _, r := range v {
		if r <= ' ' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
		if b.Len() > 16 {
			break
		}
	}
	s := b.String()
	return strings.HasPrefix(s, "javascript:") || strings.HasPrefix(s, "vbscript:") ||
		strings.HasPrefix(s, "data:text") || strings.HasPrefix(s, "data:application")
}

var safeDataImage = regexp.MustCompile(`(?i)^data:image/(png|jpeg|gif|webp)[;,]`)

// safeReference allows references inside the image (#id) and embedded
// raster data. Anything else would point outside the document: a remote
// or local file a reading system must not fetch, or that the package
// does not contain.
func safeReference(v string) bool {
	v = strings.TrimSpace(v)
	return strings.HasPrefix(v, "#") || safeDataImage.MatchString(v)
}

var (
	cssImport  = regexp.MustCompile(`(?i)@import[^;]*;?`)
	cssURL     = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*))\s*\)`)
	cssDangers = regexp.MustCompile(`(?i)expression\s*\(|-moz-binding|behavior\s*:|javascript:|vbscript:`)
)

// sanitizeCSS removes what in a style sheet could fetch or run something:
// @import, url() pointing outside the image, and script hooks of old
// browsers. Escapes are decoded first, so they cannot spell those words.
func sanitizeCSS(s string) string {
	s = cssUnescape(s)
	s = cssImport.ReplaceAllString(s, "")
	s = cssURL.ReplaceAllStringFunc(s, func(m string) string {
		sub := cssURL.FindStringSubmatch(m)
		target := sub[1] + sub[2] + sub[3]
		if safeReference(target) {
			return m
		}
		return "none"
	})
	return cssDangers.ReplaceAllString(s, "")
}

// reference reports whether an href may stay: inside the picture or
// embedded data; any other is noted.
func (c *cleaner) reference(v string) bool {
	if safeReference(v) && c.resolves(v) {
		return true
	}
	c.note("reference to " + clipRef(strings.TrimSpace(v)))
	return false
}

// localURLs replaces every url() of an attribute's value that does not
// point inside the picture (fill="url(http://…)", filter, mask,
// clip-path, marker-*) by none, noting it.
//
// A paint that names a fallback colour after its url() (fill="url(#g)
// green") keeps the colour alone, as a browser paints it when #g is
// missing; "none green" would be no paint at all, and draw black.
func (c *cleaner) localURLs(v string) string {
	if !strings.Contains(strings.ToLower(v), "url(") {
		return v
	}
	var b strings.Builder
	last := 0
	for _, m := range cssURL.FindAllStringSubmatchIndex(v, -1) {
		target := ""
		for i := 2; i < len(m); i += 2 {
			if m[i] >= 0 {
				target += v[m[i]:m[i+1]]
			}
		}
		target = strings.TrimSpace(target)
		if strings.HasPrefix(target, "#") && c.resolves(target) {
			continue
		}
		c.note("reference to " + clipRef(target))
		if strings.TrimSpace(v[:m[0]]) == "" && strings.TrimSpace(v[m[1]:]) != "" {
			// the fallback after it stands alone
			last = m[1] + len(v[m[1]:]) - len(strings.TrimLeft(v[m[1]:], " \t\n\r"))
			continue
		}
		b.WriteString(v[last:m[0]])
		last = m[1]
		b.WriteString("none")
	}
	b.WriteString(v[last:])
	return b.String()
}

// isXMLName reports whether v is an XML name without colons (an NCName),
// as an id must be.
func isXMLName(v string) bool {
	if v == "" {
		return false
	}
	for i, r := range v {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || r == '\u00b7' || unicode.IsDigit(r) || unicode.Is(unicode.M, r)):
		default:
			return false
		}
	}
	return true
}

// resolves reports whether a reference inside the picture names an ID it
// holds, once the IDs are known.
func (c *cleaner) resolves(v string) bool {
	v = strings.TrimSpace(v)
	if c.known == nil || !strings.HasPrefix(v, "#") {
		return true
	}
	return c.known[v[1:]]
}

// hrefUsable reports whether a <use> or <textPath>, which must refer to
// something, refers to something inside the picture.
func (c *cleaner) hrefUsable(t xml.StartElement, f frame) bool {
	for _, a := range t.Attr {
		if a.Name.Local != "href" || a.Name.Space != "" && a.Name.Space != "xlink" {
			continue
		}
		v := strings.TrimSpace(a.Value)
		if strings.HasPrefix(v, "#") && c.resolves(v) {
			return true
		}
		c.note("reference to " + clipRef(v))
		return false
	}
	return false
}

// modelParent is the SVG element the element being read goes into: the
// nearest kept one whose tags are written.
func (c *cleaner) modelParent() string {
	for i := len(c.stack) - 1; i >= 0; i-- {
		if f := c.stack[i]; f.kept && !f.unwrap {
			return f.local
		}
	}
	return ""
}

// childAllowed reports whether SVG allows the element name where it is.
func (c *cleaner) childAllowed(name string) bool {
	allowed, restricted := svgChildren[c.modelParent()]
	return !restricted || allowed[name]
}

// cleanDeclarations cleans a style attribute: what could fetch or run
// something goes (see sanitizeCSS), as do image functions and properties
// that are not SVG's or CSS's for SVG.
func (c *cleaner) cleanDeclarations(s string) string {
	s = stripCSSComments(s)
	s = c.cleanCSS(s)
	var kept []string
	for _, d := range splitTop(s, ';') {
		prop, value, ok := strings.Cut(d, ":")
		prop = strings.ToLower(strings.TrimSpace(prop))
		switch {
		case !ok || prop == "" || strings.TrimSpace(value) == "":
		case cssProperties[prop]:
			kept = append(kept, prop+":"+strings.TrimSpace(value))
		case strings.HasPrefix(prop, "-inkscape-"):
			// Inkscape's notes to itself (the font it chose, by name),
			// which no reader draws: nothing to miss
		case strings.HasPrefix(prop, "--") && !c.usesVars, prop == "background-color" && !c.rootStyle:
			// Custom properties nothing reads, and the background colour
			// of HTML boxes, which the cleaned picture has none of (its
			// HTML labels, backgrounds included, are SVG text by now; an
			// SVG element other than the root has no background): D2
			// writes both for the Markdown labels it may have
		default:
			c.note("style property " + prop)
		}
	}
	return strings.Join(kept, ";")
}

// cleanSheet cleans a style sheet: each block's declarations as a style
// attribute's, at-rules and selectors kept.
func (c *cleaner) cleanSheet(s string) string {
	s = stripCSSComments(s)
	// An @font-face's fonts embedded as data (D2's) are the picture's
	// own and stay; everything else in it is cleaned as any CSS.
	if at := fontFaceAt(s); at >= 0 {
		open := strings.IndexByte(s[at:], '{')
		if open >= 0 {
			open += at
			end := matchingBrace(s, open)
			before := c.cleanSheet(s[:at])
			face := "@font-face {" + c.cleanFontFace(s[open+1:min(end, len(s))]) + "}"
			return before + face + c.cleanSheet(s[min(end+1, len(s)):])
		}
	}
	s = c.cleanCSS(s)
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := matchingBrace(s, open)
		b.WriteString(s[:open+1])
		inner := s[open+1 : end]
		if strings.Contains(inner, "{") {
			b.WriteString(c.cleanSheet(inner))
		} else {
			b.WriteString(c.cleanDeclarations(inner))
		}
		if end < len(s) {
			b.WriteByte('}')
			s = s[end+1:]
			continue
		}
		return b.String()
	}
}

// idAttribute finds id attributes in a picture as read.
var idAttribute = regexp.MustCompile(`\sid\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// writtenIDs are the values of the id attributes a picture has, as
// written (a character reference in one is read as itself, so such an ID
// is missed and a reference to it reported when it goes).
func writtenIDs(data []byte) map[string]bool {
	ids := map[string]bool{}
	for _, m := range idAttribute.FindAllSubmatch(data, -1) {
		ids[strings.TrimSpace(string(m[1])+string(m[2]))] = true
	}
	return ids
}

// withoutRestatedSize removes from an <svg>'s style the width and height
// that only say again what its attributes say (PlantUML writes
// style="width:253px;height:367px;" beside width="253px"
// height="367px"): SVG 1.1 has no such properties, and nothing is lost
// with them.
func withoutRestatedSize(style string, t xml.StartElement) string {
	attr := func(name string) string {
		for _, a := range t.Attr {
			if a.Name.Space == "" && a.Name.Local == name {
				return strings.ToLower(strings.TrimSpace(a.Value))
			}
		}
		return ""
	}
	var kept []string
	for _, d := range splitTop(style, ';') {
		prop, value, _ := strings.Cut(d, ":")
		prop = strings.ToLower(strings.TrimSpace(prop))
		value = strings.ToLower(strings.TrimSpace(value))
		if (prop == "width" || prop == "height") && value != "" && value == attr(prop) {
			continue
		}
		kept = append(kept, d)
	}
	return strings.Join(kept, ";")
}

// stripCSSComments removes CSS comments, which may hold examples of rules
// (Wikimedia's maps show how to colour a country so) that are no part of
// the style sheet, outside quoted strings.
func stripCSSComments(s string) string {
	if !strings.Contains(s, "/*") {
		return s
	}
	var b strings.Builder
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case quote != 0:
			if ch == '\\' && i+1 < len(s) {
				b.WriteByte(ch)
				i++
				ch = s[i]
			} else if ch == quote {
				quote = 0
			}
		case ch == '"' || ch == '\'':
			quote = ch
		case ch == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return b.String()
			}
			i += 2 + end + 1
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(ch)
	}
	return b.String()
}

// fontFaceAt is where a style sheet's first @font-face rule begins, or -1.
func fontFaceAt(s string) int {
	return strings.Index(strings.ToLower(s), "@font-face")
}

// fontFaceDescriptors are the descriptors of an @font-face rule kept
// besides its src.
var fontFaceDescriptors = map[string]bool{
	"font-family": true, "font-style": true, "font-weight": true, "font-stretch": true,
	"unicode-range": true, "font-display": true,
}

// cleanFontFace cleans the declarations of an @font-face rule: its
// descriptors stay, and of its src the fonts embedded as base64 data,
// which EPUB readers may use as the picture's own, under the media type
// their bytes say (D2 writes application/font-woff, others
// application/octet-stream); other sources are references and go.
func (c *cleaner) cleanFontFace(s string) string {
	var kept []string
	for _, d := range splitTop(s, ';') {
		prop, value, ok := strings.Cut(d, ":")
		prop = strings.ToLower(strings.TrimSpace(prop))
		value = strings.TrimSpace(value)
		switch {
		case !ok || prop == "" || value == "":
		case prop == "src":
			var srcs []string
			for _, src := range splitTop(value, ',') {
				if font, ok := embeddedFontURL(src); ok {
					srcs = append(srcs, font)
				} else if m := cssURL.FindStringSubmatch(src); m != nil {
					c.note("reference to " + clipRef(strings.TrimSpace(m[1]+m[2]+m[3])))
				}
			}
			if len(srcs) > 0 {
				kept = append(kept, "src:"+strings.Join(srcs, ","))
			}
		case fontFaceDescriptors[prop]:
			if v := c.cleanCSS(value); strings.TrimSpace(v) != "" {
				kept = append(kept, prop+":"+strings.TrimSpace(v))
			}
		default:
			c.note("style property " + prop)
		}
	}
	return strings.Join(kept, ";")
}

// embeddedFontURL reads one source of an @font-face src: a url() of a
// data: URL holding a TrueType, OpenType, WOFF or WOFF 2 font in base64,
// which it returns written anew with the font's media type.
func embeddedFontURL(src string) (string, bool) {
	m := cssURL.FindStringSubmatch(strings.TrimSpace(src))
	if m == nil {
		return "", false
	}
	target := strings.TrimSpace(m[1] + m[2] + m[3])
	header, payload, ok := strings.Cut(target, ",")
	header = strings.ToLower(strings.ReplaceAll(header, " ", ""))
	if !ok || !strings.HasPrefix(header, "data:") || !strings.HasSuffix(header, ";base64") {
		return "", false
	}
	payload = strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '+', r == '/', r == '=':
			return r
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			return -1
		}
		return utf8.RuneError
	}, payload)
	if strings.ContainsRune(payload, utf8.RuneError) || len(payload) < 8 {
		return "", false
	}
	head, err := base64.StdEncoding.DecodeString(payload[:8])
	if err != nil {
		return "", false
	}
	var mediaType string
	switch {
	case string(head[:4]) == "wOFF":
		mediaType = "font/woff"
	case string(head[:4]) == "wOF2":
		mediaType = "font/woff2"
	case string(head[:4]) == "OTTO":
		mediaType = "font/otf"
	case string(head[:4]) == "\x00\x01\x00\x00" || string(head[:4]) == "true":
		mediaType = "font/ttf"
	default:
		return "", false
	}
	return `url("data:` + mediaType + `;base64,` + payload + `")`, true
}

// matchingBrace is the index of the } closing the { at open, or len(s).
func matchingBrace(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return len(s)
}

// splitTop splits s at sep outside parentheses and quotes.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, quote, start := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '"' || ch == '\'':
			quote = ch
		case ch == '(':
			depth++
		case ch == ')':
			depth = max(depth-1, 0)
		case ch == sep && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// cssImageFunctions name image values whose arguments are addresses
// without url(): image-set("a.png" 1x), image("a.png").
var cssImageFunctions = regexp.MustCompile(`(?i)(^|[^a-z0-9_-])((?:-webkit-)?image-set|image|cross-fade|element)\(`)

// cleanCSS removes from CSS what could fetch or run something (see
// sanitizeCSS), noting references, and replaces image functions by none.
func (c *cleaner) cleanCSS(s string) string {
	s = cssUnescape(s)
	for {
		m := cssImageFunctions.FindStringSubmatchIndex(s)
		if m == nil {
			break
		}
		start, open := m[4], m[1]-1
		end := open
		depth := 0
		for ; end < len(s); end++ {
			if s[end] == '(' {
				depth++
			} else if s[end] == ')' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		c.note(strings.ToLower(s[start:open]) + "()")
		s = s[:start] + "none" + s[min(end+1, len(s)):]
	}
	s = cssImport.ReplaceAllStringFunc(s, func(m string) string {
		c.note("@import")
		return ""
	})
	s = cssURL.ReplaceAllStringFunc(s, func(m string) string {
		sub := cssURL.FindStringSubmatch(m)
		target := strings.TrimSpace(sub[1] + sub[2] + sub[3])
		if safeReference(target) && c.resolves(target) {
			return m
		}
		if strings.HasPrefix(target, "#") && c.written != nil && !c.written[target[1:]] {
			// D2's style sheets paint with patterns only its sketches
			// have: nothing is lost.
			return "none"
		}
		c.note("reference to " + clipRef(target))
		return "none"
	})
	return cssDangers.ReplaceAllString(s, "")
}

func (c *cleaner) text(t xml.CharData) {
	if len(c.stack) == 0 {
		return // text outside the root element
	}
	f := c.stack[len(c.stack)-1]
	if !f.kept || f.emptied {
		return
	}
	s := string(t)
	if !f.metadata && !textHolders[c.modelParent()] {
		if strings.TrimSpace(s) != "" && !c.inScene {
			c.note("text outside <text>")
		}
		if strings.TrimLeft(s, " \t\r\n") != "" {
			return
		}
	}
	c.closeOpen()
	if f.style {
		s = c.cleanSheet(s)
	}
	for _, g := range c.stack {
		if g.fallback != nil {
			g.fallback.WriteString(s)
		}
	}
	xmltext.Escape(&c.out, s, false)
}

func (c *cleaner) end(raw string) {
	for i := len(c.stack) - 1; i >= 0; i-- {
		if c.stack[i].raw == raw {
			for len(c.stack) > i {
				c.pop()
			}
			return
		}
	}
	// An end tag nothing opened is ignored.
}

func (c *cleaner) pop() {
	f := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	if !f.kept || f.unwrap {
		return
	}
	c.close(f)
	if f.fallback != nil && len(c.stack) > 0 && repeatsLabel(f.fallback.String(), c.stack[len(c.stack)-1].label) {
		// The label is set before it: a notice that it is missing, or
		// a shortened copy, is noise in the picture's text (search,
		// screen readers) and wrong wherever it is shown.
		c.out.Truncate(f.mark)
		for _, id := range c.idLog[f.idMark:] {
			delete(c.ids, id)
		}
		c.idLog = c.idLog[:f.idMark]
	}
}

// close writes a kept element's end.
func (c *cleaner) close(f frame) {
	if (f.local == "feDiffuseLighting" || f.local == "feSpecularLighting") && f.lights == 0 {
		// EPUBCheck wants a light; one lighting nothing is the default.
		c.closeOpen()
		c.out.WriteString("<" + prefixed(f.raw, "feDistantLight") + "/>")
		c.note("a light source, put in")
	}
	if c.open {
		c.out.WriteString("/>")
		c.open = false
		return
	}
	c.out.WriteString("</")
	c.out.WriteString(f.name)
	c.out.WriteByte('>')
}

// validName reports whether s is an XML name without colons (a prefix may
// be empty).
func validName(s string, prefix bool) bool {
	if s == "" {
		return prefix
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '-' || r == '.' || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)):
		default:
			return false
		}
	}
	return true
}

var cssUnits = map[string]float64{
	"": 1, "px": 1, "pt": 96.0 / 72, "pc": 16, "mm": 96 / 25.4, "cm": 96 / 2.54,
	"in": 96, "em": 16, "ex": 8,
}

// cssLength parses an absolute length; percentages and nonsense give false.
func cssLength(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	i := len(s)
	for i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= 'A' && s[i-1] <= 'Z') {
		i--
	}
	scale, ok := cssUnits[strings.ToLower(s[i:])]
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s[:i]), 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v * scale, true
}

// cssUnescape decodes CSS escapes (\72 or \000072 followed by optional
// white space, or a backslash before any other character). Characters XML
// cannot carry, and backslashes, do not survive.
func cssUnescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		j := i + 1
		for j < len(s) && j-i <= 6 && isHex(s[j]) {
			j++
		}
		if j == i+1 {
			// A backslash before a non-hex character stands for it.
			if j < len(s) && s[j] != '\n' {
				r, size := utf8.DecodeRuneInString(s[j:])
				b.WriteRune(r)
				i = j + size - 1
			}
			continue
		}
		v, _ := strconv.ParseUint(s[i+1:j], 16, 32)
		if r := rune(v); xmltext.Char(r) && r != '\\' {
			b.WriteRune(r)
		}
		if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
			j++
		}
		i = j - 1
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// svgDrawingCode is the diagnostic code of an SVG the PDF cannot fully draw.
const svgDrawingCode = "image.svg-unsupported"

// noteCleaned keeps what cleaning removed from an SVG picture, to report
// where it is used.
func (l *loader) noteCleaned(a *doc.Asset, notes []string) {
	if a == nil || len(notes) == 0 {
		return
	}
	if l.cleaned == nil {
		l.cleaned = map[*doc.Asset][]string{}
	}
	l.cleaned[a] = notes
}

// checkSVGDrawing reports, once per picture, what of a cleaned SVG the PDF
// will not draw: content it cannot show at all (the picture is printed as
// a placeholder) or effects it is drawn without.
func (l *loader) checkSVGDrawing(a *doc.Asset, src string) {
	if a == nil || a.MediaType != SVG || l.svgChecked[a] {
		return
	}
	if l.svgChecked == nil {
		l.svgChecked = map[*doc.Asset]bool{}
	}
	l.svgChecked[a] = true
	subject := "inline SVG picture"
	if src != "" {
		subject = fmt.Sprintf("image %q", src)
	}
	if notes := l.cleaned[a]; len(notes) > 0 {
		l.warn("image.svg-cleaned", "%s: EPUB allows no remote or unknown content in SVG; removed from it: %s", subject, strings.Join(notes, ", "))
	}
	t, err := l.opts.Pictures.SVGTree(a.DrawingData())
	if err != nil {
		return // cleaning has already read it; nothing new to say
	}
	d := t.Render(svg.Options{})
	var msg string
	switch {
	case len(d.Lost) > 0:
		msg = fmt.Sprintf("%s: the PDF cannot draw %s; it prints a placeholder with the alt text", subject, strings.Join(d.Lost, ", "))
		if len(d.Skipped) > 0 {
			msg += fmt.Sprintf(" (nor %s)", strings.Join(d.Skipped, ", "))
		}
	case len(d.Skipped) > 0:
		msg = fmt.Sprintf("%s: the PDF draws it without %s", subject, strings.Join(d.Skipped, ", "))
	default:
		return
	}
	l.warn(svgDrawingCode, "%s", msg)
}
