package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/width"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// pandoc's simple, multiline and grid tables, whose columns are lined up in
// a fixed-width font (pandoc's MANUAL, "Tables"):
//
//	  Right     Left     Center     Default
//	-------     ------ ----------   -------
//	     12     12        12            12
//
//	-------------------------------------------
//	 Centered   Default     Right Left
//	  Header    Aligned   Aligned Aligned
//	----------- ------- --------- -------------
//	   First    row          12.0 Example of a row
//	                              that spans lines.
//
//	   Second   row           5.0 Another.
//	-------------------------------------------
//
//	+---------+---------------------+
//	| Fruit   | Advantages          |
//	+=========+=====================+
//	| Bananas | - built-in wrapper  |
//	|         | - bright color      |
//	+---------+---------------------+
//
// The whole table is found on its first line by reading the lines below it
// in the source, so a table inside a quotation is not found (the quote
// markers are not spaces); lines holding a tab are not read as a table,
// since their columns depend on tab stops. A simple or multiline table
// needs two columns at least: pandoc's one-column tables open with a line
// of dashes, which CommonMark reads as a thematic break or a setext
// heading's underline.
//
// Columns are counted in the columns of a fixed-width font, as pandoc
// counts them: an East Asian wide or fullwidth character takes two.
// Multiline and grid tables give their columns relative widths from
// their dashes, as pandoc does; simple tables leave them to the content.
//
// Cells of simple and multiline tables are inline Markdown, parsed by
// goldmark with the rest of the file; a grid table's cells are Markdown
// documents of their own, parsed when the tree is made (gridCell), and
// flattened to lines of inline content since the tree's cells hold only
// that, a list's items each on a line starting with its marker.

var (
	kindPandocTable = ast.NewNodeKind("PandocTable")
	kindPandocRow   = ast.NewNodeKind("PandocTableRow")
	kindPandocCell  = ast.NewNodeKind("PandocTableCell")
	kindCellLine    = ast.NewNodeKind("PandocTableCellLine")
)

// pandocTable is a simple, multiline or grid table; its children are its
// rows. When the lines it was found on are not all given to it (a
// container ended first), it holds one paragraph of those lines instead.
type pandocTable struct {
	ast.BaseBlock
	align  []doc.Align
	widths []float64 // relative, as doc.Table's; nil for a simple table
	lines  int       // source lines the table spans
	seen   int       // lines given to it so far
	broken bool
	start  int  // offset of the first line's content
	dashed bool // found by pandocTableParser{dashed: true}
}

func (n *pandocTable) Kind() ast.NodeKind            { return kindPandocTable }
func (n *pandocTable) IsRaw() bool                   { return true }
func (n *pandocTable) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// pandocRow is a row; header marks a row of the table's head.
type pandocRow struct {
	ast.BaseBlock
	header bool
}

func (n *pandocRow) Kind() ast.NodeKind            { return kindPandocRow }
func (n *pandocRow) IsRaw() bool                   { return true }
func (n *pandocRow) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// pandocCell is a cell. A grid cell's lines are the whole width of the
// cell on each source line; a simple or multiline table's cell has a
// cellLine child for the text of each source line, which goldmark parses
// as inline Markdown. (One block of several lines would not do: its lines
// are parts of source lines, and goldmark joins such parts with no space.)
type pandocCell struct {
	ast.BaseBlock
	grid bool
}

func (n *pandocCell) Kind() ast.NodeKind            { return kindPandocCell }
func (n *pandocCell) IsRaw() bool                   { return true }
func (n *pandocCell) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// cellLine is a simple or multiline table cell's text on one source line.
type cellLine struct{ ast.BaseBlock }

func (n *cellLine) Kind() ast.NodeKind            { return kindCellLine }
func (n *cellLine) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// pandocTableParser finds the tables. dashed finds those whose first line
// is dashes or a grid's border, before goldmark's thematic breaks; the
// other finds simple tables with a header line, before paragraphs.
type pandocTableParser struct{ dashed bool }

func (p pandocTableParser) Trigger() []byte {
	if p.dashed {
		return []byte{'-', '+'}
	}
	return nil
}

