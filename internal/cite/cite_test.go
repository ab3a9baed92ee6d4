package cite

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// marked writes rendered content with italics as *…* and links as […],
// so tests see the faces and the links as well as the words.
func marked(in []doc.Inline) string {
	var sb strings.Builder
	var walk func([]doc.Inline)
	walk = func(in []doc.Inline) {
		for _, x := range in {
			switch x := x.(type) {
			case *doc.Text:
				sb.WriteString(x.Text)
			case *doc.Emph:
				sb.WriteByte('*')
				walk(x.Content)
				sb.WriteByte('*')
			case *doc.Link:
				sb.WriteByte('[')
				walk(x.Content)
				sb.WriteByte(']')
			default:
				walk(doc.InlineChildren(x))
			}
		}
	}
	walk(in)
	return sb.String()
}

func loadWorks(t testing.TB, file string) map[string]*Record {
	t.Helper()
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	recs, ds := Parse(file, data)
	for _, d := range ds {
		t.Errorf("%s: %v", file, d)
	}
	out := map[string]*Record{}
	for _, r := range recs {
		out[r.Key] = r
	}
	return out
}

// TestParsersAgree reads the same works from CSL-JSON and BibTeX.
func TestParsersAgree(t *testing.T) {
	fromJSON := loadWorks(t, "works.json")
	fromBib := loadWorks(t, "works.bib")
	if len(fromJSON) != 10 || len(fromBib) != 11 {
		t.Fatalf("read %d records from JSON and %d from BibTeX, want 10 and 11", len(fromJSON), len(fromBib))
	}
	for key, j := range fromJSON {
		b, ok := fromBib[key]
		if !ok {
			t.Errorf("%s: not in works.bib", key)
			continue
		}
		jc, bc := *j, *b
		jc.File, jc.Line, bc.File, bc.Line = "", 0, "", 0
		if !reflect.DeepEqual(jc, bc) {
			t.Errorf("%s differs:\n JSON   %+v\n BibTeX %+v", key, jc, bc)
		}
	}
	if got := fromBib["beauvoir1949"]; got.Title != "Le Deuxième Sexe" || got.Author[0] != (Name{Family: "Beauvoir", Given: "Simone", Particle: "de"}) {
		t.Errorf("beauvoir1949 = %+v", got)
	}
	if l := fromBib["knuth1981"].Line; l != 27 {
		t.Errorf("knuth1981 is at line %d, want 27", l)
	}
	if l := fromJSON["knuth1981"].Line; l != 26 {
		t.Errorf("knuth1981 is at line %d of the JSON, want 26", l)
	}
}

type forms struct {
	note, short, bib, inText, narrative string
}

