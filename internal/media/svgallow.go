package media

import "strings"

// What of SVG the cleaner keeps: the elements and attributes of SVG 1.1,
// which is what EPUBCheck validates SVG against, less what fetches
// something from outside the picture (feImage, cursors, colour profiles,
// SVG fonts, tref), runs something or animates. Each element takes the
// core attributes, its own, and the presentation attributes of its kind.

// attrSet is a set of attribute names as written (xlink:href with its
// prefix).
type attrSet map[string]bool

func attrs(groups ...string) attrSet {
	s := attrSet{}
	for _, g := range groups {
		for _, name := range strings.Fields(g) {
			s[name] = true
		}
	}
	return s
}

// Attribute groups. Every element takes baseAttrs; most also take
// styleAttrs, the conditional processing attributes and
// externalResourcesRequired; the graphical ones take role and ARIA too.
const (
	baseAttrs  = "id xml:space lang tabindex focusable"
	styleAttrs = "class style"
	condAttrs  = "requiredFeatures requiredExtensions systemLanguage"
	extAttrs   = "externalResourcesRequired"
	roleAttrs  = "role"
	paintAttrs = "fill fill-opacity fill-rule stroke stroke-dasharray stroke-dashoffset stroke-linecap " +
		"stroke-linejoin stroke-miterlimit stroke-opacity stroke-width"
	colorAttrs    = "color color-interpolation color-rendering"
	graphicsAttrs = "display image-rendering pointer-events shape-rendering text-rendering visibility " +
		"opacity clip-path clip-rule mask filter"
	markerAttrs = "marker-start marker-mid marker-end"
	fontAttrs   = "font-family font-size font-size-adjust font-stretch font-style font-variant font-weight " +
		"direction letter-spacing text-decoration unicode-bidi word-spacing alignment-baseline " +
		"baseline-shift dominant-baseline glyph-orientation-horizontal glyph-orientation-vertical kerning text-anchor"
	viewportAttrs   = "clip overflow"
	stopAttrs       = "stop-color stop-opacity"
	filterAttrs     = "color-interpolation-filters flood-color flood-opacity lighting-color"
	allPresentation = paintAttrs + " " + colorAttrs + " " + graphicsAttrs + " " + markerAttrs + " " + fontAttrs +
		" writing-mode " + viewportAttrs + " " + stopAttrs + " " + filterAttrs + " enable-background"

	commonAttrs    = baseAttrs + " " + styleAttrs + " " + condAttrs + " " + extAttrs
	graphicAttrs   = commonAttrs + " " + roleAttrs
	shapeAttrs     = graphicAttrs + " " + paintAttrs + " " + colorAttrs + " " + graphicsAttrs + " transform"
	containerAttrs = commonAttrs + " " + allPresentation
	textAttrs      = graphicAttrs + " " + paintAttrs + " " + colorAttrs + " " + graphicsAttrs + " " + fontAttrs
	primitiveAttrs = baseAttrs + " color-interpolation-filters x y width height result"
	lightingAttrs  = primitiveAttrs + " " + styleAttrs + " " + colorAttrs + " lighting-color in surfaceScale kernelUnitLength"
	xlinkAttrs     = "xlink:href xlink:title"
)

// svgElements are the elements kept, by name, with their attributes.
var svgElements = func() map[string]attrSet {
	m := svgElementAttrs
	// EPUB allows a foreignObject's requiredExtensions only to name
	// EPUB's own namespace; it has no use in a picture.
	delete(m["foreignObject"], "requiredExtensions")
	return m
}()

