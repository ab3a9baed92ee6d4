package notes

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// marked renders inline content as text with each note marker as {label}
// and each anchor point as {id}, to assert where they went.
func marked(in []doc.Inline) string {
	var sb strings.Builder
	var walk func([]doc.Inline)
	walk = func(in []doc.Inline) {
		for _, x := range in {
			switch x := x.(type) {
			case *doc.Text:
				sb.WriteString(x.Text)
			case *doc.Code:
				sb.WriteString(x.Text)
			case *doc.Break:
				sb.WriteString("\n")
			case *doc.NoteRef:
				sb.WriteString("{" + x.Note.Label + "}")
			case *doc.Span:
				if x.ID != "" && len(x.Content) == 0 {
					sb.WriteString("{" + x.ID + "}")
				}
				walk(x.Content)
			default:
				walk(doc.InlineChildren(x))
			}
		}
	}
	walk(in)
	return sb.String()
}

// smallBook has introduction.md (title heading, then the given blocks) and
// other.md with a section "section".
// placedLink is a link as the parser gives it: with its own position,
// in no file (its block's).
func placedLink(url string, line, column int) *doc.Link {
	l := link(url, txt("text"))
	l.Pos = doc.Pos{Line: line, Column: column}
	return l
}

func smallBook(blocks ...doc.Block) *doc.Book {
	intro := chapter("introduction.md", append([]doc.Block{heading("introduction.md", 1, 1, "introduction", txt("Introduction"))}, blocks...)...)
	other := chapter("other.md", heading("other.md", 1, 1, "other", txt("Other")),
		heading("other.md", 3, 2, "section", txt("Section")),
		div([]string{"teacher"}, heading("other.md", 5, 2, "hidden", txt("Hidden"))),
		para("other.md", 7, txt("Other text.")))
	return &doc.Book{Meta: doc.Meta{Title: "Small", Language: "en"}, Entries: []*doc.Entry{intro, other}}
}

type outcome struct {
	warnings, errors []string
}

func resolveWith(t *testing.T, book *doc.Book, yaml string, opts Options) outcome {
	t.Helper()
	fsys := fstest.MapFS{"handout.pdf": {Data: []byte("%PDF")}}
	in := Input{FS: fsys, ParseMarkdown: fakeMarkdown, Options: opts}
	if yaml != "" {
		fsys["notes/editorial.yaml"] = &fstest.MapFile{Data: []byte(yaml)}
		in.AnnotationFiles = []string{"notes/editorial.yaml"}
	}
	warns, err := Resolve(book, in)
	var o outcome
	o.warnings = coded(t, warns, diag.Warning)
	o.errors = coded(t, diag.FromError(err), diag.Error)
	return o
}

// coded shows each diagnostic as "file:line: message [code]", so tests
// assert both, and checks its severity.
func coded(t *testing.T, ds []diag.Diagnostic, want diag.Severity) []string {
	t.Helper()
	var out []string
	for _, d := range ds {
		if d.Severity != want {
			t.Errorf("%s: severity %s, want %s", d, d.Severity, want)
		}
		s := d.Error()
		if d.Code != "" {
			s += " [" + d.Code + "]"
		}
		out = append(out, s)
	}
	return out
}

func annotated() Options {
	return Options{Annotations: true, Conditions: []string{"teacher", "answers"}}
}

