// Package notes is the resolve pass: one walk over the parsed book, after the
// Markdown parser and before either renderer, that decides everything the
// EPUB and the PDF must agree on. It numbers notes, anchors editorial
// annotations by quotation, adds provenance notes, the "Sources and
// permissions" back matter and the colophon, applies the edition's
// conditions, makes IDs unique and resolves internal links. Renderers then
// read the tree without changing it.
//
// # Edition conditions
//
// The manifest declares which tags are conditions (Options.Conditions); any
// other tag or fenced-div class is styling and never removes anything. An
// entry, a block (fenced divs carry their classes as tags) or an annotation
// is kept by this rule:
//
//   - content with no condition tags is always kept;
//   - content with a condition tag listed in Exclude is removed;
//   - otherwise content with condition tags is kept only when at least one of
//     them is listed in Include.
//
// Conditional content is therefore opt-in: the default edition (nothing
// included or excluded) holds only unconditional content, so answers never
// reach students by accident. A teacher's edition includes [teacher, answers];
// a student's edition includes nothing (or [student]) and may exclude
// [answers] to say so explicitly; Exclude wins over Include for content
// carrying both kinds of tag (include [teacher], exclude [answers] drops a
// block tagged "teacher answers").
//
// # Annotation files
//
// An annotation file is a YAML list; each item anchors one editorial note to
// the text by quotation (the W3C Web Annotation TextQuoteSelector model):
//
//	# notes/editorial.yaml
//	- quote: "Tenth Party Congress in 1922"  # required: exact text to find
//	  prefix: "At the "                       # optional: text just before it
//	  suffix: ", Vladimir Lenin"              # optional: text just after it
//	  chapter: introduction.md                # optional: file (as in the manifest) or entry ID
//	  tags: [teacher]                         # optional: condition tags
//	  note: |                                 # required: Markdown
//	    The Tenth Party Congress met in March 1921, not 1922.
//
// The quote is searched in the plain text of every paragraph, heading, table
// cell and caption (inside lists, quotes and divs too) and of the footnotes,
// of the chosen chapter or of the whole book. Matching is case-sensitive,
// crosses inline markup, line breaks and note markers, and treats as equal:
// any run of whitespace; straight and curly quotes and apostrophes; any run of
// hyphens and dashes (-, --, –, —); "..." and "…". Leading and trailing
// whitespace of the quote is ignored. Prefix and suffix must touch the quote
// (whitespace at the junction is ignored) within the same paragraph.
//
// The quote must occur exactly once in the text this edition keeps; the note
// marker goes right after it (after the whole link when the quote ends inside
// a link, after a code span when it ends inside one). A quote that occurs
// only in content the edition leaves out is skipped silently: annotations
// follow their text. Every annotation is also checked against the whole book,
// whatever the edition, so a quote that occurs nowhere is always an error.
// Links in a note resolve relative to the annotation file, "#id" to the
// annotated chapter.
//
// # Links
//
// A URL with a scheme (http:, https:, mailto:, ftp:, …) or starting with "//"
// is External. "other.md", "other.md#id" (relative to the linking file, or
// to the book folder when starting with "/") and "#id" (the same entry) get
// Entry and Anchor, the anchor following the renamed IDs. A link to a
// picture file the edition shows leads to the first place it is shown (a
// figure, else the picture in its line), which gets an ID when it has
// none ("figure-<name>", "picture-<name>"). A link that
// resolves to nothing (a Markdown file not in the book, an ID not in the
// file, a path leaving the book folder, a missing local file), a target the
// edition's conditions leave out, and a local file that is not an entry (a
// PDF in the book folder, a picture the edition does not show) are warnings at the enclosing block's position: the
// link keeps neither Entry nor External and the renderers print its text
// alone. Real books carry stale links, and a build should not fail for one;
// --strict turns these warnings into errors.
//
// # Notes
//
// Every entry's Notes are in order of first reference, notes referenced from
// inside notes after the text's. Footnotes are numbered "1", "2", … per entry
// or through the book (Options.Numbering), with IDs "n-<entry>-<label>";
// annotations are lettered "a" … "z", "aa" … per entry, IDs "a-<entry>-<label>",
// and signed "—Ed." at their end;
// the provenance note is marked "*" (ID "p-<entry>") and referenced from the
// entry's level-1 heading, so it is the source's first note and sits at the
// foot of its first page without disturbing the footnote numbers. IDs that
// would clash with a heading get a numeric suffix. The provenance note holds
// the citation (Options.CitationStyle), then the licence and the provenance's
// note as sentences ("Public domain. Extract.").
//
// # Colophon
//
// Book.Colophon gets, as short paragraphs: the rights; the edition's title
// and name; "Made with samizdat <version> on <date>"; "Configuration digest
// <first 12 hex>"; the number of files this edition was made from (entries
// in book order, then annotation and bibliography files) and the SHA-256 of
// the list sha256sum prints for them; and a tight list of those files, each
// with its full SHA-256 in code, in groups of eight hex digits so it wraps
// on a narrow page. A book made from more than eight files has the list in
// a generated back-matter entry instead ("Files this edition was made
// from", ID "edition-inputs"), after the sources.
package notes

