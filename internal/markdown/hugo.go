package markdown

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/yuin/goldmark"
	"go.yaml.in/yaml/v3"
	xhtml "golang.org/x/net/html"
)

// Hugo's shortcodes, {{< name args >}} and {{% name args %}}, are read the
// way Hugo reads them: before the Markdown, wherever they stand (in code
// too), each replaced by what it makes. Hugo's built-in shortcodes become the
// Markdown or HTML this parser already reads (a figure, a code block, a
// disclosure, a link); a site's own shortcode, whose template the book does
// not have, loses its tags and keeps what it holds, with a warning.

// shortcode is one tag found in the source.
type shortcode struct {
	start, end int    // byte offsets of the tag in the source
	delim      byte   // '<' or '%'
	name       string // "" for a comment escape
	closing    bool   // {{< /name >}}
	selfClose  bool   // {{< name />}}
	escaped    bool   // {{</* … */>}}: printed as written without /* */
	args       []scArg
	pair       int // index of the matching closing tag, -1 if none
	opener     int // for a closing tag, the index of its opener, -1 if none
	parent     int // the paired tag it stands in, -1 if none
}

// scArg is one argument: named (key=value) or positional (key "").
type scArg struct{ key, value string }

// maxShortcode bounds one tag's length.
const maxShortcode = 8192

// scanShortcodes finds every well-formed shortcode tag in src, in order.
// A "{{<" that does not begin one stays text. steps counts the bytes
// examined, for the tests that check the scan is linear: a tag fails at
// the first "{{" outside its strings, a string ends at its line's end (a
// raw one at the next backquote), and where the next "*/" is is found once,
// so no stretch of hostile input is read again and again.
func scanShortcodes(src []byte) (tags []shortcode, steps int) {
	sc := &tagScanner{src: src, commentEnd: -2}
	for i := 0; i+3 <= len(src); {
		j := bytes.Index(src[i:], []byte("{{"))
		if j < 0 {
			steps += len(src) - i
			break
		}
		i += j
		steps += j
		if i+2 < len(src) && (src[i+2] == '<' || src[i+2] == '%') {
			t, ok := sc.tag(i)
			steps += sc.steps
			if ok {
				tags = append(tags, t)
				i = t.end
				continue
			}
		}
		if i+2 < len(src) && src[i+2] == '{' {
			// "{{{<": a tag after a brace (Quarto's escape)
			i++
			continue
		}
		i += 2
	}
	pairShortcodes(tags)
	return tags, steps
}

// tagScanner reads tags; commentEnd caches the offset of the next "*/"
// (-1: none; -2: not looked for yet).
type tagScanner struct {
	src        []byte
	commentEnd int
	steps      int
}

// nextCommentEnd is the offset of the first "*/" at or after from, -1 if
// none.
func (sc *tagScanner) nextCommentEnd(from int) int {
	if sc.commentEnd == -1 || sc.commentEnd >= from {
		return sc.commentEnd
	}
	k := bytes.Index(sc.src[from:], []byte("*/"))
	sc.steps += len(sc.src) - from
	if k >= 0 {
		k += from
		sc.steps -= len(sc.src) - k
	}
	sc.commentEnd = k
	return k
}