func (p pandocTableParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	if pc.BlockOffset() < 0 || seg.Padding != 0 || len(line) == 0 {
		return nil, parser.NoChildren
	}
	switch parent.(type) {
	case *ast.List, *east.DefinitionList:
		return nil, parser.NoChildren // their children are their items
	}
	src := reader.Source()
	if !p.mayStart(src, line, seg) {
		return nil, parser.NoChildren
	}
	t := p.scan(src, seg.Start, 0)
	if t == nil {
		return nil, parser.NoChildren
	}
	node := t.node(src)
	node.start, node.dashed = seg.Start, p.dashed
	node.SetPos(seg.Start + pc.BlockOffset())
	node.Lines().Append(seg)
	node.seen = 1
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// mayStart rules out most lines cheaply, before the table is looked for:
// a dashed table's first line is a dash line or a border, a simple
// table's header is followed by a line of dashes and spaces.
func (p pandocTableParser) mayStart(src, line []byte, seg text.Segment) bool {
	if p.dashed {
		s := bytes.TrimRight(bytes.TrimLeft(line, " "), " \r\n")
		if len(s) < 2 {
			return false
		}
		if s[0] == '+' {
			return s[1] == '-' || s[1] == '=' || s[1] == ':'
		}
		return len(bytes.Trim(s, "- ")) == 0
	}
	i := bytes.IndexByte(src[seg.Start:], '\n')
	if i < 0 {
		return false
	}
	next := src[seg.Start+i+1:]
	if j := bytes.IndexByte(next, '\n'); j >= 0 {
		next = next[:j]
	}
	next = bytes.Trim(next, " \r")
	return bytes.IndexByte(next, ' ') > 0 && len(bytes.Trim(next, "- ")) == 0
}

// scan finds the table whose first line's content starts at offset at,
// reading at most limit lines (0: any number).
func (p pandocTableParser) scan(src []byte, at, limit int) *tableScan {
	ls := newTableLines(src, at)
	if ls == nil {
		return nil
	}
	ls.limit = limit
	if !p.dashed {
		return scanSimpleTable(ls)
	}
	first := ls.get(0)
	if first.blank() {
		return nil
	}
	if bytes.HasPrefix(bytes.TrimLeft(first.text, " "), []byte("+")) {
		return scanGridTable(ls)
	}
	return scanDashedTable(ls)
}

func (pandocTableParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	t := node.(*pandocTable)
	if t.seen >= t.lines {
		return parser.Close
	}
	_, seg := reader.PeekLine()
	t.Lines().Append(seg)
	t.seen++
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close reads the table again from the lines it was given when its
// container ended first (a fenced div's closing fence right under it):
// they may make a smaller table, or else a paragraph, so that no text is
// lost or read twice.
func (p pandocTableParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*pandocTable)
	if n.seen >= n.lines {
		return
	}
	n.RemoveChildren(n)
	if t := (pandocTableParser{dashed: n.dashed}).scan(reader.Source(), n.start, n.seen); t != nil && t.lines == n.seen {
		m := t.node(reader.Source())
		n.align, n.widths, n.lines = m.align, m.widths, m.lines
		for r := m.FirstChild(); r != nil; {
			next := r.NextSibling()
			n.AppendChild(n, r)
			r = next
		}
		return
	}
	n.broken = true
	para := ast.NewParagraph()
	para.SetLines(n.Lines())
	n.AppendChild(n, para)
}

func (pandocTableParser) CanInterruptParagraph() bool { return false }
func (pandocTableParser) CanAcceptIndentedLine() bool { return false }

// tableLine is one source line of a table, without its containers'
// indentation.
type tableLine struct {
	start int    // offset of text in the source
	text  []byte // the line's text, without its line break
	cols  []int  // the byte offset in text of the character at each column
	brk   bool   // "\n" follows text in the source
}

func (l tableLine) blank() bool { return len(bytes.Trim(l.text, " ")) == 0 }

// at is the byte offset in text of the character at column col (a wide
// character's first column), or the line's length beyond its end.
func (l tableLine) at(col int) int {
	if col < len(l.cols) {
		return l.cols[col]
	}
	return len(l.text)
}

// width is the line's length in columns.
func (l tableLine) width() int { return len(l.cols) }

// tableLines reads the lines from a table's first onwards, on demand.
type tableLines struct {
	src    []byte
	indent int // bytes of the first line before the table's container
	lines  []tableLine
	next   int  // offset of the next line to read
	limit  int  // lines to read at most, 0 for no limit
	done   bool // no more lines belong to the container
}

// newTableLines starts at the reader's position at, a container's
// content on the first line; nil when the line holds a tab.
func newTableLines(src []byte, at int) *tableLines {
	start := bytes.LastIndexByte(src[:at], '\n') + 1
	ls := &tableLines{src: src, indent: at - start, next: start}
	if !ls.read() {
		return nil
	}
	return ls
}

// read reads one more line; false at the end of the source, at a line
// the container does not hold (less indented) or one holding a tab.
func (ls *tableLines) read() bool {
	if ls.done || ls.next >= len(ls.src) || ls.limit > 0 && len(ls.lines) >= ls.limit {
		ls.done = true
		return false
	}
	start := ls.next
	end := bytes.IndexByte(ls.src[start:], '\n')
	if end < 0 {
		end = len(ls.src)
		ls.next = end
	} else {
		end += start
		ls.next = end + 1
	}
	raw := bytes.TrimSuffix(ls.src[start:end], []byte("\r"))
	if bytes.IndexByte(raw, '\t') >= 0 {
		ls.done = true
		return false
	}
	first := len(ls.lines) == 0
	var l tableLine
	switch {
	case len(bytes.Trim(raw, " ")) == 0:
		l = tableLine{start: start + len(raw)}
	case !first && (len(raw) < ls.indent || len(bytes.Trim(raw[:ls.indent], " ")) > 0):
		ls.done = true // not the container's line
		return false
	default:
		l = tableLine{start: start + ls.indent, text: raw[ls.indent:]}
	}
	l.brk = start+len(raw) < len(ls.src) && ls.src[start+len(raw)] == '\n'
	if !utf8.Valid(l.text) {
		ls.done = true
		return false
	}
	l.cols = make([]int, 0, len(l.text))
	for i, r := range string(l.text) {
		for range runeWidth(r) {
			l.cols = append(l.cols, i)
		}
	}
	ls.lines = append(ls.lines, l)
	return true
}

// runeWidth is how many columns of a fixed-width font r takes, as pandoc
// counts them: two for East Asian wide and fullwidth characters, none for
// combining marks (they sit on the character before), one for the rest.
func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	if unicode.In(r, unicode.Mn, unicode.Me) {
		return 0
	}
	return 1
}