func TestMessages(t *testing.T) {
	intro := func(in ...doc.Inline) doc.Block { return para("introduction.md", 3, in...) }
	congress := func() *doc.Book {
		return smallBook(
			intro(txt("At the Tenth Party Congress in 1922, Vladimir Lenin spoke.")),
			para("introduction.md", 5, txt("The Congress of 1922 was the Eleventh.")),
		)
	}
	cases := []struct {
		name     string
		book     *doc.Book
		yaml     string
		opts     *Options // nil: annotations on, conditions teacher and answers
		errors   []string
		warnings []string
		// check, when set, inspects the resolved book.
		check func(t *testing.T, b *doc.Book)
	}{
		{
			name: "quote not found",
			book: congress(),
			yaml: "- quote: Tenth Party Congress in 1923\n  chapter: introduction.md\n  note: Wrong year.\n",
			errors: []string{
				`notes/editorial.yaml:1: quote "Tenth Party Congress in 1923" not found in introduction.md [annotation.quote-missing]`,
			},
		},
		{
			name: "quote not found anywhere in the book",
			book: congress(),
			yaml: "- quote: Twelfth Congress\n  note: None.\n",
			errors: []string{
				`notes/editorial.yaml:1: quote "Twelfth Congress" not found in the book [annotation.quote-missing]`,
			},
		},
		{
			name: "quote found twice",
			book: congress(),
			yaml: "- quote: Congress\n  note: Which?\n",
			errors: []string{
				`notes/editorial.yaml:1: quote "Congress" found 2 times (introduction.md:3, introduction.md:5); add prefix or suffix to choose one [annotation.quote-ambiguous]`,
			},
		},
		{
			name: "ambiguity resolved by prefix",
			book: congress(),
			yaml: "- quote: Congress\n  prefix: \"The \"\n  note: The second.\n",
			check: func(t *testing.T, b *doc.Book) {
				wantMarked(t, b.Entries[0].Blocks[2], "The Congress{a} of 1922 was the Eleventh.")
			},
		},
		{
			name: "ambiguity resolved by suffix",
			book: congress(),
			yaml: "- quote: Congress\n  suffix: \" in 1922\"\n  note: The first.\n",
			check: func(t *testing.T, b *doc.Book) {
				wantMarked(t, b.Entries[0].Blocks[1], "At the Tenth Party Congress{a} in 1922, Vladimir Lenin spoke.")
			},
		},
		{
			name: "unknown chapter",
			book: congress(),
			yaml: "- quote: Congress\n  chapter: intro.md\n  note: Where?\n",
			errors: []string{
				`notes/editorial.yaml:2: unknown chapter "intro.md" (not in the book) [annotation.chapter-unknown]`,
			},
		},
		{
			name: "chapter by entry ID",
			book: congress(),
			yaml: "- quote: Other text\n  chapter: other\n  note: By ID.\n",
			check: func(t *testing.T, b *doc.Book) {
				wantMarked(t, b.Entries[1].Blocks[2], "Other text{a}.")
			},
		},
		{
			name: "quote across emphasis and a line break",
			book: smallBook(intro(txt("The "), emph(txt("workers’ opposition")), &doc.Break{}, txt("must speak."))),
			yaml: "- quote: workers' opposition must\n  note: Across.\n",
			check: func(t *testing.T, b *doc.Book) {
				wantMarked(t, b.Entries[0].Blocks[1], "The workers’ opposition\nmust{a} speak.")
			},
		},
		{
			name: "quote ending with emphasis gets its marker after it",
			book: smallBook(intro(txt("Read "), emph(txt("Capital")), txt(" today."))),
			yaml: "- quote: Read Capital\n  note: After.\n",
			check: func(t *testing.T, b *doc.Book) {
				p := b.Entries[0].Blocks[1].(*doc.Paragraph)
				if _, ok := p.Content[2].(*doc.NoteRef); !ok {
					t.Errorf("marker not right after the emphasis: %s", marked(p.Content))
				}
			},
		},
		{
			name: "quote ending inside a link gets its marker after the link",
			book: smallBook(intro(txt("See "), link("https://example.org", txt("the archive of texts")), txt("."))),
			yaml: "- quote: the archive\n  note: Linked.\n",
			check: func(t *testing.T, b *doc.Book) {
				wantMarked(t, b.Entries[0].Blocks[1], "See the archive of texts{a}.")
			},
		},
		{
			name: "curly text, straight quote",
			book: smallBook(intro(txt("She said “don’t” — twice… then left."))),
			yaml: "- quote: \"said \\\"don't\\\" -- twice...\"\n  note: Variants.\n",
			check: func(t *testing.T, b *doc.Book) {
				wantMarked(t, b.Entries[0].Blocks[1], "She said “don’t” — twice…{a} then left.")
			},
		},
		{
			name: "straight text, curly quote",
			book: smallBook(intro(txt("She said \"don't\" --- twice... then left."))),
			yaml: "- quote: \"said “don’t” – twice…\"\n  note: Variants.\n",
			check: func(t *testing.T, b *doc.Book) {
				// the quote matched the straight text, which is then set in
				// English punctuation
				wantMarked(t, b.Entries[0].Blocks[1], "She said “don’t” --- twice...{a} then left.")
			},
		},
		{
			name: "matching is case-sensitive",
			book: congress(),
			yaml: "- quote: tenth party congress\n  note: Lower.\n",
			errors: []string{
				`notes/editorial.yaml:1: quote "tenth party congress" not found in the book [annotation.quote-missing]`,
			},
		},
		{
			name: "dangling internal link",
			book: smallBook(intro(link("missing.md", txt("gone")))),
			warnings: []string{
				`introduction.md:3: link "missing.md": missing.md is not in the book; printed as text [link.dangling]`,
			},
		},
		{
			name: "a link the parser placed is named at its own line and column, the first of several",
			book: smallBook(intro(txt("See "), placedLink("missing.md", 4, 7), txt(" and "), placedLink("missing.md", 5, 2))),
			warnings: []string{
				`introduction.md:4:7: link "missing.md": missing.md is not in the book; printed as text (as is 1 other link to it) [link.dangling]`,
			},
		},
		{
			name: "links to a chapter's web page lead to the chapter",
			book: smallBook(intro(link("other.html", txt("a")), link("other.xhtml#section", txt("b")),
				link("./other.htm#section", txt("c")), link("other.md#section", txt("d")))),
			check: func(t *testing.T, b *doc.Book) {
				for i, in := range b.Entries[0].Blocks[1].(*doc.Paragraph).Content {
					l := in.(*doc.Link)
					want := "section"
					if i == 0 {
						want = ""
					}
					if l.External || l.Entry != b.Entries[1].ID || l.Anchor != want {
						t.Errorf("link %q: External=%v Entry=%q Anchor=%q, want entry %q anchor %q",
							l.URL, l.External, l.Entry, l.Anchor, b.Entries[1].ID, want)
					}
				}
			},
		},
		{
			name: "a link that dangles is reported once however often it is written",
			book: smallBook(intro(link("gone.html", txt("a")), link("gone.html", txt("b")), link("./gone.html", txt("c")),
				link("other.html#nowhere", txt("d")), link("other.md#nowhere", txt("e")))),
			warnings: []string{
				`introduction.md:3: link "gone.html": no file gone.html in the book folder; printed as text (as are 2 other links to it) [link.dangling]`,
				`introduction.md:3: link "other.html#nowhere": no heading "nowhere" in other.md; printed as text (as is 1 other link to it) [link.dangling]`,
			},
		},
		{
			name: "a link without an address is no link to its own chapter",
			book: smallBook(intro(link("", txt("lesson")), link("", txt("quiz")))),
			warnings: []string{
				`introduction.md:3: link "" has no address; printed as text (as is 1 other link to it) [link.invalid]`,
			},
			check: func(t *testing.T, b *doc.Book) {
				for _, in := range b.Entries[0].Blocks[1].(*doc.Paragraph).Content {
					if l := in.(*doc.Link); l.External || l.Entry != "" {
						t.Errorf("link %q: External=%v Entry=%q, want neither", l.URL, l.External, l.Entry)
					}
				}
			},
		},
		{
			name: "an address after a stray character is one problem, named",
			book: smallBook(intro(placedLink("[https://example.org/guide.html", 3, 12))),
			warnings: []string{
				`introduction.md:3:12: link "[https://example.org/guide.html": the "[" before its address makes it neither a URL nor a file; printed as text [link.invalid]`,
			},
		},
		{
			name: "missing anchor",
			book: smallBook(intro(link("other.md#nowhere", txt("gone")))),
			warnings: []string{
				`introduction.md:3: link "other.md#nowhere": no heading "nowhere" in other.md; printed as text [link.dangling]`,
			},
		},
		{
			name: "missing anchor in the same file",
			book: smallBook(intro(link("#nowhere", txt("gone")))),
			warnings: []string{
				`introduction.md:3: link "#nowhere": no heading "nowhere" in introduction.md; printed as text [link.dangling]`,
			},
		},
		{
			name: "link outside the book folder",
			book: smallBook(intro(link("../secret.md", txt("out")))),
			warnings: []string{
				`introduction.md:3: link "../secret.md": it points outside the book folder; printed as text (give markdown.site_url to lead it to the book's website) [link.outside]`,
			},
		},
		{
			name: "link to a local PDF",
			book: smallBook(intro(link("handout.pdf", txt("handout")))),
			warnings: []string{
				`introduction.md:3: link "handout.pdf": handout.pdf is not part of the book, so neither format can carry it; printed as text [link.local-file]`,
			},
			check: func(t *testing.T, b *doc.Book) {
				l := b.Entries[0].Blocks[1].(*doc.Paragraph).Content[0].(*doc.Link)
				if l.External || l.Entry != "" {
					t.Errorf("link to a local file: External=%v Entry=%q, want neither", l.External, l.Entry)
				}
			},
		},
		{
			name: "link to a missing local file",
			book: smallBook(intro(link("handout2.pdf", txt("handout")))),
			warnings: []string{
				`introduction.md:3: link "handout2.pdf": no file handout2.pdf in the book folder; printed as text [link.dangling]`,
			},
		},
		{
			name: "link to a heading the edition leaves out",
			book: smallBook(intro(link("other.md#hidden", txt("hidden")))),
			opts: &Options{Conditions: []string{"teacher"}},
			warnings: []string{
				`introduction.md:3: link "other.md#hidden": the edition leaves out "hidden" in other.md; printed as text [link.left-out]`,
			},
		},
		{
			name: "link to an entry the edition leaves out",
			book: func() *doc.Book {
				b := smallBook(intro(link("answers.md", txt("the answers"))))
				answers := chapter("answers.md", heading("answers.md", 1, 1, "answers", txt("Answers")))
				answers.Tags = []string{"answers"}
				b.Entries = append(b.Entries, answers)
				return b
			}(),
			warnings: []string{
				`introduction.md:3: link "answers.md": the edition leaves out answers.md; printed as text [link.left-out]`,
			},
		},
		{
			name: "broken link in an annotation, annotations off",
			book: congress(),
			yaml: "- quote: Tenth\n  note: See [this](../nowhere.md).\n",
			opts: &Options{},
			warnings: []string{
				`notes/editorial.yaml:2: link "../nowhere.md": nowhere.md is not in the book; printed as text [link.dangling]`,
			},
		},
		{
			name: "link in a block-scalar note, relative to the annotation file",
			book: congress(),
			yaml: "- quote: Tenth\n  note: |\n    See [this](x.md).\n",
			warnings: []string{
				`notes/editorial.yaml:3: link "x.md": notes/x.md is not in the book; printed as text [link.dangling]`,
			},
		},
		{
			name: "a colon in a file name is not a scheme",
			book: func() *doc.Book {
				b := smallBook(intro(link("a:b.md#ab", txt("ab"))))
				b.Entries = append(b.Entries, chapter("a:b.md", heading("a:b.md", 1, 1, "ab", txt("A:B"))))
				return b
			}(),
			check: func(t *testing.T, b *doc.Book) {
				l := b.Entries[0].Blocks[1].(*doc.Paragraph).Content[0].(*doc.Link)
				if l.External || l.Entry != b.Entries[2].ID {
					t.Errorf("link to a:b.md: External=%v Entry=%q, want entry %q", l.External, l.Entry, b.Entries[2].ID)
				}
			},
		},
		{
			name: "links that resolve",
			book: smallBook(intro(link("other.md#section", txt("a")), link("./other.md", txt("b")),
				link("/other.md#other", txt("c")), link("#introduction", txt("d")), link("mailto:x@example.org", txt("e")),
				link("ftp://example.org/f", txt("f")), link("//example.org/g", txt("g")), link("other.md#hidden", txt("h")))),
			opts: &Options{Conditions: []string{"teacher"}, Include: []string{"teacher"}},
			check: func(t *testing.T, b *doc.Book) {
				var got []string
				for _, in := range b.Entries[0].Blocks[1].(*doc.Paragraph).Content {
					l := in.(*doc.Link)
					got = append(got, l.Entry+"#"+l.Anchor+" "+map[bool]string{true: "external", false: "internal"}[l.External])
				}
				want := []string{"other#section internal", "other# internal", "other#other-2 internal",
					"introduction#introduction-2 internal", "# external", "# external", "# external", "other#hidden internal"}
				if !slices.Equal(got, want) {
					t.Errorf("links:\n got %q\nwant %q", got, want)
				}
			},
		},
		{
			name: "unreferenced footnote",
			book: func() *doc.Book {
				b := smallBook(intro(txt("No markers here.")))
				b.Entries[0].Notes = []*doc.Note{footnote("introduction.md", 9, "lost", para("introduction.md", 9, txt("Lost.")))}
				return b
			}(),
			warnings: []string{`introduction.md:9: footnote [^lost] is never referenced; dropped [footnote.unused]`},
			check: func(t *testing.T, b *doc.Book) {
				if n := len(b.Entries[0].Notes); n != 0 {
					t.Errorf("%d notes kept, want the unreferenced one dropped", n)
				}
			},
		},
		{
			name: "entry with no title",
			book: &doc.Book{Entries: []*doc.Entry{chapter("untitled.md", para("untitled.md", 1, txt("Just text.")))}},
			errors: []string{
				`untitled.md: no title: the manifest gives none and the file has no heading [title.missing]`,
			},
		},
		{
			name: "a book's name over each chapter's",
			book: &doc.Book{Entries: []*doc.Entry{
				chapter("ch1.md", heading("ch1.md", 1, 1, "series", txt("The Series")), heading("ch1.md", 2, 1, "one", txt("Chapter 1"))),
				chapter("ch2.md", heading("ch2.md", 1, 1, "series", txt("The Series")), heading("ch2.md", 2, 1, "two", txt("Chapter 2"))),
			}},
			warnings: []string{
				`ch1.md:1: 2 chapters open with the heading "The Series" over their own; it is left out of them, and each takes its title from the heading after it (a title in the manifest chooses otherwise) [title.banner]`,
			},
		},
		{
			name: "part with no title",
			book: &doc.Book{Entries: []*doc.Entry{{Kind: doc.KindPart, Pos: doc.Pos{File: "manifest.yaml", Line: 4},
				Children: []*doc.Entry{chapter("a.md", heading("a.md", 1, 1, "a", txt("A")))}}}},
			errors: []string{`manifest.yaml:4: part has no title: give it one in the manifest [title.missing]`},
		},
		{
			name: "missing provenance field",
			book: translatedSource(),
			warnings: []string{
				`kollontai.md: provenance has no translator; the Chicago style needs it for a translated work [provenance.incomplete]`,
			},
		},
		{
			name: "missing provenance field, placed at the manifest's entry",
			book: func() *doc.Book {
				b := translatedSource()
				b.Entries[0].Pos = doc.Pos{File: "manifest.yaml", Line: 12}
				return b
			}(),
			opts: &Options{CitationStyle: "apa"},
			warnings: []string{
				`manifest.yaml:12: kollontai.md: provenance has no translator; the APA style needs it for a translated work [provenance.incomplete]`,
			},
		},
		{
			name: "provenance without title, place or date",
			book: func() *doc.Book {
				b := translatedSource()
				b.Entries[0].Provenance = &doc.Provenance{Author: "Anonymous", Accessed: "May 2024"}
				return b
			}(),
			warnings: []string{
				`kollontai.md: provenance accessed date "May 2024" is not YYYY-MM-DD [provenance.incomplete]`,
				`kollontai.md: provenance has no date; the Chicago style needs one (it prints "n.d.") [provenance.incomplete]`,
				`kollontai.md: provenance has no publisher, container or URL; the Chicago style needs one to say where the text was taken from [provenance.incomplete]`,
				`kollontai.md: provenance has no title; the Chicago style needs one [provenance.incomplete]`,
			},
		},
		{
			name: "unknown annotation key",
			book: congress(),
			yaml: "- qoute: Congress\n  quote: Tenth Party Congress\n  note: Typo.\n",
			errors: []string{
				`notes/editorial.yaml:1:3: unknown key "qoute" (did you mean "quote"?) [yaml.unknown-key]`,
			},
		},
		{
			name:   "YAML syntax error with its line",
			book:   congress(),
			yaml:   "- quote: Tenth\n  note: ok\n- quote: \"unterminated\n  note: x\n",
			errors: []string{`notes/editorial.yaml:3: found unexpected end of stream [yaml.syntax]`},
		},
		{
			name:   "YAML structure error",
			book:   congress(),
			yaml:   "- quote: Tenth\n  note: ok\n  chapter\n",
			errors: []string{`notes/editorial.yaml:3: could not find expected ':' [yaml.syntax]`},
		},
		{
			name: "a second YAML document is an error, not ignored",
			book: congress(),
			yaml: "- quote: Tenth\n  note: ok\n---\n- quote: Party\n  note: lost\n",
			errors: []string{
				`notes/editorial.yaml:3:1: only one YAML document is allowed (remove the "---" line and what follows) [yaml.documents]`,
			},
		},
		{
			name: "unknown key without a near miss lists the known keys",
			book: congress(),
			yaml: "- quote: Tenth\n  note: ok\n  colour: red\n",
			errors: []string{
				`notes/editorial.yaml:3:3: unknown key "colour" (known keys: quote, prefix, suffix, chapter, tags, note) [yaml.unknown-key]`,
			},
		},
		{
			name: "tags of the wrong kind",
			book: congress(),
			yaml: "- quote: Tenth\n  note: ok\n  tags: {teacher: yes}\n",
			errors: []string{
				`notes/editorial.yaml:3:9: tags: expected a list, got a mapping [yaml.type]`,
			},
		},
		{
			name: "not a list",
			book: congress(),
			yaml: "quote: Tenth\nnote: ok\n",
			errors: []string{
				`notes/editorial.yaml:1:1: expected a list of annotations, each starting with "- quote:", got a mapping [yaml.type]`,
			},
		},
		{
			name: "empty quote and empty note, every problem reported",
			book: congress(),
			yaml: "- quote: \"  \"\n  note: Something.\n- quote: Tenth\n  note:\n- quote: [a, b]\n  note: x\n  quote: again\n- note: |\n    FAIL\n  quote: Vladimir\n",
			errors: []string{
				`notes/editorial.yaml:7:3: duplicate key "quote" (first on line 5) [yaml.duplicate-key]`,
				`notes/editorial.yaml:1:3: annotation has an empty quote [annotation.quote-empty]`,
				`notes/editorial.yaml:3:3: annotation for quote "Tenth" has an empty note [annotation.note-empty]`,
				`notes/editorial.yaml:5:10: quote: expected text, got a list [yaml.type]`,
				`notes/editorial.yaml:8: note for quote "Vladimir": cannot parse [annotation.note-invalid]`,
			},
		},
		{
			name: "tags that are not conditions",
			book: congress(),
			yaml: "- quote: Tenth\n  tags: [teachr]\n  note: Typo in the tag.\n",
			opts: &Options{Annotations: true, Conditions: []string{"teacher"}},
			warnings: []string{
				`notes/editorial.yaml:1: tag "teachr" is not a condition declared in the manifest; it has no effect [annotation.tag-unknown]`,
			},
		},
		{
			name: "annotations off still checks quotes",
			book: congress(),
			yaml: "- quote: Ninth Congress\n  note: Wrong.\n- quote: Tenth\n  note: Fine.\n",
			opts: &Options{Annotations: false},
			errors: []string{
				`notes/editorial.yaml:1: quote "Ninth Congress" not found in the book [annotation.quote-missing]`,
			},
		},
		{
			name: "annotation left out by its tags is still checked",
			book: congress(),
			yaml: "- quote: Ninth Congress\n  tags: [teacher]\n  note: Wrong.\n",
			opts: &Options{Annotations: true, Conditions: []string{"teacher"}},
			errors: []string{
				`notes/editorial.yaml:1: quote "Ninth Congress" not found in the book [annotation.quote-missing]`,
			},
		},
		{
			name: "quote only in text the edition leaves out is skipped",
			book: smallBook(div([]string{"teacher"}, intro(txt("Teacher text.")))),
			yaml: "- quote: Teacher text\n  note: Goes with its text.\n",
			opts: &Options{Annotations: true, Conditions: []string{"teacher"}},
			check: func(t *testing.T, b *doc.Book) {
				if n := len(b.Entries[0].Notes); n != 0 {
					t.Errorf("%d notes, want none", n)
				}
			},
		},
		{
			name: "quote unique in this edition though repeated in another",
			book: smallBook(div([]string{"teacher"}, intro(txt("Same words."))), div([]string{"student"}, intro(txt("Same words.")))),
			yaml: "- quote: Same words\n  note: Once per edition.\n",
			opts: &Options{Annotations: true, Conditions: []string{"teacher", "student"}, Include: []string{"student"}},
			check: func(t *testing.T, b *doc.Book) {
				wantMarked(t, b.Entries[0].Blocks[1].(*doc.Div).Blocks[0], "Same words{a}.")
			},
		},
		{
			name:   "unknown citation style",
			book:   congress(),
			opts:   &Options{CitationStyle: "harvard", Numbering: "page"},
			errors: []string{`resolve: unknown note numbering "page" (want chapter or book) [config.invalid]`, `resolve: unknown citation style "harvard" (want chicago, chicago-author-date, mla or apa) [config.invalid]`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := annotated()
			if c.opts != nil {
				opts = *c.opts
			}
			o := resolveWith(t, c.book, c.yaml, opts)
			if !slices.Equal(o.errors, c.errors) {
				t.Errorf("errors:\n got %q\nwant %q", o.errors, c.errors)
			}
			if !slices.Equal(o.warnings, c.warnings) {
				t.Errorf("warnings:\n got %q\nwant %q", o.warnings, c.warnings)
			}
			if c.check != nil && len(o.errors) == 0 {
				c.check(t, c.book)
			}
		})
	}
}