// TestStyles is the text of each kind of work in each style: a first
// note (locator 85-86), a later note (locator 90), the bibliography entry,
// and the in-text citation (locator 85-86) in parentheses and in the
// sentence (locator 3).
func TestStyles(t *testing.T) {
	works := loadWorks(t, "works.json")
	var all []*Record
	for _, r := range works {
		all = append(all, r)
	}
	want := map[string]map[string]forms{
		"chicago": {
			"serge1963": {
				note:      "Victor Serge, *Memoirs of a Revolutionary*, trans. Peter Sedgwick (Oxford University Press, 1963), 85–86.",
				short:     "Serge, *Memoirs of a Revolutionary*, 90.",
				bib:       "Serge, Victor. *Memoirs of a Revolutionary*. Translated by Peter Sedgwick. Oxford University Press, 1963.",
				inText:    "Serge",
				narrative: "Serge",
			},
			"benjamin1969": {
				note:  "Walter Benjamin, “The Work of Art in the Age of Mechanical Reproduction” (1936), in *Illuminations*, ed. Hannah Arendt, trans. Harry Zohn (New York: Schocken Books, 1969), 85–86.",
				short: "Benjamin, “The Work of Art in the Age of Mechanical Reproduction,” 90.",
				bib:   "Benjamin, Walter. “The Work of Art in the Age of Mechanical Reproduction.” 1936. In *Illuminations*, edited by Hannah Arendt, translated by Harry Zohn, 217–51. New York: Schocken Books, 1969.",
			},
			"knuth1981": {
				note:  "Donald E. Knuth and Michael F. Plass, “Breaking Paragraphs into Lines,” *Software: Practice and Experience* 11, no. 11 (1981): 85–86, https://doi.org/10.1002/spe.4380111102.",
				short: "Knuth and Plass, “Breaking Paragraphs into Lines,” 90.",
				bib:   "Knuth, Donald E., and Michael F. Plass. “Breaking Paragraphs into Lines.” *Software: Practice and Experience* 11, no. 11 (1981): 1119–84. https://doi.org/10.1002/spe.4380111102.",
			},
			"kollontai1921": {
				note:  "Alexandra Kollontai, *The Workers’ Opposition* (1921), 85–86.",
				short: "Kollontai, *The Workers’ Opposition*, 90.",
				bib:   "Kollontai, Alexandra. *The Workers’ Opposition*. 1921.",
			},
			"macfarlane2024": {
				note: "John MacFarlane, “CommonMark Spec, Version 0.31.2,” January 28, 2024, 85–86, https://spec.commonmark.org/0.31.2/.",
				bib:  "MacFarlane, John. “CommonMark Spec, Version 0.31.2.” January 28, 2024. https://spec.commonmark.org/0.31.2/.",
			},
		},
		"chicago-author-date": {
			"serge1963": {
				bib:       "Serge, Victor. 1963. *Memoirs of a Revolutionary*. Translated by Peter Sedgwick. Oxford University Press.",
				inText:    "(Serge 1963, 85–86)",
				narrative: "Serge (1963, 3)",
			},
			"knuth1981": {
				bib:       "Knuth, Donald E., and Michael F. Plass. 1981. “Breaking Paragraphs into Lines.” *Software: Practice and Experience* 11 (11): 1119–84. https://doi.org/10.1002/spe.4380111102.",
				inText:    "(Knuth and Plass 1981, 85–86)",
				narrative: "Knuth and Plass (1981, 3)",
			},
			"benjamin1969": {
				bib: "Benjamin, Walter. 1969. “The Work of Art in the Age of Mechanical Reproduction.” In *Illuminations*, edited by Hannah Arendt, translated by Harry Zohn, 217–51. New York: Schocken Books.",
			},
			"lenin1917state": {
				bib:    "Lenin, Vladimir Ilyich. 1917b. *The State and Revolution*.",
				inText: "(Lenin 1917b, 85–86)",
			},
		},
		"mla": {
			"serge1963": {
				bib:       "Serge, Victor. *Memoirs of a Revolutionary*. Translated by Peter Sedgwick, Oxford UP, 1963.",
				inText:    "(Serge 85–86)",
				narrative: "Serge (3)",
			},
			"avrich1970": {
				bib: "Avrich, Paul. *Kronstadt 1921*. Princeton UP, 1970.",
			},
			"knuth1981": {
				bib:    "Knuth, Donald E., and Michael F. Plass. “Breaking Paragraphs into Lines.” *Software: Practice and Experience*, vol. 11, no. 11, 1981, pp. 1119–84, https://doi.org/10.1002/spe.4380111102.",
				inText: "(Knuth and Plass 85–86)",
			},
			"benjamin1969": {
				bib: "Benjamin, Walter. “The Work of Art in the Age of Mechanical Reproduction.” 1936. *Illuminations*, edited by Hannah Arendt, translated by Harry Zohn, Schocken Books, 1969, pp. 217–51.",
			},
			"kollontai1921": {
				inText:    "(Kollontai, *The Workers’ Opposition* 85–86)",
				narrative: "Kollontai (*The Workers’ Opposition* 3)",
			},
			"macfarlane2024": {
				bib: "MacFarlane, John. “CommonMark Spec, Version 0.31.2.” 28 Jan. 2024, spec.commonmark.org/0.31.2/. Accessed 2 Mar. 2026.",
			},
			"dijkstra1968": {
				bib: "Dijkstra, Edsger W. “Go To Statement Considered Harmful.” *Communications of the ACM*, vol. 11, no. 3, Mar. 1968, pp. 147–48.",
			},
		},
		"apa": {
			"serge1963": {
				bib:       "Serge, V. (1963). *Memoirs of a Revolutionary* (P. Sedgwick, Trans.). Oxford University Press.",
				inText:    "(Serge, 1963, pp. 85–86)",
				narrative: "Serge (1963, p. 3)",
			},
			"knuth1981": {
				bib:       "Knuth, D. E., & Plass, M. F. (1981). Breaking Paragraphs into Lines. *Software: Practice and Experience*, *11*(11), 1119–1184. https://doi.org/10.1002/spe.4380111102",
				inText:    "(Knuth & Plass, 1981, pp. 85–86)",
				narrative: "Knuth and Plass (1981, p. 3)",
			},
			"benjamin1969": {
				bib: "Benjamin, W. (1969). The Work of Art in the Age of Mechanical Reproduction. In H. Arendt (Ed.), *Illuminations* (H. Zohn, Trans.; pp. 217–251). Schocken Books. (Original work published 1936)",
			},
			"macfarlane2024": {
				bib: "MacFarlane, J. (2024, January 28). *CommonMark Spec, Version 0.31.2*. https://spec.commonmark.org/0.31.2/",
			},
			"lenin1917imperialism": {
				bib:    "Lenin, V. I. (1917a). *Imperialism, the Highest Stage of Capitalism*.",
				inText: "(Lenin, 1917a, pp. 85–86)",
			},
		},
	}
	for _, name := range StyleNames {
		s, err := New(name, "en")
		if err != nil {
			t.Fatal(err)
		}
		s.Sort(all)
		for key, w := range want[name] {
			r := works[key]
			if r == nil {
				t.Fatalf("no record %s", key)
			}
			check := func(form, got, want string) {
				if want != "" && got != want {
					t.Errorf("%s %s %s:\n got %s\nwant %s", name, key, form, got, want)
				}
			}
			tr := NewTracker()
			first := Citation{Items: []Item{{Record: r, Locator: "85-86"}}}
			check("note", marked(s.Note(first, tr.Positions(first))), w.note)
			tr.Positions(Citation{Items: []Item{{Record: works["avrich1970"]}}})
			later := Citation{Items: []Item{{Record: r, Locator: "90"}}}
			check("short note", marked(s.Note(later, tr.Positions(later))), w.short)
			check("bibliography", marked(s.Reference(r)), w.bib)
			check("in the text", marked(s.InText(first)), w.inText)
			check("in the sentence", marked(s.InText(Citation{Items: []Item{{Record: r, Locator: "p. 3"}}, AuthorInText: true})), w.narrative)
		}
	}
}