// textWidth is how many columns s takes.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// get is line i of the table, a blank line past the end.
func (ls *tableLines) get(i int) tableLine {
	for len(ls.lines) <= i && ls.read() {
	}
	if i < len(ls.lines) {
		return ls.lines[i]
	}
	return tableLine{start: len(ls.src)}
}

// has reports whether line i exists.
func (ls *tableLines) has(i int) bool {
	ls.get(i)
	return i < len(ls.lines)
}

// dashRun is one column's run of dashes in a simple or multiline table:
// it starts at column start and its region ends where the next starts.
type dashRun struct{ start, dashes, end int }

// dashLine reads a line of runs of dashes separated by spaces, after up to
// three spaces; ok is false for any other line.
func dashLine(l tableLine) (runs []dashRun, ok bool) {
	s := l.text
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i > 3 || i == len(s) || s[i] != '-' {
		return nil, false
	}
	for i < len(s) {
		if s[i] != '-' {
			return nil, false
		}
		r := dashRun{start: i}
		for i < len(s) && s[i] == '-' {
			i++
		}
		r.dashes = i - r.start
		for i < len(s) && s[i] == ' ' {
			i++
		}
		r.end = i
		runs = append(runs, r)
	}
	runs[len(runs)-1].end = -1 // the last column runs to the line's end
	return runs, true
}

// isFooter reports whether line i is dashes followed by a blank line or
// the end: the end of a table.
func (ls *tableLines) isFooter(i int) bool {
	_, ok := dashLine(ls.get(i))
	return ok && ls.get(i+1).blank()
}

// tableScan is a table found: its rows, each cell the segments of its
// source lines, and how many lines it spans.
type tableScan struct {
	lines  int
	align  []doc.Align
	widths []float64
	head   [][][]text.Segment
	body   [][][]text.Segment
	grid   bool
}

// scanSimpleTable reads a simple table with a header line: the header,
// dashes of two columns or more, rows of one line each, ending at a blank
// line or at dashes followed by one.
func scanSimpleTable(ls *tableLines) *tableScan {
	head := ls.get(0)
	if head.blank() {
		return nil
	}
	if _, ok := dashLine(head); ok {
		return nil
	}
	runs, ok := dashLine(ls.get(1))
	if !ok || len(runs) < 2 {
		return nil
	}
	t := &tableScan{align: aligns(runs, []tableLine{head})}
	t.head = [][][]text.Segment{columnCells(runs, []tableLine{head})}
	i := 2
	for ls.has(i) && !ls.get(i).blank() {
		if ls.isFooter(i) {
			i++
			break
		}
		t.body = append(t.body, columnCells(runs, []tableLine{ls.get(i)}))
		i++
	}
	if len(t.body) == 0 {
		return nil
	}
	t.lines = i
	return t
}

// lineWidth is the width in characters pandoc's tables are drawn for
// (its columns setting): a table narrower than this takes as much less of
// the page.
const lineWidth = 72

// dashWidths are the relative widths of a multiline table's columns, from
// its line of dashes l: a column is its dashes and the spaces after them,
// the last one more, as pandoc counts them.
func dashWidths(l tableLine, runs []dashRun) []float64 {
	lengths := make([]int, len(runs))
	for j, r := range runs {
		if r.end < 0 {
			lengths[j] = len(l.text) - r.start + 1
		} else {
			lengths[j] = r.end - r.start
		}
	}
	return relativeWidths(runs[0].start, lengths)
}

// relativeWidths turns the columns' lengths in characters, after lead
// characters, into shares of lineWidth, or of the table's width when it
// is wider, as pandoc does (widthsFromIndices): a last column up to two
// characters shorter than the one before counts as long as it, since the
// others count the space between columns and it does not.
func relativeWidths(lead int, lengths []int) []float64 {
	n := len(lengths)
	if n == 0 {
		return nil
	}
	lengths = append([]int(nil), lengths...)
	if n >= 2 && lengths[n-1] < lengths[n-2] && lengths[n-2]-lengths[n-1] <= 2 {
		lengths[n-1] = lengths[n-2]
	}
	total := lead
	for _, l := range lengths {
		total += l
	}
	q := float64(max(total, lineWidth))
	out := make([]float64, n)
	for j, l := range lengths {
		out[j] = float64(l) / q
	}
	return out
}

