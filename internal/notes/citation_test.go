package notes

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/cite"
	"github.com/samizdat-press/samizdat/internal/doc"
)

// styled renders a citation with italics as _…_.
func styled(in []doc.Inline) string {
	var sb strings.Builder
	for _, x := range in {
		switch x := x.(type) {
		case *doc.Text:
			sb.WriteString(x.Text)
		case *doc.Emph:
			sb.WriteString("_" + styled(x.Content) + "_")
		default:
			sb.WriteString("?")
		}
	}
	return sb.String()
}

// renderProvenance renders a provenance in a style as its note and its
// entry in "Sources and permissions".
func renderProvenance(t *testing.T, style string, p *doc.Provenance) (note, entry string) {
	t.Helper()
	st, err := cite.New(style, "en")
	if err != nil {
		t.Fatal(err)
	}
	r := &resolver{book: &doc.Book{Meta: doc.Meta{Language: "en"}}, citeStyle: st}
	src, ok := r.provenanceSource(&doc.Entry{Provenance: p})
	if !ok {
		t.Fatalf("%+v: %v", p, r.errs)
	}
	return styled(st.SourceNote(src)), styled(st.SourceReference(src))
}

func TestCitations(t *testing.T) {
	book := &doc.Provenance{
		Author: "Alexandra Kollontai", Title: "The Workers’ Opposition", Date: "1921", Language: "ru",
		Translator: "Jane Smith", Publisher: "Solidarity", Place: "London", Published: "1968", Pages: "3-10",
	}
	chapterIn := &doc.Provenance{
		Author: "Lenin, Vladimir Ilyich", Title: "Once Again on the Trade Unions", Date: "1921-01-25",
		Container: "Collected Works, Volume 32", Editor: "Yuri Sdobnikov", Publisher: "Progress Publishers",
		Place: "Moscow", Published: "1965", Pages: "70-107",
	}
	web := &doc.Provenance{
		Author: "Karl Marx; Friedrich Engels", Title: "Manifesto of the Communist Party?", Date: "1848-02",
		URL: "https://www.marxists.org/archive/marx/works/1848/communist-manifesto/", Accessed: "2024-09-03",
	}
	anonymous := &doc.Provenance{
		Author: "Communist Party of Great Britain", Title: "Programme", Publisher: "CPGB", Pages: "5",
	}
	three := &doc.Provenance{
		Author: "Jean-Paul Sartre; Simone de Beauvoir; Maurice Merleau-Ponty", Title: "Editorial", Container: "Les Temps modernes",
		Published: "1945-10", Pages: "1-2",
	}
	extract := &doc.Provenance{
		Author: "Victor Serge", Title: "Memoirs of a Revolutionary", Date: "1963", Language: "fr", Translator: "Peter Sedgwick",
		Publisher: "Oxford University Press", Extract: "2", Container: "an unattributed compilation on the Workers' Opposition",
	}
	cases := []struct {
		style       string
		p           *doc.Provenance
		note, entry string
	}{
		{"chicago", book,
			"Alexandra Kollontai, _The Workers’ Opposition_ (1921), trans. Jane Smith (London: Solidarity, 1968), 3–10.",
			"Kollontai, Alexandra. _The Workers’ Opposition_. 1921. Translated by Jane Smith. London: Solidarity, 1968, 3–10."},
		{"chicago", chapterIn,
			"Vladimir Ilyich Lenin, “Once Again on the Trade Unions” (January 25, 1921), in _Collected Works, Volume 32_, ed. Yuri Sdobnikov (Moscow: Progress Publishers, 1965), 70–107.",
			"Lenin, Vladimir Ilyich. “Once Again on the Trade Unions.” January 25, 1921. In _Collected Works, Volume 32_, edited by Yuri Sdobnikov, 70–107. Moscow: Progress Publishers, 1965."},
		{"chicago", web,
			"Karl Marx and Friedrich Engels, _Manifesto of the Communist Party?_ (1848), accessed September 3, 2024, https://www.marxists.org/archive/marx/works/1848/communist-manifesto/.",
			"Marx, Karl, and Friedrich Engels. _Manifesto of the Communist Party?_ 1848. Accessed September 3, 2024. https://www.marxists.org/archive/marx/works/1848/communist-manifesto/."},
		{"chicago", anonymous,
			"Communist Party of Great Britain, _Programme_ (CPGB), 5.",
			"Communist Party of Great Britain. _Programme_. CPGB, 5."},
		{"chicago", three,
			"Jean-Paul Sartre, Simone de Beauvoir, and Maurice Merleau-Ponty, “Editorial,” in _Les Temps modernes_ (1945), 1–2.",
			"Sartre, Jean-Paul, Simone de Beauvoir, and Maurice Merleau-Ponty. “Editorial.” In _Les Temps modernes_, 1–2. 1945."},
		{"chicago", extract,
			"Victor Serge, _Memoirs of a Revolutionary_, trans. Peter Sedgwick (Oxford University Press, 1963), extract 2 in an unattributed compilation on the Workers’ Opposition.",
			"Serge, Victor. _Memoirs of a Revolutionary_. Translated by Peter Sedgwick. Oxford University Press, 1963. Extract 2 in an unattributed compilation on the Workers’ Opposition."},
		{"mla", book,
			"Kollontai, Alexandra. _The Workers’ Opposition_. 1921. Translated by Jane Smith, Solidarity, 1968, pp. 3–10.",
			"Kollontai, Alexandra. _The Workers’ Opposition_. 1921. Translated by Jane Smith, Solidarity, 1968, pp. 3–10."},
		{"mla", chapterIn,
			"Lenin, Vladimir Ilyich. “Once Again on the Trade Unions.” 25 Jan. 1921. _Collected Works, Volume 32_, edited by Yuri Sdobnikov, Progress Publishers, 1965, pp. 70–107.",
			"Lenin, Vladimir Ilyich. “Once Again on the Trade Unions.” 25 Jan. 1921. _Collected Works, Volume 32_, edited by Yuri Sdobnikov, Progress Publishers, 1965, pp. 70–107."},
		{"mla", web,
			"Marx, Karl, and Friedrich Engels. _Manifesto of the Communist Party?_ Feb. 1848, www.marxists.org/archive/marx/works/1848/communist-manifesto/. Accessed 3 Sept. 2024.",
			"Marx, Karl, and Friedrich Engels. _Manifesto of the Communist Party?_ Feb. 1848, www.marxists.org/archive/marx/works/1848/communist-manifesto/. Accessed 3 Sept. 2024."},
		{"mla", three,
			"Sartre, Jean-Paul, et al. “Editorial.” _Les Temps modernes_, Oct. 1945, pp. 1–2.",
			"Sartre, Jean-Paul, et al. “Editorial.” _Les Temps modernes_, Oct. 1945, pp. 1–2."},
		{"mla", extract,
			"Serge, Victor. _Memoirs of a Revolutionary_. Translated by Peter Sedgwick, Oxford UP, 1963. Extract 2 in an unattributed compilation on the Workers’ Opposition.",
			"Serge, Victor. _Memoirs of a Revolutionary_. Translated by Peter Sedgwick, Oxford UP, 1963. Extract 2 in an unattributed compilation on the Workers’ Opposition."},
		{"apa", book,
			"Kollontai, A. (1968). _The Workers’ Opposition_ (J. Smith, Trans.; pp. 3–10). Solidarity. (Original work published 1921)",
			"Kollontai, A. (1968). _The Workers’ Opposition_ (J. Smith, Trans.; pp. 3–10). Solidarity. (Original work published 1921)"},
		{"apa", chapterIn,
			"Lenin, V. I. (1965). Once Again on the Trade Unions. In Y. Sdobnikov (Ed.), _Collected Works, Volume 32_ (pp. 70–107). Progress Publishers. (Original work published 1921)",
			"Lenin, V. I. (1965). Once Again on the Trade Unions. In Y. Sdobnikov (Ed.), _Collected Works, Volume 32_ (pp. 70–107). Progress Publishers. (Original work published 1921)"},
		{"apa", web,
			"Marx, K., & Engels, F. (1848). _Manifesto of the Communist Party?_ https://www.marxists.org/archive/marx/works/1848/communist-manifesto/",
			"Marx, K., & Engels, F. (1848). _Manifesto of the Communist Party?_ https://www.marxists.org/archive/marx/works/1848/communist-manifesto/"},
		{"apa", anonymous,
			"Communist Party of Great Britain. (n.d.). _Programme_ (p. 5). CPGB.",
			"Communist Party of Great Britain. (n.d.). _Programme_ (p. 5). CPGB."},
		{"apa", three,
			"Sartre, J.-P., Beauvoir, S. de, & Merleau-Ponty, M. (1945). Editorial. In _Les Temps modernes_ (pp. 1–2).",
			"Sartre, J.-P., Beauvoir, S. de, & Merleau-Ponty, M. (1945). Editorial. In _Les Temps modernes_ (pp. 1–2)."},
		{"apa", &doc.Provenance{Title: "Untitled leaflet", Publisher: "Unknown"},
			"_Untitled leaflet_. (n.d.). Unknown.",
			"_Untitled leaflet_. (n.d.). Unknown."},
	}
	for _, c := range cases {
		note, entry := renderProvenance(t, c.style, c.p)
		if note != c.note {
			t.Errorf("%s note %q:\n got %s\nwant %s", c.style, c.p.Title, note, c.note)
		}
		if entry != c.entry {
			t.Errorf("%s entry %q:\n got %s\nwant %s", c.style, c.p.Title, entry, c.entry)
		}
	}
}

