// Package manifest reads a book's manifest.yaml: the book's metadata and
// the ordered list of its chapters, sources and parts.
//
// The smallest manifest names a title, a language and the chapter files:
//
//	title: The Rust Programming Language
//	language: en
//	chapters:
//	  - file: ch01.md
//	  - file: examples/ex0002.md
//	    title: Example 2
//	  - ch03.md                      # a bare file name is short for {file: ch03.md}
//
// An annotated reader uses the full form (every key but title, language and
// chapters is optional):
//
//	title: The Workers' Opposition, 1921
//	subtitle: An annotated reader
//	slug: workers-opposition         # output base name; default: slug of the title
//	language: en                     # BCP 47
//	identifier: urn:isbn:…           # default: derived from the book by the build
//	authors: [Alexandra Kollontai]   # shorthand for creators with role author
//	creators:
//	  - name: Jane Example
//	    role: editor                 # author editor translator annotator introduction
//	                                 # foreword afterword contributor illustrator compiler,
//	                                 # or the MARC code (aut edt trl ann aui aft ctb ill com)
//	    file_as: Example, Jane
//	publisher: …
//	date: "2026"                     # YYYY, YYYY-MM or YYYY-MM-DD
//	rights: …
//	description: …
//	subjects: […]
//	keywords: […]
//	conditions: [teacher, answers]   # tags marking conditional content
//	notes: [notes/editorial.yaml]    # editorial annotation files
//	bibliography: [refs.json]        # CSL-JSON (.json) or BibTeX (.bib) files
//	index: index.yaml                # the index's terms
//	print_source: urn:isbn:…         # the printed edition's identifier, named as the
//	                                 # source of the EPUB's page numbers
//	alt_text:                        # descriptions of pictures whose files the
//	  img/map.png: A map of the mines  # text cannot give one; "" marks one decorative
//	chapters:
//	  - file: introduction.md
//	    kind: front                  # front | chapter | source | back (default chapter)
//	    title: …                     # default: the file's first heading
//	    short_title: …               # for the PDF's running heads; default: the title
//	    language: ru                 # of the file's text; default: the untranslated
//	                                 # original's (provenance), else the book's
//	    tags: [teacher]              # shown only in editions including the tag
//	    numbered: true               # number its headings (3, 3.1…); or how many levels
//	    level: 2                     # a section of the chapter before it, numbered 3.1
//	    provenance:                  # required for kind source
//	      author, title, date, language, translator, editor, publisher,
//	      place, published, container, pages, url, accessed, license, note,
//	      ref (a bibliography key, in place of the work's fields; the
//	      translator then names the translator of the copy printed), extract
//	  - part: Sources                # a part grouping chapters (parts do not nest)
//	    tags: […]
//	    numbered: true               # its chapters' headings numbered
//	    chapters: […]
//
// Paths are relative to the book folder and may not leave it, by "..", by
// an absolute path or by a symbolic link. Load reports every problem at
// once, as diag values ("book/manifest.yaml:LINE:COLUMN: message"); problems
// that do not stop a build (tags not declared in conditions) are Warnings.
package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/infile"
	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// Manifest is a loaded, checked manifest.
type Manifest struct {
	// File is the manifest's name as messages show it.
	File string
	// Digest is the hex SHA-256 of the manifest file's bytes.
	Digest      string
	Title       string
	Subtitle    string
	Slug        string // as written, or derived from Title
	Language    string // canonical BCP 47
	Identifier  string // "" = the build derives one
	Creators    []Creator
	Publisher   string
	Date        string
	Rights      string
	Description string
	Subjects    []string
	Keywords    []string
	Conditions  []string
	Notes       []string // annotation files, relative to the book folder
	// Bibliography lists CSL-JSON and BibTeX files, Index the YAML file of
	// the index's terms ("" for none), relative to the book folder.
	Bibliography []string
	Index        string
	PrintSource  string
	// AltText describes pictures by file (a clean path in the book folder),
	// for books whose text the editor may not change; an empty text marks
	// a picture as decorative.
	AltText map[string]AltText
	// Chapters are the top-level entries in reading order; parts hold
	// their chapters in Chapters.
	Chapters []*Entry
	// Warnings are problems that do not stop a build.
	Warnings []diag.Diagnostic
}

// AltText is the manifest's description of a picture file, with its line.
type AltText struct {
	Text string
	Line int
}