// tag reads the tag starting at src[at] ("{{<" or "{{%").
func (sc *tagScanner) tag(at int) (t shortcode, ok bool) {
	src := sc.src
	delim := src[at+2]
	closeSeq := "%}}"
	if delim == '<' {
		closeSeq = ">}}"
	}
	s := src[:min(len(src), at+maxShortcode)]
	i := at + 3
	sc.steps = 0
	defer func() { sc.steps += i - at }()
	skip := func() {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			i++
		}
	}
	skip()
	t = shortcode{start: at, delim: delim, pair: -1, opener: -1, parent: -1}
	if bytes.HasPrefix(s[i:], []byte("/*")) {
		// the comment escape: everything up to "*/" and the end
		k := sc.nextCommentEnd(i + 2)
		if k < 0 || k+2 > len(s) {
			return t, false
		}
		i = k + 2
		skip()
		if !bytes.HasPrefix(s[i:], []byte(closeSeq)) {
			return t, false
		}
		i += 3
		t.end, t.escaped = i, true
		return t, true
	}
	if i < len(s) && s[i] == '/' {
		t.closing = true
		i++
		skip()
	}
	nameStart := i
	for i < len(s) && isNameByte(s[i]) {
		i++
	}
	if i == nameStart || !isLetterOrDigit(s[nameStart]) && s[nameStart] != '_' {
		return t, false
	}
	t.name = string(s[nameStart:i])
	for {
		skip()
		if i >= len(s) || bytes.HasPrefix(s[i:], []byte("{{")) {
			return t, false
		}
		if bytes.HasPrefix(s[i:], []byte(closeSeq)) {
			i += 3
			t.end = i
			return t, true
		}
		if s[i] == '/' && bytes.HasPrefix(s[i+1:], []byte(closeSeq)) {
			t.selfClose = true
			i += 4
			t.end = i
			return t, true
		}
		if t.closing {
			return t, false
		}
		var a scArg
		if k := keyEnd(s, i); k > i && k < len(s) && s[k] == '=' {
			a.key = string(s[i:k])
			i = k + 1
		}
		v, next, vok := scanValue(s, i, closeSeq)
		i = next
		if !vok {
			return t, false
		}
		a.value = v
		t.args = append(t.args, a)
	}
}

// scanValue reads one argument value at s[i]: "quoted" (with \" escapes,
// on one line), `raw` (across lines too) or a bare word.
func scanValue(s []byte, i int, closeSeq string) (string, int, bool) {
	if i >= len(s) {
		return "", i, false
	}
	switch s[i] {
	case '"':
		var b strings.Builder
		for k := i + 1; k < len(s); k++ {
			switch s[k] {
			case '\\':
				if k+1 < len(s) && s[k+1] != '\n' {
					k++
					b.WriteByte(s[k])
				}
			case '"':
				return b.String(), k + 1, true
			case '\n':
				return "", k, false
			default:
				b.WriteByte(s[k])
			}
		}
		return "", len(s), false
	case '`':
		k := bytes.IndexByte(s[i+1:], '`')
		if k < 0 {
			return "", len(s), false
		}
		return string(s[i+1 : i+1+k]), i + 2 + k, true
	}
	k := i
	for k < len(s) && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r' &&
		!bytes.HasPrefix(s[k:], []byte(closeSeq)) && !(s[k] == '/' && bytes.HasPrefix(s[k+1:], []byte(closeSeq))) {
		if s[k] == '"' || s[k] == '`' || bytes.HasPrefix(s[k:], []byte("{{")) {
			return "", k, false
		}
		k++
	}
	if k == i {
		return "", k, false
	}
	return string(s[i:k]), k, true
}

// keyEnd is the end of a parameter name starting at s[i], i if none.
func keyEnd(s []byte, i int) int {
	k := i
	for k < len(s) && (isLetterOrDigit(s[k]) || s[k] == '_' || s[k] == '-') {
		k++
	}
	return k
}

