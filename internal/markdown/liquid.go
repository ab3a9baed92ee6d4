package markdown

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strings"
)

// Liquid, Jekyll's template language, is read in a Jekyll site's pages
// (see JekyllSite) the way Jekyll reads it: before the Markdown,
// wherever it stands, code included. What makes text is made:
//
//   - {{ site.x }} and {{ page.x }}: the site's _config.yml and the
//     page's front matter; {{ site.baseurl }}, {{ page.root }} and the
//     relative_url filter before a path of the site make it a link to
//     the page's file;
//   - {% link path %} and {% post_url name %}: a link to that file;
//   - {% highlight lang %}…{% endhighlight %}: a code block;
//   - {% raw %}…{% endraw %}: what it holds, as written;
//   - {% comment %}…{% endcomment %}: left out;
//   - {% include file k="v" %}: the site's _includes/file with
//     {{ include.k }} given, when it makes text without logic;
//     otherwise left out, with a warning naming it.
//
// Other tags (if, for, assign…) are the site's logic, which a book
// does not run: their tags are left out, an if's first branch kept and
// the others and a loop's body dropped, with one warning per file naming
// them. A variable no file gives is empty, as in Liquid.

// liquidTag is one {% … %} or {{ … }} found in the source.
type liquidTag struct {
	start, end int
	output     bool   // {{ … }}
	name       string // a tag's name; "" for an output
	args       string // after the name; an output's whole expression
}

// maxLiquidTag bounds one tag's length.
const maxLiquidTag = 2048

// scanLiquid finds the well-formed tags of src, in order: "{%" to the
// next "%}", "{{" to the next "}}", neither crossing another opening nor
// longer than maxLiquidTag. Each byte is examined a bounded number of
// times.
func scanLiquid(src []byte) []liquidTag {
	var tags []liquidTag
	for i := 0; i+1 < len(src); {
		j := bytes.IndexByte(src[i:], '{')
		if j < 0 {
			break
		}
		i += j
		if i+1 >= len(src) || src[i+1] != '%' && src[i+1] != '{' {
			i++
			continue
		}
		closing := "%}"
		if src[i+1] == '{' {
			closing = "}}"
		}
		limit := min(len(src), i+maxLiquidTag)
		body := src[i+2 : limit]
		end := bytes.Index(body, []byte(closing))
		if end < 0 {
			i += 2
			continue
		}
		if k := bytes.Index(body[:end], []byte("{"+closing[:1])); k >= 0 {
			i += 2 + k // another opening first: this one is text
			continue
		}
		inner := strings.TrimSpace(strings.Trim(string(body[:end]), "-"))
		t := liquidTag{start: i, end: i + 2 + end + 2, output: closing == "}}"}
		if t.output {
			t.args = inner
		} else {
			t.name, t.args, _ = strings.Cut(inner, " ")
			if n, a, ok := strings.Cut(t.name, "\n"); ok {
				t.name, t.args = n, a+" "+t.args
			}
			t.args = strings.TrimSpace(t.args)
		}
		if t.output && inner == "" || !t.output && !liquidName(t.name) {
			i += 2
			continue
		}
		tags = append(tags, t)
		i = t.end
	}
	return tags
}

func liquidName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) && s[i] != '_' {
			return false
		}
	}
	return true
}

// liquidPass rewrites a page's (or an include's) Liquid.
type liquidPass struct {
	c    *converter
	site *JekyllSite
	src  []byte
	tags []liquidTag
	// ends is, for each block tag, the index of its end tag (-1 if
	// none), cuts for an if, unless or case the index of its first
	// else, elsif or when (its end if none): paired once (pairLiquid)
	ends, cuts []int
	page       map[string]any
	inc        map[string]string // an include's parameters; nil on the page
	depth      int               // includes within includes
	out        bytes.Buffer
	lines      []int // for each line written, the source line it stands for
	mapped     bool  // lines are kept (the page, not an include)
	// left counts the tags left out by name, the first's offset in
	// leftAt; unknown the variables no file gives.
	left      map[string]int
	leftAt    int
	unknown   []string
	unknownAt int
	// incLeft are the includes left out, by name, in order, each told
	// once: where first, why, how many times
	incLeft []*incUse
	// failed is set in an include that holds logic: it is left out
	failed bool
}

