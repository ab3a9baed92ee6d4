package svg

import (
	"sort"
	"strings"
)

// declaration is one property: value pair of a style sheet, a style
// attribute or a presentation attribute.
type declaration struct {
	prop, value string
	important   bool
}

// rule is a style sheet rule with one selector (a rule with a selector
// list becomes one rule per selector, as the cascade treats them).
type rule struct {
	sel   selector
	decls []declaration
	order int
}

// selector is a chain of compound selectors joined by combinators, stored
// right to left: parts[0] is the subject.
type selector struct {
	parts       []compound
	combinators []byte // combinators[i] joins parts[i] to parts[i+1]: ' ' or '>'
	specificity [3]int
}

type compound struct {
	tag     string // "" or "*" for any
	id      string
	classes []string
	attrs   []attrTest
	never   bool // a pseudo-class or combinator we do not evaluate
	root    bool // :root
	first   bool // :first-child
}

type attrTest struct {
	name, op, value string
}

// maxRules and maxSelectorParts bound the work of matching every element
// against every rule; the tools' style sheets have a few hundred rules of
// a few parts.
const (
	maxRules         = 2000
	maxSelectorParts = 32
)

// parseStyleSheet reads the rules of a <style> element. At-rules
// (@media, @font-face, @import, @keyframes) are skipped with their blocks;
// what cannot be read is skipped up to the next rule, as CSS error
// handling asks.
func parseStyleSheet(css string, orderBase int) []rule {
	css = stripComments(css)
	var rules []rule
	i := 0
	order := orderBase
	for i < len(css) {
		for i < len(css) && (isSpace(css[i]) || css[i] == ';' || css[i] == '}') {
			i++
		}
		if i >= len(css) {
			break
		}
		if strings.HasPrefix(css[i:], "<!--") || strings.HasPrefix(css[i:], "-->") {
			i += 3 + b2i(css[i] == '<')
			continue
		}
		if css[i] == '@' {
			i = skipAtRule(css, i)
			continue
		}
		open := indexOutsideQuotes(css, i, '{')
		if open < 0 {
			break
		}
		end := matchingBrace(css, open)
		prelude := css[i:open]
		decls := parseDeclarations(css[open+1 : end])
		i = end + 1
		for _, s := range splitTopLevel(prelude, ',') {
			sel, ok := parseSelector(strings.TrimSpace(s))
			if !ok || len(sel.parts) > maxSelectorParts || order-orderBase >= maxRules {
				continue
			}
			rules = append(rules, rule{sel: sel, decls: decls, order: order})
			order++
		}
	}
	return rules
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func stripComments(s string) string {
	if !strings.Contains(s, "/*") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.Index(s[i+2:], "*/")
		if j < 0 {
			return b.String()
		}
		b.WriteByte(' ')
		s = s[i+2+j+2:]
	}
}

// skipAtRule returns the index after an at-rule: up to its ';' or the end
// of its block.
func skipAtRule(css string, i int) int {
	for j := i; j < len(css); j++ {
		switch css[j] {
		case ';':
			return j + 1
		case '{':
			return matchingBrace(css, j) + 1
		case '"', '\'':
			j = skipQuoted(css, j)
		}
	}
	return len(css)
}

func skipQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == '\\' {
			j++
			continue
		}
		if s[j] == q {
			return j
		}
	}
	return len(s) - 1
}

func indexOutsideQuotes(s string, from int, c byte) int {
	for j := from; j < len(s); j++ {
		switch s[j] {
		case c:
			return j
		case '"', '\'':
			j = skipQuoted(s, j)
		}
	}
	return -1
}

// matchingBrace returns the index of the '}' closing the '{' at open, or
// len(s) when it is missing.
func matchingBrace(s string, open int) int {
	depth := 0
	for j := open; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		case '"', '\'':
			j = skipQuoted(s, j)
		}
	}
	return len(s)
}

// splitTopLevel splits s at sep outside quotes and brackets.
func splitTopLevel(s string, sep byte) []string {
	var out []string
	depth := 0
	start := 0
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		case '"', '\'':
			j = skipQuoted(s, j)
		case sep:
			if depth == 0 {
				out = append(out, s[start:j])
				start = j + 1
			}
		}
	}
	return append(out, s[start:])
}

// parseDeclarations reads "prop: value; prop: value !important".
func parseDeclarations(s string) []declaration {
	var out []declaration
	for _, part := range splitTopLevel(s, ';') {
		colon := strings.IndexByte(part, ':')
		if colon < 0 {
			continue
		}
		prop := strings.ToLower(strings.TrimSpace(part[:colon]))
		value := strings.TrimSpace(part[colon+1:])
		important := false
		if k := strings.LastIndexByte(value, '!'); k >= 0 && strings.EqualFold(strings.TrimSpace(value[k+1:]), "important") {
			important = true
			value = strings.TrimSpace(value[:k])
		}
		if prop == "" || value == "" {
			continue
		}
		out = append(out, declaration{prop: prop, value: value, important: important})
	}
	return out
}

