package cite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// Codes of the problems a bibliography reports.
const (
	CodeMalformed = "bibliography.malformed"  // not CSL-JSON or BibTeX
	CodeField     = "bibliography.field"      // a field of the wrong kind
	CodeKey       = "bibliography.key"        // an entry without a key, or a key given twice
	CodeType      = "bibliography.type"       // a kind of work the styles do not know
	CodeMacro     = "bibliography.macro"      // an undefined BibTeX @string
	CodeFormat    = "bibliography.format"     // a file that is neither
	CodeUnread    = "bibliography.unreadable" // a file that cannot be read
)

// Bibliography is the records of one or more files, by key.
type Bibliography struct {
	Records []*Record
	byKey   map[string]*Record
}

// Lookup finds a record by its key.
func (b *Bibliography) Lookup(key string) (*Record, bool) {
	r, ok := b.byKey[key]
	return r, ok
}

// Add appends records, reporting a key given before as an error at the
// repeat.
func (b *Bibliography) Add(records []*Record) []diag.Diagnostic {
	if b.byKey == nil {
		b.byKey = map[string]*Record{}
	}
	var out []diag.Diagnostic
	for _, r := range records {
		if prev, dup := b.byKey[r.Key]; dup {
			out = append(out, diag.Errorf(r.File, r.Line, CodeKey, "entry %q is defined again (first at %s:%d)", r.Key, prev.File, prev.Line))
			continue
		}
		b.byKey[r.Key] = r
		b.Records = append(b.Records, r)
	}
	return out
}

// Parse reads a bibliography file by its extension: ".json" is CSL-JSON,
// ".bib" BibTeX (BibLaTeX's fields too). name is the file as messages
// show it.
func Parse(name string, data []byte) ([]*Record, []diag.Diagnostic) {
	switch ext := strings.ToLower(name[strings.LastIndexByte(name, '.')+1:]); {
	case strings.HasSuffix(strings.ToLower(name), ".json"):
		return ParseCSLJSON(name, data)
	case strings.HasSuffix(strings.ToLower(name), ".bib"), strings.HasSuffix(strings.ToLower(name), ".bibtex"):
		return ParseBibTeX(name, data)
	default:
		return nil, []diag.Diagnostic{diag.Errorf(name, 0, CodeFormat, "bibliography file must be CSL-JSON (.json) or BibTeX (.bib), not %q", "."+ext)}
	}
}

// lines maps byte offsets to 1-based lines and columns.
type lines []int

func newLines(data []byte) lines {
	ls := lines{0}
	for i, c := range data {
		if c == '\n' {
			ls = append(ls, i+1)
		}
	}
	return ls
}

func (ls lines) at(off int) (line, col int) {
	i := sort.Search(len(ls), func(i int) bool { return ls[i] > off }) - 1
	if i < 0 {
		return 1, off + 1
	}
	return i + 1, off - ls[i] + 1
}

// jvalue is a JSON value with where it starts.
type jvalue struct {
	off    int
	str    *string
	num    *json.Number
	boolv  *bool
	null   bool
	arr    []*jvalue
	obj    []jfield
	isArr  bool
	isObj  bool
	keyOff int
}

type jfield struct {
	key string
	off int
	val *jvalue
}

func (v *jvalue) describe() string {
	switch {
	case v.str != nil:
		return "a string"
	case v.num != nil:
		return "a number"
	case v.boolv != nil:
		return "true or false"
	case v.null:
		return "null"
	case v.isArr:
		return "a list"
	}
	return "an object"
}

// jsonReader reads tokens and knows where each starts.
type jsonReader struct {
	data []byte
	dec  *json.Decoder
}

// next returns the next token and its offset.
func (r *jsonReader) next() (json.Token, int, error) {
	off := int(r.dec.InputOffset())
	for off < len(r.data) && strings.IndexByte(" \t\r\n,:", r.data[off]) >= 0 {
		off++
	}
	t, err := r.dec.Token()
	return t, off, err
}

