package config

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/samizdat-press/samizdat/internal/lang"
	"github.com/samizdat-press/samizdat/internal/suggest"
	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// The settings table: every setting once. The loader, `samizdat config`,
// the defaults, the environment variables, validation, the sample config
// file and the README's reference all come from it. To add a setting, add
// a row here, the field it fills in Config, and use the field.
var table = []setting{
	{key: "book", typ: filePath{required: true}, def: "book", contentFree: true,
		doc:  "folder holding `manifest.yaml`; when no layer sets it and the working folder holds one, the working folder",
		bind: to(func(c *Config) *string { return &c.Book })},
	{key: "out", typ: filePath{required: true}, def: "dist", contentFree: true,
		doc:  "output folder (created if missing)",
		bind: to(func(c *Config) *string { return &c.Out })},
	{key: "name", typ: fileName{}, def: "", contentFree: true,
		doc:  "output file name without extension; empty: the manifest's slug (editions add `-NAME`)",
		bind: to(func(c *Config) *string { return &c.Name })},
	{key: "formats", typ: list{choices: []string{"epub", "pdf", "html"}}, def: "[epub, pdf]",
		doc:  "formats to build: `html` is a web site in the folder `<out>/<name>/`",
		bind: to(func(c *Config) *[]string { return &c.Formats })},
	{key: "date", typ: date{}, def: "",
		doc:  "build date; empty: `SOURCE_DATE_EPOCH`, else the newest commit date of the book's files in git (modification time for files changed since), else their newest modification time",
		bind: to(func(c *Config) *time.Time { return &c.Date })},
	{key: "cache_dir", typ: filePath{}, def: "", contentFree: true,
		doc:  "folder where pictures reduced for output are kept between builds, by a digest of their bytes and of every setting that changes the result, so that a rebuild or `--edition all` reduces each once; empty: `$XDG_CACHE_HOME/samizdat`, else `~/.cache/samizdat`; `off` keeps none. An entry that cannot be read is made again",
		bind: to(func(c *Config) *string { return &c.CacheDir })},
	{key: "strict", typ: boolean{}, def: "false", contentFree: true,
		doc:  "warnings become errors",
		bind: to(func(c *Config) *bool { return &c.Strict })},
	{key: "edition_title", typ: anyText{}, def: "",
		doc:  "edition name printed on the copyright page, e.g. `Classroom packet`",
		bind: to(func(c *Config) *string { return &c.EditionTitle })},
	{key: "show_edition_title", typ: boolean{}, def: "false",
		doc:  "print `edition_title` also on the title page, in the running heads of versos and in the PDF's title",
		bind: to(func(c *Config) *bool { return &c.ShowEditionTitle })},
	{key: "include", typ: list{}, def: "[]",
		doc:  "condition tags whose content is kept (untagged content is always kept)",
		bind: to(func(c *Config) *[]string { return &c.Include })},
	{key: "exclude", typ: list{}, def: "[]",
		doc:  "condition tags whose content is left out, even when another of its tags is included",
		bind: to(func(c *Config) *[]string { return &c.Exclude })},
	{key: "set_off", typ: list{}, def: "[]",
		doc:  "condition tags whose content is set off from the text around it (in the PDF by a rule beside it), e.g. `[answers, teacher]` in a teacher's edition",
		bind: to(func(c *Config) *[]string { return &c.SetOff })},
	{key: "annotations", typ: boolean{}, def: "true",
		doc:  "print the editorial annotations (they are checked either way)",
		bind: to(func(c *Config) *bool { return &c.Annotations })},

	{key: "markdown.include_paths", typ: folders{}, def: "[.]", digestSet: true,
		doc:  "folders, relative to the book folder, that file includes (mdBook's `{{#include}}`, MkDocs' `--8<--`) may read; snippets' paths are looked up in each in order, e.g. `[..]` for MkDocs docs whose snippets name files from the project's folder; left unset, the parent folder too when it is the book's mdBook or MkDocs project (its `book.toml` or `mkdocs*.yml` names the book folder)",
		bind: to(func(c *Config) *[]string { return &c.Markdown.IncludePaths })},
	{key: "markdown.critic", typ: choice{"view", "accept", "reject"}, def: "view", digestSet: true,
		doc:  "CriticMarkup's suggested changes (`{++added++}`, `{--deleted--}`, `{~~old~>new~~}`, `{==highlighted==}`, `{>>comment<<}`): `view` shows them (inserted text underlined, deleted struck, comments small and italic), `accept` prints the text with the changes made, `reject` the text as it was; both leave out the comments",
		bind: to(func(c *Config) *string { return &c.Markdown.Critic })},
	{key: "markdown.include_append", typ: fileList{}, def: "[]", digestSet: true,
		doc:  "files appended to every chapter, looked up in `markdown.include_paths` as snippets are (pymdownx.snippets' `auto_append`), e.g. `[includes/mkdocs.md]` for shared link definitions and abbreviations",
		bind: to(func(c *Config) *[]string { return &c.Markdown.IncludeAppend })},
	{key: "markdown.site_url", typ: webAddress{}, def: "", digestSet: true,
		doc:  "the web address the chapters were written for (MkDocs' `site_url`, mdBook's `site-url`), e.g. `https://doc.rust-lang.org/book/`: a relative link that leaves the book folder leads to its page there, as it did on the site, where otherwise it is printed as text with a warning; empty: none",
		bind: to(func(c *Config) *string { return &c.Markdown.SiteURL })},
	{key: "markdown.math_backslash", typ: choice{"auto", "single", "double", "off"}, def: "auto", digestSet: true,
		doc:  "TeX's own delimiters: `single` reads `\\(…\\)` as a formula in the text and `\\[…\\]` as a displayed one (MathJax, pandoc's `tex_math_single_backslash`, MkDocs' arithmatex), `double` reads `\\\\(…\\\\)` and `\\\\[…\\\\]` (Markdown written for MathJax on Jekyll or Hugo), `off` neither (`\\(` is an escaped parenthesis, as in CommonMark); `auto` is `single` in .Rmd and .qmd files, where R Markdown and Quarto read them, and `off` elsewhere",
		bind: to(func(c *Config) *string { return &c.Markdown.MathBackslash })},
	{key: "markdown.math_macros", typ: texMacros{}, def: "{}", digestSet: true,
		doc:  "the book's own TeX commands, as MathJax's `macros` give them, e.g. `{R: \"\\\\mathbb{R}\", norm: \"\\\\left\\\\| #1 \\\\right\\\\|\"}`; they hold in every formula, with those a chapter defines itself (`\\newcommand`, `\\def`, `\\DeclareMathOperator`) for the formulas after the definition in its file",
		bind: to(func(c *Config) *map[string]string { return &c.Markdown.MathMacros })},
	{key: "markdown.intersphinx", typ: siteTable{}, def: "{}", digestSet: true,
		doc:  "other projects' sites, by the name a MyST reference into them gives (Sphinx's `intersphinx_mapping`), e.g. `{intro: \"https://intro.quantecon.org/\"}`: `` {doc}`intro:ar1_processes` `` links to `https://intro.quantecon.org/ar1_processes.html` and mystmd's `xref:intro/page#label` to `https://intro.quantecon.org/page#label`, where otherwise each is printed as its text with a warning; `init --from` fills it from a Jupyter Book's `_config.yml` (`intersphinx_mapping`) or a MyST project's `myst.yml` (`references`)",
		bind: to(func(c *Config) *map[string]string { return &c.Markdown.Intersphinx })},
	{key: "markdown.notebook_output_lines", typ: integer{min: 0, max: 1000000}, def: "500", digestSet: true,
		doc:  "most lines of one text output of a Jupyter notebook's cell printed (a stream, a result, a traceback); the rest is cut, with a note under it and one warning for the notebook; 0: no limit",
		bind: to(func(c *Config) *int { return &c.Markdown.NotebookOutputLines })},
	{key: "markdown.notebook_prompts", typ: boolean{}, def: "false", digestSet: true,
		doc:  "print a Jupyter notebook's execution counts, `In [3]:` before a code cell and `Out[3]:` before its result, as Jupyter shows them; off, as Jupyter Book prints them",
		bind: to(func(c *Config) *bool { return &c.Markdown.NotebookPrompts })},
	{key: "notes.numbering", typ: choice{"chapter", "book"}, def: "chapter",
		doc:  "footnote numbers restart in each `chapter` or run through the `book`",
		bind: to(func(c *Config) *string { return &c.Notes.Numbering })},
	{key: "notes.placement", typ: choice{"footnotes", "endnotes"}, def: "footnotes",
		doc:  "PDF notes at the foot of the page, or as `endnotes` after each chapter",
		bind: to(func(c *Config) *string { return &c.Notes.Placement })},
	{key: "citation.style", typ: choice{"chicago", "chicago-author-date", "mla", "apa"}, def: "chicago",
		doc:  "style of citations, the bibliography and the sources' provenance: Chicago notes and bibliography (citations in footnotes), Chicago author-date, MLA or APA",
		bind: to(func(c *Config) *string { return &c.Citation.Style })},

	{key: "typography.smart_quotes", typ: boolean{}, def: "true",
		doc:  "turn straight quotation marks and apostrophes into the text's language's (“…” in English, «…» in French and Russian, „…“ in German)",
		bind: to(func(c *Config) *bool { return &c.Typography.SmartQuotes })},
	{key: "typography.languages", typ: languageTable{}, def: "{}",
		doc:  "changes to a language's built-in punctuation, e.g. `{fr: {quotes: [\"« »\", \"‹ ›\"]}, uk: {apostrophe: ʼ}}`; French's thin spaces before ; ! ? and inside guillemets are built in",
		bind: to(func(c *Config) *map[string]lang.Override { return &c.Typography.Languages })},

	{key: "pdf.page_size", typ: trimSize{}, def: "a5",
		doc: "trim size",
		bind: func(c *Config, v any) {
			p := v.(PageSize)
			c.PDF.PageSize, c.PDF.PageWidth, c.PDF.PageHeight = p.Name, p.Width, p.Height
		}},
	{key: "pdf.margin_top", typ: length{max: 4 * 72}, def: "0.75in",
		doc:  "margin above the text block; holds the running head",
		bind: to(func(c *Config) *float64 { return &c.PDF.MarginTop })},
	{key: "pdf.margin_bottom", typ: length{max: 4 * 72}, def: "0.8in",
		doc:  "margin below the text block; holds the folio of opening pages",
		bind: to(func(c *Config) *float64 { return &c.PDF.MarginBottom })},
	{key: "pdf.margin_inner", typ: length{max: 4 * 72}, def: "0.7in",
		doc:  "margin on the binding side",
		bind: to(func(c *Config) *float64 { return &c.PDF.MarginInner })},
	{key: "pdf.margin_outer", typ: length{max: 4 * 72}, def: "0.6in",
		doc:  "margin on the outside; holds line numbers",
		bind: to(func(c *Config) *float64 { return &c.PDF.MarginOuter })},
	{key: "pdf.gutter", typ: gutter{max: 2 * 72}, def: "auto",
		doc: "added to the inner margin; `auto` follows the page count as print-on-demand printers ask",
		bind: func(c *Config, v any) {
			g := v.(gutterValue)
			c.PDF.GutterAuto, c.PDF.Gutter = g.auto, g.points
		}},
	{key: "pdf.bleed", typ: length{max: 0.5 * 72}, def: "0",
		doc:  "bleed beyond the trim, e.g. `0.125in` (sets the MediaBox, BleedBox and TrimBox)",
		bind: to(func(c *Config) *float64 { return &c.PDF.Bleed })},
	{key: "pdf.crop_marks", typ: boolean{}, def: "false",
		doc:  "print crop marks (most print-on-demand printers reject them)",
		bind: to(func(c *Config) *bool { return &c.PDF.CropMarks })},
	{key: "pdf.tagged", typ: boolean{}, def: "true", pageFree: true,
		doc:  "write a tagged PDF: its structure (headings, paragraphs, lists, tables, figures with their descriptions, notes, links) for screen readers, and its running heads, folios and ornaments marked as artifacts; with XMP metadata, declared PDF/UA-1 when the build's check finds nothing against it",
		bind: to(func(c *Config) *bool { return &c.PDF.Tagged })},
	{key: "pdf.font_size", typ: number{min: 5, max: 48, unit: "pt"}, def: "10.5",
		doc:  "body type size in points",
		bind: to(func(c *Config) *float64 { return &c.PDF.FontSize })},
	{key: "pdf.leading", typ: number{min: 1, max: 3}, def: "1.3",
		doc:  "line height as a multiple of the type size",
		bind: to(func(c *Config) *float64 { return &c.PDF.Leading })},
	{key: "pdf.hyphenate", typ: boolean{}, def: "true",
		doc:  "hyphenate each passage with the patterns of its language (built in: en-US, en-GB, de, fr, es, it, pt, pl, nl, sv, ru, uk, la, el, el-polyton, grc, hi, mr, ne, bn, as, gu, pa, or, ta, te, kn, ml)",
		bind: to(func(c *Config) *bool { return &c.PDF.Hyphenate })},
	{key: "pdf.line_numbers", typ: boolean{}, def: "false",
		doc:  "number the sources' lines in the outer margin",
		bind: to(func(c *Config) *bool { return &c.PDF.LineNumbers })},
	{key: "pdf.line_number_every", typ: integer{min: 1, max: 1000}, def: "5",
		doc:  "print every this many line numbers",
		bind: to(func(c *Config) *int { return &c.PDF.LineNumberEvery })},
	{key: "pdf.url_footnotes", typ: boolean{}, def: "false",
		doc:  "print the addresses of external links as footnotes",
		bind: to(func(c *Config) *bool { return &c.PDF.URLFootnotes })},
	{key: "pdf.page_references", typ: pageReference{}, def: "auto",
		doc:  "after a link to a place on another page: `auto` prints \"(p. 42)\" in the book's language, `off` nothing, or a form holding `{page}`, e.g. `\"(see p. {page})\"`",
		bind: to(func(c *Config) *string { return &c.PDF.PageReferences })},
	{key: "pdf.recto_chapters", typ: boolean{}, def: "true",
		doc:  "open every chapter and part on a right-hand page, after a blank one where needed",
		bind: to(func(c *Config) *bool { return &c.PDF.RectoChapters })},
	{key: "pdf.image_dpi", typ: integer{min: 0, max: 2400}, def: "300",
		doc:  "resolution raster pictures are printed at: one with more than 1.5 times the pixels its printed size needs is reduced (by the largest whole factor that keeps them, 2 × 2 pixels averaged into one or more, when it has twice them; to them otherwise), as print workflows do; 0 keeps every picture's pixels",
		bind: to(func(c *Config) *int { return &c.PDF.ImageDPI })},
	{key: "pdf.half_title", typ: boolean{}, def: "true",
		doc:  "begin with a half-title page (the title alone)",
		bind: to(func(c *Config) *bool { return &c.PDF.HalfTitle })},
	{key: "pdf.title_page", typ: boolean{}, def: "true",
		doc:  "print a title page (title, subtitle, creators, publisher)",
		bind: to(func(c *Config) *bool { return &c.PDF.TitlePage })},
	{key: "pdf.copyright_page", typ: boolean{}, def: "true",
		doc:  "print the copyright page (rights, edition, the colophon saying how the copy was made)",
		bind: to(func(c *Config) *bool { return &c.PDF.CopyrightPage })},
	{key: "pdf.contents", typ: boolean{}, def: "true",
		doc:  "print the contents",
		bind: to(func(c *Config) *bool { return &c.PDF.Contents })},
	{key: "pdf.toc_depth", typ: integer{min: 0, max: 5}, def: "1",
		doc:  "heading levels the contents and the PDF's outline list under each chapter's title (0: the titles only)",
		bind: to(func(c *Config) *int { return &c.PDF.TOCDepth })},
	{key: "pdf.part_pages", typ: boolean{}, def: "true",
		doc:  "give each part a page of its own; `false`: a part with no text of its own is only listed in the contents",
		bind: to(func(c *Config) *bool { return &c.PDF.PartPages })},
	{key: "pdf.blank_pages", typ: boolean{}, def: "true",
		doc:  "add blank versos so that the title page, the contents and page 1 open on right-hand pages; `false` for copies printed on one side",
		bind: to(func(c *Config) *bool { return &c.PDF.BlankPages })},
	{key: "pdf.page_multiple", typ: integer{min: 1, max: 64}, def: "2",
		doc:  "pad the book with blank pages at its end to a multiple of this many pages: 2 (an even count) for print on demand, 4 to 32 for a printer's signatures, 1 for none",
		bind: to(func(c *Config) *int { return &c.PDF.PageMultiple })},

	{key: "cover.paper", typ: paper{names: []string{"kdp-white", "kdp-cream"}}, def: "",
		doc: "the interior's paper, which makes the spine as thick as the book: `kdp-white` or `kdp-cream` (KDP's published thicknesses), or the thickness of one page as another printer's cover template gives it (`0.0022in`); set, the build also writes `<name>-cover.pdf`, back, spine and front on one sheet with bleed",
		bind: func(c *Config, v any) {
			p := v.(paperValue)
			c.Cover.Paper, c.Cover.PageThickness = p.name, p.thickness
		}},
	{key: "cover.barcode", typ: boolean{}, def: "true",
		doc:  "keep the barcode's zone on the back cover clear (2 x 1.2 in, where KDP and IngramSpark print the ISBN's)",
		bind: to(func(c *Config) *bool { return &c.Cover.Barcode })},
	{key: "cover.blurb", typ: anyText{}, def: "",
		doc:  "the back cover's text; empty: the manifest's description",
		bind: to(func(c *Config) *string { return &c.Cover.Blurb })},

	{key: "epub.cover", typ: filePath{}, def: "",
		doc:  "cover image in the book folder; empty: one is drawn from the title",
		bind: to(func(c *Config) *string { return &c.EPUB.Cover })},
	{key: "epub.embed_fonts", typ: boolean{}, def: "false",
		doc:  "embed the text faces in the EPUB, each cut down to the characters the book shows",
		bind: to(func(c *Config) *bool { return &c.EPUB.EmbedFonts })},
	{key: "epub.toc_depth", typ: integer{min: 1, max: 6}, def: "2",
		doc:  "heading levels in the contents",
		bind: to(func(c *Config) *int { return &c.EPUB.TOCDepth })},
	{key: "epub.page_list", typ: boolean{}, def: "true",
		doc:  "carry the PDF's page numbers in the EPUB (a page-list)",
		bind: to(func(c *Config) *bool { return &c.EPUB.PageList })},
	{key: "epub.print_source", typ: anyText{}, def: "",
		doc:  "the edition whose printed pages the page list follows, e.g. `course-packet` for the pages a class holds; empty: this edition's own PDF when it builds one, else no page list",
		bind: to(func(c *Config) *string { return &c.EPUB.PrintSource })},
	{key: "epub.identifier", typ: anyText{}, def: "",
		doc:  "this edition's identifier, e.g. its own ISBN as `urn:isbn:…`; empty: the manifest's `identifier`, which a named edition makes its own by a UUID derived from it and the edition's name, so that no two editions share one",
		bind: to(func(c *Config) *string { return &c.EPUB.Identifier })},
	{key: "epub.title_suffix", typ: anyText{}, def: "auto",
		doc:  "what follows the title in the e-book's metadata, so that a library tells editions apart: `auto` is `edition_title` in parentheses for a named edition, `off` nothing, any other text itself",
		bind: to(func(c *Config) *string { return &c.EPUB.TitleSuffix })},
	{key: "epub.max_image_megapixels", typ: number{min: 0, max: 100}, def: "4",
		doc:  "raster pictures with more pixels are reduced within this many millions (Apple Books asks for at most 4), by the smallest whole factor that does it: 2 × 2 pixels averaged into one, or 3 × 3 …; 0 keeps every picture's pixels",
		bind: to(func(c *Config) *float64 { return &c.EPUB.MaxImageMegapixels })},

	{key: "fonts.serif_regular", typ: fontFile{}, def: "",
		doc:  "font file (TrueType or OpenType) for roman text; empty: the built-in Noto Serif",
		bind: to(func(c *Config) *string { return &c.Fonts.SerifRegular })},
	{key: "fonts.serif_italic", typ: fontFile{}, def: "",
		doc:  "font file for italic text",
		bind: to(func(c *Config) *string { return &c.Fonts.SerifItalic })},
	{key: "fonts.serif_bold", typ: fontFile{}, def: "",
		doc:  "font file for bold text",
		bind: to(func(c *Config) *string { return &c.Fonts.SerifBold })},
	{key: "fonts.serif_bold_italic", typ: fontFile{}, def: "",
		doc:  "font file for bold italic text",
		bind: to(func(c *Config) *string { return &c.Fonts.SerifBoldItalic })},
	{key: "fonts.mono_regular", typ: fontFile{}, def: "",
		doc:  "font file for code; empty: the built-in Noto Sans Mono",
		bind: to(func(c *Config) *string { return &c.Fonts.MonoRegular })},
	{key: "fonts.mono_bold", typ: fontFile{}, def: "",
		doc:  "font file for bold code",
		bind: to(func(c *Config) *string { return &c.Fonts.MonoBold })},
	{key: "fonts.fallback", typ: fontFiles{}, def: "[]",
		doc:  "font files (TrueType or OpenType, a collection's every font) tried in order for the characters the faces above lack, before the fonts installed on the machine; each path is relative to the file that names it",
		bind: to(func(c *Config) *[]string { return &c.Fonts.Fallback })},
	{key: "fonts.keep_misshaped", typ: boolean{}, def: "false",
		doc:  "set Arabic-script text in a font the shaper places wrongly (Noto Nastaliq Urdu, whose letters would leave their slanting baseline) when it is the one found, instead of passing it over, with a warning, for the next (Noto Naskh Arabic)",
		bind: to(func(c *Config) *bool { return &c.Fonts.KeepMisshaped })},

	{key: "limits.config", typ: byteSize{}, def: "1MB", contentFree: true,
		doc:  "largest config or edition file read; being read before them, it is raised from the environment or the command line only",
		bind: to(func(c *Config) *int64 { return &c.Limits.Config })},
	{key: "limits.manifest", typ: byteSize{}, def: "16MB", contentFree: true,
		doc:  "largest manifest read",
		bind: to(func(c *Config) *int64 { return &c.Limits.Manifest })},
	{key: "limits.chapter", typ: byteSize{}, def: "16MB", contentFree: true,
		doc:  "largest chapter file read",
		bind: to(func(c *Config) *int64 { return &c.Limits.Chapter })},
	{key: "limits.annotations", typ: byteSize{}, def: "16MB", contentFree: true,
		doc:  "largest annotation or bibliography file read",
		bind: to(func(c *Config) *int64 { return &c.Limits.Annotations })},
	{key: "limits.image", typ: byteSize{}, def: "64MB", contentFree: true,
		doc:  "largest picture file read",
		bind: to(func(c *Config) *int64 { return &c.Limits.Image })},
	{key: "limits.image_memory", typ: byteSize{}, def: "256MB", contentFree: true,
		doc:  "most memory a picture may take decoded (width × height × bytes per pixel, read from its header before decoding); a larger one is left out",
		bind: to(func(c *Config) *int64 { return &c.Limits.ImageMemory })},
	{key: "limits.font", typ: byteSize{}, def: "64MB", contentFree: true,
		doc:  "largest font file read",
		bind: to(func(c *Config) *int64 { return &c.Limits.Font })},
}

