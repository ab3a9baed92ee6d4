package notes

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/doc"
)

func picture(src string) *doc.Image { return &doc.Image{Src: src, Alt: "a picture"} }

func figure(file string, line int, img *doc.Image) *doc.Figure {
	return &doc.Figure{BlockBase: doc.BlockBase{Pos: doc.Pos{File: file, Line: line}}, Image: img}
}

// pictureBook has introduction.md (its title, then blocks) and
// diagrams.md (its title, then later).
func pictureBook(blocks, later []doc.Block) *doc.Book {
	intro := chapter("introduction.md", append([]doc.Block{heading("introduction.md", 1, 1, "introduction", txt("Introduction"))}, blocks...)...)
	diagrams := chapter("diagrams.md", append([]doc.Block{heading("diagrams.md", 1, 1, "diagrams", txt("Diagrams"))}, later...)...)
	return &doc.Book{Meta: doc.Meta{Title: "Pictures", Language: "en"}, Entries: []*doc.Entry{intro, diagrams}}
}

// linksTo lists every link of the book whose URL is url.
func linksTo(b *doc.Book, url string) []*doc.Link {
	var out []*doc.Link
	for _, e := range b.Chapters() {
		for _, blocks := range entryBlockSets(e) {
			doc.Walk(blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
				if l, ok := in.(*doc.Link); ok && l.URL == url {
					out = append(out, l)
				}
				return true
			}})
		}
	}
	return out
}