const maxJSONDepth = 64

func (r *jsonReader) value(t json.Token, off, depth int) (*jvalue, error) {
	if depth > maxJSONDepth {
		return nil, &json.SyntaxError{Offset: int64(off)}
	}
	v := &jvalue{off: off}
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '[':
			v.isArr = true
			for r.dec.More() {
				tt, o, err := r.next()
				if err != nil {
					return nil, err
				}
				item, err := r.value(tt, o, depth+1)
				if err != nil {
					return nil, err
				}
				v.arr = append(v.arr, item)
			}
		case '{':
			v.isObj = true
			for r.dec.More() {
				kt, ko, err := r.next()
				if err != nil {
					return nil, err
				}
				key, _ := kt.(string)
				vt, vo, err := r.next()
				if err != nil {
					return nil, err
				}
				val, err := r.value(vt, vo, depth+1)
				if err != nil {
					return nil, err
				}
				v.obj = append(v.obj, jfield{key: key, off: ko, val: val})
			}
		default:
			return nil, &json.SyntaxError{Offset: int64(off)}
		}
		if _, err := r.dec.Token(); err != nil { // the closing delimiter
			return nil, err
		}
	case string:
		v.str = &t
	case json.Number:
		v.num = &t
	case bool:
		v.boolv = &t
	case nil:
		v.null = true
	}
	return v, nil
}

// ParseCSLJSON reads a CSL-JSON bibliography: a list of records as Zotero,
// pandoc and Better BibTeX export them. Every problem is reported, at the
// line of the record or field it concerns; a record with an error is left
// out.
func ParseCSLJSON(name string, data []byte) ([]*Record, []diag.Diagnostic) {
	ls := newLines(data)
	errAt := ls.errorf(name)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	r := &jsonReader{data: data, dec: dec}
	t, off, err := r.next()
	if err == io.EOF {
		return nil, []diag.Diagnostic{diag.Errorf(name, 0, CodeMalformed, "bibliography is empty; CSL-JSON is a list of records: [ {\"id\": …}, … ]")}
	}
	var root *jvalue
	if err == nil {
		root, err = r.value(t, off, 0)
	}
	if err == nil {
		if _, _, extra := r.next(); extra != io.EOF {
			err = &json.SyntaxError{Offset: dec.InputOffset()}
		}
	}
	if err != nil {
		var se *json.SyntaxError
		at := len(data)
		msg := err.Error()
		if errors.As(err, &se) {
			at = min(int(se.Offset), len(data)-1)
			msg = se.Error()
		} else if err == io.ErrUnexpectedEOF || err == io.EOF {
			msg = "the file ends inside a value"
		}
		return nil, []diag.Diagnostic{errAt(at, CodeMalformed, "not valid CSL-JSON: %s", msg)}
	}
	if !root.isArr {
		return nil, []diag.Diagnostic{errAt(root.off, CodeMalformed, "CSL-JSON must be a list of records, not %s", root.describe())}
	}
	var out []*Record
	var diags []diag.Diagnostic
	for i, item := range root.arr {
		rec, ds := cslRecord(item, i, name, ls)
		diags = append(diags, ds...)
		if rec != nil {
			out = append(out, rec)
		}
	}
	return out, diags
}

// cslTypes maps CSL's item types to the kinds the styles tell apart.
var cslTypes = map[string]Type{
	"book": Book, "pamphlet": Book, "report": Book, "classic": Book, "standard": Book, "document": Book,
	"chapter": Chapter, "paper-conference": Chapter, "entry": Chapter, "entry-dictionary": Chapter, "entry-encyclopedia": Chapter,
	"article-journal": Article, "review": Article, "review-book": Article,
	"article-magazine": Periodical, "article-newspaper": Periodical,
	"webpage": Webpage, "post": Webpage, "post-weblog": Webpage,
	"thesis":     Thesis,
	"manuscript": Manuscript, "speech": Manuscript, "personal_communication": Manuscript, "interview": Manuscript,
	"article": Manuscript,
}