// scanDashedTable reads a table whose first line is dashes: a multiline
// table with a header, then a simple table without one, then a multiline
// table without one, as pandoc tries them.
func scanDashedTable(ls *tableLines) *tableScan {
	if t := scanMultiline(ls, true); t != nil {
		return t
	}
	if t := scanHeadlessSimple(ls); t != nil {
		return t
	}
	return scanMultiline(ls, false)
}

func scanHeadlessSimple(ls *tableLines) *tableScan {
	runs, ok := dashLine(ls.get(0))
	if !ok || len(runs) < 2 {
		return nil
	}
	t := &tableScan{}
	i := 1
	for {
		if !ls.has(i) || ls.get(i).blank() {
			return nil // no closing dashes
		}
		if ls.isFooter(i) {
			break
		}
		t.body = append(t.body, columnCells(runs, []tableLine{ls.get(i)}))
		i++
	}
	if len(t.body) == 0 {
		return nil
	}
	// without a header, the first row's text sets the alignment
	t.align = aligns(runs, []tableLine{ls.get(1)})
	t.lines = i + 1
	return t
}

// scanMultiline reads a multiline table: with a header, dashes, the
// header's lines, then the columns' dashes; rows of lines separated by
// blank lines; dashes followed by a blank line.
func scanMultiline(ls *tableLines, headed bool) *tableScan {
	i := 0
	var headLines []tableLine
	if headed {
		if _, ok := dashLine(ls.get(0)); !ok {
			return nil
		}
		i = 1
		for ls.has(i) && !ls.get(i).blank() {
			if _, ok := dashLine(ls.get(i)); ok {
				break
			}
			headLines = append(headLines, ls.get(i))
			i++
		}
		if len(headLines) == 0 {
			return nil
		}
	}
	runs, ok := dashLine(ls.get(i))
	if !ok || len(runs) < 2 {
		return nil
	}
	i++
	i0 := i
	t := &tableScan{widths: dashWidths(ls.get(i-1), runs)}
	if headed {
		t.align = aligns(runs, headLines)
		t.head = [][][]text.Segment{columnCells(runs, headLines)}
	}
	for {
		// the first row right under the dashes, then blank lines
		// before each row or the closing dashes
		for len(t.body) > 0 && ls.has(i) && ls.get(i).blank() {
			i++
		}
		if !ls.has(i) {
			return nil
		}
		if ls.isFooter(i) && len(t.body) > 0 {
			break
		}
		var row []tableLine
		for ls.has(i) && !ls.get(i).blank() && !ls.isFooter(i) {
			row = append(row, ls.get(i))
			i++
		}
		if len(row) == 0 {
			return nil // dashes before any row
		}
		t.body = append(t.body, columnCells(runs, row))
	}
	if !headed {
		// without a header, the first row's first line sets the
		// alignment, as in a simple table
		t.align = aligns(runs, []tableLine{ls.get(i0)})
	}
	t.lines = i + 1
	return t
}

// aligns is each column's alignment, from where its header text lies
// under its dashes (pandoc's rule): text flush right and not left is
// right-aligned, flush left and not right left-aligned, flush on neither
// side centred, flush on both the default.
func aligns(runs []dashRun, lines []tableLine) []doc.Align {
	out := make([]doc.Align, len(runs))
	for j, r := range runs {
		longest := ""
		for _, l := range lines {
			s := string(bytes.TrimRight(l.text[l.at(r.start):regionEnd(l, r)], " "))
			if textWidth(s) > textWidth(longest) {
				longest = s
			}
		}
		if longest == "" {
			continue
		}
		left := longest[0] == ' '
		right := textWidth(longest) < r.dashes
		switch {
		case left && !right:
			out[j] = doc.AlignRight
		case !left && right:
			out[j] = doc.AlignLeft
		case left && right:
			out[j] = doc.AlignCenter
		}
	}
	return out
}

// regionEnd is the byte offset in l where column r's region ends.
func regionEnd(l tableLine, r dashRun) int {
	if r.end < 0 {
		return len(l.text)
	}
	return l.at(r.end)
}

// columnCells cuts lines into the columns the runs mark: each cell the
// segments of its text on each line. The first column also takes text
// left of its dashes, and a line's text running past its column stays in
// it up to the next column's start.
func columnCells(runs []dashRun, lines []tableLine) [][]text.Segment {
	cells := make([][]text.Segment, len(runs))
	for j, r := range runs {
		for _, l := range lines {
			from := l.at(r.start)
			if j == 0 {
				from = 0
			}
			to := regionEnd(l, r)
			if from >= to {
				continue
			}
			s, e := from, to
			for s < e && l.text[s] == ' ' {
				s++
			}
			for e > s && l.text[e-1] == ' ' {
				e--
			}
			if s == e {
				continue
			}
			cells[j] = append(cells[j], text.NewSegment(l.start+s, l.start+e))
		}
	}
	return cells
}