// sections are the keys that hold other keys, with what they are for.
var sections = []struct{ key, doc string }{
	{"markdown", "how the chapters are read"},
	{"notes", "how notes are numbered and placed"},
	{"citation", "how sources are cited"},
	{"typography", "punctuation by language"},
	{"pdf", "the printed book; lengths take pt, in, mm, cm or pc (a bare number is points)"},
	{"cover", "the printed cover, for print on demand"},
	{"epub", "the e-book"},
	{"fonts", "font files replacing the built-in faces, relative to the file that names them"},
	{"limits", "the largest input of each kind, so that no file can exhaust the build's time or memory; sizes take KB, MB or GB (1 MB = 1024 KB), a bare number is bytes"},
}

// setting is one row of the table.
type setting struct {
	key string
	typ valueType
	// def is the built-in default as a user writes it in YAML.
	def string
	// doc says what the setting does, in one line of Markdown.
	doc string
	// contentFree marks settings that cannot change the bytes of the
	// output (where it is written, how strictly warnings are treated); the
	// digest leaves them out so the same book built elsewhere matches.
	contentFree bool
	// digestSet marks a setting added after books were made: it is in the
	// digest only when set otherwise than its default, so that the digest
	// printed in those books' colophons stays theirs.
	digestSet bool
	// pageFree marks a setting that changes how the file is written but
	// nothing any page shows (the PDF's tags): the digest, which the
	// copyright page prints, leaves it out, so that the pages come out
	// the same whichever its value.
	pageFree bool
	// bind stores a value typ returned in its field of Config.
	bind func(*Config, any)
}

