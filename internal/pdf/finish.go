package pdf

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"golang.org/x/image/font/sfnt"

	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
	"github.com/samizdat-press/samizdat/internal/svg"
)

// finishing is what the painter knows that gofpdf 1.16.2 has no API to
// write.
type finishing struct {
	labels   []string // the printed folio of every page
	language string   // BCP 47
	date     time.Time
	compress bool
	// uris are the addresses of the links, in the order of their stand-ins.
	uris []string
	// masks are the opacity of pictures with transparency, by the digest
	// of the image data of their colours.
	masks map[[32]byte]softMask
	// profiles are the ICC profiles of pictures, by the digest of their
	// image data (icc.go).
	profiles map[[32]byte]media.Profile
	// contents are the pages' content streams the painter wrote (see
	// content.go), by page; nil for a page whose content gofpdf wrote.
	contents [][]byte
	// fonts are the embedded fonts, which finish() writes (see
	// fontobjects.go).
	fonts []fontUse
	// groups are the IDs of the templates that are SVG groups composited
	// at an opacity, and groupAlphas the opacities set inside them (see
	// makeGroups).
	groups      []string
	groupAlphas []float64
	// groupBlends are the blend modes set inside them (blendState).
	groupBlends []string
	// svgMasks are the masks SVG pictures set, by number (maskState),
	// each drawn in a template (see makeGroups).
	svgMasks []svgMask
	// shadings are the shadings SVG pictures name themselves, by number
	// (svgShading), and ramps the gradients' functions they refer to (see
	// addShadings).
	shadings []shading
	ramps    []ramp
	// tags are the marked content and links of a tagged PDF, and
	// structure the layout's structure they belong to; nil for an
	// untagged PDF (see tagged.go).
	tags      *tagging
	structure *layout.Elem
	// info is what the document information dictionary says, which the
	// XMP metadata of a tagged PDF repeats.
	info docInfo
}

// finish reads the file gofpdf wrote, completes it and writes it to w.
//
// The file is read as objects (package pdffile), edited as dictionaries
// and written out afresh, so nothing here depends on how gofpdf numbers or
// lays out its objects. What is added or mended:
//   - the catalog's page labels, language and viewer preference to show
//     the title, for which gofpdf has no API;
//   - the dates, which gofpdf writes without a time zone;
//   - the embedded fonts, which gofpdf is not given (see fontobjects.go);
//   - deterministic bytes: gofpdf writes each page's boxes and images of
//     equal width in map order, which pdffile.Write's fixed numbering and
//     sorted keys undo;
//   - one URI action per link address, shared by every annotation linking
//     to it (see shareURIActions);
//   - the soft masks (opacity) of pictures with transparency, which
//     gofpdf would make by inflating, splitting and deflating the whole
//     picture again (see raster.go);
//   - the content of the pages the painter wrote itself, and the fonts
//     in their resources by the names its content gives them (see
//     content.go);
//   - the templates of SVG groups composited at an opacity made
//     transparency groups, and the masks of SVG pictures soft masks in
//     graphics states (see makeGroups);
//   - the shadings SVG pictures name themselves, a gradient's of many
//     stops or repeated, or one inside a group (see addShadings);
//   - compression, with one reused compressor where gofpdf makes a new
//     one for every page, and a file identifier.
//
// It returns why a tagged PDF is not declared PDF/UA-1, if it is not.
func finish(w io.Writer, raw []byte, fin finishing) (notUA []string, err error) {
	f, err := pdffile.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("reading gofpdf's output: %w", err)
	}
	catalog, ok := f.Resolve(f.Trailer["Root"]).(pdffile.Dict)
	if !ok {
		return nil, errors.New("no document catalog")
	}
	if err := placeContents(f, catalog, fin); err != nil {
		return nil, err
	}
	if err := addShadings(f, catalog, fin); err != nil {
		return nil, err
	}
	if err := makeGroups(f, catalog, fin); err != nil {
		return nil, err
	}
	version := "1.4" // for /Lang and DisplayDocTitle
	if fin.tags != nil {
		if err := addStructure(f, catalog, fin.tags, fin.structure, fin.language); err != nil {
			return nil, fmt.Errorf("structure: %w", err)
		}
		version = "1.5" // for the pages' /Tabs
	}
	if nums := pageLabels(fin.labels); nums != nil {
		catalog["PageLabels"] = pdffile.Dict{"Nums": nums}
	}
	if lang := strings.TrimSpace(fin.language); lang != "" {
		catalog["Lang"] = textString(lang)
	}
	catalog["ViewerPreferences"] = pdffile.Dict{"DisplayDocTitle": pdffile.Bool(true)}

	info, ok := f.Resolve(f.Trailer["Info"]).(pdffile.Dict)
	if !ok {
		return nil, errors.New("no document information dictionary")
	}
	date := textString(pdfDate(fin.date))
	info["CreationDate"], info["ModDate"] = date, date

	if err := shareURIActions(f, fin.uris); err != nil {
		return nil, err
	}
	// A tagged PDF carries XMP metadata, and says it is PDF/UA-1 when the
	// check of what a machine can check finds nothing.
	if fin.tags != nil {
		var u uaProblems
		for i, r := range fin.tags.notdef {
			switch {
			case r == 0:
			case fin.tags.notdefHidden[i]:
				u.add("7.21.8", "page %d copies a character drawn as a picture (U+%04X) as invisible text in a font without it, the font's missing glyph", i+1, r)
			default:
				u.add("7.21.8", "page %d draws a character (U+%04X) in a font without it, as the font's missing glyph", i+1, r)
			}
		}
		checkUADocument(f, &u)
		notUA = u.list()
		addMetadata(f, catalog, xmpPacket(fin.info, fin.language, fin.date, len(notUA) == 0))
	}
	addSoftMasks(f, fin.masks)
	if v := addProfiles(f, fin.profiles); v > version {
		version = v
	}
	return notUA, pdffile.Write(w, f, pdffile.WriteOptions{
		MinVersion: version,
		Compress:   fin.compress,
		// the structure's many small objects, packed, cost a fifth
		ObjectStreams: fin.tags != nil && fin.compress,
	})
}