// liquid rewrites c.src's Liquid (see above) when the page is a
// Jekyll site's, placing the lines of the result in the file.
func (c *converter) liquid(original []byte) {
	if c.jekyll == nil || !bytes.Contains(c.src, []byte("{%")) && !bytes.Contains(c.src, []byte("{{")) {
		return
	}
	tags := scanLiquid(c.src)
	if len(tags) == 0 {
		return
	}
	p := &liquidPass{c: c, site: c.jekyll, src: c.src, tags: tags, page: frontParams(original), mapped: true, left: map[string]int{}, leftAt: -1}
	p.run(0, len(tags), 0, len(c.src))
	p.lines = append(p.lines, c.lines.line(max(len(c.src)-1, 0)))
	if len(p.left) > 0 {
		names := make([]string, 0, len(p.left))
		n := 0
		for k, v := range p.left {
			names = append(names, k)
			n += v
		}
		sort.Strings(names)
		c.hugoWarn(p.leftAt, "jekyll.liquid", fmt.Sprintf("Liquid tags left out (%s; %d in this file): the site's templates run them, a book does not", strings.Join(names, ", "), n))
	}
	for _, u := range p.incLeft {
		more := ""
		switch {
		case u.count == 2:
			more = " (used once more in this file)"
		case u.count > 2:
			more = fmt.Sprintf(" (%d more uses in this file)", u.count-1)
		}
		c.hugoWarn(u.at, "jekyll.include", fmt.Sprintf("include %q: %s%s", u.name, u.why, more))
	}
	if len(p.unknown) > 0 {
		c.hugoWarn(p.unknownAt, "jekyll.variable", fmt.Sprintf("Liquid variables that neither %s nor the front matter give, left empty: %s", c.jekyll.Name, strings.Join(p.unknown, ", ")))
	}
	c.origins = hugoLines{lines: p.lines, inner: c.origins, file: c.file, offset: c.lineOffset}
	c.src = p.out.Bytes()
	c.lines = newLineIndex(c.src)
}

// copy writes src[from:to], placing each line ending.
func (p *liquidPass) copy(from, to int) {
	if from >= to {
		return
	}
	if p.mapped {
		for k := from; k < to; k++ {
			if p.src[k] == '\n' {
				p.lines = append(p.lines, p.c.lines.line(k))
			}
		}
	}
	p.out.Write(p.src[from:to])
}

// emit writes text made for the tag at offset at.
func (p *liquidPass) emit(s string, at int) {
	if p.mapped {
		l := p.c.lines.line(at)
		for range strings.Count(s, "\n") {
			p.lines = append(p.lines, l)
		}
	}
	p.out.WriteString(s)
}

// skip passes over src[from:to], keeping its line endings as blank
// lines, so the text after it keeps its lines.
func (p *liquidPass) skip(from, to int) {
	for k := from; k < to; k++ {
		if p.src[k] == '\n' {
			if p.mapped {
				p.lines = append(p.lines, p.c.lines.line(k))
			}
			p.out.WriteByte('\n')
		}
	}
}

func (p *liquidPass) leave(t liquidTag) {
	if p.inc != nil {
		// an include's assignments make no text of their own; its
		// conditions and loops choose the text it makes
		switch t.name {
		case "assign", "capture", "increment", "decrement":
		default:
			p.failed = true
		}
		return
	}
	if p.leftAt < 0 {
		p.leftAt = t.start
	}
	p.left[t.name]++
}

type incUse struct {
	name, why string
	at, count int
}

// leaveInclude records an include left out, for one warning per name.
func (p *liquidPass) leaveInclude(t liquidTag, name, why string) {
	for _, u := range p.incLeft {
		if u.name == name {
			u.count++
			return
		}
	}
	p.incLeft = append(p.incLeft, &incUse{name: name, why: why, at: t.start, count: 1})
}

// liquidBlocks are the tags that have an end tag.
var liquidBlocks = map[string]bool{"if": true, "unless": true, "case": true, "for": true, "capture": true, "tablerow": true,
	"raw": true, "comment": true, "highlight": true}