import (
	"errors"
	"io/fs"
	"strings"
	"time"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// Options are the edition's choices that shape the resolved tree.
type Options struct {
	// Numbering is "chapter" (footnote numbers restart with each entry, the
	// default) or "book" (one sequence through the book).
	Numbering string
	// Annotations includes the editorial annotations; when false they are
	// still checked, so broken quotes are caught in every edition.
	Annotations bool
	// CitationStyle is "chicago" (notes and bibliography, the default),
	// "chicago-author-date", "mla" or "apa".
	CitationStyle string
	// SiteURL is the web address the chapters were written for: a
	// relative link leaving the book folder leads to its page there.
	SiteURL string
	// PageFolders are folders of the book (slash paths) a site made from
	// it serves every page from: a relative link that leaves the book or
	// finds nothing from its chapter is read from each, in order (a
	// Carpentries lesson's pages are written as if in episodes/).
	PageFolders []string
	// Intersphinx are other projects' sites by name, where a MyST
	// {doc} reference into one (intro:page) leads.
	Intersphinx map[string]string
	// Conditions are the tags the manifest declares as conditional.
	Conditions []string
	// Include and Exclude are the edition's choice of conditions (see the
	// package documentation for the rule).
	Include, Exclude []string
	Build            BuildInfo
	// Punctuation sets the text's quotation marks and spaces by language
	// once the tree is resolved; nil sets smart quotes by the built-in
	// conventions.
	Punctuation *Punctuation
}

// BuildInfo describes this build for the colophon.
type BuildInfo struct {
	Edition, EditionTitle, Version string
	// Date is the build date (from config or SOURCE_DATE_EPOCH, never the clock).
	Date time.Time
	// ConfigDigest is the hex SHA-256 of the effective configuration.
	ConfigDigest string
}

// Input is what the resolve pass reads besides the tree.
type Input struct {
	// FS is the book folder: annotation files are read from it and links to
	// local files are checked against it.
	FS fs.FS
	// AnnotationFiles are listed in the manifest, relative to the book folder.
	AnnotationFiles []string
	// BibliographyFiles are the manifest's CSL-JSON and BibTeX files,
	// relative to the book folder, read into Bibliography.
	BibliographyFiles []string
	// Manifest is the manifest's path, relative to the book folder, and
	// its hex SHA-256, first of the files the colophon lists ("" for none).
	Manifest, ManifestDigest string
	// IndexFile is the manifest's YAML file of index terms, relative to
	// the book folder; "" for none.
	IndexFile string
	// Bibliography holds the records cited; nil when the manifest lists no
	// bibliography files (tests may give it directly).
	Bibliography *cite.Bibliography
	// ParseMarkdown parses a note body; pos is where it starts (file, line).
	ParseMarkdown func(src []byte, pos doc.Pos) ([]doc.Block, error)
	Options
}

// Resolve completes book in place; it runs once per parsed tree. It returns
// the warnings and an error joining every problem found, each a
// diag.Diagnostic naming the file (relative to the book folder) and line
// where known.
//
// In order:
//
//   - Notes an e-book keeps apart from their references (an endnotes
//     page) become the referencing entries' footnotes (heldnotes.go).
//   - Entries get IDs from their file names ("introduction",
//     "kollontai-workers-opposition"; a part without a file from its title),
//     unique, valid as XML IDs and as file names; "nav", "cover",
//     "titlepage", "colophon", "edition-inputs" and, when a source has
//     provenance, "sources-and-permissions" are reserved for generated
//     documents, named so a book's own "sources" keeps its name. Heading,
//     figure and div IDs become unique across the book (the first keeps its
//     ID, later ones get "-2", "-3"; none equals an entry or note ID). Both happen before conditions, so they are the same in
//     every edition.
//   - Annotation quotes are checked against the whole book.
//   - The edition's conditions remove entries, blocks and annotations.
//   - Titles: the manifest's, else the first heading's text. Every entry but
//     parts starts with a level-1 heading (inserted from the title if the
//     file does not start with one).
//   - Annotations are anchored; links are resolved (see Links in the
//     package documentation).
//   - Provenance becomes citations, a note per source, and the generated
//     "Sources and permissions" entry (ID "sources-and-permissions", back
//     matter).
//   - Notes are ordered, labelled and given IDs; the colophon is set.
func Resolve(book *doc.Book, in Input) (warnings []diag.Diagnostic, err error) {
	if book == nil {
		return nil, diag.Errorf("", 0, "internal", "resolve: no book")
	}
	r, err := newResolver(book, in)
	if err != nil {
		return nil, err
	}
	anns := r.loadAnnotations()
	r.loadBibliography()
	r.loadIndex()
	r.assignEntryIDs()
	r.takeHeldNotes()
	r.linkRules(anns)
	r.linkXrefs(anns)
	r.linkMyst(anns)
	r.linkCrossrefs(anns)
	r.assignAnchorIDs()
	r.recordReferences()
	r.planPictureAnchors(anns)
	r.checkAnnotationsInWholeBook(anns)
	r.matchIndex()
	r.checkIndex()
	r.applyConditions(anns)
	r.assignTitles()
	r.insertTitleHeadings()
	r.anchorAnnotations(anns)
	r.numberSections()
	r.numberEJSChapters()
	r.numberCrossrefs()
	r.numberMystEquations()
	r.numberMathRefs()
	r.numberMystNumrefs()
	r.numberMystSections()
	r.resolveLinks(anns)
	r.resolveCitations()
	r.titleMystRefs()
	r.addProvenance()
	r.addBibliography()
	r.addSourcesEntry()
	r.addIndex()
	r.numberNotes()
	r.noteLanguages()
	inputs := r.inputFiles()
	r.addInputsEntry(inputs)
	r.book.Colophon = r.colophon(inputs)
	punct := Punctuation{SmartQuotes: true}
	if in.Punctuation != nil {
		punct = *in.Punctuation
	}
	punct.Book(r.book)
	return r.finish()
}

// resolver holds the state of one Resolve call.
type resolver struct {
	book *doc.Book
	in   Input
	ed   edition
	// citeStyle renders citations and provenance; cites follows the
	// citations resolved.
	citeStyle *cite.Style
	cites     *citations
	// recordWarned are the problems of bibliography records reported.
	recordWarned map[recordProblemKey]bool
	// index is the index being made; indexAnchors counts its anchors.
	index        *indexState
	indexAnchors int
	warns        []diag.Diagnostic
	errs         []error

	// ids holds every ID given out in the book: entries, anchors, notes and
	// note references, so none is given twice.
	ids *idSet
	// anchors maps a parser's ID in a file to the book-wide ID.
	anchors map[anchorKey]string
	// anchorsByCase lists the book-wide IDs of anchors by their lower-case
	// name, made when a link first misses (anchor).
	anchorsByCase map[anchorKey][]string
	// keptAnchors are the book-wide anchor IDs still in the tree after
	// conditions; the others were left out of this edition.
	keptAnchors map[string]bool
	// entryByFile finds the kept entries by cleaned file path.
	entryByFile map[string]*doc.Entry
	// allEntryByFile and allEntryByID include entries left out of this
	// edition, so annotations and links can tell "left out" from "unknown".
	allEntryByFile map[string]*doc.Entry
	allEntryByID   map[string]*doc.Entry
	leftOut        map[*doc.Entry]bool
	// referenced are the notes some NoteRef pointed to before conditions, so
	// a note whose only references were left out is dropped silently.
	referenced map[*doc.Note]bool
	// titleHeadings are the level-1 headings this pass inserted; annotations
	// never anchor in them, since their text is not the file's.
	titleHeadings map[*doc.Heading]bool
	// bannerAnchors are the IDs of the headings dropBanners took out;
	// links to them lead to their chapters.
	bannerAnchors map[string]bool
	// provenanceNotes are the entries' provenance notes, numbered first
	// even when an annotation marks the title before them.
	provenanceNotes map[*doc.Entry]*doc.Note
	// inputs are the annotation files read, with their digests.
	inputs []inputFile
	// linkProblems are the links that lead nowhere, one per target, in
	// the order first found; linkProblemAt indexes them by code and target.
	linkProblems  []linkProblem
	linkProblemAt map[string]int
	// bookPictures are the picture files the whole book shows, whatever
	// the edition, with the notes showing them (nil: the text); pictures
	// the first place this edition shows each, found when a link first
	// needs it.
	bookPictures map[string][]*doc.Note
	pictures     map[string]*shownPicture
	// plannedAnchors are the IDs of the places showing pictures links
	// lead to, named before conditions so every edition gives the same.
	plannedAnchors map[placeKey]string
	// xrefs are the cross-references found (crossref.go), their text
	// written once the edition's items are numbered.
	xrefs []*xrefGroup
	// mystTitles are the MyST references titled by a caption that cites
	// a work (see titleMystRefs).
	mystTitles []mystTitle
	// mystEquations are the {eq} references to numbered equations.
	mystEquations []mystEquation
	// mathRefs are the references inside formulas to numbered items.
	mathRefs []mathRef
	// mystNumrefs are the {numref} references to numbered figures and
	// tables, whose text is written once they are numbered.
	mystNumrefs []mystNumref
	// sectionNumbers are the numbers numberSections gave headings.
	sectionNumbers map[*doc.Heading]string
	// mystSections are the {numref} references to headings of numbered
	// entries, filled once the headings are numbered.
	mystSections []mystSection
	// xrefNumbers are the numbers numberCrossrefs gave, as printed.
	xrefNumbers map[doc.Block]string
	// xrefNumbered is set when the book has an item to number.
	xrefNumbered bool
	// bookdownRefs are bookdown's references found (bookdown.go).
	bookdownRefs []*bookdownRef
	// notesOnly are the pages left out once their notes were taken
	// (heldnotes.go), and readingOrder the entries before that, so the
	// colophon still lists their files in their places.
	notesOnly    map[*doc.Entry]bool
	readingOrder []*doc.Entry
}

func newResolver(book *doc.Book, in Input) (*resolver, error) {
	r := &resolver{
		book:            book,
		in:              in,
		ids:             newIDSet(),
		anchors:         map[anchorKey]string{},
		keptAnchors:     map[string]bool{},
		entryByFile:     map[string]*doc.Entry{},
		allEntryByFile:  map[string]*doc.Entry{},
		allEntryByID:    map[string]*doc.Entry{},
		leftOut:         map[*doc.Entry]bool{},
		referenced:      map[*doc.Note]bool{},
		titleHeadings:   map[*doc.Heading]bool{},
		bannerAnchors:   map[string]bool{},
		provenanceNotes: map[*doc.Entry]*doc.Note{},
		recordWarned:    map[recordProblemKey]bool{},
		bookPictures:    map[string][]*doc.Note{},
	}
	var errs []error
	switch in.Numbering {
	case "", "chapter", "book":
	default:
		errs = append(errs, diag.Errorf("", 0, "config.invalid", "resolve: unknown note numbering %q (want chapter or book)", in.Numbering))
	}
	style, err := cite.New(in.CitationStyle, book.Meta.Language)
	if err != nil {
		errs = append(errs, diag.Errorf("", 0, "config.invalid", "resolve: %v", err))
	}
	r.citeStyle = style
	r.ed = newEdition(in.Options)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return r, nil
}

func (r *resolver) warnf(pos doc.Pos, code, format string, args ...any) {
	d := diag.Warnf(pos.File, pos.Line, code, format, args...)
	d.Column = pos.Column
	r.warns = append(r.warns, d)
}

func (r *resolver) errorf(pos doc.Pos, code, format string, args ...any) {
	d := diag.Errorf(pos.File, pos.Line, code, format, args...)
	d.Column = pos.Column
	r.errs = append(r.errs, d)
}

func (r *resolver) finish() ([]diag.Diagnostic, error) {
	return diag.Normalize(r.warns), errors.Join(r.errs...)
}

// entries returns the book's entries, children of parts included, in
// reading order.
func (r *resolver) entries() []*doc.Entry { return r.book.Chapters() }

// posIn is pos, or the file alone when the parser left pos empty.
func posIn(pos doc.Pos, file string) doc.Pos {
	if pos.File == "" {
		pos.File = file
	}
	return pos
}

// entryPos names an entry in diagnostics: its file, else where the manifest lists it.
func entryPos(e *doc.Entry) doc.Pos {
	if e.File != "" {
		return doc.Pos{File: e.File}
	}
	return e.Pos
}

// provenancePos is where the manifest gives an entry's provenance, else the
// entry's file.
func provenancePos(e *doc.Entry) doc.Pos {
	if e.Pos.File != "" {
		return e.Pos
	}
	return entryPos(e)
}

// unwrapPath drops the path a file system error repeats, since the
// diagnostic names the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// problemText is an error's message without the place a diagnostic
// carries, for quoting it inside another diagnostic.
func problemText(err error) string {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d.Message
	}
	return err.Error()
}

func plainTrim(in []doc.Inline) string { return strings.TrimSpace(doc.PlainText(in)) }