// TestIbid follows one chapter's notes: a repeat of the work just cited
// is "Ibid.", with the new place when it changes; a work cited earlier is
// short; a new chapter starts again in full.
func TestIbid(t *testing.T) {
	w := loadWorks(t, "works.json")
	s, _ := New("chicago", "en")
	tr := NewTracker()
	cite := func(items ...Item) string {
		c := Citation{Items: items}
		return marked(s.Note(c, tr.Positions(c)))
	}
	serge, avrich := w["serge1963"], w["avrich1970"]
	steps := []struct {
		c    func() string
		want string
	}{
		{func() string { return cite(Item{Record: serge, Locator: "85"}) }, "Victor Serge, *Memoirs of a Revolutionary*, trans. Peter Sedgwick (Oxford University Press, 1963), 85."},
		{func() string { return cite(Item{Record: serge, Locator: "85"}) }, "Ibid."},
		{func() string { return cite(Item{Record: serge, Locator: "p. 90"}) }, "Ibid., 90."},
		{func() string { return cite(Item{Record: serge}) }, "Serge, *Memoirs of a Revolutionary*."},
		{func() string {
			return cite(Item{Record: avrich, Prefix: "see", Locator: "chap. 3"}, Item{Record: serge, Locator: "100-109", Suffix: ", emphasis added"})
		}, "See Paul Avrich, *Kronstadt 1921* (Princeton: Princeton University Press, 1970), chap. 3; Serge, *Memoirs of a Revolutionary*, 100–109, emphasis added."},
		{func() string { return cite(Item{Record: serge, Locator: "101-108"}) }, "Serge, *Memoirs of a Revolutionary*, 101–8."},
		{func() string { tr.StartPart(); return cite(Item{Record: serge, SuppressAuthor: true}) }, "*Memoirs of a Revolutionary*, trans. Peter Sedgwick (Oxford University Press, 1963)."},
	}
	for i, st := range steps {
		if got := st.c(); got != st.want {
			t.Errorf("note %d:\n got %s\nwant %s", i+1, got, st.want)
		}
	}
}