// to binds a setting to one field of Config.
func to[T any](field func(*Config) *T) func(*Config, any) {
	return func(c *Config, v any) { *field(c) = v.(T) }
}

// EnvName is the environment variable that sets key: "pdf.page_size" ->
// "SAMIZDAT_PDF_PAGE_SIZE".
func EnvName(key string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

func lookup(key string) *setting {
	for i := range table {
		if table[i].key == key {
			return &table[i]
		}
	}
	return nil
}

func isSection(key string) bool {
	return slices.ContainsFunc(sections, func(s struct{ key, doc string }) bool { return s.key == key })
}

// Keys returns every setting's key, sorted, e.g. for checking or completing
// --set.
func Keys() []string {
	keys := make([]string, len(table))
	for i, s := range table {
		keys[i] = s.key
	}
	slices.Sort(keys)
	return keys
}

// Doc is what key sets, in one line of Markdown; "" for no setting.
func Doc(key string) string {
	if s := lookup(key); s != nil {
		return s.doc
	}
	return ""
}

// Choices are the few words key takes (true and false, the choices of a
// choice or of a list), for completing --set; nil when its values are
// open (a length, a path, text).
func Choices(key string) []string {
	s := lookup(key)
	if s == nil {
		return nil
	}
	switch t := s.typ.(type) {
	case boolean:
		return []string{"true", "false"}
	case choice:
		return slices.Clone([]string(t))
	case list:
		return slices.Clone(t.choices)
	}
	return nil
}

// allPaths lists every key and section, the candidates for suggestions.
func allPaths() []string {
	var paths []string
	for _, s := range sections {
		paths = append(paths, s.key)
	}
	for _, s := range table {
		paths = append(paths, s.key)
	}
	return paths
}

// CheckKey says whether key can be set with --set, with a suggestion for
// near misses; nil when it can.
func CheckKey(key string) error {
	switch {
	case lookup(key) != nil:
		return nil
	case isSection(key):
		return fmt.Errorf("%q holds other settings; set one of them, e.g. %s", key, sectionExample(key))
	}
	return fmt.Errorf("unknown key %q%s", key, suggest.DidYouMean(key, allPaths()))
}

func sectionExample(section string) string {
	for _, s := range table {
		if strings.HasPrefix(s.key, section+".") {
			return s.key
		}
	}
	return section
}

// rawInput is a setting as one layer wrote it: YAML gives scalars, lists or
// null; environment variables and flags give text.
type rawInput struct {
	text   string
	list   []string
	isList bool
	isNull bool
	// node is a mapping written in a file, for types that take one.
	node *yamlfile.Node
}

// mappingType marks the types whose value is a mapping.
type mappingType interface{ takesMapping() }

// valueType checks and converts one kind of setting. Messages do not name
// the key; callers prefix where the value came from.
type valueType interface {
	// parse returns the typed value bind stores, and how to show it.
	parse(in rawInput) (typed any, shown string, err error)
	// canonical is the digest form of a typed value: equal values
	// written differently ("0.75in", "54pt") give the same text.
	canonical(typed any) string
	// allowed says what values are accepted, in Markdown, for the
	// reference.
	allowed() string
}

// single checks that in is one value and returns its trimmed text; null
// is "" when empty is allowed.
func single(in rawInput, emptyOK bool) (string, error) {
	switch {
	case in.isNull && !emptyOK:
		return "", fmt.Errorf("missing value")
	}
	return strings.TrimSpace(in.text), nil
}

func quoted(s string) string {
	if s == "" {
		return `""`
	}
	return s
}

// anyText is any text.
type anyText struct{}

func (anyText) parse(in rawInput) (any, string, error) {
	s, err := single(in, true)
	return s, quoted(s), err
}
func (anyText) canonical(v any) string { return strconv.Quote(v.(string)) }
func (anyText) allowed() string        { return "text" }

// webAddress is an absolute http or https address, or nothing.
type webAddress struct{}

func (webAddress) parse(in rawInput) (any, string, error) {
	s, err := single(in, true)
	if err != nil || s == "" {
		return s, quoted(s), err
	}
	u, perr := url.Parse(s)
	switch {
	case perr != nil:
		return nil, "", fmt.Errorf("%q is not a web address", s)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return nil, "", fmt.Errorf("%q is not a web address: give one starting http:// or https://", s)
	case u.Fragment != "" || u.RawQuery != "":
		return nil, "", fmt.Errorf("%q: give the site's address without a query or fragment", s)
	}
	return s, s, nil
}
func (webAddress) canonical(v any) string { return strconv.Quote(v.(string)) }
func (webAddress) allowed() string        { return "an http or https address" }

// filePath is a file or folder path.
type filePath struct{ required bool }

func (p filePath) parse(in rawInput) (any, string, error) {
	s, err := single(in, true)
	switch {
	case err != nil:
		return nil, "", err
	case s == "" && p.required:
		return nil, "", fmt.Errorf("must not be empty")
	case strings.ContainsRune(s, 0):
		return nil, "", fmt.Errorf("bad path %q", s)
	}
	return s, quoted(s), nil
}
func (filePath) canonical(v any) string { return strconv.Quote(v.(string)) }
func (filePath) allowed() string        { return "a path" }

// fontFile is a path to a font file, resolved against the folder of the
// file that names it when the config is loaded.
type fontFile struct{ filePath }

func (fontFile) allowed() string { return "a path to a TrueType or OpenType file" }

// fontFiles is a list of font files, each resolved as a fontFile is.
type fontFiles struct{}

func (fontFiles) takesList() {}

func (fontFiles) parse(in rawInput) (any, string, error) { return pathList(in, false) }

// pathList reads a list of paths, written as a list or as one string of
// comma-separated paths, without empty ones; unique drops repeated ones.
func pathList(in rawInput, unique bool) (any, string, error) {
	items := in.list
	if !in.isList && !in.isNull {
		items = strings.Split(in.text, ",")
	}
	out := []string{}
	for _, item := range items {
		item = strings.TrimSpace(item)
		switch {
		case item == "":
			continue
		case strings.ContainsRune(item, 0):
			return nil, "", fmt.Errorf("bad path %q", item)
		}
		if !unique || !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	return out, "[" + strings.Join(out, ", ") + "]", nil
}
func (fontFiles) canonical(v any) string {
	var quoted []string
	for _, p := range v.([]string) {
		quoted = append(quoted, strconv.Quote(p))
	}
	return "[" + strings.Join(quoted, ",") + "]"
}
func (fontFiles) allowed() string {
	return "a list of paths to TrueType or OpenType files (collections too)"
}

// folders is a list of folder paths, kept as written (they are relative to
// the book folder, not to the file that names them).
type folders struct{}

func (folders) takesList() {}

func (folders) parse(in rawInput) (any, string, error) { return pathList(in, true) }
func (folders) canonical(v any) string                 { return fontFiles{}.canonical(v) }
func (folders) allowed() string                        { return "a list of folders" }

// fileList is a list of files, each once.
type fileList struct{}

func (fileList) takesList() {}

func (fileList) parse(in rawInput) (any, string, error) { return pathList(in, true) }
func (fileList) canonical(v any) string                 { return fontFiles{}.canonical(v) }
func (fileList) allowed() string                        { return "a list of files" }

// fileName is a plain file name, no folders.
type fileName struct{}

func (fileName) parse(in rawInput) (any, string, error) {
	s, err := single(in, true)
	if err != nil {
		return nil, "", err
	}
	if s != "" && (s == "." || s == ".." || strings.ContainsAny(s, "/\\\x00") || strings.HasPrefix(s, ".")) {
		return nil, "", fmt.Errorf("%q must be a plain file name without folders or a leading dot", s)
	}
	return s, quoted(s), nil
}
func (fileName) canonical(v any) string { return strconv.Quote(v.(string)) }
func (fileName) allowed() string        { return "a file name" }

// byteSize is a number of bytes: "16MB", "512 KB", "1.5GB", "4096".
type byteSize struct{}

func (byteSize) parse(in rawInput) (any, string, error) {
	s, err := single(in, false)
	if err != nil {
		return nil, "", err
	}
	n, err := ParseSize(s)
	if err != nil {
		return nil, "", err
	}
	return n, formatSize(n), nil
}
func (byteSize) canonical(v any) string { return formatSize(v.(int64)) }
func (byteSize) allowed() string        { return "a size, 1KB to 1024GB" }

// ParseSize reads a size in bytes: a number with KB, MB or GB (binary:
// 1 MB is 1024 KB), or a bare number of bytes; between 1 KB and 1024 GB.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || t == "" || strings.ContainsAny(t, "eEnNiI") {
		return 0, fmt.Errorf("want a size such as 16MB, got %q", s)
	}
	n := f * float64(mult)
	if n < 1<<10 || n > 1<<40 {
		return 0, fmt.Errorf("%s is out of range (1KB to 1024GB)", strings.TrimSpace(s))
	}
	return int64(n), nil
}