func cslRecord(v *jvalue, index int, file string, ls lines) (*Record, []diag.Diagnostic) {
	errAt := ls.errorf(file)
	if !v.isObj {
		return nil, []diag.Diagnostic{errAt(v.off, CodeMalformed, "record %d is %s, not an object", index+1, v.describe())}
	}
	line, _ := ls.at(v.off)
	rec := &Record{File: file, Line: line, Type: Book}
	var diags []diag.Diagnostic
	fieldErr := func(f jfield, want string) {
		diags = append(diags, errAt(f.off, CodeField, "%s: field %q must be %s, not %s", recName(rec, index), f.key, want, f.val.describe()))
	}
	text := func(f jfield) (string, bool) {
		switch {
		case f.val.str != nil:
			return strings.TrimSpace(*f.val.str), true
		case f.val.num != nil:
			return f.val.num.String(), true
		case f.val.null:
			return "", true
		}
		fieldErr(f, "text")
		return "", false
	}
	// the key first, so every message names the record
	for _, f := range v.obj {
		if f.key == "id" {
			if s, ok := text(f); ok {
				rec.Key = s
			}
		}
	}
	typeSeen := ""
	typeOff := 0
	for _, f := range v.obj {
		switch f.key {
		case "id":
		case "type":
			if s, ok := text(f); ok {
				typeSeen, typeOff = s, f.off
			}
		case "author", "editor", "translator":
			names, ok := cslNames(f)
			if !ok {
				fieldErr(f, "a list of names ({\"family\": …, \"given\": …} or {\"literal\": …})")
				continue
			}
			switch f.key {
			case "author":
				rec.Author = names
			case "editor":
				rec.Editor = names
			default:
				rec.Translator = names
			}
		case "issued", "original-date", "accessed":
			d, ok := cslDate(f.val)
			if !ok {
				fieldErr(f, "a date ({\"date-parts\": [[1921, 3, 8]]}, {\"raw\": \"1921\"} or {\"literal\": …})")
				continue
			}
			switch f.key {
			case "issued":
				rec.Issued = d
			case "original-date":
				rec.Original = d
			default:
				rec.Accessed = d
			}
		default:
			dst := cslTextField(rec, f.key)
			if dst == nil {
				continue // a field no style prints (abstract, ISBN…)
			}
			if s, ok := text(f); ok {
				*dst = s
			}
		}
	}
	if rec.Key == "" {
		diags = append(diags, errAt(v.off, CodeKey, "record %d has no \"id\"; citations name records by it", index+1))
		return nil, diags
	}
	if typeSeen != "" {
		t, ok := cslTypes[typeSeen]
		if !ok {
			line, col := ls.at(typeOff)
			d := diag.Warnf(file, line, CodeType, "%s: type %q is not one the styles know; cited as a book", recName(rec, index), typeSeen)
			d.Column = col
			diags = append(diags, d)
			t = Book
		}
		rec.Type = t
	}
	if len(diags) > 0 && hasErrors(diags) {
		return nil, diags
	}
	rec.tidy()
	return rec, diags
}

// errorf makes error diagnostics at byte offsets of the file name.
func (ls lines) errorf(name string) func(off int, code, format string, args ...any) diag.Diagnostic {
	return func(off int, code, format string, args ...any) diag.Diagnostic {
		line, col := ls.at(off)
		d := diag.Errorf(name, line, code, format, args...)
		d.Column = col
		return d
	}
}

func hasErrors(ds []diag.Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == diag.Error {
			return true
		}
	}
	return false
}

func recName(r *Record, index int) string {
	if r.Key != "" {
		return fmt.Sprintf("entry %q", r.Key)
	}
	return fmt.Sprintf("record %d", index+1)
}

