package cite

import (
	"strings"
	"testing"
)

// TestBibliographyErrors asserts the message of every problem a
// bibliography file can have, and that a broken record does not hide the
// others.
func TestBibliographyErrors(t *testing.T) {
	cases := []struct {
		name, file, src string
		want            []string
		keys            string // the keys read despite the problems
	}{
		{"empty", "refs.json", "", []string{"error: refs.json: bibliography is empty; CSL-JSON is a list of records: [ {\"id\": …}, … ]"}, ""},
		{"syntax", "refs.json", "[\n  {\"id\": \"a\",}\n]", []string{"error: refs.json:2:14: not valid CSL-JSON: invalid character '}' looking for beginning of object key string"}, ""},
		{"truncated", "refs.json", "[\n  {\"id\": \"a\"", []string{"error: refs.json:2:13: not valid CSL-JSON: the file ends inside a value"}, ""},
		{"not a list", "refs.json", "{\"id\": \"a\"}", []string{"error: refs.json:1:1: CSL-JSON must be a list of records, not an object"}, ""},
		{"fields", "refs.json", `[
  {"id": "a", "title": "A", "author": "Victor Serge"},
  {"id": "b", "title": ["B"]},
  {"title": "C"},
  {"id": "d", "type": "film", "title": "D", "issued": {"date-parts": [["spring"]]}},
  {"id": "e", "type": "book", "title": "E", "issued": {"date-parts": [[1921, 13]]}},
  {"id": "f", "title": "F", "editor": [{"family": "Arendt", "given": "Hannah"}], "issued": {"raw": "1969"}},
  7
]`, []string{
			`error: refs.json:2:29: entry "a": field "author" must be a list of names ({"family": …, "given": …} or {"literal": …}), not a string`,
			`error: refs.json:3:15: entry "b": field "title" must be text, not a list`,
			`error: refs.json:4:3: record 3 has no "id"; citations name records by it`,
			`error: refs.json:5:45: entry "d": field "issued" must be a date ({"date-parts": [[1921, 3, 8]]}, {"raw": "1921"} or {"literal": …}), not an object`,
			`warning: refs.json:5:15: entry "d": type "film" is not one the styles know; cited as a book`,
			`error: refs.json:6:45: entry "e": field "issued" must be a date ({"date-parts": [[1921, 3, 8]]}, {"raw": "1921"} or {"literal": …}), not an object`,
			`error: refs.json:8:3: record 7 is a number, not an object`,
		}, "f"},
		{"bib syntax", "refs.bib", `@book{serge1963,
  author = {Serge, Victor},
  title  = {Memoirs of a Revolutionary,
  year   = 1963
}

@book{avrich1970, title = {Kronstadt 1921}, year 1970}
@book{, title = {No key}}
@article{ok, title = "Fine", journal = jour, year = 1968}
@string{jour = "Journal"}
@misc{after, title = "After" # jour # {!}, year = {1999}}
@book{ok, title = {Again}}
@film{film, title = {A Film}}
@book{dup, title = {A}, title = {B}}
`, []string{
			`error: refs.bib:3:3: entry "serge1963" runs into the next entry: check the braces and quotes of field "title" (lines 3–5)`,
			`error: refs.bib:7:50: field year of entry "avrich1970": expected "="`,
			`error: refs.bib:8:7: @book entry has no key; citations name entries by it`,
			`warning: refs.bib:9:40: @string "jour" is not defined; its name is used as the text`,
			`warning: refs.bib:13:1: entry "film": @film is not a type the styles know; cited as a book`,
			`warning: refs.bib:14:25: entry "dup": field "title" is given again; the later value is used`,
		}, "ok after ok film dup"},
		{"unclosed", "refs.bib", "@book{a, title = {A}", []string{`error: refs.bib:1:1: entry "a" is not closed: "}" missing`}, ""},
		{"format", "refs.yaml", "- a", []string{`error: refs.yaml: bibliography file must be CSL-JSON (.json) or BibTeX (.bib), not ".yaml"`}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			recs, ds := Parse(c.file, []byte(c.src))
			var got []string
			for _, d := range ds {
				got = append(got, d.Severity.String()+": "+d.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			var keys []string
			for _, r := range recs {
				keys = append(keys, r.Key)
			}
			if strings.Join(keys, " ") != c.keys {
				t.Errorf("read %q, want %q", strings.Join(keys, " "), c.keys)
			}
		})
	}
}

func TestDuplicateKeys(t *testing.T) {
	a, _ := Parse("a.json", []byte(`[{"id": "x", "title": "X"}]`))
	b, _ := Parse("b.bib", []byte("\n@book{x, title = {X again}}"))
	var bib Bibliography
	if ds := bib.Add(a); len(ds) != 0 {
		t.Fatal(ds)
	}
	ds := bib.Add(b)
	if len(ds) != 1 || ds[0].Error() != `b.bib:2: entry "x" is defined again (first at a.json:1)` {
		t.Errorf("got %v", ds)
	}
	if r, ok := bib.Lookup("x"); !ok || r.Title != "X" {
		t.Errorf("Lookup: %v %v", r, ok)
	}
}

func FuzzParseCSLJSON(f *testing.F) {
	f.Add([]byte(`[{"id": "a", "type": "book", "author": [{"family": "F", "given": "G"}], "issued": {"date-parts": [[1921, 3, 8]]}}]`))
	f.Add([]byte(`[{"id": 1, "title": "<i>T</i>", "issued": {"raw": "c. 1920"}}]`))
	f.Add([]byte(`[[[[[]]]]]`))
	// A title holding "< >", a tag with no name, once crashed the markup reader.
	f.Add([]byte(`[{"id": "x", "type": "book", "title": "a < > b <>"}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _ := ParseCSLJSON("f.json", data)
		renderAll(t, recs)
	})
}

func FuzzParseBibTeX(f *testing.F) {
	f.Add([]byte(`@string{s = "x"} @book{k, author = {A, B and {C D}}, title = "T" # s, year = 1921, month = mar}`))
	f.Add([]byte(`@article{k, title = {\'e\"{o}\c c\v{s}\emph{x}}, pages = {1--2}}`))
	f.Add([]byte(`@comment{ @book{x} } @preamble{"\x"} @book(k, title = {T})`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _ := ParseBibTeX("f.bib", data)
		renderAll(t, recs)
	})
}

// renderAll renders every record in every style: nothing may panic, and
// every record must have a key.
func renderAll(t *testing.T, recs []*Record) {
	for _, r := range recs {
		if r.Key == "" {
			t.Fatalf("record without a key: %+v", r)
		}
	}
	for _, name := range StyleNames {
		s, _ := New(name, "en")
		s.Sort(recs)
		s.Bibliography(recs)
		tr := NewTracker()
		for _, r := range recs {
			c := Citation{Items: []Item{{Record: r, Locator: "1-2"}}}
			s.Note(c, tr.Positions(c))
			s.NoteInNote(c, tr.Positions(c))
			s.InText(c)
		}
	}
}