func isLetterOrDigit(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// isNameByte reports whether b may be in a shortcode's name (date.inline,
// blocks/cover, my-shortcode, my_shortcode).
func isNameByte(b byte) bool {
	return isLetterOrDigit(b) || b == '_' || b == '-' || b == '.' || b == '/'
}

// pairShortcodes matches each closing tag with the nearest open tag of its
// name before it, as Hugo nests them.
func pairShortcodes(tags []shortcode) {
	open := map[string][]int{}
	for i := range tags {
		t := &tags[i]
		switch {
		case t.escaped || t.selfClose:
		case t.closing:
			st := open[t.name]
			if len(st) == 0 {
				continue
			}
			o := st[len(st)-1]
			open[t.name] = st[:len(st)-1]
			tags[o].pair, t.opener = i, o
		default:
			open[t.name] = append(open[t.name], i)
		}
	}
	// what each tag stands in: the innermost pair around it
	var around []int
	for i := range tags {
		t := &tags[i]
		for len(around) > 0 && tags[around[len(around)-1]].pair < i {
			around = around[:len(around)-1]
		}
		if len(around) > 0 {
			t.parent = around[len(around)-1]
		}
		if t.pair > i {
			around = append(around, i)
		}
	}
}

// arg is the named argument key, else the positional one at index pos
// (-1 for none).
func (t *shortcode) arg(key string, pos int) string {
	for _, a := range t.args {
		if a.key == key {
			return a.value
		}
	}
	n := 0
	for _, a := range t.args {
		if a.key == "" {
			if n == pos {
				return a.value
			}
			n++
		}
	}
	return ""
}

// hugoPass is one chapter's rewriting of its shortcodes.
type hugoPass struct {
	c      *converter
	src    []byte
	tags   []shortcode
	params map[string]any
	code   []span // fenced code blocks of the source
	out    bytes.Buffer
	// lines maps each line of out to the source's line it stands for.
	lines   []int
	srcLine lineIndex
	// shifts are the bytes made text put before a line's picture (a
	// figure's <a> and <figure>), by line of out, so that the picture
	// is placed where its tag begins
	shifts map[int]int
	// unknown gathers the site's own shortcodes and the embeds, by name,
	// for one warning each.
	unknown map[string]*scUse
	order   []string
	// quarto: the chapter is Quarto's (quarto.go); pagebreaks counts its
	// {{< pagebreak >}}, the first at pagebreakAt
	quarto                  bool
	pagebreaks, pagebreakAt int
}

type span struct{ start, end int }

type scUse struct {
	at    int // offset of the first use
	count int
	embed string // what an embed's warning calls it
}

// hugoShortcodes rewrites the shortcodes of c.src (front matter already
// blanked; original is the file as read, holding it) and places the
// lines of the result in the file. It does nothing to a file without any.
func (c *converter) hugoShortcodes(original []byte) {
	if !bytes.Contains(c.src, []byte("{{<")) && !bytes.Contains(c.src, []byte("{{%")) {
		return
	}
	tags, _ := scanShortcodes(c.src)
	if len(tags) == 0 {
		return
	}
	p := &hugoPass{c: c, src: c.src, tags: tags, params: frontParams(original),
		code: fencedCode(c.src), srcLine: c.lines, unknown: map[string]*scUse{}, quarto: isQuartoFile(c.file)}
	p.rewrite()
	if p.pagebreaks > 0 {
		more := ""
		if p.pagebreaks > 1 {
			more = fmt.Sprintf(" (and %d more)", p.pagebreaks-1)
		}
		c.hugoWarn(p.pagebreakAt, "quarto.pagebreak", "shortcode \"pagebreak\""+more+" left out: samizdat breaks the pages itself")
	}
	for _, name := range p.order {
		u := p.unknown[name]
		more := ""
		if u.count > 1 {
			more = fmt.Sprintf(" (%d more uses in this file)", u.count-1)
			if u.count == 2 {
				more = " (used once more in this file)"
			}
		}
		if p.quarto && u.embed == "" {
			c.hugoWarn(u.at, "quarto.shortcode", fmt.Sprintf("shortcode %q needs Quarto to render it; left out%s", name, more))
			continue
		}
		if u.embed != "" {
			c.hugoWarn(u.at, "hugo.embed", fmt.Sprintf("shortcode %q: a book cannot show the %s it embeds; printed as a link to it%s", name, u.embed, more))
			continue
		}
		c.hugoWarn(u.at, "hugo.shortcode", fmt.Sprintf("shortcode %q is the site's own, not one of Hugo's: its tags are left out and what it holds is kept%s", name, more))
	}
	c.origins = hugoLines{lines: p.lines, shifts: p.shifts, inner: c.origins, file: c.file, offset: c.lineOffset}
	c.src = p.out.Bytes()
	c.lines = newLineIndex(c.src)
}

// hugoWarn warns at an offset of the source before its rewriting.
func (c *converter) hugoWarn(offset int, code, msg string) {
	pos := c.posAt(offset, 0)
	c.warnings = append(c.warnings, warning{at: pos, column: pos.Column, placed: true, code: code, msg: msg})
}

// hugoLines places the lines of a rewritten chapter: each is the line of
// the source it came from, itself placed by the includes' map if any.
type hugoLines struct {
	lines  []int
	shifts map[int]int
	inner  SourceMap
	file   string
	offset int
}

func (h hugoLines) Origin(line int) (string, int, int) {
	if line < 1 || line > len(h.lines) {
		return "", 0, 0
	}
	l := h.lines[line-1]
	if h.inner != nil {
		if f, at, shift := h.inner.Origin(l); f != "" {
			return f, at, shift + h.shifts[line]
		}
	}
	return h.file, l + h.offset, h.shifts[line]
}

// rewrite writes the source with every tag replaced.
func (p *hugoPass) rewrite() {
	pos := 0
	for i := range p.tags {
		t := &p.tags[i]
		if t.start < pos {
			continue // inside a highlighted block already copied
		}
		if p.literalTag(t) {
			p.copy(pos, t.end)
			pos = t.end
			continue
		}
		if p.quartoEscaped(t) {
			// {{{< name >}}} prints {{< name >}}
			p.copy(pos, t.start-1)
			p.emit(string(p.src[t.start:t.end]), t.start)
			pos = t.end + 1
			continue
		}
		p.copy(pos, t.start)
		pos = p.replace(i)
	}
	p.copy(pos, len(p.src))
	// the last line, which has no line ending
	p.lines = append(p.lines, p.srcLine.line(max(len(p.src)-1, 0)))
}

// copy copies src[from:to], placing each line ending.
func (p *hugoPass) copy(from, to int) {
	for k := from; k < to; k++ {
		if p.src[k] == '\n' {
			p.lines = append(p.lines, p.srcLine.line(k))
		}
	}
	p.out.Write(p.src[from:to])
}

// emit writes text made for the tag at offset at; its line endings stand
// for that line.
func (p *hugoPass) emit(text string, at int) {
	l := p.srcLine.line(at)
	for range strings.Count(text, "\n") {
		p.lines = append(p.lines, l)
	}
	p.out.WriteString(text)
}

// skipTag passes over a tag's own line endings (arguments over several
// lines) as blank lines, so the text after it keeps its lines.
func (p *hugoPass) skipTag(t *shortcode) {
	for k := t.start; k < t.end; k++ {
		if p.src[k] == '\n' {
			p.lines = append(p.lines, p.srcLine.line(k))
			p.out.WriteByte('\n')
		}
	}
}

func (p *hugoPass) inCode(offset int) bool {
	k := sort.Search(len(p.code), func(i int) bool { return p.code[i].end > offset })
	return k < len(p.code) && p.code[k].start <= offset
}

// alone reports whether the tag is alone on its line(s).
func (p *hugoPass) alone(t *shortcode) bool {
	for k := t.start - 1; k >= 0 && p.src[k] != '\n'; k-- {
		if p.src[k] != ' ' && p.src[k] != '\t' {
			return false
		}
	}
	for k := t.end; k < len(p.src) && p.src[k] != '\n'; k++ {
		if p.src[k] != ' ' && p.src[k] != '\t' && p.src[k] != '\r' {
			return false
		}
	}
	return true
}

// aloneAmongTags reports whether the tag has nothing but other tags and
// spaces before it on its line, and nothing after it.
func (p *hugoPass) aloneAmongTags(t *shortcode) bool {
	k := t.start
	for k > 0 && (p.src[k-1] == ' ' || p.src[k-1] == '\t') {
		k--
	}
	if k > 0 && p.src[k-1] != '\n' && !(k >= 2 && p.src[k-1] == '}' && p.src[k-2] == '}') {
		return false
	}
	u := *t
	u.start = k
	for k > 0 && p.src[k-1] != '\n' {
		k--
	}
	return p.alone(&shortcode{start: k, end: t.end}) || p.alone(&u)
}

// note records a use of a shortcode the book cannot render for a warning.
func (p *hugoPass) note(t *shortcode, embed string) {
	u := p.unknown[t.name]
	if u == nil {
		u = &scUse{at: t.start, embed: embed}
		p.unknown[t.name] = u
		p.order = append(p.order, t.name)
	}
	u.count++
}

// replace writes what tag i makes and returns the offset to go on from.
func (p *hugoPass) replace(i int) int {
	t := &p.tags[i]
	raw := string(p.src[t.start:t.end])
	if t.escaped {
		// Hugo prints the tag without its comment marks
		lit := strings.Replace(strings.Replace(raw, "/*", "", 1), "*/", "", 1)
		p.emit(lit, t.start)
		return t.end
	}
	inCode := p.inCode(t.start)
	name := strings.ToLower(t.name)
	if t.closing {
		p.skipTag(t)
		if o := t.opener; o >= 0 && name == "details" && p.alone(&p.tags[o]) && !p.inCode(p.tags[o].start) {
			p.emit("\n\n</details>", t.start)
		}
		if t.opener < 0 {
			p.c.hugoWarn(t.start, "hugo.unpaired", fmt.Sprintf("shortcode tag %s closes no %q opened before it; left out", oneLine(raw), t.name))
		}
		return t.end
	}
	if p.quarto && p.quartoShortcode(t) {
		return t.end
	}
	switch name {
	case "param":
		p.emit(p.param(t), t.start)
		p.skipTag(t)
		return t.end
	case "ref", "relref":
		p.emit(p.ref(t), t.start)
		p.skipTag(t)
		return t.end
	}
	if inCode {
		// Hugo renders them in code too, as markup a code block shows
		// as written; what they hold is kept
		p.note(t, "")
		p.skipTag(t)
		return t.end
	}
	alone := p.alone(t)
	switch name {
	case "figure":
		p.skipTag(t)
		fig := figureHTML(t)
		if k := strings.Index(fig, "<img"); k > 0 {
			if p.shifts == nil {
				p.shifts = map[int]int{}
			}
			// the line being written is the (len(p.lines)+1)th
			p.shifts[len(p.lines)+1] += k
		}
		p.emit(fig, t.start)
		return t.end
	case "highlight", "code-toggle":
		if t.pair < 0 {
			break
		}
		lang := t.arg("lang", 0)
		if name == "code-toggle" {
			lang = configLanguage(p.src[t.end:p.tags[t.pair].start])
		}
		return p.codeBlock(t, lang)
	case "mermaid":
		// the diagram's source, which themes (Docsy, Hextra, the
		// Kubernetes site's) draw in the browser: printed as its code,
		// as a mermaid code block is
		if t.pair < 0 || !alone {
			break
		}
		return p.codeBlock(t, "mermaid")
	case "details":
		if t.pair < 0 || !alone {
			break
		}
		// the summary is Markdown, as the template renders it
		summary := markdownify(t.arg("summary", -1))
		if summary == "" {
			summary = "Details"
		}
		p.skipTag(t)
		p.emit("<details>\n<summary>"+summary+"</summary>\n\n", t.start)
		return t.end
	case "qr":
		text := t.arg("text", -1)
		if text == "" && t.pair >= 0 {
			text = strings.TrimSpace(string(p.src[t.end:p.tags[t.pair].start]))
			p.note(t, "QR code")
			p.emit(linkText(text, text), t.start)
			p.skipTag(&p.tags[t.pair])
			return p.tags[t.pair].end
		}
		p.note(t, "QR code")
		p.skipTag(t)
		p.emit(linkText(text, text), t.start)
		return t.end
	case "youtube", "vimeo", "x", "twitter", "tweet", "instagram":
		what, u := embedURL(name, t)
		p.note(t, what)
		p.skipTag(t)
		if u != "" {
			label := t.arg("title", -1)
			if label == "" {
				label = strings.ToUpper(what[:1]) + what[1:]
			}
			p.emit(linkText(label, u), t.start)
		}
		return t.end
	}
	p.note(t, "")
	// a tab's, a card's or an alert's title, a paragraph of its own
	title := siteTitle(t)
	if title == "" || !p.aloneAmongTags(t) {
		title = ""
	} else {
		title = "\n\n" + title + "\n\n"
	}
	if lang := p.siteCodeLang(i); lang != "" {
		// {{< tab lang="go" >}}: the code it shows
		p.emit(title, t.start)
		return p.codeBlock(t, lang)
	}
	p.skipTag(t)
	p.emit(title, t.start)
	return t.end
}

// siteCodeLang is the language of the code a site's own shortcode holds,
// "" if it holds Markdown. A shortcode called with {{< >}} (whose output
// Hugo does not read as Markdown) and given lang=, or inside one given
// lang= (Docsy's tab in its tabpane), holds code, unless it or one around
// it says text=true, and it holds no other tag.
func (p *hugoPass) siteCodeLang(i int) string {
	t := &p.tags[i]
	if t.pair < 0 || t.delim != '<' || !p.alone(t) {
		return ""
	}
	for k := i + 1; k < t.pair; k++ {
		if !p.tags[k].escaped {
			return ""
		}
	}
	lang := ""
	for k, depth := i, 0; k >= 0 && depth < 16; k, depth = p.tags[k].parent, depth+1 {
		if p.tags[k].arg("text", -1) == "true" {
			return ""
		}
		if lang == "" {
			lang = p.tags[k].arg("lang", -1)
		}
	}
	if strings.ContainsAny(lang, " \t\n`~{}") {
		return ""
	}
	return lang
}

// siteTitle is the title a site's own shortcode is given (title= or
// header=), as Markdown in bold; "" if none.
func siteTitle(t *shortcode) string {
	title := strings.TrimSpace(t.arg("title", -1))
	if title == "" {
		title = strings.TrimSpace(t.arg("header", -1))
	}
	title = strings.Join(strings.Fields(title), " ")
	if title == "" || strings.ContainsAny(title, "*_") {
		return title
	}
	return "**" + title + "**"
}

// codeBlock writes a highlight (or the Hugo docs' code-toggle) and what it
// holds as a fenced code block; tags inside are printed as Hugo prints
// them there (escapes without their marks).
func (p *hugoPass) codeBlock(t *shortcode, lang string) int {
	closer := &p.tags[t.pair]
	body := p.src[t.end:closer.start]
	fence := strings.Repeat("`", max(3, longestRun(body, '`')+1))
	p.skipTag(t)
	p.emit(fence+lang, t.start)
	if !bytes.HasPrefix(bytes.TrimLeft(body, " \t\r"), []byte("\n")) {
		p.emit("\n", t.start)
	} else {
		body = bytes.TrimLeft(body, " \t\r")
	}
	from := closer.start - len(body)
	pos := from
	for k := range p.tags {
		it := &p.tags[k]
		if it.start < from || it.start >= closer.start {
			continue
		}
		p.copy(pos, it.start)
		if it.escaped {
			raw := string(p.src[it.start:it.end])
			p.emit(strings.Replace(strings.Replace(raw, "/*", "", 1), "*/", "", 1), it.start)
		} else {
			switch strings.ToLower(it.name) {
			case "param":
				p.emit(p.param(it), it.start)
			default:
				p.emit(string(p.src[it.start:it.end]), it.start)
			}
		}
		p.skipTag(it)
		pos = it.end
	}
	p.copy(pos, closer.start)
	if !bytes.HasSuffix(p.out.Bytes(), []byte("\n")) {
		p.emit("\n", closer.start)
	}
	p.emit(fence, closer.start)
	p.skipTag(closer)
	if !p.alone(closer) {
		p.emit("\n", closer.start)
	}
	return closer.end
}

// configLanguage names the format of a code-toggle's configuration.
func configLanguage(body []byte) string {
	s := bytes.TrimSpace(body)
	switch {
	case bytes.HasPrefix(s, []byte("{")):
		return "json"
	case bytes.HasPrefix(s, []byte("[")) || bytes.Contains(firstTextLine(s), []byte("=")):
		return "toml"
	}
	return "yaml"
}

// longestRun is the longest run of b in s.
func longestRun(s []byte, b byte) int {
	best, n := 0, 0
	for _, x := range s {
		if x == b {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// param is the value of a page parameter: params.key in the front matter,
// else the top-level key, else the site's params.key, as Hugo's .Param
// looks them up; dotted keys reach into maps.
func (p *hugoPass) param(t *shortcode) string {
	key := t.arg("", 0)
	if key == "" {
		key = t.arg("key", -1)
	}
	if key == "" {
		p.c.hugoWarn(t.start, "hugo.param", "shortcode \"param\" names no parameter; left out")
		return ""
	}
	if ps, ok := p.params["params"].(map[string]any); ok {
		if v, ok := lookup(ps, key); ok {
			return fmt.Sprint(v)
		}
	}
	if v, ok := lookup(p.params, key); ok {
		return fmt.Sprint(v)
	}
	// then the site's, as Hugo's .Param falls back on .Site.Params
	if v, ok := lookup(p.c.site, key); ok {
		return fmt.Sprint(v)
	}
	where := fmt.Sprintf("the front matter has no parameter %q", key)
	if p.c.siteName != "" {
		where = fmt.Sprintf("neither the front matter nor the site's params (%s) have a parameter %q", p.c.siteName, key)
	}
	p.c.hugoWarn(t.start, "hugo.param", "shortcode \"param\": "+where+"; left out")
	return ""
}

func lookup(m map[string]any, key string) (any, bool) {
	for {
		k, rest, dotted := strings.Cut(key, ".")
		v, ok := m[k]
		if !ok {
			// Hugo's keys are not case-sensitive
			for mk, mv := range m {
				if strings.EqualFold(mk, k) {
					v, ok = mv, true
					break
				}
			}
		}
		if !ok {
			return nil, false
		}
		if !dotted {
			return v, true
		}
		sub, isMap := v.(map[string]any)
		if !isMap {
			return nil, false
		}
		m, key = sub, rest
	}
}

// ref is the link a ref or relref makes: the page's path from the book
// folder (a path without a leading slash is the page's folder's, as Hugo
// looks it up first), which the resolve pass leads to its chapter.
func (p *hugoPass) ref(t *shortcode) string {
	target := t.arg("path", 0)
	if target == "" {
		return ""
	}
	ref, frag, hasFrag := strings.Cut(target, "#")
	if ref != "" && !strings.HasPrefix(ref, "/") {
		ref = "/" + path.Join(path.Dir(p.c.file), ref)
	}
	u := (&url.URL{Path: ref}).EscapedPath()
	if hasFrag {
		u += "#" + frag
	}
	return u
}

// figureHTML is Hugo's figure as raw HTML: the picture, linked when link
// is given, its title, caption and attribution (attr, linked by attrlink)
// the figure's caption. As Hugo's template does, it describes the picture
// by alt, else by the caption, and gives it no alt at all when it has
// neither: an empty one would call it decorative.
func figureHTML(t *shortcode) string {
	src := t.arg("src", -1)
	var b strings.Builder
	b.WriteString("<figure>")
	link := t.arg("link", -1)
	if link != "" {
		b.WriteString(`<a href="` + html.EscapeString(link) + `">`)
	}
	b.WriteString(`<img src="` + html.EscapeString(src) + `"`)
	// the caption is Markdown, which the template renders
	// (markdownify) and reads as plain text for the picture's alt
	// (plainify)
	title, caption := t.arg("title", -1), markdownify(t.arg("caption", -1))
	alt := t.arg("alt", -1)
	if alt == "" {
		alt = plainify(caption)
	}
	if alt != "" {
		b.WriteString(` alt="` + html.EscapeString(alt) + `"`)
	}
	for _, k := range []string{"width", "height"} {
		if v := t.arg(k, -1); v != "" {
			b.WriteString(" " + k + `="` + html.EscapeString(v) + `"`)
		}
	}
	b.WriteString(">")
	if link != "" {
		b.WriteString("</a>")
	}
	attr, attrLink := t.arg("attr", -1), t.arg("attrlink", -1)
	if title != "" || caption != "" || attr != "" {
		b.WriteString("<figcaption>")
		sep := ""
		if title != "" {
			b.WriteString("<strong>" + html.EscapeString(title) + "</strong>")
			sep = " "
		}
		if caption != "" {
			b.WriteString(sep + caption)
			sep = " "
		}
		if attr != "" {
			b.WriteString(sep)
			if attrLink != "" {
				b.WriteString(`<a href="` + html.EscapeString(attrLink) + `">` + html.EscapeString(attr) + "</a>")
			} else {
				b.WriteString(html.EscapeString(attr))
			}
		}
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>")
	return b.String()
}

// markdownify renders Markdown as Hugo's markdownify does: as HTML,
// without the paragraph around it when it is one paragraph. Raw HTML in it
// is left out, as Hugo leaves it out by default.
func markdownify(md string) string {
	if md == "" {
		return ""
	}
	var b bytes.Buffer
	if err := goldmark.New().Convert([]byte(md), &b); err != nil {
		return html.EscapeString(md)
	}
	out := strings.TrimSpace(b.String())
	if inner, ok := strings.CutPrefix(out, "<p>"); ok {
		if inner, ok := strings.CutSuffix(inner, "</p>"); ok && !strings.Contains(inner, "<p>") {
			return inner
		}
	}
	return out
}

// plainify is HTML's text, its tags left out, as Hugo's plainify gives it.
func plainify(h string) string {
	var b strings.Builder
	z := xhtml.NewTokenizer(strings.NewReader(h))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return strings.TrimSpace(b.String())
		case xhtml.TextToken:
			b.Write(z.Text())
		}
	}
}

// oneLine is a tag as written, its line breaks spaces, for a message.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// embedURL is what an embed shows and its page on the web.
func embedURL(name string, t *shortcode) (what, u string) {
	id := t.arg("id", 0)
	switch name {
	case "youtube":
		return "YouTube video", "https://www.youtube.com/watch?v=" + url.QueryEscape(id)
	case "vimeo":
		return "Vimeo video", "https://vimeo.com/" + url.PathEscape(id)
	case "instagram":
		return "Instagram post", "https://www.instagram.com/p/" + url.PathEscape(id) + "/"
	}
	user := t.arg("user", 0)
	if t.arg("id", -1) == "" {
		id = t.arg("", 1)
	}
	if user == "" || id == "" {
		return "post on X", ""
	}
	return "post on X", "https://x.com/" + url.PathEscape(user) + "/status/" + url.PathEscape(id)
}

// linkText is a Markdown link to u reading label.
func linkText(label, u string) string {
	if u == "" {
		return escapeMarkdown(label)
	}
	if _, err := url.Parse(u); err != nil || !strings.Contains(u, "://") {
		return escapeMarkdown(label)
	}
	return "[" + escapeMarkdown(label) + "](<" + strings.NewReplacer("<", "%3C", ">", "%3E", "\n", "").Replace(u) + ">)"
}

// escapeMarkdown makes text read as itself in Markdown.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>()#+-.!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fencedCode finds the fenced code blocks of src (in quotes and lists too,
// roughly), where Hugo's tags are printed rather than made into blocks.
func fencedCode(src []byte) []span {
	var out []span
	var open byte
	var openLen, openAt int
	for off := 0; off < len(src); {
		line, rest, _ := cutLine(src[off:])
		next := len(src) - len(rest)
		t := bytes.TrimLeft(line, " \t>")
		if len(t) >= 3 && (t[0] == '`' || t[0] == '~') {
			n := 0
			for n < len(t) && t[n] == t[0] {
				n++
			}
			switch {
			case open == 0 && n >= 3 && !(t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0):
				open, openLen, openAt = t[0], n, off
			case open == t[0] && n >= openLen && len(bytes.TrimSpace(t[n:])) == 0:
				out = append(out, span{openAt, next})
				open = 0
			}
		}
		off = next
	}
	if open != 0 {
		out = append(out, span{openAt, len(src)})
	}
	return out
}

// frontParams are the values of a file's front matter, YAML or TOML, for
// the param shortcode; nil if none.
func frontParams(src []byte) map[string]any {
	if b, ok := findFrontMatter(src); ok {
		var m map[string]any
		if yaml.Unmarshal(b.yaml, &m) == nil {
			return m
		}
		return nil
	}
	if b, ok := findTOMLFrontMatter(src); ok {
		var m map[string]any
		if toml.Unmarshal(b.yaml, &m) == nil {
			return m
		}
	}
	return nil
}