// node makes the table's goldmark node.
func (t *tableScan) node(src []byte) *pandocTable {
	n := &pandocTable{align: t.align, widths: t.widths, lines: t.lines}
	add := func(rows [][][]text.Segment, header bool) {
		for _, r := range rows {
			row := &pandocRow{header: header}
			for _, segs := range r {
				cell := &pandocCell{grid: t.grid}
				for _, s := range segs {
					if t.grid {
						cell.Lines().Append(s)
						continue
					}
					l := &cellLine{}
					l.Lines().Append(s)
					cell.AppendChild(cell, l)
				}
				row.AppendChild(row, cell)
			}
			n.AppendChild(n, row)
		}
	}
	add(t.head, true)
	add(t.body, false)
	return n
}

// scanGridTable reads a grid table: a border of "+" and "-", lines of
// cells between "|" (or "+") at the columns' edges, borders between rows,
// one of "=" under the head, and a border last. Columns are where any
// border has a "+". A cell spanning columns gives its text to its first
// column (the tree keeps no spans), and the border pieces inside a row
// whose cells span rows are left out.
func scanGridTable(ls *tableLines) *tableScan {
	top := ls.get(0)
	ind := len(top.text) - len(bytes.TrimLeft(top.text, " "))
	if !isGridBorder(top, ind) {
		return nil
	}
	right := textWidth(string(bytes.TrimRight(top.text, " "))) - 1 // the right edge's column
	var lines []tableLine
	lastBorder := -1
	for i := 0; ls.has(i); i++ {
		l := ls.get(i)
		t := bytes.TrimRight(l.text, " ")
		if len(t)-len(bytes.TrimLeft(t, " ")) != ind || textWidth(string(t))-1 != right {
			break
		}
		if c := t[ind]; c != '+' && c != '|' {
			break
		}
		if c := t[len(t)-1]; c != '+' && c != '|' {
			break
		}
		lines = append(lines, l)
		if isGridBorder(l, ind) {
			lastBorder = i
		}
	}
	if lastBorder < 2 {
		return nil
	}
	lines = lines[:lastBorder+1]
	// the columns' edges: every "+" of every border
	edge := map[int]bool{}
	for _, l := range lines {
		if isGridBorder(l, ind) {
			for c := ind; c < l.width(); c++ {
				if l.text[l.at(c)] == '+' {
					edge[c] = true
				}
			}
		}
	}
	var edges []int
	for c := ind; c <= right; c++ {
		if edge[c] {
			edges = append(edges, c)
		}
	}
	ncol := len(edges) - 1
	lengths := make([]int, ncol)
	for j := range lengths {
		lengths[j] = edges[j+1] - edges[j] // its dashes and one edge
	}
	t := &tableScan{grid: true, lines: len(lines), align: make([]doc.Align, ncol), widths: relativeWidths(0, lengths)}
	headSep := -1
	for i := 1; i < len(lines)-1; i++ {
		if isGridBorder(lines[i], ind) && bytes.IndexByte(lines[i].text, '=') >= 0 {
			headSep = i
			break
		}
	}
	alignFrom := lines[0]
	if headSep > 0 {
		alignFrom = lines[headSep]
	}
	for j := 0; j < ncol; j++ {
		l, r := alignFrom.text[alignFrom.at(edges[j]+1)] == ':', alignFrom.text[alignFrom.at(edges[j+1]-1)] == ':'
		switch {
		case l && r:
			t.align[j] = doc.AlignCenter
		case l:
			t.align[j] = doc.AlignLeft
		case r:
			t.align[j] = doc.AlignRight
		}
	}
	var row [][]text.Segment
	for i := 1; i < len(lines); i++ {
		l := lines[i]
		if isGridBorder(l, ind) {
			if row != nil {
				if i <= headSep {
					t.head = append(t.head, row)
				} else {
					t.body = append(t.body, row)
				}
			}
			row = nil
			continue
		}
		if row == nil {
			row = make([][]text.Segment, ncol)
		}
		for j := 0; j < ncol; {
			k := j + 1
			for k < ncol && !isGridEdge(l.text[l.at(edges[k])]) {
				k++
			}
			from, to := l.at(edges[j]+1), l.at(edges[k])
			if !isBorderPiece(l.text[from:to]) {
				row[j] = append(row[j], text.NewSegment(l.start+from, l.start+to))
			}
			j = k
		}
	}
	return t
}

func isGridEdge(c byte) bool { return c == '+' || c == '|' }

// isGridBorder reports whether l, from column ind, is a grid table's
// border: "+", then runs of "-" or "=" (colons at their ends allowed) each
// followed by "+", and nothing else but trailing spaces.
func isGridBorder(l tableLine, ind int) bool {
	s := bytes.TrimRight(l.text, " ")
	if len(s) < ind+3 || len(bytes.Trim(s[:ind], " ")) > 0 || s[ind] != '+' || s[len(s)-1] != '+' {
		return false
	}
	s = s[ind:]
	for _, c := range s {
		if c != '+' && c != '-' && c != '=' && c != ':' {
			return false
		}
	}
	return bytes.IndexByte(s, '-') >= 0 || bytes.IndexByte(s, '=') >= 0
}