// formatSize writes n in the largest unit that divides it.
func formatSize(n int64) string {
	for _, u := range []struct {
		name string
		mult int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}} {
		if n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

// boolean is true or false.
type boolean struct{}

func (boolean) parse(in rawInput) (any, string, error) {
	s, err := single(in, false)
	if err != nil {
		return nil, "", err
	}
	switch strings.ToLower(s) {
	case "true", "yes", "on", "1":
		return true, "true", nil
	case "false", "no", "off", "0":
		return false, "false", nil
	}
	return nil, "", fmt.Errorf("want true or false, got %q", s)
}
func (boolean) canonical(v any) string { return strconv.FormatBool(v.(bool)) }
func (boolean) allowed() string        { return "`true` or `false`" }

// integer is a whole number in a range.
type integer struct{ min, max int }

func (r integer) parse(in rawInput) (any, string, error) {
	s, err := single(in, false)
	if err != nil {
		return nil, "", err
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil, "", fmt.Errorf("want a whole number, got %q", s)
	}
	if n < r.min || n > r.max {
		return nil, "", fmt.Errorf("%d is out of range (%d to %d)", n, r.min, r.max)
	}
	return n, strconv.Itoa(n), nil
}
func (integer) canonical(v any) string { return strconv.Itoa(v.(int)) }
func (r integer) allowed() string      { return fmt.Sprintf("a whole number, %d to %d", r.min, r.max) }

// number is a decimal number in a range.
type number struct {
	min, max float64
	unit     string // for the reference only: the number is in this unit
}

func (r number) parse(in rawInput) (any, string, error) {
	s, err := single(in, false)
	if err != nil {
		return nil, "", err
	}
	n, unit, ok := parseNumberUnit(s)
	if !ok || unit != "" {
		return nil, "", fmt.Errorf("want a number, got %q", s)
	}
	if n < r.min || n > r.max {
		return nil, "", fmt.Errorf("%g is out of range (%g to %g)", n, r.min, r.max)
	}
	return n, strconv.FormatFloat(n, 'f', -1, 64), nil
}
func (number) canonical(v any) string { return strconv.FormatFloat(v.(float64), 'f', -1, 64) }
func (r number) allowed() string {
	return fmt.Sprintf("a number, %g to %g%s", r.min, r.max, r.unit)
}

// length is a distance, converted to points.
type length struct{ max float64 }

func (r length) parse(in rawInput) (any, string, error) {
	s, err := single(in, false)
	if err != nil {
		return nil, "", err
	}
	pt, err := r.check(s)
	return pt, s, err
}

func (r length) check(s string) (float64, error) {
	pt, err := parseLength(s)
	if err != nil {
		return 0, err
	}
	if r.max > 0 && pt > r.max+1e-9 {
		return 0, fmt.Errorf("%s is too large (at most %s)", s, formatPoints(r.max))
	}
	return pt, nil
}
func (length) canonical(v any) string { return canonicalPoints(v.(float64)) }
func (r length) allowed() string      { return "a length, 0 to " + formatPoints(r.max) }

// gutterValue is the inside-margin addition: automatic or fixed.
type gutterValue struct {
	auto   bool
	points float64
}

type gutter struct{ max float64 }

func (r gutter) parse(in rawInput) (any, string, error) {
	s, err := single(in, false)
	if err != nil {
		return nil, "", err
	}
	if strings.EqualFold(s, "auto") {
		return gutterValue{auto: true}, "auto", nil
	}
	if _, _, ok := parseNumberUnit(s); !ok {
		return nil, "", fmt.Errorf("bad value %q (use auto or a length such as 0.5in)", s)
	}
	pt, err := length(r).check(s)
	return gutterValue{points: pt}, s, err
}

func (gutter) canonical(v any) string {
	if g := v.(gutterValue); !g.auto {
		return canonicalPoints(g.points)
	}
	return "auto"
}
func (r gutter) allowed() string { return "`auto` or a length, 0 to " + formatPoints(r.max) }

// PageSize is a trim size: its name as written and its sides in points.
type PageSize struct {
	Name          string
	Width, Height float64
}

type trimSize struct{}

func (trimSize) parse(in rawInput) (any, string, error) {
	s, err := single(in, false)
	if err != nil {
		return nil, "", err
	}
	w, h, err := parsePageSize(s)
	return PageSize{Name: s, Width: w, Height: h}, s, err
}

func (trimSize) canonical(v any) string {
	p := v.(PageSize)
	return canonicalPoints(p.Width) + "x" + canonicalPoints(p.Height)
}

func (trimSize) allowed() string {
	var names []string
	for _, p := range pageSizes {
		names = append(names, "`"+p.name+"`")
	}
	return strings.Join(names, ", ") + ", or `\"W x H\"` (`\"150mm x 220mm\"`)"
}

// date is a build date.
type date struct{}

func (date) parse(in rawInput) (any, string, error) {
	s, err := single(in, true)
	if err != nil {
		return nil, "", err
	}
	t, err := parseDate(s)
	return t, quoted(s), err
}

func (date) canonical(v any) string {
	if t := v.(time.Time); !t.IsZero() {
		return t.Format(time.RFC3339)
	}
	return ""
}
func (date) allowed() string { return "`YYYY-MM-DD` or RFC 3339" }

// parseDate accepts YYYY-MM-DD (midnight UTC) or RFC 3339; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("bad date %q (use YYYY-MM-DD or RFC 3339, e.g. 2026-03-01T12:00:00Z)", s)
}