func TestCheckEdition(t *testing.T) {
	got := CheckEdition(Options{Conditions: []string{"teacher"}, Include: []string{"teacher", "answers"}, Exclude: []string{"teacher"}})
	want := []EditionProblem{
		{"include", "edition.condition-unknown", `edition includes "answers", which the manifest does not declare as a condition`},
		{"exclude", "edition.condition-conflict", `edition both includes and excludes "teacher"; it is excluded`},
	}
	if !slices.Equal(got, want) {
		t.Errorf("CheckEdition:\n got %q\nwant %q", got, want)
	}
	if got := CheckEdition(Options{Conditions: []string{"teacher"}, Include: []string{"teacher"}}); got != nil {
		t.Errorf("a sound edition: %q", got)
	}
}

func wantMarked(t *testing.T, b doc.Block, want string) {
	t.Helper()
	var got string
	switch b := b.(type) {
	case *doc.Paragraph:
		got = marked(b.Content)
	case *doc.Heading:
		got = marked(b.Content)
	default:
		t.Fatalf("block %T has no inline content", b)
	}
	if got != want {
		t.Errorf("marked text:\n got %q\nwant %q", got, want)
	}
}

// translatedSource is a book of one source translated from Russian whose
// provenance names no translator.
func translatedSource() *doc.Book {
	e := chapter("kollontai.md", heading("kollontai.md", 1, 1, "t", txt("The Workers’ Opposition")))
	e.Kind = doc.KindSource
	e.Provenance = &doc.Provenance{Author: "Alexandra Kollontai", Title: "The Workers’ Opposition", Date: "1921",
		Language: "ru", URL: "https://www.marxists.org/archive/kollontai/1921/workers-opposition/"}
	e.Language = "en-GB" // printed in translation
	return &doc.Book{Meta: doc.Meta{Language: "en-GB"}, Entries: []*doc.Entry{e}}
}