// matching is the index of the end tag of the block tag i opens, -1 if
// there is none before tag to.
func (p *liquidPass) matching(i, to int) int {
	if p.ends == nil {
		p.ends, p.cuts = pairLiquid(p.tags)
	}
	if e := p.ends[i]; e >= 0 && e < to {
		return e
	}
	return -1
}

// pairLiquid pairs the block tags of tags with their end tags in one
// pass, and finds each condition's first other branch; the tags inside
// raw and comment are text, and are not paired.
func pairLiquid(tags []liquidTag) (ends, cuts []int) {
	ends = make([]int, len(tags))
	cuts = make([]int, len(tags))
	for i := range ends {
		ends[i], cuts[i] = -1, -1
	}
	var open []int
	noEnd := map[string]bool{}
	for i := 0; i < len(tags); i++ {
		n := tags[i].name
		switch {
		case n == "raw" || n == "comment":
			if noEnd[n] {
				continue // none after an earlier one: none after this
			}
			found := false
			for k := i + 1; k < len(tags); k++ {
				if tags[k].name == "end"+n {
					ends[i], found = k, true
					i = k
					break
				}
			}
			if !found {
				noEnd[n] = true
			}
		case liquidBlocks[n]:
			open = append(open, i)
		case (n == "else" || n == "elsif" || n == "when") && len(open) > 0:
			if top := open[len(open)-1]; cuts[top] < 0 {
				cuts[top] = i
			}
		case strings.HasPrefix(n, "end"):
			// the nearest open tag of that name; those above it were
			// never closed
			for k := len(open) - 1; k >= 0; k-- {
				if tags[open[k]].name == n[3:] {
					ends[open[k]] = i
					open = open[:k]
					break
				}
			}
		}
	}
	for i, e := range ends {
		if cuts[i] < 0 || e >= 0 && cuts[i] > e {
			cuts[i] = e
		}
	}
	return ends, cuts
}

// run rewrites tags [from, to) and the text between offsets at and
// stop.
func (p *liquidPass) run(from, to, at, stop int) {
	pos := at
	for i := from; i < to; i++ {
		t := p.tags[i]
		if t.start < pos {
			continue
		}
		p.copy(pos, t.start)
		pos = t.end
		if t.output {
			pos = p.output(t, pos)
			continue
		}
		end := -1
		if liquidBlocks[t.name] {
			end = p.matching(i, to)
		}
		switch t.name {
		case "raw":
			if end < 0 {
				p.copy(t.end, stop)
				return
			}
			p.copy(t.end, p.tags[end].start)
			pos, i = p.tags[end].end, end
		case "comment":
			if end < 0 {
				p.skip(t.end, stop)
				return
			}
			p.skip(t.start, p.tags[end].end)
			pos, i = p.tags[end].end, end
		case "highlight":
			if end < 0 {
				p.leave(t)
				continue
			}
			p.highlight(t, p.tags[end])
			pos, i = p.tags[end].end, end
		case "include", "include_relative":
			p.include(t)
		case "link":
			p.trimDots()
			p.emit(p.fileLink(strings.TrimSpace(t.args)), t.start)
		case "post_url":
			p.trimDots()
			p.emit(p.postLink(strings.TrimSpace(t.args)), t.start)
		case "if", "unless", "case":
			p.leave(t)
			if end < 0 {
				continue
			}
			// the first branch is kept; else, elsif and when end it
			cut := p.cuts[i]
			if cut < 0 || cut > end {
				cut = end
			}
			if t.name == "case" {
				p.skip(t.end, p.tags[end].start)
				pos, i = p.tags[end].end, end
				continue
			}
			p.run(i+1, cut, t.end, p.tags[cut].start)
			p.skip(p.tags[cut].start, p.tags[end].start)
			pos, i = p.tags[end].end, end
		case "for", "capture", "tablerow":
			p.leave(t)
			if end < 0 {
				continue
			}
			p.skip(t.end, p.tags[end].start)
			pos, i = p.tags[end].end, end
		default:
			if !strings.HasPrefix(t.name, "end") && t.name != "else" && t.name != "elsif" {
				p.leave(t)
			}
		}
	}
	p.copy(pos, stop)
}