// cslTextField is where a CSL text variable goes in a record, nil for one
// the styles do not print.
func cslTextField(r *Record, key string) *string {
	switch key {
	case "title":
		return &r.Title
	case "title-short", "shortTitle":
		return &r.ShortTitle
	case "container-title":
		return &r.Container
	case "collection-title":
		return &r.Collection
	case "publisher":
		return &r.Publisher
	case "publisher-place", "event-place":
		return &r.Place
	case "genre":
		return &r.Genre
	case "volume":
		return &r.Volume
	case "issue":
		return &r.Issue
	case "page":
		return &r.Pages
	case "edition":
		return &r.Edition
	case "URL":
		return &r.URL
	case "DOI":
		return &r.DOI
	case "language":
		return &r.Language
	case "note":
		return &r.Note
	}
	return nil
}

func cslNames(f jfield) ([]Name, bool) {
	if f.val.null {
		return nil, true
	}
	if !f.val.isArr {
		return nil, false
	}
	var out []Name
	for _, item := range f.val.arr {
		if !item.isObj {
			return nil, false
		}
		var n Name
		for _, p := range item.obj {
			if p.val.str == nil {
				if p.val.boolv != nil || p.val.num != nil {
					continue // "parse-names": false, "static-ordering"…
				}
				return nil, false
			}
			s := strings.TrimSpace(*p.val.str)
			switch p.key {
			case "family":
				n.Family = s
			case "given":
				n.Given = s
			case "literal":
				n.Literal = s
			case "non-dropping-particle", "dropping-particle":
				n.Particle = joinWords(n.Particle, s)
			case "suffix":
				n.Suffix = s
			}
		}
		if n.empty() {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

func cslDate(v *jvalue) (Date, bool) {
	if v.str != nil {
		return ParseDate(*v.str), true
	}
	if !v.isObj {
		return Date{}, false
	}
	var d Date
	ok := true
	for _, f := range v.obj {
		switch f.key {
		case "date-parts":
			if !f.val.isArr || len(f.val.arr) == 0 || !f.val.arr[0].isArr {
				ok = false
				continue
			}
			parts := f.val.arr[0].arr
			var nums []int
			for _, p := range parts {
				var s string
				switch {
				case p.num != nil:
					s = p.num.String()
				case p.str != nil:
					s = strings.TrimSpace(*p.str)
				default:
					ok = false
				}
				n, err := strconv.Atoi(s)
				if err != nil {
					ok = false
					break
				}
				nums = append(nums, n)
			}
			if len(nums) == 0 || len(nums) > 3 {
				ok = false
				continue
			}
			d.Year = nums[0]
			if len(nums) > 1 {
				d.Month = nums[1]
			}
			if len(nums) > 2 {
				d.Day = nums[2]
			}
			if !d.valid() {
				ok = false
			}
		case "raw":
			if f.val.str != nil && d.Year == 0 {
				raw := ParseDate(*f.val.str)
				d.Year, d.Month, d.Day, d.Literal = raw.Year, raw.Month, raw.Day, raw.Literal
			}
		case "literal":
			if f.val.str != nil && d.Year == 0 {
				d.Literal = strings.TrimSpace(*f.val.str)
			}
		case "circa":
			d.Circa = f.val.boolv != nil && *f.val.boolv || f.val.str != nil && *f.val.str != "" || f.val.num != nil
		}
	}
	return d, ok
}

// tidy makes a record's words typographic (curly quotes and apostrophes,
// dashes) as the text around citations is.
func (r *Record) tidy() {
	for _, f := range []*string{&r.Title, &r.ShortTitle, &r.Container, &r.Collection, &r.Publisher, &r.Place, &r.Genre, &r.Note, &r.Edition} {
		*f = Typographic(collapseSpace(*f))
	}
	r.Pages = rangePattern.ReplaceAllString(strings.TrimSpace(r.Pages), "$1–$2")
	for _, names := range [][]Name{r.Author, r.Editor, r.Translator} {
		for i := range names {
			n := &names[i]
			n.Family, n.Given, n.Literal = Typographic(n.Family), Typographic(n.Given), Typographic(n.Literal)
		}
	}
}