// isBorderPiece reports whether a cell's text on a line is a piece of
// border (under a cell spanning rows beside it), not text.
func isBorderPiece(s []byte) bool {
	s = bytes.Trim(s, " ")
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if c != '+' && c != '-' && c != '=' && c != ':' {
			return false
		}
	}
	return true
}

// pandocTable makes a simple, multiline or grid table of the tree. A head
// of several rows (a grid table's) gives the first to Header and the
// others as rows of heading cells.
func (c *converter) pandocTable(n *pandocTable, line int) []doc.Block {
	if n.broken {
		return c.blocks(n)
	}
	t := &doc.Table{BlockBase: doc.BlockBase{Pos: c.posAt(n.Pos(), line)}, Align: append([]doc.Align(nil), n.align...),
		Widths: append([]float64(nil), n.widths...)}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		row, ok := r.(*pandocRow)
		if !ok {
			continue
		}
		var cells []*doc.TableCell
		for k := row.FirstChild(); k != nil; k = k.NextSibling() {
			cell, ok := k.(*pandocCell)
			if !ok {
				continue
			}
			tc := &doc.TableCell{}
			if cell.grid {
				tc.Content = c.gridCell(cell)
			} else {
				// the lines of the cell, joined by spaces
				for l := cell.FirstChild(); l != nil; l = l.NextSibling() {
					in := flattenItems(c.inlineItems(l, c.nodeLine(l)))
					if len(in) > 0 && len(tc.Content) > 0 {
						tc.Content = append(tc.Content, &doc.Text{Text: " "})
					}
					tc.Content = append(tc.Content, in...)
				}
			}
			if row.header && t.Header != nil {
				tc.Header, tc.Scope = true, doc.ScopeColumn
			}
			cells = append(cells, tc)
		}
		if row.header && t.Header == nil {
			t.Header = cells
			continue
		}
		t.Rows = append(t.Rows, cells)
	}
	padTable(t)
	return []doc.Block{t}
}

// maxCellDepth bounds grid tables in grid tables' cells: deeper, a cell
// is its text as written.
const maxCellDepth = 4

// cellContext is the parse context of a grid table's cell: the file's,
// so that its link references, footnotes and headings are known, but its
// own headings and footnote definitions are not filed with the file's.
type cellContext struct{ parser.Context }

// gridCell parses a grid table's cell as a Markdown document of its own:
// its lines less the indentation they share and their trailing spaces.
// Its blocks become the cell's inline content, joined by line breaks; a
// code block keeps its lines.
func (c *converter) gridCell(cell *pandocCell) []doc.Inline {
	lines := cell.Lines()
	if lines.Len() == 0 {
		return nil
	}
	texts := make([][]byte, lines.Len())
	indent := -1
	for i := range texts {
		seg := lines.At(i)
		texts[i] = bytes.TrimRight(seg.Value(c.src), " ")
		if len(texts[i]) > 0 {
			w := len(texts[i]) - len(bytes.TrimLeft(texts[i], " "))
			if indent < 0 || w < indent {
				indent = w
			}
		}
	}
	if indent < 0 {
		return nil
	}
	var sub []byte
	for _, t := range texts {
		if len(t) > indent {
			sub = append(sub, t[indent:]...)
		}
		sub = append(sub, '\n')
	}
	first := c.lines.line(lines.At(0).Start)
	if c.cellDepth >= maxCellDepth || c.parser == nil {
		return []doc.Inline{&doc.Text{Text: string(bytes.Join(bytes.Fields(sub), []byte(" ")))}}
	}
	c.markers() // chosen from the whole file, before the source is the cell's
	saved := *c
	warned := len(c.warnings)
	pending := len(pendingWarnings(c.refs))
	c.src, c.lines, c.lineOffset, c.fragment = sub, newLineIndex(sub), c.lineOffset+first-1, true
	c.cellDepth++
	root := c.parser.Parse(text.NewReader(sub), parser.WithContext(cellContext{c.refs}))
	if list := pendingWarnings(c.refs); len(list) > pending {
		for _, w := range list[pending:] {
			c.warnAt(w.offset, w.code, w.msg)
		}
		c.refs.Set(warningsKey, list[:pending])
	}
	blocks := c.blocks(root)
	c.src, c.lines, c.lineOffset, c.fragment, c.cellDepth = saved.src, saved.lines, saved.lineOffset, saved.fragment, saved.cellDepth
	for i := warned; i < len(c.warnings); i++ {
		if c.warnings[i].line > 0 {
			c.warnings[i].line += first - 1
		}
		c.warnings[i].column = 0
	}
	var out []doc.Inline
	for _, in := range cellLines(blocks, 0) {
		if len(out) > 0 {
			out = append(out, &doc.Break{})
		}
		out = append(out, in...)
	}
	return trimInlines(out)
}