// placeContents makes the painter's content streams those of their
// pages, and adds the fonts to the pages' resources by the names the
// content gives them.
func placeContents(f *pdffile.File, catalog pdffile.Dict, fin finishing) error {
	fontRefs := make(map[pdffile.Name]pdffile.Ref, len(fin.fonts))
	for _, u := range fin.fonts {
		fontRefs[pdffile.Name(u.family)] = addFont(f, u)
	}
	pages, err := pageList(f, catalog)
	if err != nil {
		return err
	}
	if len(pages) != len(fin.contents) {
		return fmt.Errorf("%d pages for the content of %d", len(pages), len(fin.contents))
	}
	named := map[pdffile.Ref]bool{} // resources shared by pages, named once
	for i, pg := range pages {
		res, ok := f.Dict(pg["Resources"])
		if !ok {
			return fmt.Errorf("page %d has no resources", i+1)
		}
		r, shared := pg["Resources"].(pdffile.Ref)
		if !(shared && named[r]) {
			named[r] = shared
			fontRes, ok := f.Dict(res["Font"])
			if !ok {
				fontRes = pdffile.Dict{}
				res["Font"] = fontRes
			}
			for name, ref := range fontRefs {
				fontRes[name] = ref
			}
		}
		data := fin.contents[i]
		if data == nil {
			continue
		}
		s := &pdffile.Stream{Dict: pdffile.Dict{}, Data: data}
		if fin.compress {
			s.Dict["Filter"] = pdffile.Name("FlateDecode")
		}
		pg["Contents"] = f.Add(s)
	}
	return nil
}