func TestLinksToPictures(t *testing.T) {
	see := func(url string) doc.Block {
		return para("introduction.md", 3, txt("see "), link(url, txt("the diagram")))
	}
	inLine := func(file string, line int, img *doc.Image) *doc.Paragraph {
		return para(file, line, txt("The icon "), img, txt(" marks it."))
	}
	cases := []struct {
		name     string
		blocks   []doc.Block // in introduction.md, after its title
		later    []doc.Block // in diagrams.md, after its title
		opts     Options
		url      string // the links checked
		entry    string // where they lead; "" for nowhere
		anchor   string
		warnings []string
		check    func(t *testing.T, b *doc.Book)
		// laterNotes are diagrams.md's notes, referenced or not.
		laterNotes []*doc.Note
	}{
		{
			name:   "a picture shown as a figure before the link",
			blocks: []doc.Block{figure("introduction.md", 2, picture("img/pipeline.svg")), see("img/pipeline.svg")},
			url:    "img/pipeline.svg", entry: "introduction", anchor: "introduction-figure-pipeline",
			check: func(t *testing.T, b *doc.Book) {
				if id := b.Entries[0].Blocks[1].(*doc.Figure).ID; id != "introduction-figure-pipeline" {
					t.Errorf("figure ID %q, want introduction-figure-pipeline", id)
				}
			},
		},
		{
			name:   "a picture shown as a figure later in the book",
			blocks: []doc.Block{see("img/pipeline.svg")},
			later:  []doc.Block{figure("diagrams.md", 3, picture("img/pipeline.svg"))},
			url:    "img/pipeline.svg", entry: "diagrams", anchor: "diagrams-figure-pipeline",
		},
		{
			name:   "a figure's own ID is kept",
			blocks: []doc.Block{see("img/pipeline.svg")},
			later: []doc.Block{func() doc.Block {
				f := figure("diagrams.md", 3, picture("img/pipeline.svg"))
				f.ID = "fig-pipeline"
				return f
			}()},
			url: "img/pipeline.svg", entry: "diagrams", anchor: "fig-pipeline",
		},
		{
			name:   "a picture shown in a line gets an anchor around it",
			blocks: []doc.Block{see("img/shot.png")},
			later:  []doc.Block{inLine("diagrams.md", 3, picture("img/shot.png"))},
			url:    "img/shot.png", entry: "diagrams", anchor: "diagrams-picture-shot",
			check: func(t *testing.T, b *doc.Book) {
				content := b.Entries[1].Blocks[1].(*doc.Paragraph).Content
				sp, ok := content[1].(*doc.Span)
				if !ok || sp.ID != "diagrams-picture-shot" || len(sp.Content) != 1 {
					t.Fatalf("picture in its line: %#v, want an anchor span diagrams-picture-shot holding it", content[1])
				}
				if img, ok := sp.Content[0].(*doc.Image); !ok || img.Src != "img/shot.png" {
					t.Errorf("anchor span holds %#v, want the picture", sp.Content[0])
				}
				if got := doc.PlainText(content); got != "The icon  marks it." {
					t.Errorf("line's text %q changed", got)
				}
			},
		},
		{
			name:   "the first place a picture is shown wins: in a line before a figure",
			blocks: []doc.Block{see("img/shot.png"), inLine("introduction.md", 5, picture("img/shot.png"))},
			later:  []doc.Block{figure("diagrams.md", 3, picture("img/shot.png"))},
			url:    "img/shot.png", entry: "introduction", anchor: "introduction-picture-shot",
			check: func(t *testing.T, b *doc.Book) {
				if id := b.Entries[1].Blocks[1].(*doc.Figure).ID; id != "" {
					t.Errorf("the later figure got ID %q; only the first place needs one", id)
				}
			},
		},
		{
			name: "a figure of several pictures is the target of each",
			blocks: []doc.Block{see("img/b.png"), &doc.Div{Kind: doc.DivFigure, Blocks: []doc.Block{
				para("introduction.md", 5, picture("img/a.png"), picture("img/b.png")),
				&doc.Div{Kind: doc.DivCaption, Blocks: []doc.Block{para("introduction.md", 6, txt("Two shots"))}},
			}}},
			url: "img/b.png", entry: "introduction", anchor: "introduction-figure-b",
			check: func(t *testing.T, b *doc.Book) {
				if id := b.Entries[0].Blocks[2].(*doc.Div).ID; id != "introduction-figure-b" {
					t.Errorf("group's ID %q, want introduction-figure-b", id)
				}
			},
		},
		{
			name: "a picture shown in a footnote",
			blocks: func() []doc.Block {
				n := footnote("introduction.md", 9, "1", inLine("introduction.md", 9, picture("img/shot.png")))
				return []doc.Block{para("introduction.md", 3, txt("see "), link("img/shot.png", txt("it")), ref(n))}
			}(),
			url: "img/shot.png", entry: "introduction", anchor: "introduction-picture-shot",
		},
		{
			name:   "every link to a picture leads to the same place",
			blocks: []doc.Block{see("img/pipeline.svg"), see("./img/pipeline.svg")},
			later:  []doc.Block{see("/img/pipeline.svg"), figure("diagrams.md", 5, picture("img/pipeline.svg"))},
			url:    "./img/pipeline.svg", entry: "diagrams", anchor: "diagrams-figure-pipeline",
			check: func(t *testing.T, b *doc.Book) {
				for _, url := range []string{"img/pipeline.svg", "/img/pipeline.svg"} {
					for _, l := range linksTo(b, url) {
						if l.Entry != "diagrams" || l.Anchor != "diagrams-figure-pipeline" {
							t.Errorf("link %q leads to %q#%q, want diagrams#diagrams-figure-pipeline", url, l.Entry, l.Anchor)
						}
					}
				}
			},
		},
		{
			name:   "./ in the picture's source",
			blocks: []doc.Block{see("img/pipeline.svg")},
			later:  []doc.Block{figure("diagrams.md", 3, picture("./img/pipeline.svg"))},
			url:    "img/pipeline.svg", entry: "diagrams", anchor: "diagrams-figure-pipeline",
		},
		{
			name:   "a URL-escaped file name",
			blocks: []doc.Block{see("img/data%20flow.svg")},
			later:  []doc.Block{figure("diagrams.md", 3, picture("img/data flow.svg"))},
			url:    "img/data%20flow.svg", entry: "diagrams", anchor: "diagrams-figure-data-flow",
		},
		{
			name:   "a fragment on a picture link is ignored",
			blocks: []doc.Block{see("img/pipeline.svg#stage-2")},
			later:  []doc.Block{figure("diagrams.md", 3, picture("img/pipeline.svg"))},
			url:    "img/pipeline.svg#stage-2", entry: "diagrams", anchor: "diagrams-figure-pipeline",
		},
		{
			name:   "the picture's loaded file names it",
			blocks: []doc.Block{see("img/pipeline.svg")},
			later: []doc.Block{func() doc.Block {
				img := picture("img/pipeline.svg?v=2")
				img.Asset = &doc.Asset{Path: "img/pipeline.svg"}
				return figure("diagrams.md", 3, img)
			}()},
			url: "img/pipeline.svg", entry: "diagrams", anchor: "diagrams-figure-pipeline",
		},
		{
			name:   "a picture the book does not show",
			blocks: []doc.Block{see("img/unused.png")},
			later:  []doc.Block{figure("diagrams.md", 3, picture("img/pipeline.svg"))},
			url:    "img/unused.png",
			warnings: []string{
				`introduction.md:3: link "img/unused.png": img/unused.png is a picture the book does not show; printed as text [link.local-file]`,
			},
		},
		{
			name:   "a picture the book does not have",
			blocks: []doc.Block{see("img/gone.png")},
			url:    "img/gone.png",
			warnings: []string{
				`introduction.md:3: link "img/gone.png": no file img/gone.png in the book folder; printed as text [link.dangling]`,
			},
		},
		{
			name:   "a picture only content the edition leaves out shows",
			blocks: []doc.Block{see("img/pipeline.svg"), see("img/pipeline.svg")},
			later:  []doc.Block{div([]string{"teacher"}, figure("diagrams.md", 3, picture("img/pipeline.svg")))},
			opts:   Options{Conditions: []string{"teacher"}},
			url:    "img/pipeline.svg",
			warnings: []string{
				`introduction.md:3: link "img/pipeline.svg": the edition leaves out the picture img/pipeline.svg; printed as text (as is 1 other link to it) [link.left-out]`,
			},
		},
		{
			name:   "a picture the edition shows, though not where it leaves it out",
			blocks: []doc.Block{see("img/pipeline.svg")},
			later: []doc.Block{div([]string{"teacher"}, figure("diagrams.md", 3, picture("img/pipeline.svg"))),
				figure("diagrams.md", 5, picture("img/pipeline.svg"))},
			opts: Options{Conditions: []string{"teacher"}},
			url:  "img/pipeline.svg", entry: "diagrams", anchor: "diagrams-figure-pipeline-2",
		},
		{
			name:       "a picture in a footnote nobody refers to is not shown",
			later:      []doc.Block{para("diagrams.md", 3, txt("see "), link("img/shot.png", txt("it")))},
			laterNotes: []*doc.Note{footnote("diagrams.md", 9, "1", inLine("diagrams.md", 9, picture("img/shot.png")))},
			check: func(t *testing.T, b *doc.Book) {
				if len(b.Entries[1].Notes) != 0 {
					t.Errorf("the footnote was kept")
				}
			},
			url: "img/shot.png",
			warnings: []string{
				`diagrams.md:3: link "img/shot.png": img/shot.png is a picture the book does not show; printed as text [link.local-file]`,
				`diagrams.md:9: footnote [^1] is never referenced; dropped [footnote.unused]`,
			},
		},
		{
			name: "a figure whose picture links to its own file",
			later: []doc.Block{func() doc.Block {
				img := picture("img/shot.png")
				f := figure("diagrams.md", 3, img)
				f.Link = link("img/shot.png", img)
				return f
			}()},
			url: "img/shot.png",
			warnings: []string{
				`diagrams.md:3: link "img/shot.png": it holds the picture it leads to; the picture is shown without the link [link.local-file]`,
			},
			check: func(t *testing.T, b *doc.Book) {
				if id := b.Entries[1].Blocks[1].(*doc.Figure).ID; id != "" {
					t.Errorf("figure got ID %q though nothing leads to it", id)
				}
			},
		},
		{
			name: "a figure whose picture links to another shown picture",
			later: []doc.Block{func() doc.Block {
				img := picture("img/thumb.png")
				f := figure("diagrams.md", 3, img)
				f.Link = link("img/shot.png", img)
				return f
			}(), figure("diagrams.md", 5, picture("img/shot.png"))},
			url: "img/shot.png", entry: "diagrams", anchor: "diagrams-figure-shot",
		},
		{
			name:   "a picture's anchor takes a free ID",
			blocks: []doc.Block{heading("introduction.md", 2, 2, "diagrams-figure-pipeline", txt("Diagrams: figure pipeline")), see("img/pipeline.svg")},
			later:  []doc.Block{figure("diagrams.md", 3, picture("img/pipeline.svg"))},
			url:    "img/pipeline.svg", entry: "diagrams", anchor: "diagrams-figure-pipeline-2",
		},
		{
			name:   "a PDF in the book folder is still no picture",
			blocks: []doc.Block{see("handout.pdf")},
			url:    "handout.pdf",
			warnings: []string{
				`introduction.md:3: link "handout.pdf": handout.pdf is not part of the book, so neither format can carry it; printed as text [link.local-file]`,
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			book := pictureBook(c.blocks, c.later)
			book.Entries[1].Notes = c.laterNotes
			fsys := fstest.MapFS{
				"handout.pdf": {Data: []byte("%PDF")}, "img/pipeline.svg": {}, "img/shot.png": {}, "img/unused.png": {},
				"img/data flow.svg": {}, "img/a.png": {}, "img/b.png": {}, "img/thumb.png": {},
			}
			warns, err := Resolve(book, Input{FS: fsys, ParseMarkdown: fakeMarkdown, Options: c.opts})
			if err != nil {
				t.Fatalf("errors: %v", err)
			}
			if got := coded(t, warns, diag.Warning); !slices.Equal(got, c.warnings) {
				t.Errorf("warnings:\n got %q\nwant %q", got, c.warnings)
			}
			links := linksTo(book, c.url)
			if len(links) == 0 {
				t.Fatalf("no link to %q in the resolved book", c.url)
			}
			for _, l := range links {
				if l.External || l.Entry != c.entry || l.Anchor != c.anchor {
					t.Errorf("link %q: External=%v Entry=%q Anchor=%q, want Entry=%q Anchor=%q",
						l.URL, l.External, l.Entry, l.Anchor, c.entry, c.anchor)
				}
			}
			// The tree's own check: every anchor a link names is in it, and
			// no ID is given twice.
			if err := doc.Validate(book); err != nil {
				t.Errorf("resolved tree invalid: %v", err)
			}
			if c.check != nil {
				c.check(t, book)
			}
		})
	}
}