// cellBullets are the markers of a grid cell's list items, by depth, as
// print marks the items of lists outside tables.
var cellBullets = []string{"•", "–", "◦"}

// cellLines are the lines a grid cell's blocks make, since the tree's
// cells hold only inline content: a code block keeps its lines, and a
// list item starts with its marker (a bullet by depth, or its number), so
// that the list still reads as one (a task's box as written, since the
// faces print has lack ☐ and ☑); depth counts the lists around blocks.
func cellLines(blocks []doc.Block, depth int) [][]doc.Inline {
	var out [][]doc.Inline
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.CodeBlock:
			for _, l := range strings.Split(b.Text, "\n") {
				var in []doc.Inline
				if l != "" {
					in = []doc.Inline{&doc.Code{Text: l}}
				}
				out = append(out, in)
			}
		case *doc.List:
			for i, it := range b.Items {
				marker := cellBullets[depth%len(cellBullets)]
				switch {
				case it.Task == doc.TaskOpen:
					marker = "[ ]"
				case it.Task == doc.TaskDone:
					marker = "[x]"
				case b.Ordered:
					marker = strconv.Itoa(b.Start+i) + "."
				}
				lines := cellLines(it.Blocks, depth+1)
				if len(lines) == 0 {
					lines = [][]doc.Inline{nil}
				}
				// a no-break space: the marker stays with the first word
				lines[0] = append([]doc.Inline{&doc.Text{Text: marker + "\u00a0"}}, lines[0]...)
				out = append(out, lines...)
			}
		default:
			if in := blockInlines(b); len(in) > 0 {
				out = append(out, in)
			}
		}
	}
	return out
}

// Table captions, for every kind of table (pandoc's table_captions): a
// paragraph starting "Table:", "table:" or ":" (not followed by
// punctuation) just before a table, or else just after it, is its
// caption, without that word.

// captionPrefix is the length of the caption word at the start of a
// paragraph's first line, with the spaces before it; 0 if it has none.
func captionPrefix(line []byte) int {
	s := bytes.TrimLeft(line, " ")
	lead := len(line) - len(s)
	if lead > 3 {
		return 0
	}
	switch {
	case bytes.HasPrefix(s, []byte("Table:")), bytes.HasPrefix(s, []byte("table:")):
		return lead + len("Table:")
	case len(s) > 1 && s[0] == ':' && s[1] != '\n' && s[1] != '\r' && !isASCIIPunct(s[1]):
		return lead + 1
	}
	return 0
}

func isASCIIPunct(c byte) bool {
	return c < 0x80 && (c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~')
}

// isCaption reports whether n is a paragraph that may be a caption.
func isCaption(n ast.Node, src []byte) bool {
	p, ok := n.(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return false
	}
	seg := p.Lines().At(0)
	return captionPrefix(seg.Value(src)) > 0
}

func isTableNode(n ast.Node) bool {
	switch n.(type) {
	case *pandocTable, *east.Table:
		return true
	}
	return false
}

// tableCaptions pairs the tables among kids, siblings in order, with
// their caption paragraphs: the one before a table, else the one after
// it, if no table before has taken it. A caption paragraph maps to nil.
func tableCaptions(kids []ast.Node, src []byte) map[ast.Node]*ast.Paragraph {
	var caps map[ast.Node]*ast.Paragraph
	taken := map[ast.Node]bool{}
	for i, k := range kids {
		if !isTableNode(k) {
			continue
		}
		var p ast.Node
		switch {
		case i > 0 && !taken[kids[i-1]] && isCaption(kids[i-1], src):
			p = kids[i-1]
		case i+1 < len(kids) && isCaption(kids[i+1], src):
			p = kids[i+1]
		default:
			continue
		}
		if caps == nil {
			caps = map[ast.Node]*ast.Paragraph{}
		}
		caps[k] = p.(*ast.Paragraph)
		caps[p] = nil
		taken[p] = true
	}
	return caps
}

// captionAttrs reads the attributes a caption may end with, pandoc's
// "Table: Caption {#tbl:id .class key=value}": the id and classes, and the
// caption's inline nodes without them. ok is false when the caption ends
// in no attributes, or in braces its text cannot lose cleanly (a brace
// inside emphasis or code, say).
func captionAttrs(p *ast.Paragraph, src []byte) (id string, classes []string, ok bool) {
	last := p.Lines().At(p.Lines().Len() - 1)
	line := bytes.TrimRight(last.Value(src), " \t\r\n")
	if len(line) == 0 || line[len(line)-1] != '}' {
		return "", nil, false
	}
	open := bytes.LastIndexByte(line, '{')
	if open < 1 || line[open-1] != ' ' && line[open-1] != '\t' {
		return "", nil, false
	}
	r := text.NewReader(line[open:])
	attrs, ok := parser.ParseAttributes(r)
	if !ok || r.Peek() != text.EOF {
		return "", nil, false
	}
	at := last.Start + open
	// the inline nodes from the brace on: text, and the quotes the
	// typographer made of the attributes' (which have no position)
	var cut []ast.Node
	var split *ast.Text
	for n := p.LastChild(); ; n = n.PreviousSibling() {
		if n == nil {
			return "", nil, false
		}
		if _, quote := n.(*ast.String); quote {
			cut = append(cut, n)
			continue
		}
		t, isText := n.(*ast.Text)
		if !isText {
			return "", nil, false
		}
		if t.Segment.Start >= at {
			cut = append(cut, n)
			continue
		}
		if t.Segment.Stop > at {
			split = t
		}
		break
	}
	for _, n := range cut {
		p.RemoveChild(p, n)
	}
	if split != nil {
		split.Segment = split.Segment.WithStop(at)
	}
	for _, a := range attrs {
		v, isBytes := a.Value.([]byte)
		if !isBytes {
			continue
		}
		switch string(a.Name) {
		case "id":
			id = string(v)
		case "class":
			classes = strings.Fields(string(v))
		}
	}
	return id, classes, true
}

// caption is a caption paragraph's content without its caption word.
func (c *converter) caption(p *ast.Paragraph) []doc.Inline {
	seg := p.Lines().At(0)
	word := string(bytes.TrimLeft(seg.Value(c.src)[:captionPrefix(seg.Value(c.src))], " "))
	content := flattenItems(c.inlineItems(p, c.nodeLine(p)))
	if len(content) > 0 {
		if t, ok := content[0].(*doc.Text); ok && strings.HasPrefix(t.Text, word) {
			t.Text = strings.TrimLeft(t.Text[len(word):], " ")
		}
	}
	return trimInlines(content)
}

// captionGuard is goldmark's definition list parser, which does not read
// a caption of a table as a definition ("Table: …" after a table, then
// ": …" before the next; or a paragraph, then ": …" before a table),
// where pandoc reads captions.
type captionGuard struct{ parser.BlockParser }

func (g captionGuard) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if para, ok := parent.LastChild().(*ast.Paragraph); ok && pc.LastOpenedBlock().Node != para {
		src := reader.Source()
		if isCaption(para, src) && isTableNode(para.PreviousSibling()) {
			return nil, parser.NoChildren
		}
		if _, seg := reader.PeekLine(); captionBeforeTable(src, seg.Start) {
			return nil, parser.NoChildren
		}
	}
	return g.BlockParser.Open(parent, reader, pc)
}