// parseSelector reads a complex selector. Pseudo-elements and the sibling
// combinators never match here; pseudo-classes other than :root and
// :first-child make the selector match nothing, since a printed picture is
// never hovered or focused.
func parseSelector(s string) (selector, bool) {
	if s == "" {
		return selector{}, false
	}
	var parts []compound
	var combs []byte
	i := 0
	pendingComb := byte(0)
	for i < len(s) {
		c := s[i]
		if isSpace(c) {
			if pendingComb == 0 && len(parts) > 0 {
				pendingComb = ' '
			}
			i++
			continue
		}
		if c == '>' || c == '+' || c == '~' {
			if len(parts) == 0 {
				return selector{}, false
			}
			pendingComb = c
			i++
			continue
		}
		comp, n := parseCompound(s[i:])
		if n == 0 {
			return selector{}, false
		}
		if len(parts) > 0 {
			if pendingComb == 0 {
				return selector{}, false
			}
			if pendingComb == '+' || pendingComb == '~' {
				comp.never = true
				pendingComb = ' '
			}
			combs = append(combs, pendingComb)
		}
		pendingComb = 0
		parts = append(parts, comp)
		i += n
	}
	if len(parts) == 0 || pendingComb != 0 && pendingComb != ' ' {
		return selector{}, false
	}
	sel := selector{}
	for k := len(parts) - 1; k >= 0; k-- {
		sel.parts = append(sel.parts, parts[k])
		p := parts[k]
		if p.id != "" {
			sel.specificity[0]++
		}
		sel.specificity[1] += len(p.classes) + len(p.attrs) + b2i(p.root) + b2i(p.first)
		if p.tag != "" && p.tag != "*" {
			sel.specificity[2]++
		}
	}
	for k := len(combs) - 1; k >= 0; k-- {
		sel.combinators = append(sel.combinators, combs[k])
	}
	return sel, true
}

// parseCompound reads one compound selector and returns how many bytes
// it took (0 when there is none).
func parseCompound(s string) (compound, int) {
	var c compound
	i := 0
	ident := func() string {
		j := i
		for j < len(s) && (isIdentChar(s[j]) || s[j] == '\\' && j+1 < len(s)) {
			if s[j] == '\\' {
				j++
			}
			j++
		}
		v := strings.ReplaceAll(s[i:j], "\\", "")
		i = j
		return v
	}
	if i < len(s) && s[i] == '*' {
		c.tag = "*"
		i++
	} else if i < len(s) && isIdentChar(s[i]) {
		c.tag = ident()
	}
	for i < len(s) {
		switch s[i] {
		case '#':
			i++
			c.id = ident()
		case '.':
			i++
			c.classes = append(c.classes, ident())
		case '[':
			end := strings.IndexByte(s[i:], ']')
			if end < 0 {
				return c, 0
			}
			c.attrs = append(c.attrs, parseAttrTest(s[i+1:i+end]))
			i += end + 1
		case ':':
			i++
			if i < len(s) && s[i] == ':' {
				i++
				c.never = true
			}
			name := strings.ToLower(ident())
			if i < len(s) && s[i] == '(' {
				end := strings.IndexByte(s[i:], ')')
				if end < 0 {
					return c, 0
				}
				i += end + 1
				c.never = true
				continue
			}
			switch name {
			case "root":
				c.root = true
			case "first-child":
				c.first = true
			default:
				c.never = true
			}
		default:
			return c, i
		}
	}
	return c, i
}

func isIdentChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 0x80
}

func parseAttrTest(s string) attrTest {
	for _, op := range []string{"~=", "|=", "^=", "$=", "*=", "="} {
		if k := strings.Index(s, op); k >= 0 {
			v := strings.TrimSpace(s[k+len(op):])
			v = strings.Trim(v, `"'`)
			return attrTest{name: strings.TrimSpace(s[:k]), op: op, value: v}
		}
	}
	return attrTest{name: strings.TrimSpace(s)}
}