func TestProvenanceNoteAndSources(t *testing.T) {
	src := chapter("src.md", para("src.md", 1, txt("Text"), ref(nil)))
	fn := footnote("src.md", 5, "x", para("src.md", 5, txt("Author's own note.")))
	src.Blocks[0].(*doc.Paragraph).Content[1] = ref(fn)
	src.Notes = []*doc.Note{fn}
	src.Kind = doc.KindSource
	src.Title = []doc.Inline{txt("A Source")}
	src.Provenance = &doc.Provenance{Title: "A Source", Date: "1920", Publisher: "Press", License: "CC BY 4.0", Note: "abridged"}
	book := &doc.Book{Meta: doc.Meta{Language: "en"}, Entries: []*doc.Entry{src}}
	if _, err := Resolve(book, Input{}); err != nil {
		t.Fatal(err)
	}
	h := src.Blocks[0].(*doc.Heading)
	if got := marked(h.Content); got != "A Source{*}" {
		t.Errorf("heading %q, want the provenance marker after the title", got)
	}
	if len(src.Notes) != 2 || src.Notes[0].Kind != doc.ProvenanceNote || src.Notes[1].Label != "1" {
		t.Fatalf("notes: want the provenance note first and the footnote still 1")
	}
	if got, want := styled(src.Notes[0].Blocks[0].(*doc.Paragraph).Content), "_A Source_ (Press, 1920). CC BY 4.0. Abridged."; got != want {
		t.Errorf("provenance note %q, want %q", got, want)
	}
	if len(book.Entries) != 2 {
		t.Fatalf("%d entries, want the sources entry appended", len(book.Entries))
	}
	s := book.Entries[1]
	if s.ID != "sources-and-permissions" || s.Kind != doc.KindBackMatter || !s.Generated || s.Role != doc.RoleBibliography || s.TitleText() != "Sources and permissions" {
		t.Errorf("sources entry: %+v", s)
	}
	if src.Role != doc.RoleNone {
		t.Errorf("source role %v, want none", src.Role)
	}
}