// TestNoteInNote: a bracketed citation inside a footnote, in the notes
// styles, stands in parentheses in the note's text, neither capitalised
// nor closed by a full stop; its works take the forms their positions ask.
func TestNoteInNote(t *testing.T) {
	w := loadWorks(t, "works.json")
	s, _ := New("chicago", "en")
	tr := NewTracker()
	serge, avrich := w["serge1963"], w["avrich1970"]
	for i, c := range []struct {
		items []Item
		want  string
	}{
		{[]Item{{Record: avrich, Prefix: "see", Locator: "chap. 3"}}, "(see Paul Avrich, *Kronstadt 1921* (Princeton: Princeton University Press, 1970), chap. 3)"},
		{[]Item{{Record: avrich, Locator: "chap. 4"}}, "(ibid., chap. 4)"},
		{[]Item{{Record: serge, Locator: "12"}, {Record: avrich}}, "(Victor Serge, *Memoirs of a Revolutionary*, trans. Peter Sedgwick (Oxford University Press, 1963), 12; Avrich, *Kronstadt 1921*)"},
	} {
		cit := Citation{Items: c.items}
		if got := marked(s.NoteInNote(cit, tr.Positions(cit))); got != c.want {
			t.Errorf("citation %d:\n got %s\nwant %s", i+1, got, c.want)
		}
	}
}