func (c compound) matches(n *node) bool {
	if c.never || n.isText {
		return false
	}
	name := n.name
	if n.html {
		// HTML elements are matched by their own names (span, div).
		name = name[1:]
	}
	if c.tag != "" && c.tag != "*" && !strings.EqualFold(c.tag, name) {
		return false
	}
	if c.id != "" && n.attrs["id"] != c.id {
		return false
	}
	for _, cl := range c.classes {
		found := false
		for _, have := range n.classes {
			if have == cl {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	for _, a := range c.attrs {
		v, ok := n.attrs[a.name]
		if !ok {
			return false
		}
		switch a.op {
		case "=":
			ok = v == a.value
		case "~=":
			ok = false
			for _, f := range strings.Fields(v) {
				ok = ok || f == a.value
			}
		case "|=":
			ok = v == a.value || strings.HasPrefix(v, a.value+"-")
		case "^=":
			ok = a.value != "" && strings.HasPrefix(v, a.value)
		case "$=":
			ok = a.value != "" && strings.HasSuffix(v, a.value)
		case "*=":
			ok = a.value != "" && strings.Contains(v, a.value)
		}
		if !ok {
			return false
		}
	}
	if c.root && n.parent != nil {
		return false
	}
	if c.first && n.index != 0 {
		return false
	}
	return true
}

func (s selector) matches(n *node) bool {
	if !s.parts[0].matches(n) {
		return false
	}
	if len(s.parts) == 1 {
		return true
	}
	m := selectorMatch{s: s, memo: map[matchKey]bool{}}
	return m.rest(1, n)
}

// selectorMatch matches the ancestors' part of a selector, remembering
// each (part, element) it has decided, so a chain of descendant
// combinators over deep nesting costs parts × depth, not depth^parts.
type selectorMatch struct {
	s    selector
	memo map[matchKey]bool
}

type matchKey struct {
	k        int
	n        *node
	ancestor bool // "some ancestor of n matches from k on", else "n matches from k on"
}

// rest reports whether parts[k:] match the ancestors of n, as joined by
// combinators[k-1].
func (m *selectorMatch) rest(k int, n *node) bool {
	if k == len(m.s.parts) {
		return true
	}
	if m.s.combinators[k-1] == '>' {
		return n.parent != nil && m.at(k, n.parent)
	}
	return m.someAncestor(k, n)
}

// at reports whether parts[k] matches n and parts[k+1:] its ancestors.
func (m *selectorMatch) at(k int, n *node) bool {
	key := matchKey{k, n, false}
	if v, ok := m.memo[key]; ok {
		return v
	}
	v := m.s.parts[k].matches(n) && m.rest(k+1, n)
	m.memo[key] = v
	return v
}

func (m *selectorMatch) someAncestor(k int, n *node) bool {
	p := n.parent
	if p == nil {
		return false
	}
	key := matchKey{k, n, true}
	if v, ok := m.memo[key]; ok {
		return v
	}
	v := m.at(k, p) || m.someAncestor(k, p)
	m.memo[key] = v
	return v
}

// styleSheet holds every rule of the document, indexed for lookup.
type styleSheet struct {
	rules []rule
}

// declared returns the declarations that apply to n, lowest priority
// first: presentation attributes, then rules by specificity and order,
// then the style attribute, then !important rules and !important inline
// declarations.
func (ss *styleSheet) declared(n *node) []declaration {
	var out []declaration
	// xml:space is white-space at the lowest priority, as SVG 2's user
	// agent style sheet has it, so a style's white-space (Excalidraw
	// writes "white-space: pre") overrides it.
	switch strings.TrimSpace(n.attrs["xml:space"]) {
	case "preserve":
		out = append(out, declaration{prop: "white-space", value: "pre"})
	case "default":
		out = append(out, declaration{prop: "white-space", value: "normal"})
	}
	for name, v := range n.attrs {
		if presentationAttrs[name] {
			out = append(out, declaration{prop: name, value: strings.TrimSpace(v)})
		}
	}
	// Map order is random; presentation attributes are distinct
	// properties, so only determinism matters here.
	sort.SliceStable(out, func(i, j int) bool { return out[i].prop < out[j].prop })
	var matched []rule
	for _, r := range ss.rules {
		if r.sel.matches(n) {
			matched = append(matched, r)
		}
	}
	sort.SliceStable(matched, func(i, j int) bool {
		a, b := matched[i], matched[j]
		if a.sel.specificity != b.sel.specificity {
			for k := 0; k < 3; k++ {
				if a.sel.specificity[k] != b.sel.specificity[k] {
					return a.sel.specificity[k] < b.sel.specificity[k]
				}
			}
		}
		return a.order < b.order
	})
	inline := parseDeclarations(n.attrs["style"])
	var important []declaration
	for _, r := range matched {
		for _, d := range r.decls {
			if d.important {
				important = append(important, d)
			} else {
				out = append(out, d)
			}
		}
	}
	for _, d := range inline {
		if !d.important {
			out = append(out, d)
		}
	}
	out = append(out, important...)
	for _, d := range inline {
		if d.important {
			out = append(out, d)
		}
	}
	return out
}

// presentationAttrs are the attributes that set style properties.
var presentationAttrs = map[string]bool{
	"fill": true, "fill-opacity": true, "fill-rule": true,
	"stroke": true, "stroke-width": true, "stroke-opacity": true,
	"stroke-dasharray": true, "stroke-dashoffset": true, "stroke-linecap": true,
	"stroke-linejoin": true, "stroke-miterlimit": true,
	"opacity": true, "display": true, "visibility": true, "color": true,
	"font-family": true, "font-size": true, "font-weight": true, "font-style": true,
	"text-anchor": true, "dominant-baseline": true, "alignment-baseline": true,
	"baseline-shift": true, "letter-spacing": true, "word-spacing": true,
	"clip-path": true, "clip-rule": true, "mask": true, "mask-type": true, "filter": true,
	"marker-start": true, "marker-mid": true, "marker-end": true,
	"stop-color": true, "stop-opacity": true, "overflow": true,
	"font-variant": true, "text-decoration": true, "paint-order": true,
}