// pageList returns the page dictionaries in order.
func pageList(f *pdffile.File, catalog pdffile.Dict) ([]pdffile.Dict, error) {
	var pages []pdffile.Dict
	var walk func(o pdffile.Object, depth int) error
	walk = func(o pdffile.Object, depth int) error {
		node, ok := f.Dict(o)
		if !ok || depth > 64 {
			return errors.New("broken page tree")
		}
		if node.Is("Type", "Page") {
			pages = append(pages, node)
			return nil
		}
		kids, _ := f.Resolve(node["Kids"]).(pdffile.Array)
		for _, k := range kids {
			if err := walk(k, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return pages, walk(catalog["Pages"], 0)
}

// addSoftMasks gives each image whose data has a mask its soft mask.
func addSoftMasks(f *pdffile.File, masks map[[32]byte]softMask) {
	if len(masks) == 0 {
		return
	}
	sizes := map[[2]int]bool{}
	for _, m := range masks {
		sizes[[2]int{m.width, m.height}] = true
	}
	for _, ref := range f.Refs() {
		img, ok := f.Objects[ref].(*pdffile.Stream)
		if !ok || !img.Dict.Is("Subtype", "Image") || img.Dict["SMask"] != nil {
			continue
		}
		w, _ := pdffile.AsInt(img.Dict["Width"])
		h, _ := pdffile.AsInt(img.Dict["Height"])
		if !sizes[[2]int{w, h}] {
			continue
		}
		m, ok := masks[sha256.Sum256(img.Data)]
		if !ok {
			continue
		}
		img.Dict["SMask"] = f.Add(&pdffile.Stream{Dict: pdffile.Dict{
			"Type": pdffile.Name("XObject"), "Subtype": pdffile.Name("Image"),
			"Width": pdffile.Int(m.width), "Height": pdffile.Int(m.height),
			"ColorSpace": pdffile.Name("DeviceGray"), "BitsPerComponent": pdffile.Int(8),
			"Filter": pdffile.Name("FlateDecode"),
		}, Data: m.data})
	}
}

func pdfDate(t time.Time) string {
	return "D:" + t.UTC().Format("20060102150405") + "Z"
}

// textString makes a PDF text string: literal when s is printable ASCII,
// otherwise UTF-16BE with a byte order mark.
func textString(s string) pdffile.String {
	if printableASCII(s) {
		return pdffile.Text(s)
	}
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return pdffile.String{Bytes: b, Hex: true}
}

// subsetName is the name of an embedded font: for a subset (a program
// holding only the glyphs drawn), six capital letters derived from the
// program, so different subsets get different tags and the same subset
// the same one, and a plus sign; then the PostScript name the program
// itself carries.
func subsetName(data []byte, subset bool) (pdffile.Name, error) {
	font, err := sfnt.Parse(data)
	if err != nil {
		return "", fmt.Errorf("font program: %w", err)
	}
	name, _ := font.Name(nil, sfnt.NameIDPostScript)
	// PDF names allow only printable ASCII without delimiters.
	name = strings.Map(func(r rune) rune {
		if r <= ' ' || r > '~' || strings.ContainsRune("()<>[]{}/%#", r) {
			return -1
		}
		return r
	}, name)
	if name == "" {
		return "", errors.New("font program has no PostScript name")
	}
	if !subset {
		return pdffile.Name(name), nil
	}
	sum := sha256.Sum256(data)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return pdffile.Name(string(tag) + "+" + name), nil
}

// makeGroups makes the templates the painter drew SVG groups into
// (svgdraw.go's composite) isolated transparency groups, so that what
// they hold is composited first and painted at the group's opacity once,
// and gives them the resources of the pages that paint them: gofpdf
// writes a template's resources as its own fonts and images, without the
// graphics states, shadings and fonts its content names. The graphics
// states of the opacities set inside, by the names the content gives them
// (alphaState), are added to the pages' resources, as the shadings are by
// addShadings. So are those of the masks SVG pictures set (maskState):
// each a soft mask whose group is the template its content was drawn in,
// given the pages' resources too, and a colour space for its luminosity.
func makeGroups(f *pdffile.File, catalog pdffile.Dict, fin finishing) error {
	if len(fin.groups) == 0 && len(fin.svgMasks) == 0 {
		return nil
	}
	pages, err := pageList(f, catalog)
	if err != nil {
		return err
	}
	states := pdffile.Dict{}
	for _, a := range fin.groupAlphas {
		v := pdffile.Number(strconv.FormatFloat(a, 'f', -1, 64))
		states[alphaState(a)] = f.Add(pdffile.Dict{
			"Type": pdffile.Name("ExtGState"), "ca": v, "CA": v, "BM": pdffile.Name("Normal"),
		})
	}
	for _, m := range fin.groupBlends {
		states[blendState(m)] = f.Add(pdffile.Dict{"Type": pdffile.Name("ExtGState"), "BM": pdffile.Name(m)})
	}
	want := make(map[pdffile.Name]pdffile.Dict, len(fin.groups)+len(fin.svgMasks))
	for _, id := range fin.groups {
		want[pdffile.Name("TPL"+id)] = pdffile.Dict{
			"Type": pdffile.Name("Group"), "S": pdffile.Name("Transparency"),
			"I": pdffile.Bool(true), "K": pdffile.Bool(false),
		}
	}
	for _, m := range fin.svgMasks {
		want[pdffile.Name("TPL"+m.tpl)] = pdffile.Dict{
			"Type": pdffile.Name("Group"), "S": pdffile.Name("Transparency"),
			"I": pdffile.Bool(true), "K": pdffile.Bool(false), "CS": pdffile.Name("DeviceRGB"),
		}
	}
	made := map[pdffile.Name]pdffile.Object{}
	for _, pg := range pages {
		res, ok := f.Dict(pg["Resources"])
		if !ok {
			continue
		}
		xobjects, ok := f.Dict(res["XObject"])
		if !ok {
			continue
		}
		for name, o := range xobjects {
			group := want[name]
			if group == nil || made[name] != nil {
				continue
			}
			form, ok := f.Resolve(o).(*pdffile.Stream)
			if !ok || !form.Dict.Is("Subtype", "Form") {
				return fmt.Errorf("SVG group %s is not a form", name)
			}
			form.Dict["Group"] = group
			form.Dict["Resources"] = pg["Resources"]
			delete(form.Dict, "Formtype") // gofpdf's misspelling of the optional FormType
			made[name] = o
		}
	}
	for name := range want {
		if made[name] == nil {
			return fmt.Errorf("SVG group %s is on no page", name)
		}
	}
	for n, m := range fin.svgMasks {
		kind := pdffile.Name("Luminosity")
		if m.alpha {
			kind = "Alpha"
		}
		states[maskState(n)] = f.Add(pdffile.Dict{"Type": pdffile.Name("ExtGState"), "SMask": pdffile.Dict{
			"Type": pdffile.Name("Mask"), "S": kind, "G": made[pdffile.Name("TPL"+m.tpl)],
		}})
	}
	for _, pg := range pages {
		res, ok := f.Dict(pg["Resources"])
		if !ok {
			continue
		}
		if _, ok := f.Dict(res["XObject"]); ok {
			addResources(f, res, "ExtGState", states)
		}
	}
	return nil
}

// addResources adds named resources of a kind to a resource dictionary.
func addResources(f *pdffile.File, res pdffile.Dict, kind pdffile.Name, named pdffile.Dict) {
	if len(named) == 0 {
		return
	}
	d, ok := f.Dict(res[kind])
	if !ok {
		d = pdffile.Dict{}
		res[kind] = d
	}
	for name, o := range named {
		d[name] = o
	}
}

// addShadings writes the shadings SVG pictures name themselves
// (svgShading) and adds them to the resources of every page, as gofpdf
// names its own shadings in the resources all pages share.
func addShadings(f *pdffile.File, catalog pdffile.Dict, fin finishing) error {
	if len(fin.shadings) == 0 {
		return nil
	}
	pages, err := pageList(f, catalog)
	if err != nil {
		return err
	}
	shadings := pdffile.Dict{}
	for n, sh := range fin.shadings {
		shadings[svgShading(n)] = addShading(f, sh, fin.ramps)
	}
	for _, pg := range pages {
		res, ok := f.Dict(pg["Resources"])
		if !ok {
			return errors.New("a page without resources")
		}
		addResources(f, res, "Shading", shadings)
	}
	return nil
}

func shadingNumber(v float64, prec int) pdffile.Number {
	return pdffile.Number(strconv.FormatFloat(v, 'f', prec, 64))
}

func shadingColor(c svg.Color) pdffile.Array {
	return pdffile.Array{shadingNumber(float64(c.R)/255, 3), shadingNumber(float64(c.G)/255, 3), shadingNumber(float64(c.B)/255, 3)}
}

// addShading writes a shading: a two-colour one as gofpdf writes its own,
// an exponential function of the two colours; a ramp's with its function
// (rampFunction) over the ramp's offsets. Both are extended beyond both
// ends, which pads a gradient.
func addShading(f *pdffile.File, sh shading, ramps []ramp) pdffile.Ref {
	num := shadingNumber
	var fn pdffile.Object
	c := sh.coords
	prec := 5
	if sh.ramp > 0 {
		fn = rampFunction(f, ramps[sh.ramp-1])
		prec = 4
	} else {
		fn = f.Add(pdffile.Dict{
			"FunctionType": pdffile.Int(2), "Domain": pdffile.Array{num(0, 1), num(1, 1)},
			"C0": shadingColor(sh.from), "C1": shadingColor(sh.to), "N": pdffile.Int(1),
		})
	}
	coords := pdffile.Array{num(c[0], prec), num(c[1], prec), num(c[2], prec), num(c[3], prec)}
	if sh.kind == 3 {
		coords = pdffile.Array{num(c[0], prec), num(c[1], prec), pdffile.Int(0), num(c[2], prec), num(c[3], prec), num(c[4], prec)}
	}
	d := pdffile.Dict{
		"ShadingType": pdffile.Int(sh.kind), "ColorSpace": pdffile.Name("DeviceRGB"),
		"Coords": coords, "Function": fn, "Extend": pdffile.Array{pdffile.Bool(true), pdffile.Bool(true)},
	}
	if sh.ramp > 0 {
		r := ramps[sh.ramp-1]
		d["Domain"] = pdffile.Array{num(r.t0, -1), num(r.t1, -1)}
	}
	return f.Add(d)
}

// rampFunction writes a gradient's colours as a function of the offset:
// over 0 to 1, a stitching function (type 3) of linear ones (type 2, N 1)
// from each stop to the next, flat before the first stop and after the
// last, where stops at one offset make a sharp edge; reflected or
// repeated, a stitching function of that one over each whole offset from
// t0 to t1, every other one backwards when reflected.
func rampFunction(f *pdffile.File, r ramp) pdffile.Object {
	num := shadingNumber
	unit := pdffile.Array{pdffile.Int(0), pdffile.Int(1)}
	piece := func(a, b svg.Color) pdffile.Ref {
		return f.Add(pdffile.Dict{
			"FunctionType": pdffile.Int(2), "Domain": unit,
			"C0": shadingColor(a), "C1": shadingColor(b), "N": pdffile.Int(1),
		})
	}
	stops := r.stops
	first, last := stops[0], stops[len(stops)-1]
	var fns, bounds, encode pdffile.Array
	add := func(fn pdffile.Ref, end float64) {
		fns = append(fns, fn)
		encode = append(encode, unit...)
		bounds = append(bounds, num(end, -1))
	}
	if first.Offset > 0 {
		add(piece(first.Color, first.Color), first.Offset)
	}
	for i := 0; i+1 < len(stops); i++ {
		a, b := stops[i], stops[i+1]
		if b.Offset > a.Offset {
			add(piece(a.Color, b.Color), b.Offset)
		}
	}
	if last.Offset < 1 || len(fns) == 0 {
		add(piece(last.Color, last.Color), 1)
	}
	var fn pdffile.Object
	if len(fns) == 1 {
		fn = fns[0]
	} else {
		fn = f.Add(pdffile.Dict{
			"FunctionType": pdffile.Int(3), "Domain": unit,
			"Functions": fns, "Bounds": bounds[:len(bounds)-1], "Encode": encode,
		})
	}
	if r.spread == "pad" {
		return fn
	}
	fns, bounds, encode = nil, nil, nil
	for t := r.t0; t < r.t1; t++ {
		fns = append(fns, fn)
		if t > r.t0 {
			bounds = append(bounds, num(t, -1))
		}
		if r.spread == "reflect" && math.Mod(t, 2) != 0 {
			encode = append(encode, pdffile.Int(1), pdffile.Int(0))
		} else {
			encode = append(encode, unit...)
		}
	}
	return f.Add(pdffile.Dict{
		"FunctionType": pdffile.Int(3), "Domain": pdffile.Array{num(r.t0, -1), num(r.t1, -1)},
		"Functions": fns, "Bounds": bounds, "Encode": encode,
	})
}