var svgElementAttrs = map[string]attrSet{
	"svg":      attrs(containerAttrs, roleAttrs, "x y width height viewBox preserveAspectRatio zoomAndPan version baseProfile contentScriptType contentStyleType"),
	"g":        attrs(containerAttrs, roleAttrs, "transform"),
	"defs":     attrs(containerAttrs, "transform"),
	"desc":     attrs(baseAttrs, styleAttrs),
	"title":    attrs(baseAttrs, styleAttrs),
	"metadata": attrs(baseAttrs),
	"symbol":   attrs(baseAttrs, styleAttrs, extAttrs, roleAttrs, allPresentation, "viewBox preserveAspectRatio"),
	"use":      attrs(containerAttrs, roleAttrs, xlinkAttrs, "x y width height transform"),
	"image": attrs(graphicAttrs, colorAttrs, graphicsAttrs, viewportAttrs, xlinkAttrs,
		"x y width height transform preserveAspectRatio"),
	"switch":   attrs(containerAttrs, "transform"),
	"style":    attrs("id xml:space type media title"),
	"path":     attrs(shapeAttrs, markerAttrs, "d pathLength"),
	"rect":     attrs(shapeAttrs, "x y width height rx ry"),
	"circle":   attrs(shapeAttrs, "cx cy r"),
	"ellipse":  attrs(shapeAttrs, "cx cy rx ry"),
	"line":     attrs(shapeAttrs, markerAttrs, "x1 y1 x2 y2"),
	"polyline": attrs(shapeAttrs, markerAttrs, "points"),
	"polygon":  attrs(shapeAttrs, markerAttrs, "points"),
	"text":     attrs(textAttrs, "writing-mode x y dx dy rotate textLength lengthAdjust transform"),
	"tspan":    attrs(textAttrs, "x y dx dy rotate textLength lengthAdjust"),
	"textPath": attrs(commonAttrs, paintAttrs, colorAttrs, graphicsAttrs, fontAttrs, xlinkAttrs,
		"startOffset method spacing textLength lengthAdjust"),
	"marker": attrs(baseAttrs, styleAttrs, extAttrs, allPresentation,
		"refX refY markerUnits markerWidth markerHeight orient viewBox preserveAspectRatio"),
	"linearGradient": attrs(baseAttrs, styleAttrs, extAttrs, colorAttrs, stopAttrs, xlinkAttrs,
		"x1 y1 x2 y2 gradientUnits gradientTransform spreadMethod"),
	"radialGradient": attrs(baseAttrs, styleAttrs, extAttrs, colorAttrs, stopAttrs, xlinkAttrs,
		"cx cy r fx fy gradientUnits gradientTransform spreadMethod"),
	"stop":                attrs(baseAttrs, styleAttrs, colorAttrs, stopAttrs, "offset"),
	"pattern":             attrs(containerAttrs, xlinkAttrs, "x y width height patternUnits patternContentUnits patternTransform viewBox preserveAspectRatio"),
	"clipPath":            attrs(commonAttrs, paintAttrs, colorAttrs, graphicsAttrs, fontAttrs, "writing-mode clipPathUnits transform"),
	"mask":                attrs(containerAttrs, "x y width height maskUnits maskContentUnits"),
	"filter":              attrs(baseAttrs, styleAttrs, extAttrs, allPresentation, xlinkAttrs, "x y width height filterUnits primitiveUnits filterRes"),
	"feBlend":             attrs(primitiveAttrs, "in in2 mode"),
	"feColorMatrix":       attrs(primitiveAttrs, "in type values"),
	"feComponentTransfer": attrs(primitiveAttrs, "in"),
	"feFuncR":             attrs(baseAttrs, "type tableValues slope intercept amplitude exponent offset"),
	"feFuncG":             attrs(baseAttrs, "type tableValues slope intercept amplitude exponent offset"),
	"feFuncB":             attrs(baseAttrs, "type tableValues slope intercept amplitude exponent offset"),
	"feFuncA":             attrs(baseAttrs, "type tableValues slope intercept amplitude exponent offset"),
	"feComposite":         attrs(primitiveAttrs, "in in2 operator k1 k2 k3 k4"),
	"feConvolveMatrix":    attrs(primitiveAttrs, "in order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha"),
	"feDiffuseLighting":   attrs(lightingAttrs, "diffuseConstant"),
	"feDisplacementMap":   attrs(primitiveAttrs, "in in2 scale xChannelSelector yChannelSelector"),
	"feFlood":             attrs(primitiveAttrs, styleAttrs, colorAttrs, "flood-color flood-opacity"),
	"feGaussianBlur":      attrs(primitiveAttrs, "in stdDeviation"),
	"feMerge":             attrs(primitiveAttrs),
	"feMergeNode":         attrs(baseAttrs, "in"),
	"feMorphology":        attrs(primitiveAttrs, "in operator radius"),
	"feOffset":            attrs(primitiveAttrs, "in dx dy"),
	"feSpecularLighting":  attrs(lightingAttrs, "specularConstant specularExponent"),
	"feTile":              attrs(primitiveAttrs, "in"),
	"feTurbulence":        attrs(primitiveAttrs, "baseFrequency numOctaves seed stitchTiles type"),
	"feDistantLight":      attrs(baseAttrs, "azimuth elevation"),
	"fePointLight":        attrs(baseAttrs, "x y z"),
	"feSpotLight":         attrs(baseAttrs, "x y z pointsAtX pointsAtY pointsAtZ specularExponent limitingConeAngle"),
	"view":                attrs(baseAttrs, extAttrs, "viewBox preserveAspectRatio zoomAndPan viewTarget"),
	"foreignObject":       attrs(shapeAttrs, "x y width height"),
}