func TestInputProblems(t *testing.T) {
	cases := []struct {
		name string
		in   Input
		book *doc.Book
		want []string
	}{
		{
			name: "annotation file missing",
			in:   Input{FS: fstest.MapFS{}, AnnotationFiles: []string{"notes/gone.yaml"}, ParseMarkdown: fakeMarkdown},
			book: smallBook(),
			want: []string{"notes/gone.yaml: cannot read annotation file: file does not exist [annotation.unreadable]"},
		},
		{
			name: "annotation files without a book folder",
			in:   Input{AnnotationFiles: []string{"notes/a.yaml"}},
			book: smallBook(),
			want: []string{"resolve: annotation files are listed but no book folder was given [internal]"},
		},
		{
			name: "annotations without a Markdown parser",
			in: Input{FS: fstest.MapFS{"a.yaml": {Data: []byte("- quote: Other\n  note: x\n")}},
				AnnotationFiles: []string{"a.yaml"}},
			book: smallBook(),
			want: []string{"a.yaml:1: resolve: no Markdown parser given for annotation notes [internal]"},
		},
		{
			name: "note reference without a note",
			book: smallBook(para("introduction.md", 3, txt("x"), &doc.NoteRef{})),
			want: []string{"introduction.md:3: note reference without a note [internal]"},
		},
		{
			name: "no book",
			want: []string{"resolve: no book [internal]"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Resolve(c.book, c.in)
			got := coded(t, diag.FromError(err), diag.Error)
			if !slices.Equal(got, c.want) {
				t.Errorf("errors:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}