// Creator is a person or body responsible for the book.
type Creator struct {
	Name   string
	Role   string // MARC relator code: "aut", "edt", …
	FileAs string
	Line   int
}

// Entry is a chapter, a source, front or back matter, or a part.
type Entry struct {
	Kind doc.EntryKind
	// File is the Markdown file, a clean slash-separated path relative to
	// the book folder; "" for a part.
	File string
	// Title is the part's title, or the entry's title if the manifest
	// gives one ("" = take the file's first heading).
	Title string
	// ShortTitle stands for the title in the PDF's running heads ("" =
	// the title).
	ShortTitle string
	// Language is the language of the file's text when the manifest gives
	// it, canonical BCP 47; "" leaves it to the source's provenance (see
	// notes) or the book.
	Language   string
	Tags       []string
	Provenance *doc.Provenance
	// Numbered is how many heading levels of the entry are numbered
	// (1 its title alone, as "3"; 2 its sections too, "3.1"…),
	// Jupyter Book's numbered: a part's applies to its chapters.
	// NumberedUnset when the manifest does not say; 0 for none.
	Numbered int
	// Level is 2 for an entry that is a section of the chapter before it
	// (Jupyter Book's sections:), 3 for one of that section…, numbered
	// under it (2.1); 1, a chapter, when the manifest does not say.
	Level int
	// Chapters holds a part's entries.
	Chapters []*Entry
	Line     int

	node *yamlfile.Node // where the entry is written, for messages
}

// Entries returns every entry, parts followed by their chapters, in reading order.
func (m *Manifest) Entries() []*Entry {
	var out []*Entry
	for _, e := range m.Chapters {
		out = append(out, e)
		out = append(out, e.Chapters...)
	}
	return out
}

// Options adjusts how Load reports problems.
type Options struct {
	// DisplayName names the manifest in messages, e.g. "book/manifest.yaml";
	// default: the name passed to Load.
	DisplayName string
}

// Load reads and checks the manifest name in fsys, which is rooted at the
// book folder. Give it an FS that refuses to follow links out of the folder
// (os.Root's); Load also checks links itself where fsys can read them.
func Load(fsys fs.FS, name string, opts Options) (*Manifest, error) {
	shown := opts.DisplayName
	if shown == "" {
		shown = name
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, diag.Errorf(shown, 0, CodeFile, "no manifest (create it with a title, a language and a list of chapters)")
		case isEscape(err):
			return nil, diag.Errorf(shown, 0, CodeFile, "is a link to outside the book folder")
		}
		return nil, diag.Errorf(shown, 0, CodeFile, "%v", unwrapPathError(err))
	}
	m, err := parse(fsys, shown, data)
	if m != nil {
		sum := sha256.Sum256(data)
		m.Digest = hex.EncodeToString(sum[:])
	}
	return m, err
}

// Codes of the problems this package reports, besides yamlfile's.
const (
	CodeMissing = "manifest.missing" // a required key or value is missing
	CodeValue   = "manifest.value"   // a value the key does not accept
	CodePath    = "manifest.path"    // a listed file that cannot be used
	CodeTag     = "manifest.tag"     // a tag not declared in conditions
	CodeFile    = "manifest.file"    // the manifest itself cannot be read
)

// loader collects the problems of one manifest.
type loader struct {
	f     *yamlfile.File
	fsys  fs.FS
	files map[string]int // clean path -> line first listed
}

func (l *loader) errorf(at *yamlfile.Node, code, format string, args ...any) {
	l.f.Errorf(at, code, format, args...)
}