// The sources' back matter is headed in the book's language, each source
// a group: its title, then its work in the bibliography's form.
func TestSourcesEntryByLanguage(t *testing.T) {
	for lang, want := range map[string]string{
		"en": "Sources and permissions", "fr-CA": "Sources et autorisations", "de": "Quellen und Genehmigungen",
		"ru": "Источники и разрешения", "xx": "Sources and permissions",
	} {
		src := chapter("src.md", para("src.md", 1, txt("Text")))
		src.Kind = doc.KindSource
		src.Title = []doc.Inline{txt("A Source")}
		src.Provenance = &doc.Provenance{Title: "A Source", Date: "1920", Publisher: "Press"}
		book := &doc.Book{Meta: doc.Meta{Language: lang}, Entries: []*doc.Entry{src}}
		if _, err := Resolve(book, Input{}); err != nil {
			t.Fatal(err)
		}
		s := book.Entries[len(book.Entries)-1]
		if got := s.TitleText(); got != want {
			t.Errorf("%s: sources entry %q, want %q", lang, got, want)
		}
		group, ok := s.Blocks[len(s.Blocks)-1].(*doc.Div)
		if !ok || len(group.Blocks) != 2 {
			t.Fatalf("%s: a source is no group of its title and its entry: %#v", lang, s.Blocks[len(s.Blocks)-1])
		}
		if ref, ok := group.Blocks[1].(*doc.Div); !ok || ref.Kind != doc.DivReference {
			t.Errorf("%s: the work is not set as a bibliography's entry: %#v", lang, group.Blocks[1])
		}
	}
}