// trimDots drops the "." or ".." written before a link tag, as in
// (.{% link x.md %}): the tag's site path made relative to the site's
// root; the path written for it is relative to the page already.
func (p *liquidPass) trimDots() {
	b := p.out.Bytes()
	k := len(b)
	for k > 0 && len(b)-k < 2 && b[k-1] == '.' {
		k--
	}
	if k < len(b) && k > 0 && bytes.IndexByte([]byte("(\"' ="), b[k-1]) >= 0 {
		p.out.Truncate(k)
	}
}

// highlight writes a {% highlight %} block as a fenced code block.
func (p *liquidPass) highlight(open, close liquidTag) {
	lang, _, _ := strings.Cut(open.args, " ")
	body := string(p.src[open.end:close.start])
	body = strings.TrimPrefix(strings.TrimPrefix(body, "\r"), "\n")
	body = strings.TrimRight(body, " \t\r\n")
	body = strings.ReplaceAll(strings.ReplaceAll(body, "{% raw %}", ""), "{% endraw %}", "")
	fence := strings.Repeat("`", max(3, longestRun([]byte(body), '`')+1))
	lead := ""
	if b := p.out.Bytes(); len(b) > 0 && b[len(b)-1] != '\n' {
		lead = "\n"
	}
	text := lead + fence + lang + "\n" + body + "\n" + fence
	// the block stands for the tag's lines
	if p.mapped {
		p.lines = append(p.lines, p.c.lines.line(open.start))
		n := strings.Count(text, "\n") - 1
		for k := 0; k < n; k++ {
			p.lines = append(p.lines, p.c.lines.line(min(open.end+k, close.start)))
		}
		p.out.WriteString(text)
		// the source's own line endings inside the block are gone:
		// blank lines after it keep the lines that follow in place
		if gone := bytes.Count(p.src[open.start:close.end], []byte("\n")) - strings.Count(text, "\n"); gone > 0 {
			for k := 0; k < gone; k++ {
				p.lines = append(p.lines, p.c.lines.line(close.start))
				p.out.WriteByte('\n')
			}
		}
		return
	}
	p.out.WriteString(text)
}

// value is what a variable path names, and whether any file gives it.
func (p *liquidPass) value(name string) (any, bool) {
	scope, key, _ := strings.Cut(name, ".")
	switch scope {
	case "site":
		if key == "" {
			return nil, false
		}
		return lookup(p.site.Config, key)
	case "page":
		if key == "" {
			return nil, false
		}
		if v, ok := lookup(p.page, key); ok {
			return v, true
		}
		return p.site.pageDefault(key)
	case "include":
		if v, ok := p.inc[key]; ok {
			return v, true
		}
		return nil, false
	}
	return nil, false
}

// urlPrefixes are the variables a site writes before its paths.
var urlPrefixes = map[string]bool{"site.baseurl": true, "site.url": true, "page.root": true, "site.github.url": true}