func parse(fsys fs.FS, shown string, data []byte) (*Manifest, error) {
	f := yamlfile.Parse(shown, data)
	root := f.Root
	if root == nil {
		if err := f.Err(); err != nil {
			return nil, err
		}
		return nil, diag.Errorf(shown, 0, CodeMissing, "the manifest is empty (it needs a title, a language and a list of chapters)")
	}
	l := &loader{f: f, fsys: fsys, files: map[string]int{}}
	if root.Kind != yamlfile.Map {
		f.Expected(root, "", `"key: value" lines (title, language, chapters…)`)
		return nil, f.Err()
	}
	m := &Manifest{File: shown}
	fields := f.Fields(root, "", topKeys, "")

	m.Title = l.text(fields, "title", "")
	m.Subtitle = l.text(fields, "subtitle", "")
	m.Slug = l.slug(fields)
	m.Language = l.language(fields, "")
	m.Identifier = l.identifier(fields)
	m.Publisher = l.text(fields, "publisher", "")
	m.Date = l.date(fields, "date", "")
	m.Rights = l.text(fields, "rights", "")
	m.Description = l.text(fields, "description", "")
	m.Subjects = l.list(fields, "subjects", "")
	m.Keywords = l.list(fields, "keywords", "")
	m.PrintSource = l.text(fields, "print_source", "")
	m.AltText = l.altText(fields["alt_text"])
	m.Creators = l.creators(fields)
	m.Conditions = l.tags(fields, "conditions", "")
	m.Notes = l.fileList(fields, "notes", []string{".yaml", ".yml"}, "a YAML file (.yaml)")
	m.Bibliography = l.fileList(fields, "bibliography", []string{".json", ".bib"}, "a CSL-JSON (.json) or BibTeX (.bib) file")
	if fd := fields["index"]; fd != nil && fd.Value.Kind == yamlfile.List && len(fd.Value.Items) > 1 {
		l.errorf(fd.Value, CodeValue, "index: give one file of terms, not %d", len(fd.Value.Items))
	} else if idx := l.fileList(fields, "index", []string{".yaml", ".yml"}, "a YAML file (.yaml)"); len(idx) > 0 {
		m.Index = idx[0]
	}
	for _, key := range []string{"title", "language"} {
		switch fd := fields[key]; {
		case fd == nil:
			l.errorf(root, CodeMissing, "%s is missing", key)
		case fd.Value.Kind == yamlfile.Null || fd.Value.Kind == yamlfile.Scalar && strings.TrimSpace(fd.Value.Value) == "":
			l.errorf(fd.Key, CodeMissing, "%s is empty", key)
		}
	}
	if m.Slug == "" && m.Title != "" {
		m.Slug = Slugify(m.Title)
	}
	m.Chapters = l.chapterList(fields["chapters"], "chapters", root, false)
	for _, e := range m.Entries() {
		for _, tag := range e.Tags {
			if !slices.Contains(m.Conditions, tag) {
				f.Warnf(e.node, CodeTag, "tag %q is not declared in conditions (declared: %s)", tag, listOrNone(m.Conditions))
			}
		}
	}
	m.Warnings = f.Warnings()
	if err := f.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

var (
	topKeys = []string{"title", "subtitle", "slug", "language", "identifier", "authors", "creators",
		"publisher", "date", "rights", "description", "subjects", "keywords", "conditions", "notes",
		"bibliography", "index", "print_source", "alt_text", "chapters"}
	creatorKeys    = []string{"name", "role", "file_as"}
	entryKeys      = []string{"file", "kind", "title", "short_title", "language", "tags", "numbered", "level", "provenance"}
	partKeys       = []string{"part", "short_title", "tags", "numbered", "chapters"}
	provenanceKeys = []string{"author", "title", "date", "language", "translator", "editor", "publisher",
		"place", "published", "container", "pages", "url", "accessed", "license", "note", "ref", "extract"}
)

// fieldSet is a mapping's allowed fields by name.
type fieldSet = map[string]*yamlfile.Field

// text returns a field's text ("" when absent, null or of the wrong kind,
// which is reported).
func (l *loader) text(fields fieldSet, key, prefix string) string {
	fd := fields[key]
	if fd == nil {
		return ""
	}
	s, _ := l.f.Text(fd.Value, yamlfile.Join(prefix, key))
	return strings.TrimSpace(s)
}

// list returns a list of texts; a single value is a list of one.
func (l *loader) list(fields fieldSet, key, prefix string) []string {
	fd := fields[key]
	if fd == nil {
		return nil
	}
	words, _ := l.f.Words(fd.Value, yamlfile.Join(prefix, key))
	return words
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

func (l *loader) slug(fields fieldSet) string {
	s := l.text(fields, "slug", "")
	if s != "" && !slugPattern.MatchString(s) {
		l.errorf(fields["slug"].Value, CodeValue, "slug %q: use lower-case letters, digits and single hyphens (e.g. %q)", s, Slugify(s))
		return ""
	}
	return s
}

// Slugify makes a file-name-safe slug from a title: accents dropped,
// lower-case ASCII letters and digits, words joined by hyphens; "book"
// when nothing is left (a title in a non-Latin script).
func Slugify(title string) string {
	var b strings.Builder
	pendingHyphen := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’':
			// Accents and apostrophes vanish: "Workers' Opposition" -> "workers-opposition".
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			pendingHyphen = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	if b.Len() == 0 {
		return "book"
	}
	return strings.TrimRight(b.String(), "-")
}

// language reads the language under prefix ("" for the book's).
func (l *loader) language(fields fieldSet, prefix string) string {
	s := l.text(fields, "language", prefix)
	if s == "" {
		return ""
	}
	at := fields["language"].Value
	key := yamlfile.Join(prefix, "language")
	if strings.Contains(s, "_") {
		l.errorf(at, CodeValue, "%s %q is not a BCP 47 tag (did you mean %q?)", key, s, strings.ReplaceAll(s, "_", "-"))
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil {
		l.errorf(at, CodeValue, "%s %q is not a BCP 47 tag such as en, en-GB or ru", key, s)
		return ""
	}
	return tag.String()
}

func (l *loader) identifier(fields fieldSet) string {
	s := l.text(fields, "identifier", "")
	if isbn, ok := strings.CutPrefix(strings.ToLower(s), "urn:isbn:"); ok && !validISBN(isbn) {
		l.errorf(fields["identifier"].Value, CodeValue, "identifier %q is not a valid ISBN (check the digits)", s)
	}
	return s
}

// validISBN checks an ISBN-10 or ISBN-13 check digit; hyphens and spaces are ignored.
func validISBN(s string) bool {
	digits := strings.NewReplacer("-", "", " ", "").Replace(strings.ToUpper(s))
	switch len(digits) {
	case 10:
		sum := 0
		for i, r := range digits {
			var d int
			switch {
			case r >= '0' && r <= '9':
				d = int(r - '0')
			case r == 'X' && i == 9:
				d = 10
			default:
				return false
			}
			sum += (10 - i) * d
		}
		return sum%11 == 0
	case 13:
		sum := 0
		for i, r := range digits {
			if r < '0' || r > '9' {
				return false
			}
			w := 1
			if i%2 == 1 {
				w = 3
			}
			sum += w * int(r-'0')
		}
		return sum%10 == 0
	}
	return false
}

var w3cDatePattern = regexp.MustCompile(`^\d{4}(?:-\d{2}(?:-\d{2})?)?$`)

// validW3CDate accepts YYYY, YYYY-MM and YYYY-MM-DD with a real month and day.
func validW3CDate(s string) bool {
	if !w3cDatePattern.MatchString(s) {
		return false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

// isoLooking matches text that is meant as an ISO date ("1921-2-7") as
// opposed to free text ("c. 1921", "1921-1922").
var isoLooking = regexp.MustCompile(`^\d{4}-\d{1,2}(?:-\d{1,2})?$`)

func (l *loader) date(fields fieldSet, key, prefix string) string {
	s := l.text(fields, key, prefix)
	if s != "" && !validW3CDate(s) {
		l.errorf(fields[key].Value, CodeValue, "%s: bad date %q (use YYYY, YYYY-MM or YYYY-MM-DD)", yamlfile.Join(prefix, key), s)
	}
	return s
}

// historicalDate allows free text ("c. 1850", "1921-1922", "Spring 1921")
// but checks anything written as an ISO date.
func (l *loader) historicalDate(fields fieldSet, key, prefix string) string {
	s := l.text(fields, key, prefix)
	if isoLooking.MatchString(s) && !validW3CDate(s) {
		l.errorf(fields[key].Value, CodeValue, "%s: bad date %q (use YYYY, YYYY-MM or YYYY-MM-DD, or words such as \"c. 1921\")", yamlfile.Join(prefix, key), s)
	}
	return s
}

// roles maps the manifest's words to MARC relator codes.
var roles = []struct{ word, code string }{
	{"author", "aut"}, {"editor", "edt"}, {"translator", "trl"}, {"annotator", "ann"},
	{"introduction", "aui"}, {"foreword", "aui"}, {"afterword", "aft"}, {"contributor", "ctb"},
	{"illustrator", "ill"}, {"compiler", "com"},
}

func roleCode(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "aut", true
	}
	for _, r := range roles {
		if s == r.word || s == r.code {
			return r.code, true
		}
	}
	return "", false
}

func (l *loader) creators(fields fieldSet) []Creator {
	var out []Creator
	if fd := fields["authors"]; fd != nil {
		for _, name := range l.list(fields, "authors", "") {
			out = append(out, Creator{Name: name, Role: "aut", Line: fd.Key.Line})
		}
	}
	fd := fields["creators"]
	if fd == nil || fd.Value.Kind == yamlfile.Null {
		return out
	}
	if fd.Value.Kind != yamlfile.List {
		l.f.Expected(fd.Value, "creators", "a list of {name, role}")
		return out
	}
	for i, item := range fd.Value.Items {
		p := fmt.Sprintf("creators[%d]", i)
		if item.Kind == yamlfile.Scalar {
			// A bare name is an author.
			out = append(out, Creator{Name: strings.TrimSpace(item.Value), Role: "aut", Line: item.Line})
			continue
		}
		if item.Kind != yamlfile.Map {
			l.f.Expected(item, p, "{name, role}")
			continue
		}
		cf := l.f.Fields(item, p, creatorKeys, "{name, role}")
		c := Creator{Name: l.text(cf, "name", p), FileAs: l.text(cf, "file_as", p), Line: item.Line}
		if c.Name == "" {
			l.errorf(item, CodeMissing, "%s: name is missing", p)
		}
		word := l.text(cf, "role", p)
		code, known := roleCode(word)
		if !known {
			l.errorf(cf["role"].Value, CodeValue, "%s.role: unknown role %q (use author, editor, translator, annotator, introduction, foreword, afterword, contributor, illustrator, compiler, or a MARC code such as aut, edt, trl)", p, word)
		}
		c.Role = code
		out = append(out, c)
	}
	return out
}

var tagPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func (l *loader) tags(fields fieldSet, key, prefix string) []string {
	var out []string
	for _, tag := range l.list(fields, key, prefix) {
		if !tagPattern.MatchString(tag) {
			l.errorf(fields[key].Value, CodeValue, "%s: bad tag %q (letters, digits, - and _)", yamlfile.Join(prefix, key), tag)
			continue
		}
		if !slices.Contains(out, tag) {
			out = append(out, tag)
		}
	}
	return out
}

// NumberedUnset is an entry's Numbered when the manifest does not say;
// NumberedAll numbers every heading level, as numbered: true does.
const (
	NumberedUnset = -1
	NumberedAll   = 6
)

// numbered reads an entry's numbered: true (every heading level), false,
// or how many levels, 1 to 6.
func (l *loader) numbered(fields fieldSet, prefix string) int {
	fd := fields["numbered"]
	if fd == nil || fd.Value.Kind == yamlfile.Null {
		return NumberedUnset
	}
	s, ok := l.f.Text(fd.Value, yamlfile.Join(prefix, "numbered"))
	if !ok {
		return NumberedUnset
	}
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case "true", "yes", "on":
		return NumberedAll
	case "false", "no", "off":
		return 0
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= NumberedAll {
		return n
	}
	l.errorf(fd.Value, CodeValue, "%s: %q: use true, false or how many heading levels to number, 1 to 6", yamlfile.Join(prefix, "numbered"), s)
	return NumberedUnset
}

// level reads an entry's level: 1 a chapter, 2 a section of the chapter
// before it, down to 6.
func (l *loader) level(fields fieldSet, prefix string) int {
	fd := fields["level"]
	if fd == nil || fd.Value.Kind == yamlfile.Null {
		return 1
	}
	s, ok := l.f.Text(fd.Value, yamlfile.Join(prefix, "level"))
	if !ok {
		return 1
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 6 {
		l.errorf(fd.Value, CodeValue, "%s: %q: use 1 for a chapter, 2 for a section of the chapter before it, … up to 6", yamlfile.Join(prefix, "level"), strings.TrimSpace(s))
		return 1
	}
	return n
}

// altText reads the descriptions of picture files: a mapping of paths in
// the book folder to text.
func (l *loader) altText(fd *yamlfile.Field) map[string]AltText {
	if fd == nil || fd.Value.Kind == yamlfile.Null {
		return nil
	}
	if fd.Value.Kind != yamlfile.Map {
		l.f.Expected(fd.Value, "alt_text", `"picture file: description" lines`)
		return nil
	}
	out := map[string]AltText{}
	for _, f := range fd.Value.Fields {
		name := strings.TrimSpace(f.Name())
		p := yamlfile.Join("alt_text", name)
		clean := path.Clean(name)
		switch {
		case name == "":
			l.errorf(f.Key, CodePath, "alt_text: a picture file name is empty")
			continue
		case strings.Contains(name, "\\"):
			l.errorf(f.Key, CodePath, "alt_text: %q: use / to separate folders", name)
			continue
		case path.IsAbs(name) || hasVolume(name) || !fs.ValidPath(clean):
			l.errorf(f.Key, CodePath, "alt_text: %q is outside the book folder", name)
			continue
		}
		if f.Value.Kind == yamlfile.Null {
			l.errorf(f.Key, CodeMissing, `%s: give a description, or "" for a picture that only decorates`, p)
			continue
		}
		t, ok := l.f.Text(f.Value, p)
		if !ok {
			continue
		}
		text := strings.TrimSpace(t)
		if prev, dup := out[clean]; dup {
			l.errorf(f.Key, CodePath, "alt_text: %q is already described on line %d", name, prev.Line)
			continue
		}
		out[clean] = AltText{Text: text, Line: f.Key.Line}
	}
	return out
}

// fileList reads a file name or a list of them under key, each with one of
// exts.
func (l *loader) fileList(fields fieldSet, key string, exts []string, what string) []string {
	fd := fields[key]
	if fd == nil || fd.Value.Kind == yamlfile.Null {
		return nil
	}
	items, list := []*yamlfile.Node{fd.Value}, fd.Value.Kind == yamlfile.List
	if list {
		items = fd.Value.Items
	}
	var out []string
	for i, item := range items {
		p := key
		if list {
			p = fmt.Sprintf("%s[%d]", key, i)
		}
		if item.Kind != yamlfile.Scalar {
			l.f.Expected(item, p, "a file name")
			continue
		}
		if name, ok := l.checkPath(item, p, strings.TrimSpace(item.Value), exts, what); ok {
			out = append(out, name)
		}
	}
	return out
}

// chapterList reads the list of entries under key p ("chapters" or
// "chapters[2].chapters"), reporting a missing one at parent; inPart
// forbids nested parts.
func (l *loader) chapterList(fd *yamlfile.Field, p string, parent *yamlfile.Node, inPart bool) []*Entry {
	if fd == nil || fd.Value.Kind == yamlfile.Null || (fd.Value.Kind == yamlfile.List && len(fd.Value.Items) == 0) {
		if inPart {
			l.errorf(parent, CodeMissing, "%s: a part needs chapters", strings.TrimSuffix(p, ".chapters"))
		} else {
			l.errorf(parent, CodeMissing, "chapters is missing (list the book's Markdown files)")
		}
		return nil
	}
	if fd.Value.Kind != yamlfile.List {
		l.f.Expected(fd.Value, p, "a list of files")
		return nil
	}
	var out []*Entry
	for i, item := range fd.Value.Items {
		if e := l.entry(item, fmt.Sprintf("%s[%d]", p, i), inPart); e != nil {
			out = append(out, e)
		}
	}
	return out
}

func (l *loader) entry(n *yamlfile.Node, p string, inPart bool) *Entry {
	if n.Kind == yamlfile.Scalar {
		e := &Entry{Kind: doc.KindChapter, Numbered: NumberedUnset, Level: 1, Line: n.Line, node: n}
		if name, ok := l.checkPath(n, p, strings.TrimSpace(n.Value), markdownExts, markdownWhat); ok {
			e.File = name
		}
		return e
	}
	if n.Kind != yamlfile.Map {
		l.f.Expected(n, p, "a file or {file: …}")
		return nil
	}
	if hasKey(n, "part") {
		if inPart {
			l.errorf(n, CodeValue, "%s: parts cannot be nested", p)
			return nil
		}
		fields := l.f.Fields(n, p, partKeys, "")
		e := &Entry{Kind: doc.KindPart, Title: l.text(fields, "part", p), ShortTitle: l.text(fields, "short_title", p), Tags: l.tags(fields, "tags", p), Numbered: l.numbered(fields, p), Line: n.Line, node: n}
		if e.Title == "" {
			l.errorf(n, CodeMissing, "%s.part: the part needs a title", p)
		}
		e.Chapters = l.chapterList(fields["chapters"], p+".chapters", n, true)
		for _, c := range e.Chapters {
			if c.Numbered == NumberedUnset {
				c.Numbered = e.Numbered
			}
		}
		return e
	}
	fields := l.f.Fields(n, p, entryKeys, "")
	e := &Entry{Title: l.text(fields, "title", p), ShortTitle: l.text(fields, "short_title", p), Language: l.language(fields, p), Tags: l.tags(fields, "tags", p), Numbered: l.numbered(fields, p), Level: l.level(fields, p), Line: n.Line, node: n}
	switch file, fd := l.text(fields, "file", p), fields["file"]; {
	case fd == nil:
		l.errorf(n, CodeMissing, "%s: file is missing (or use part: to start a part)", p)
	case file == "":
		l.errorf(fd.Key, CodeMissing, "%s.file is empty", p)
	default:
		if name, ok := l.checkPath(fd.Value, p+".file", file, markdownExts, markdownWhat); ok {
			e.File = name
		}
	}
	kindWord := l.text(fields, "kind", p)
	kind, ok := doc.ParseKind(strings.ToLower(kindWord))
	if !ok || kind == doc.KindPart {
		l.errorf(fields["kind"].Value, CodeValue, "%s.kind: unknown kind %q (use front, chapter, source or back)", p, kindWord)
	}
	if kind == doc.KindPart {
		kind = doc.KindChapter
	}
	e.Kind = kind
	if fd := fields["provenance"]; fd != nil && fd.Value.Kind != yamlfile.Null {
		e.Provenance = l.provenance(fd, p+".provenance")
	}
	if e.Kind == doc.KindSource && e.Provenance == nil {
		l.errorf(n, CodeMissing, "%s: a source needs provenance (at least author or title, and where the text came from)", p)
	}
	return e
}

func hasKey(m *yamlfile.Node, key string) bool {
	return slices.ContainsFunc(m.Fields, func(f *yamlfile.Field) bool { return f.Name() == key })
}

func (l *loader) provenance(fd *yamlfile.Field, p string) *doc.Provenance {
	if fd.Value.Kind != yamlfile.Map {
		l.f.Expected(fd.Value, p, "author, title, date… indented below it")
		return nil
	}
	pf := l.f.Fields(fd.Value, p, provenanceKeys, "")
	pr := &doc.Provenance{
		Author:     l.text(pf, "author", p),
		Title:      l.text(pf, "title", p),
		Date:       l.historicalDate(pf, "date", p),
		Language:   l.text(pf, "language", p),
		Translator: l.text(pf, "translator", p),
		Editor:     l.text(pf, "editor", p),
		Publisher:  l.text(pf, "publisher", p),
		Place:      l.text(pf, "place", p),
		Published:  l.historicalDate(pf, "published", p),
		Container:  l.text(pf, "container", p),
		Pages:      l.text(pf, "pages", p),
		URL:        l.text(pf, "url", p),
		Accessed:   l.date(pf, "accessed", p),
		License:    l.text(pf, "license", p),
		Note:       l.text(pf, "note", p),
		Ref:        l.text(pf, "ref", p),
		Extract:    l.text(pf, "extract", p),
	}
	if pr.Ref != "" {
		// the record describes the work: its fields here would disagree
		for _, key := range []string{"author", "title", "date", "editor", "publisher", "place", "published"} {
			if f := pf[key]; f != nil {
				l.errorf(f.Key, CodeValue, "%s.%s: the bibliography entry %q gives the work's %s; leave it out here", p, key, pr.Ref, key)
			}
		}
	} else if pr.Author == "" && pr.Title == "" {
		l.errorf(fd.Key, CodeMissing, "%s: give at least the author or the title, or ref: a bibliography key", p)
	}
	if pr.URL != "" {
		u, err := url.Parse(pr.URL)
		if err != nil || u.Scheme == "" || ((u.Scheme == "http" || u.Scheme == "https") && u.Host == "") {
			l.errorf(pf["url"].Value, CodeValue, "%s.url %q is not a full address (start it with https://)", p, pr.URL)
		}
	}
	return pr
}

// markdownExts are the chapter files a manifest may list: MDX (.mdx) is
// Markdown with JSX, which Docusaurus and other React sites write; Quarto's
// .qmd and R Markdown's .Rmd (bookdown's) are pandoc's Markdown with code
// chunks, which the parser prints and does not run; a Jupyter notebook
// (.ipynb) is printed as saved, outputs and all; an HTML or XHTML file
// (a source saved from the web, an e-book's page) is read as raw HTML in
// Markdown is. The case of an extension does not matter (.Rmd, .rmd).
var markdownExts = []string{".md", ".markdown", ".mdx", ".qmd", ".rmd", ".ipynb", ".html", ".htm", ".xhtml"}

// markdownWhat names markdownExts in messages.
const markdownWhat = "a Markdown file (.md, .markdown, .mdx, .qmd or .Rmd), a Jupyter notebook (.ipynb) or an HTML file (.html, .htm or .xhtml)"

// checkPath checks that name is a file inside the book folder with one of
// exts, listed once, and returns it cleaned.
func (l *loader) checkPath(at *yamlfile.Node, p, name string, exts []string, what string) (string, bool) {
	fail := func(format string, args ...any) (string, bool) {
		l.errorf(at, CodePath, format, args...)
		return "", false
	}
	if name == "" {
		return fail("%s is empty", p)
	}
	if strings.Contains(name, "\\") {
		return fail("%s %q: use / to separate folders", p, name)
	}
	clean := path.Clean(name)
	if path.IsAbs(name) || hasVolume(name) || !fs.ValidPath(clean) {
		return fail("%s %q is outside the book folder", p, name)
	}
	if ext := strings.ToLower(path.Ext(clean)); !slices.Contains(exts, ext) {
		return fail("%s %q is not %s", p, name, what)
	}
	if first, dup := l.files[clean]; dup {
		return fail("%s %q is already listed on line %d", p, name, first)
	}
	l.files[clean] = at.Line
	if escapes(l.fsys, clean) {
		return fail("%s %q is outside the book folder (a link points out of it)", p, name)
	}
	info, err := fs.Stat(l.fsys, clean)
	switch {
	case err == nil && info.IsDir():
		return fail("%s %q is a folder, not a file", p, name)
	case err == nil && infile.Regular(info) != nil:
		return fail("%s %q %v", p, name, infile.Regular(info))
	case err == nil:
		return clean, true
	case errors.Is(err, fs.ErrNotExist):
		return fail("%s %q does not exist", p, name)
	case isEscape(err):
		return fail("%s %q is outside the book folder (a link points out of it)", p, name)
	}
	return fail("%s %q cannot be read: %v", p, name, unwrapPathError(err))
}

// hasVolume spots Windows drive paths ("C:/book/a.md", "C:"), which fs
// paths would otherwise take for relative names; "a:b.md" is a file name.
func hasVolume(name string) bool {
	return len(name) >= 2 && name[1] == ':' && ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')) &&
		(len(name) == 2 || name[2] == '/' || name[2] == '\\')
}

// isEscape recognises os.Root's refusal to leave its folder. The os
// package does not export the error, so its text is matched.
func isEscape(err error) bool {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if e.Error() == "path escapes from parent" {
			return true
		}
	}
	return false
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// escapes reports whether following the links in name leaves the root of
// fsys. Only file systems that can read links (os.DirFS, os.Root,
// fstest.MapFS) can be checked; os.Root refuses such paths on its own too.
func escapes(fsys fs.FS, name string) bool {
	rl, ok := fsys.(fs.ReadLinkFS)
	if !ok {
		return false
	}
	pending := strings.Split(name, "/")
	var resolved []string
	for hops := 0; len(pending) > 0; {
		part := pending[0]
		pending = pending[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			if len(resolved) == 0 {
				return true
			}
			resolved = resolved[:len(resolved)-1]
			continue
		}
		current := path.Join(append(slices.Clone(resolved), part)...)
		info, err := rl.Lstat(current)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			// Missing files are reported by the caller's Stat.
			resolved = append(resolved, part)
			continue
		}
		if hops++; hops > 40 {
			return false // a link loop; Stat reports it
		}
		target, err := rl.ReadLink(current)
		if err != nil {
			resolved = append(resolved, part)
			continue
		}
		target = strings.ReplaceAll(target, "\\", "/")
		if path.IsAbs(target) || hasVolume(target) {
			return true
		}
		pending = append(strings.Split(target, "/"), pending...)
	}
	return false
}

func listOrNone(words []string) string {
	if len(words) == 0 {
		return "none"
	}
	return strings.Join(words, ", ")
}