func TestColophon(t *testing.T) {
	e := chapter("a.md", heading("a.md", 1, 1, "a", txt("A")))
	e.Digest = strings.Repeat("ab", 32)
	book := &doc.Book{Meta: doc.Meta{Rights: "© 2024 The editors.", Edition: "reader", Modified: time.Date(2023, 1, 2, 23, 0, 0, 0, time.FixedZone("x", -5*3600))},
		Entries: []*doc.Entry{e}}
	if _, err := Resolve(book, Input{Options: Options{Build: BuildInfo{Version: "v1.2.3", ConfigDigest: "0123456789abcdef"}}}); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, b := range book.Colophon {
		switch b := b.(type) {
		case *doc.Paragraph:
			lines = append(lines, marked(b.Content))
		case *doc.List:
			for _, it := range b.Items {
				lines = append(lines, marked(it.Blocks[0].(*doc.Paragraph).Content))
			}
		}
	}
	want := []string{
		"© 2024 The editors.",
		"Edition: reader.",
		"Made with samizdat v1.2.3 on 2023-01-03.",
		"Configuration digest 0123456789ab.",
		// printf 'abab…ab  a.md\n' | sha256sum
		"Made from one file, listed with its SHA-256 below. Digest of the list (sha256sum’s, in book order): c5ad0fdd 4f987962 4f0ca99a 9f9791ca 2be37dbd ccdcc13e d74b55b9 1a74d1b1.",
		"a.md\nabababab abababab abababab abababab abababab abababab abababab abababab",
	}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("colophon\n got %q\nwant %q", lines, want)
	}
}

func TestProvenanceNoteStaysFirst(t *testing.T) {
	src := chapter("src.md", heading("src.md", 1, 1, "t", txt("The Workers’ Opposition")), para("src.md", 3, txt("Body.")))
	src.Kind = doc.KindSource
	src.Provenance = &doc.Provenance{Title: "The Workers’ Opposition", Date: "1921", Publisher: "Press"}
	book := &doc.Book{Entries: []*doc.Entry{src}}
	o := resolveWith(t, book, "- quote: Workers'\n  note: An annotation in the title.\n", annotated())
	if len(o.errors) > 0 {
		t.Fatal(o.errors)
	}
	if got := marked(src.Blocks[0].(*doc.Heading).Content); got != "The Workers’{a} Opposition{*}" {
		t.Errorf("heading %q", got)
	}
	if src.Notes[0].Kind != doc.ProvenanceNote || src.Notes[1].Kind != doc.AnnotationNote {
		t.Errorf("notes %v, %v: want the provenance note first", src.Notes[0].Kind, src.Notes[1].Kind)
	}
}

// TestCitationsOfAnyShape cites every combination of present and missing
// fields in every style: no panic, and no punctuation left dangling by a
// missing field.
func TestCitationsOfAnyShape(t *testing.T) {
	full := doc.Provenance{
		Author: "Rosa Luxemburg", Title: "The Russian Revolution", Date: "1918", Language: "de",
		Translator: "Bertram Wolfe", Editor: "Paul Frölich", Publisher: "Workers Age", Place: "New York",
		Published: "1940", Container: "Selected Writings", Pages: "12-30", URL: "https://example.org/rr",
		Accessed: "2024-01-31", License: "Public domain", Note: "extract",
	}
	fields := []*string{&full.Author, &full.Title, &full.Date, &full.Translator, &full.Editor, &full.Publisher,
		&full.Place, &full.Published, &full.Container, &full.Pages, &full.URL, &full.Accessed}
	values := make([]string, len(fields))
	for i, f := range fields {
		values[i] = *f
	}
	bad := []string{", ,", ",,", "..", " ,", " .", "()", "( ", " )", "  ", ". ,", "“”"}
	for mask := 0; mask < 1<<len(fields); mask++ {
		p := full
		pf := []*string{&p.Author, &p.Title, &p.Date, &p.Translator, &p.Editor, &p.Publisher,
			&p.Place, &p.Published, &p.Container, &p.Pages, &p.URL, &p.Accessed}
		for i := range pf {
			if mask&(1<<i) == 0 {
				*pf[i] = ""
			} else {
				*pf[i] = values[i]
			}
		}
		for _, style := range cite.StyleNames {
			note, entry := renderProvenance(t, style, &p)
			for _, text := range []string{note, entry} {
				if text != strings.TrimSpace(text) {
					t.Fatalf("%s %+v: surrounding space in %q", style, p, text)
				}
				for _, b := range bad {
					if strings.Contains(text, b) {
						t.Fatalf("%s: %q in %q\nfields %+v", style, b, text, p)
					}
				}
			}
		}
	}
}