// ariaAllowed says whether ARIA attributes may go on an element: where
// role may.
func ariaAllowed(element string) bool { return svgElements[element][roleAttrs] }

// cssProperties are the CSS properties kept in style attributes and style
// sheets: SVG's presentation properties, and the few of SVG 2 and CSS that
// reading systems apply to SVG. A presentation attribute SVG 1.1 does not
// allow on its element, but that is one of these, moves into the style.
var cssProperties = attrs(allPresentation,
	"font line-height text-transform white-space vector-effect paint-order mix-blend-mode isolation mask-type "+
		"transform transform-origin transform-box fill-opacity marker")

// styleOnly are the properties of cssProperties that are no presentation
// attributes: browsers ignore mix-blend-mode="multiply" written as an
// attribute, so it goes rather than moving into the style, where it would
// apply.
var styleOnly = attrs("font line-height text-transform mix-blend-mode isolation marker transform-box")

// Elements whose content SVG restricts, with the elements they may hold.
var svgChildren = func() map[string]attrSet {
	described := "desc title metadata"
	shapes := "rect circle ellipse line polyline polygon path image use text"
	primitives := "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting " +
		"feDisplacementMap feFlood feGaussianBlur feMerge feMorphology feOffset feSpecularLighting feTile feTurbulence"
	m := map[string]attrSet{
		"text":                attrs("tspan textPath", described),
		"tspan":               attrs("tspan", described),
		"textPath":            attrs("tspan", described),
		"linearGradient":      attrs("stop", described),
		"radialGradient":      attrs("stop", described),
		"filter":              attrs(primitives, described),
		"feComponentTransfer": attrs("feFuncR feFuncG feFuncB feFuncA"),
		"feMerge":             attrs("feMergeNode"),
		"feDiffuseLighting":   attrs("feDistantLight fePointLight feSpotLight", described),
		"feSpecularLighting":  attrs("feDistantLight fePointLight feSpotLight", described),
		"clipPath":            attrs(shapes, described),
		"style":               attrs(""),
		"desc":                attrs(""),
		"title":               attrs(""),
		"stop":                attrs(""),
	}
	for _, leaf := range strings.Fields(primitives + " feFuncR feFuncG feFuncB feFuncA feDistantLight fePointLight feSpotLight feMergeNode") {
		if m[leaf] == nil {
			m[leaf] = attrs("")
		}
	}
	for _, shape := range strings.Fields("rect circle ellipse line polyline polygon path image use view") {
		m[shape] = attrs(described)
	}
	return m
}()

// textContent are the elements holding text to show.
var textContent = attrs("text tspan textPath")

// textHolders are the elements that may hold text.
var textHolders = attrs("text tspan textPath desc title style")