// TestInTextSeveral cites several works at one point.
func TestInTextSeveral(t *testing.T) {
	w := loadWorks(t, "works.json")
	var all []*Record
	for _, r := range w {
		all = append(all, r)
	}
	c := Citation{Items: []Item{
		{Record: w["serge1963"], Prefix: "see", Locator: "85-86"},
		{Record: w["avrich1970"], Suffix: "and passim"},
	}}
	for name, want := range map[string]string{
		"chicago-author-date": "(see Serge 1963, 85–86; Avrich 1970, and passim)",
		"mla":                 "(see Serge 85–86; Avrich, and passim)",
		// APA orders the works as the reference list does.
		"apa": "(Avrich, 1970, and passim; see Serge, 1963, pp. 85–86)",
	} {
		s, _ := New(name, "en")
		s.Sort(all)
		if got := marked(s.InText(c)); got != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
	s, _ := New("apa", "en")
	s.Sort(all)
	if got := marked(s.InText(Citation{Items: []Item{{Record: w["serge1963"], SuppressAuthor: true, Locator: "12"}}})); got != "(1963, p. 12)" {
		t.Errorf("suppressed author: %s", got)
	}
}

// TestLinks wraps each work, not the author's words, in its link.
func TestLinks(t *testing.T) {
	w := loadWorks(t, "works.json")
	s, _ := New("chicago-author-date", "en")
	s.Sort([]*Record{w["serge1963"]})
	got := marked(s.InText(Citation{Items: []Item{{Record: w["serge1963"], Prefix: "see", Locator: "3", Link: &doc.Link{Entry: "bibliography", Anchor: "ref-serge1963"}}}}))
	if got != "(see [Serge 1963, 3])" {
		t.Errorf("got %s", got)
	}
	n, _ := New("chicago", "en")
	c := Citation{Items: []Item{{Record: w["avrich1970"], Link: &doc.Link{Anchor: "x"}}}}
	got = marked(n.Note(c, []Position{First}))
	if got != "[Paul Avrich, *Kronstadt 1921* (Princeton: Princeton University Press, 1970)]." {
		t.Errorf("got %s", got)
	}
}

// TestLanguages renders the styles' words in the book's language.
func TestLanguages(t *testing.T) {
	w := loadWorks(t, "works.bib")
	cases := []struct {
		style, lang, key, want string
		bib                    bool
	}{
		{"chicago", "fr", "serge1963", "Victor Serge, *Memoirs of a Revolutionary*, trad. par Peter Sedgwick (Oxford University Press, 1963), 85–86.", false},
		{"chicago", "fr", "benjamin1969", "Benjamin, Walter. «\u00a0The Work of Art in the Age of Mechanical Reproduction\u00a0». 1936. In *Illuminations*, édité par Hannah Arendt, traduit par Harry Zohn, 217–51. New York: Schocken Books, 1969.", true},
		{"chicago", "de", "knuth1981", "Donald E. Knuth und Michael F. Plass, „Breaking Paragraphs into Lines“, *Software: Practice and Experience* 11, Nr. 11 (1981): 85–86, https://doi.org/10.1002/spe.4380111102.", false},
		{"mla", "es", "beauvoir1949", "Beauvoir, Simone de. *Le Deuxième Sexe*. Gallimard, 1949.", true},
		{"apa", "ru", "serge1963", "Serge, V. (1963). *Memoirs of a Revolutionary* (P. Sedgwick, Пер.). Oxford University Press.", true},
	}
	for _, c := range cases {
		s, err := New(c.style, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		if c.bib {
			got = marked(s.Reference(w[c.key]))
		} else {
			cit := Citation{Items: []Item{{Record: w[c.key], Locator: "85-86"}}}
			got = marked(s.Note(cit, []Position{First}))
		}
		if got != c.want {
			t.Errorf("%s %s %s:\n got %s\nwant %s", c.style, c.lang, c.key, got, c.want)
		}
	}
	for lang, want := range map[string]string{"en": "Bibliography", "fr": "Bibliographie", "de": "Literaturverzeichnis", "xx": "Bibliography"} {
		s, _ := New("chicago", lang)
		if got := s.BibliographyTitle(); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// TestSources renders a text taken from a compilation: the work in full,
// then where the text was taken from.
func TestSources(t *testing.T) {
	w := loadWorks(t, "works.json")
	from := []doc.Inline{&doc.Text{Text: "an unattributed compilation on the Workers’ Opposition"}}
	src := Source{Record: w["serge1963"], Extract: "2", From: from}
	want := map[string][2]string{
		"chicago": {
			"Victor Serge, *Memoirs of a Revolutionary*, trans. Peter Sedgwick (Oxford University Press, 1963), extract 2 in an unattributed compilation on the Workers’ Opposition.",
			"Serge, Victor. *Memoirs of a Revolutionary*. Translated by Peter Sedgwick. Oxford University Press, 1963. Extract 2 in an unattributed compilation on the Workers’ Opposition.",
		},
		"mla": {
			"Serge, Victor. *Memoirs of a Revolutionary*. Translated by Peter Sedgwick, Oxford UP, 1963. Extract 2 in an unattributed compilation on the Workers’ Opposition.",
			"Serge, Victor. *Memoirs of a Revolutionary*. Translated by Peter Sedgwick, Oxford UP, 1963. Extract 2 in an unattributed compilation on the Workers’ Opposition.",
		},
		"apa": {
			"Serge, V. (1963). *Memoirs of a Revolutionary* (P. Sedgwick, Trans.). Oxford University Press. Extract 2 in an unattributed compilation on the Workers’ Opposition.",
			"Serge, V. (1963). *Memoirs of a Revolutionary* (P. Sedgwick, Trans.). Oxford University Press. Extract 2 in an unattributed compilation on the Workers’ Opposition.",
		},
	}
	for name, w := range want {
		s, _ := New(name, "en")
		if got := marked(s.SourceNote(src)); got != w[0] {
			t.Errorf("%s note:\n got %s\nwant %s", name, got, w[0])
		}
		if got := marked(s.SourceReference(src)); got != w[1] {
			t.Errorf("%s entry:\n got %s\nwant %s", name, got, w[1])
		}
	}
}

func TestProblems(t *testing.T) {
	s, _ := New("chicago", "en")
	r := &Record{Key: "x", Type: Chapter, Title: "A Chapter"}
	got := strings.Join(s.Problems(r), "\n")
	want := "has no container (the book it is in); the Chicago style needs it for a chapter\n" +
		"has no date; the Chicago style needs one (it prints \"n.d.\")"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	m, _ := New("mla", "en")
	if got := m.Problems(&Record{Key: "y", Title: "T", Publisher: "P"}); len(got) != 0 {
		t.Errorf("MLA needs no date: %q", got)
	}
}

func TestPageRanges(t *testing.T) {
	cases := []struct {
		in                        string
		chicago, mlaForm, apaForm string
	}{
		{"3-10", "3–10", "3–10", "3–10"},
		{"71--72", "71–72", "71–72", "71–72"},
		{"96-117", "96–117", "96–117", "96–117"},
		{"100-104", "100–104", "100–04", "100–104"},
		{"101-108", "101–8", "101–08", "101–108"},
		{"321-328", "321–28", "321–28", "321–328"},
		{"498-532", "498–532", "498–532", "498–532"},
		{"1087-1089", "1087–89", "1087–89", "1087–1089"},
		{"1496-1500", "1496–1500", "1496–500", "1496–1500"},
		{"1496-1504", "1496–1504", "1496–504", "1496–1504"},
		{"11564-11615", "11564–615", "11564–615", "11564–11615"},
		{"12991-13001", "12991–13001", "12991–3001", "12991–13001"},
		{"1103-1104", "1103–4", "1103–04", "1103–1104"},
		{"12, 15-18", "12, 15–18", "12, 15–18", "12, 15–18"},
		{"xii-xv", "xii-xv", "xii-xv", "xii-xv"},
	}
	styles := map[string]*Style{}
	for _, n := range []string{"chicago", "mla", "apa"} {
		styles[n], _ = New(n, "en")
	}
	for _, c := range cases {
		for n, want := range map[string]string{"chicago": c.chicago, "mla": c.mlaForm, "apa": c.apaForm} {
			if got := styles[n].pages(c.in); got != want {
				t.Errorf("%s %q = %q, want %q", n, c.in, got, want)
			}
		}
	}
}

func TestParseNames(t *testing.T) {
	cases := []struct {
		in   string
		want []Name
	}{
		{"Victor Serge", []Name{{Given: "Victor", Family: "Serge"}}},
		{"Serge, Victor", []Name{{Given: "Victor", Family: "Serge"}}},
		{"Simone de Beauvoir", []Name{{Given: "Simone", Particle: "de", Family: "Beauvoir"}}},
		{"de Beauvoir, Simone", []Name{{Given: "Simone", Particle: "de", Family: "Beauvoir"}}},
		{"Knuth, Donald E. and Michael F. Plass", []Name{{Given: "Donald E.", Family: "Knuth"}, {Given: "Michael F.", Family: "Plass"}}},
		{"King, Jr, Martin Luther", []Name{{Given: "Martin Luther", Family: "King", Suffix: "Jr"}}},
		{"Communist Party of Great Britain", []Name{{Literal: "Communist Party of Great Britain"}}},
		{"{Workers' Opposition} and Anderson, Perry", []Name{{Literal: "Workers' Opposition"}, {Given: "Perry", Family: "Anderson"}}},
		{"Kollontai; Lenin, V. I.", []Name{{Literal: "Kollontai"}, {Given: "V. I.", Family: "Lenin"}}},
	}
	for _, c := range cases {
		if got := ParseNames(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseNames(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
	if got := (Name{Given: "Jean-Paul", Family: "Sartre"}).initials(); got != "J.-P." {
		t.Errorf("initials: %q", got)
	}
}

func TestLatexText(t *testing.T) {
	cases := map[string]string{
		`Le Deuxi{\` + "`" + `e}me Sexe`:      "Le Deuxième Sexe",
		`Erd\H{o}s and Tur\'an`:               "Erdős and Turán",
		`{\c C}a ira, \v{S}koda, na\"\i ve`:   "Ça ira, Škoda, naïve",
		`pp.~3--10 --- and \emph{passim}`:     "pp.\u00a03–10 — and <i>passim</i>",
		"``Quoted'' and `single'":             "“Quoted” and ‘single'",
		`Stra{\ss}e, \o{}stfold, 50\% \& \$3`: "Straße, østfold, 50% & $3",
		`\textbf{Bold} \unknown{kept}`:        "Bold kept",
	}
	for in, want := range cases {
		if got := latexText(in, false); got != want {
			t.Errorf("latexText(%q) = %q, want %q", in, got, want)
		}
	}
}