func TestUnknownTranslator(t *testing.T) {
	p := &doc.Provenance{Author: "Alexandra Kollontai", Title: "The Workers' Opposition", Date: "1921",
		Language: "ru", Translator: "Unknown", URL: "https://example.org/wo"}
	for _, c := range []struct {
		style, want string
	}{
		{"chicago", "Alexandra Kollontai, _The Workers’ Opposition_, translator unknown (1921), https://example.org/wo."},
		{"mla", "Kollontai, Alexandra. _The Workers’ Opposition_. Translator unknown, 1921, example.org/wo."},
		{"apa", "Kollontai, A. (1921). _The Workers’ Opposition_ (Translator unknown). https://example.org/wo"},
	} {
		st, _ := cite.New(c.style, "en")
		r := &resolver{book: &doc.Book{Meta: doc.Meta{Language: "en"}}, citeStyle: st}
		e := &doc.Entry{Provenance: p}
		src, _ := r.provenanceSource(e)
		if problems := r.provenanceProblems(e, src); len(problems) > 0 {
			t.Errorf("%s: %q", c.style, problems)
		}
		if got := styled(st.SourceNote(src)); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.style, got, c.want)
		}
	}
}

// TestColophonOfManyFiles: a book of more than a handful of files keeps
// one digest on the copyright page and lists the files at its end.
func TestColophonOfManyFiles(t *testing.T) {
	var entries []*doc.Entry
	for i := 0; i < handful+1; i++ {
		name := fmt.Sprintf("ch%02d.md", i)
		e := chapter(name, heading(name, 1, 1, "h", txt("Chapter")))
		e.Digest = strings.Repeat("0", 63) + fmt.Sprint(i)
		entries = append(entries, e)
	}
	book := &doc.Book{Entries: entries}
	if _, err := Resolve(book, Input{}); err != nil {
		t.Fatal(err)
	}
	for _, b := range book.Colophon {
		if _, ok := b.(*doc.List); ok {
			t.Error("the copyright page lists the files")
		}
	}
	last := book.Entries[len(book.Entries)-1]
	if last.ID != "edition-inputs" || last.Kind != doc.KindBackMatter || !last.Generated || last.TitleText() != "Files this edition was made from" {
		t.Fatalf("last entry %+v", last)
	}
	var list *doc.List
	for _, b := range last.Blocks {
		if l, ok := b.(*doc.List); ok {
			list = l
		}
	}
	if list == nil || len(list.Items) != handful+1 || marked(list.Items[3].Blocks[0].(*doc.Paragraph).Content) != "ch03.md\n00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000003" {
		t.Errorf("files listed: %+v", list)
	}
	text := ""
	for _, b := range book.Colophon {
		if p, ok := b.(*doc.Paragraph); ok {
			text += marked(p.Content)
		}
	}
	if !strings.Contains(text, "Made from 9 files, listed with their SHA-256 under “Files this edition was made from” at the end of the book.") {
		t.Errorf("colophon %q", text)
	}
}