// captionBeforeTable reports whether the paragraph starting at offset at
// is followed, after blank lines, by the start of a table.
func captionBeforeTable(src []byte, at int) bool {
	ls := newTableLines(src, at)
	if ls == nil {
		return false
	}
	i := 0
	for ls.has(i) && !ls.get(i).blank() {
		i++
	}
	if i == 0 || i > 100 {
		return false
	}
	for ls.has(i) && ls.get(i).blank() {
		i++
	}
	if !ls.has(i) {
		return false
	}
	l := ls.get(i)
	if _, ok := dashLine(l); ok {
		return true
	}
	if ind := len(l.text) - len(bytes.TrimLeft(l.text, " ")); ind <= 3 && isGridBorder(l, ind) {
		return true
	}
	next := ls.get(i + 1)
	if runs, ok := dashLine(next); ok && len(runs) > 1 {
		return true
	}
	d := bytes.Trim(next.text, " ")
	return len(d) > 0 && bytes.IndexByte(d, '|') >= 0 && bytes.IndexByte(d, '-') >= 0 && len(bytes.Trim(d, "|:- ")) == 0
}

// captioned converts n when it is a table with a caption (giving it the
// caption) or a caption paragraph (giving nothing: its table has it); ok
// is false for any other node. A table that is no table in the tree
// (its lines kept as text) leaves its caption a paragraph.
func (c *converter) captioned(n ast.Node, caps map[ast.Node]*ast.Paragraph) (out []doc.Block, ok bool) {
	p, in := caps[n]
	if !in {
		return nil, false
	}
	if p == nil {
		return nil, true // a caption, which its table shows
	}
	out = c.block(n)
	if len(out) == 1 {
		if t, ok := out[0].(*doc.Table); ok {
			if id, classes, ok := captionAttrs(p, c.src); ok {
				t.ID, t.Classes = id, classes
			} else if label := c.d2lTrailingOption(p, "label"); label != "" {
				t.ID = label // d2lbook's ":Caption" then ":label:`tab_x`"
			}
			t.Caption = c.caption(p)
			c.bookdownTableLabel(t)
			if kind, _, _ := doc.CrossrefKind(t.ID); kind == doc.CrossrefTable && t.ID[0] == 't' && len(t.Caption) > 0 {
				// Quarto's and pandoc-crossref's numbered table
				t.Caption = append([]doc.Inline{doc.CrossrefLabel(doc.CrossrefTable)}, t.Caption...)
			}
			return out, true
		}
	}
	bs := c.block(p)
	if p.PreviousSibling() == n {
		return append(out, bs...), true
	}
	return append(bs, out...), true
}