// output writes what {{ … }} makes; pos is the offset after it, and the
// offset to go on from is returned (after a path it made a link of).
func (p *liquidPass) output(t liquidTag, pos int) int {
	expr, filters, _ := strings.Cut(t.args, "|")
	expr = strings.TrimSpace(expr)
	filters = strings.TrimSpace(filters)
	urlFilter := strings.Contains(filters, "relative_url") || strings.Contains(filters, "absolute_url")
	if q := expr; len(q) >= 2 && (q[0] == '"' || q[0] == '\'') && q[len(q)-1] == q[0] {
		s := q[1 : len(q)-1]
		if urlFilter && strings.HasPrefix(s, "/") {
			s = p.siteLink(s)
		}
		p.emit(s, t.start)
		return pos
	}
	if urlPrefixes[expr] && (bytes.HasPrefix(p.src[pos:], []byte("{%")) || bytes.HasPrefix(p.src[pos:], []byte("{{"))) {
		return pos // the tag after it makes the link
	}
	if urlPrefixes[expr] || urlFilter && !strings.Contains(expr, ".") {
		// a path of the site follows: a link to its file
		if pos < len(p.src) && p.src[pos] == '/' {
			end := pos
			for end < len(p.src) && !bytes.ContainsRune([]byte(")\"' \t\r\n<>]"), rune(p.src[end])) {
				end++
			}
			p.emit(p.siteLink(string(p.src[pos:end])), t.start)
			return end
		}
		if expr == "page.root" {
			if _, ok := p.value(expr); !ok {
				return pos // Carpentries' page.root before {% link %}
			}
		}
	}
	v, ok := p.value(expr)
	if !ok {
		if p.inc != nil && strings.HasPrefix(expr, "include.") {
			return pos // an include's parameter not given is empty
		}
		if !liquidName(strings.ReplaceAll(expr, ".", "_")) {
			p.leave(liquidTag{start: t.start, name: "{{ " + expr + " }}"})
			return pos
		}
		if p.inc == nil && len(p.unknown) < 20 && !contains(p.unknown, expr) {
			if len(p.unknown) == 0 {
				p.unknownAt = t.start
			}
			p.unknown = append(p.unknown, expr)
		}
		return pos
	}
	switch v := v.(type) {
	case string, int, int64, float64, bool:
		s := fmt.Sprint(v)
		if urlFilter && strings.HasPrefix(s, "/") {
			s = p.siteLink(s)
		}
		p.emit(s, t.start)
	}
	return pos
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// include writes what a site's include makes.
func (p *liquidPass) include(t liquidTag) {
	fields := splitLiquidArgs(t.args)
	if len(fields) == 0 {
		p.leave(t)
		return
	}
	name := fields[0]
	params := map[string]string{}
	for _, f := range fields[1:] {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			continue
		}
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		} else if x, ok := p.value(v); ok {
			v = fmt.Sprint(x)
		}
		params[k] = v
	}
	body, ok := p.site.Includes[name]
	if t.name == "include_relative" || !ok || p.depth >= 3 || strings.Contains(name, "{{") {
		if p.inc != nil {
			return
		}
		p.leaveInclude(t, name, "not in the site's _includes folder; left out")
		return
	}
	sub := &liquidPass{c: p.c, site: p.site, src: body, tags: scanLiquid(body), page: p.page, inc: params, depth: p.depth + 1, left: map[string]int{}, leftAt: -1}
	sub.run(0, len(sub.tags), 0, len(body))
	if sub.failed {
		if p.inc != nil {
			return // what it would make is left out with it
		}
		p.leaveInclude(t, name, "holds the site's logic (if, for, assign…), which a book does not run; left out")
		return
	}
	text := strings.Trim(sub.out.String(), "\n")
	if strings.HasSuffix(name, ".html") && strings.Contains(text, "\n") {
		// an HTML block of its own, so it is read as one
		text = "\n" + text + "\n"
	}
	p.emit(text, t.start)
}

// splitLiquidArgs splits a tag's arguments at spaces outside quotes.
func splitLiquidArgs(s string) []string {
	var out []string
	var cur strings.Builder
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
			cur.WriteByte(c)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteByte(c)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// fileLink is the path from the page to a file of the site named as
// {% link %} names it, from the site's folder.
func (p *liquidPass) fileLink(name string) string {
	name = strings.Trim(strings.TrimSpace(name), "\"'")
	return p.site.relative(p.c.file, strings.TrimPrefix(name, "/"))
}

// postLink is the path from the page to the post {% post_url %} names.
func (p *liquidPass) postLink(name string) string {
	name = strings.Trim(strings.TrimSpace(name), "\"'")
	for _, ext := range []string{".md", ".markdown", ".html"} {
		f := path.Join("_posts", name+ext)
		if p.site.Pages[f] {
			return p.site.relative(p.c.file, f)
		}
	}
	return p.site.relative(p.c.file, path.Join("_posts", name+".md"))
}

// siteLink is the path from the page to the file the site serves at
// the path u (from the site's root, with its fragment), u itself if no
// file is found.
func (p *liquidPass) siteLink(u string) string {
	if f := p.site.fileAt(u); f != "" {
		frag := ""
		if i := strings.IndexAny(u, "#?"); i >= 0 {
			frag = u[i:]
		}
		return p.site.relative(p.c.file, f) + frag
	}
	return u
}