// TestColophonInputs: the files listed, and digested as sha256sum lists
// them, are the manifest, the chapters in book order, each followed by
// the files its includes read not listed before, each picture once
// where it first appears (in a note too) by the digest of its file as
// read, then the annotation files; a picture in content the edition
// leaves out is not one of them.
func TestColophonInputs(t *testing.T) {
	d := func(c byte) string { return strings.Repeat(string(c), 64) }
	img := func(path string, c byte) *doc.Image {
		return &doc.Image{Asset: &doc.Asset{Path: path, Data: []byte("cleaned"), Digest: d(c)}}
	}
	note := &doc.Note{Kind: doc.FootnoteNote, ID: "n", Blocks: []doc.Block{para("b.md", 3, img("img/in-note.png", '3'))}}
	a := chapter("a.md", heading("a.md", 1, 1, "a", txt("A")), para("a.md", 2, img("img/one.svg", '1'), img("img/one.svg", '1')),
		&doc.Div{BlockBase: doc.BlockBase{Tags: []string{"teacher"}}, Blocks: []doc.Block{para("a.md", 4, img("img/teacher.png", '9'))}})
	a.Digest = d('a')
	a.Included = []doc.Input{{Path: "../listings/x.rs", Digest: d('x')}, {Path: "shared.md", Digest: d('s')}}
	b := chapter("b.md", heading("b.md", 1, 1, "b", txt("B")), &doc.Figure{Image: img("img/two.png", '2')},
		para("b.md", 2, txt("x"), &doc.NoteRef{Note: note}))
	b.Notes = []*doc.Note{note}
	b.Digest = d('b')
	b.Included = []doc.Input{{Path: "shared.md", Digest: d('s')}, {Path: "../listings/y.rs", Digest: d('y')}}
	book := &doc.Book{Entries: []*doc.Entry{a, b}}
	_, err := Resolve(book, Input{Manifest: "manifest.yaml", ManifestDigest: strings.ToUpper(d('f')), Options: Options{Conditions: []string{"teacher"}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range (&resolver{book: book, in: Input{Manifest: "manifest.yaml", ManifestDigest: d('f')}}).inputFiles() {
		got = append(got, f.path+" "+f.digest[:1])
	}
	want := []string{"manifest.yaml f", "a.md a", "../listings/x.rs x", "shared.md s", "b.md b", "../listings/y.rs y", "img/one.svg 1", "img/two.png 2", "img/in-note.png 3"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("inputs %q, want %q", got, want)
	}
	var list []string
	for _, w := range want {
		path, c, _ := strings.Cut(w, " ")
		list = append(list, d(c[0])+"  "+path+"\n")
	}
	sum := sha256.Sum256([]byte(strings.Join(list, "")))
	text := ""
	for _, bl := range book.Colophon {
		if p, ok := bl.(*doc.Paragraph); ok {
			text += marked(p.Content)
		}
	}
	if want := groupDigest(hex.EncodeToString(sum[:])); !strings.Contains(text, "Made from 9 files") || !strings.Contains(text, want) {
		t.Errorf("colophon %q lacks 9 files and %s", text, want)
	}
	// a.md's two included files are one entry, by the digest of the lines
	// sha256sum prints for them; b.md's one new file is listed as it is
	group := sha256.Sum256([]byte(d('x') + "  ../listings/x.rs\n" + d('s') + "  shared.md\n"))
	var items []string
	for _, bl := range book.Colophon {
		if l, ok := bl.(*doc.List); ok {
			for _, it := range l.Items {
				items = append(items, marked(it.Blocks[0].(*doc.Paragraph).Content))
			}
		}
	}
	wantItems := []string{
		"manifest.yaml\n" + groupDigest(d('f')), "a.md\n" + groupDigest(d('a')),
		"a.md\nincludes 2 files, in\n../listings/ and the book folder\n" + groupDigest(hex.EncodeToString(group[:])),
		"b.md\n" + groupDigest(d('b')), "../listings/y.rs\n" + groupDigest(d('y')),
		"img/one.svg\n" + groupDigest(d('1')), "img/two.png\n" + groupDigest(d('2')), "img/in-note.png\n" + groupDigest(d('3')),
	}
	if strings.Join(items, "|") != strings.Join(wantItems, "|") {
		t.Errorf("listed\n%s\nwant\n%s", strings.Join(items, "\n"), strings.Join(wantItems, "\n"))
	}
	if !strings.Contains(text, "(the files a chapter includes together, by the digest of their list) below.") {
		t.Errorf("colophon %q does not say how included files are listed", text)
	}
}

// TestIncludedFolders: an entry of included files names the folder
// holding them all, or a few each holding its share (the book folder
// holds none of the files outside it), or says how many there are.
func TestIncludedFolders(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  string
	}{
		{"one folder", []string{"../listings/ch02/listing-02-01/src/main.rs", "../listings/ch02/no-listing/Cargo.toml", "../listings/ch02/no-listing/src/main.rs"}, "../listings/ch02/"},
		{"the book folder", []string{"a.md", "b.md"}, "the book folder"},
		{"the book folder and outside it", []string{"../listings/main.rs", "part.md"}, "../listings/ and the book folder"},
		{"under the book folder and outside it", []string{"snippets/a.py", "../examples/b.py", "../examples/c/d.py"}, "snippets/ and ../examples/"},
		{"a folder and its own", []string{"../x.rs", "../a/y.rs"}, "../"},
		{"parted above", []string{"../a/x.rs", "../b/y.rs", "../c/z.rs"}, "../a/, ../b/ and ../c/"},
		{"spread", []string{"a/x", "b/x", "c/x", "d/x", "d/y/z"}, "5 folders"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var files []inputFile
			for _, p := range tc.paths {
				files = append(files, inputFile{path: p})
			}
			if got := marked(foldersOf(files)); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