// The places links to pictures lead to have the same IDs in every edition
// of a book: leaving out the chapter that shows a picture first moves the
// links to a later place, which has its own ID, never one another edition
// gives another place; and a place keeps its ID whatever the chapters
// before it show.
func TestPictureAnchorsSameInEveryEdition(t *testing.T) {
	book := func() *doc.Book {
		inLine := func(file string, line int, src string) *doc.Paragraph {
			return para(file, line, txt("The icon "), picture(src), txt(" marks it."))
		}
		guide := chapter("guide.md",
			heading("guide.md", 1, 1, "guide", txt("Guide")),
			figure("guide.md", 3, picture("img/pipeline.svg")),
			inLine("guide.md", 5, "img/shot.png"),
			para("guide.md", 7, txt("see "), link("img/pipeline.svg", txt("the pipeline"))))
		guide.Tags = []string{"teacher"}
		diagrams := chapter("diagrams.md",
			heading("diagrams.md", 1, 1, "diagrams", txt("Diagrams")),
			para("diagrams.md", 3, link("img/pipeline.svg", txt("the pipeline")), txt(", "),
				link("img/shot.png", txt("the shot")), txt(", "), link("img/thumb.png", txt("the thumbnail")),
				txt(", "), link("img/small/thumb.png", txt("the small one"))),
			div([]string{"teacher"}, inLine("diagrams.md", 5, "img/shot.png")),
			figure("diagrams.md", 7, picture("img/pipeline.svg")),
			inLine("diagrams.md", 9, "img/shot.png"),
			// a picture of another folder with the same name
			figure("diagrams.md", 11, picture("img/small/thumb.png")),
			figure("diagrams.md", 13, picture("img/thumb.png")))
		return &doc.Book{Meta: doc.Meta{Title: "Pictures", Language: "en"}, Entries: []*doc.Entry{guide, diagrams}}
	}
	// placesOf resolves the book for an edition and maps each ID given to
	// a place showing a picture to that place, and each link's target.
	placesOf := func(opts Options) (places map[string]string, targets []string) {
		b := book()
		fsys := fstest.MapFS{"img/pipeline.svg": {}, "img/shot.png": {}, "img/thumb.png": {}, "img/small/thumb.png": {}}
		if _, err := Resolve(b, Input{FS: fsys, ParseMarkdown: fakeMarkdown, Options: opts}); err != nil {
			t.Fatalf("errors: %v", err)
		}
		if err := doc.Validate(b); err != nil {
			t.Errorf("resolved tree invalid: %v", err)
		}
		places = map[string]string{}
		for _, e := range b.Chapters() {
			var at doc.Pos
			doc.Walk(e.Blocks, doc.Visitor{
				Block: func(bl doc.Block) bool {
					at = bl.Position()
					if f, ok := bl.(*doc.Figure); ok && f.ID != "" {
						places[f.ID] = at.String()
					}
					return true
				},
				Inline: func(in doc.Inline) bool {
					switch in := in.(type) {
					case *doc.Span:
						if in.ID != "" {
							places[in.ID] = at.String() + " in a line"
						}
					case *doc.Link:
						targets = append(targets, in.Entry+"#"+in.Anchor)
					}
					return true
				},
			})
		}
		return places, targets
	}
	conditions := []string{"teacher"}
	teacher, teacherTargets := placesOf(Options{Conditions: conditions, Include: conditions})
	reader, readerTargets := placesOf(Options{Conditions: conditions, Exclude: conditions})

	wantTeacher := []string{
		"guide#guide-figure-pipeline",
		"guide#guide-figure-pipeline", "guide#guide-picture-shot", "diagrams#diagrams-figure-thumb-2", "diagrams#diagrams-figure-thumb",
	}
	wantReader := []string{
		"diagrams#diagrams-figure-pipeline", "diagrams#diagrams-picture-shot-2", "diagrams#diagrams-figure-thumb-2", "diagrams#diagrams-figure-thumb",
	}
	if !slices.Equal(teacherTargets, wantTeacher) {
		t.Errorf("the teacher's edition's links lead to\n %q\nwant %q", teacherTargets, wantTeacher)
	}
	if !slices.Equal(readerTargets, wantReader) {
		t.Errorf("the reader's edition's links lead to\n %q\nwant %q", readerTargets, wantReader)
	}
	// An ID both editions give names the same place in both; it is the
	// bookmark's promise.
	for id, place := range teacher {
		if other, ok := reader[id]; ok && other != place {
			t.Errorf("ID %q is %s in the teacher's edition, %s in the reader's", id, place, other)
		}
	}
	byPlace := map[string]string{}
	for id, place := range teacher {
		byPlace[place] = id
	}
	for id, place := range reader {
		if other, ok := byPlace[place]; ok && other != id {
			t.Errorf("%s is %q in the teacher's edition, %q in the reader's", place, other, id)
		}
	}
}