// pageReference is how the PDF names the page a link leads to: auto,
// off, or a form holding {page}.
type pageReference struct{}

func (pageReference) parse(in rawInput) (any, string, error) {
	s, err := single(in, true)
	if err != nil {
		return nil, "", err
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "auto", "off":
		low := strings.ToLower(strings.TrimSpace(s))
		return low, low, nil
	}
	if !strings.Contains(s, "{page}") {
		return nil, "", fmt.Errorf("%q names no page: use auto, off, or a form holding {page}, such as \"(see p. {page})\"", s)
	}
	return s, quoted(s), nil
}
func (pageReference) canonical(v any) string {
	s := v.(string)
	if s == "auto" || s == "off" {
		return s
	}
	return strconv.Quote(s)
}
func (pageReference) allowed() string { return "`auto`, `off` or text holding `{page}`" }

// choice is one of a few words.
// paper is a paper by name, or the thickness of a page as a length below
// a hundredth of an inch; "" for none.
type paper struct{ names []string }

type paperValue struct {
	name      string  // one of the names, or ""
	thickness float64 // pt per page, when not named
}

func (t paper) parse(in rawInput) (any, string, error) {
	s, err := single(in, true)
	if err != nil || s == "" {
		return paperValue{}, "", err
	}
	for _, n := range t.names {
		if strings.EqualFold(s, n) {
			return paperValue{name: n}, n, nil
		}
	}
	if _, _, ok := parseNumberUnit(s); ok {
		pt, err := parseLength(s)
		if err == nil && pt > 0 && pt < 0.72 {
			return paperValue{thickness: pt}, s, nil
		}
	}
	return nil, "", fmt.Errorf("unknown paper %q (use %s, or the thickness of a page such as 0.0022in)", s, orList(t.names))
}