// svgKeywords are the attributes whose values SVG 1.1 lists, on any
// element, with those values (from its schema, which EPUBCheck applies);
// attributes whose keywords depend on the element (type, mode, fill on
// an animation) are not here.
var svgKeywords = map[string]map[string]bool{
	"alignment-baseline":          keywords("auto", "baseline", "before-edge", "text-before-edge", "middle", "central", "after-edge", "text-after-edge", "ideographic", "alphabetic", "hanging", "mathematical", "inherit"),
	"clip-rule":                   keywords("nonzero", "evenodd", "inherit"),
	"clipPathUnits":               keywords("userSpaceOnUse", "objectBoundingBox"),
	"color-interpolation":         keywords("auto", "sRGB", "linearRGB", "inherit"),
	"color-interpolation-filters": keywords("auto", "sRGB", "linearRGB", "inherit"),
	"color-rendering":             keywords("auto", "optimizeSpeed", "optimizeQuality", "inherit"),
	"direction":                   keywords("ltr", "rtl", "inherit"),
	"display":                     keywords("inline", "block", "list-item", "run-in", "compact", "marker", "table", "inline-table", "table-row-group", "table-header-group", "table-footer-group", "table-row", "table-column-group", "table-column", "table-cell", "table-caption", "none", "inherit"),
	"dominant-baseline":           keywords("auto", "use-script", "no-change", "reset-size", "ideographic", "alphabetic", "hanging", "mathematical", "central", "middle", "text-after-edge", "text-before-edge", "inherit"),
	"fill-rule":                   keywords("nonzero", "evenodd", "inherit"),
	"filterUnits":                 keywords("userSpaceOnUse", "objectBoundingBox"),
	"font-stretch":                keywords("normal", "wider", "narrower", "ultra-condensed", "extra-condensed", "condensed", "semi-condensed", "semi-expanded", "expanded", "extra-expanded", "ultra-expanded", "inherit"),
	"font-style":                  keywords("normal", "italic", "oblique", "inherit"),
	"font-variant":                keywords("normal", "small-caps", "inherit"),
	"font-weight":                 keywords("normal", "bold", "bolder", "lighter", "100", "200", "300", "400", "500", "600", "700", "800", "900", "inherit"),
	"gradientUnits":               keywords("userSpaceOnUse", "objectBoundingBox"),
	"image-rendering":             keywords("auto", "optimizeSpeed", "optimizeQuality", "inherit"),
	"markerUnits":                 keywords("strokeWidth", "userSpaceOnUse"),
	"maskContentUnits":            keywords("userSpaceOnUse", "objectBoundingBox"),
	"maskUnits":                   keywords("userSpaceOnUse", "objectBoundingBox"),
	"overflow":                    keywords("visible", "hidden", "scroll", "auto", "inherit"),
	"patternContentUnits":         keywords("userSpaceOnUse", "objectBoundingBox"),
	"patternUnits":                keywords("userSpaceOnUse", "objectBoundingBox"),
	"pointer-events":              keywords("visiblePainted", "visibleFill", "visibleStroke", "visible", "painted", "fill", "stroke", "all", "none", "inherit"),
	"primitiveUnits":              keywords("userSpaceOnUse", "objectBoundingBox"),
	"shape-rendering":             keywords("auto", "optimizeSpeed", "crispEdges", "geometricPrecision", "inherit"),
	"spreadMethod":                keywords("pad", "reflect", "repeat"),
	"stroke-linecap":              keywords("butt", "round", "square", "inherit"),
	"stroke-linejoin":             keywords("miter", "round", "bevel", "inherit"),
	"text-anchor":                 keywords("start", "middle", "end", "inherit"),
	"text-rendering":              keywords("auto", "optimizeSpeed", "optimizeLegibility", "geometricPrecision", "inherit"),
	"unicode-bidi":                keywords("normal", "embed", "bidi-override", "inherit"),
	"visibility":                  keywords("visible", "hidden", "collapse", "inherit"),
	"writing-mode":                keywords("lr-tb", "rl-tb", "tb-rl", "lr", "rl", "tb", "inherit"),
}

func keywords(values ...string) map[string]bool {
	m := make(map[string]bool, len(values))
	for _, v := range values {
		m[v] = true
	}
	return m
}

// misplacedGeometry are the attributes that size and place SVG's shapes
// and viewports. On an element SVG 1.1 does not give them to they are not
// presentation properties either, so browsers ignore them: cleaning drops
// them without a word.
var misplacedGeometry = map[string]bool{
	"x": true, "y": true, "width": true, "height": true,
	"cx": true, "cy": true, "r": true, "rx": true, "ry": true,
	"x1": true, "y1": true, "x2": true, "y2": true,
}