func (paper) canonical(v any) string {
	if p := v.(paperValue); p.name != "" || p.thickness == 0 {
		return p.name
	}
	return canonicalPoints(v.(paperValue).thickness)
}
func (t paper) allowed() string {
	return codeList(t.names, "or") + ", a length below 0.01in, or empty"
}

type choice []string

func (c choice) parse(in rawInput) (any, string, error) {
	s, err := single(in, false)
	if err != nil {
		return nil, "", err
	}
	for _, word := range c {
		if strings.EqualFold(s, word) {
			return word, word, nil
		}
	}
	return nil, "", fmt.Errorf("unknown value %q (use %s)", s, orList(c))
}
func (choice) canonical(v any) string { return v.(string) }
func (c choice) allowed() string      { return codeList(c, "or") }

// list is a list of words: a YAML list, or commas in the environment and
// flags. With choices, of those words and at least one; else of condition
// tags.
type list struct{ choices []string }

func (list) takesList() {}

// listType marks the types whose value is a list.
type listType interface{ takesList() }

var tagPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func (l list) parse(in rawInput) (any, string, error) {
	items := in.list
	if !in.isList && !in.isNull {
		items = strings.Split(in.text, ",")
	}
	out := []string{}
	for _, item := range items {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		switch {
		case l.choices != nil:
			low := strings.ToLower(item)
			if !slices.Contains(l.choices, low) {
				return nil, "", fmt.Errorf("unknown format %q (use %s)", item, orList(l.choices))
			}
			item = low
		case !tagPattern.MatchString(item):
			return nil, "", fmt.Errorf("bad tag %q (letters, digits, - and _)", item)
		}
		if !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	if l.choices != nil && len(out) == 0 {
		return nil, "", fmt.Errorf("choose at least one of %s", orList(l.choices))
	}
	return out, "[" + strings.Join(out, ", ") + "]", nil
}
func (list) canonical(v any) string { return "[" + strings.Join(v.([]string), ",") + "]" }
func (l list) allowed() string {
	if l.choices != nil {
		return "a list of " + codeList(l.choices, "and")
	}
	return "a list of tags (letters, digits, `-` and `_`)"
}

// orList writes "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// codeList writes "`a`, `b` or `c`".
func codeList(words []string, conj string) string {
	coded := make([]string, len(words))
	for i, w := range words {
		coded[i] = "`" + w + "`"
	}
	if len(coded) == 1 {
		return coded[0]
	}
	return strings.Join(coded[:len(coded)-1], ", ") + " " + conj + " " + coded[len(coded)-1]
}

// ConfigLimit is limits.config as the command line's flags or else the
// environment set it, or its default: the config files are read with it,
// before the values they hold are known. A bad value is reported when the
// config is loaded; here it counts as the default.
func ConfigLimit(environ []string, flags map[string]string) int64 {
	s := lookup("limits.config")
	v, ok := flags[s.key]
	if !ok {
		name := EnvName(s.key)
		for _, kv := range environ {
			if n, val, _ := strings.Cut(kv, "="); n == name {
				v, ok = val, true
				break
			}
		}
	}
	if ok {
		if n, err := ParseSize(v); err == nil {
			return n
		}
	}
	n, _ := ParseSize(s.def)
	return n
}
