package markdown

import (
	"bytes"
	"math/rand"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestWikilinks: Obsidian's links and pictures are Markdown's, read in a
// chapter whose book folder holds nothing, so every name stays as written;
// what only looks like them stays what it was.
func TestWikilinks(t *testing.T) {
	para := func(in string) string { return "para\n" + in }
	link := func(url, text string) string { return "  link " + url + " page=after\n    text \"" + text + "\"\n" }
	runMkdocsCases(t, []mkdocsCase{
		{"a note", "[[Note]]\n", para(link("Note.md", "Note")), nil},
		{"shown text", "[[Note|the note]]\n", para(link("Note.md", "the note")), nil},
		{"a heading", "[[Note#Some Heading]]\n", para(link("Note.md#some-heading", "Note > Some Heading")), nil},
		{"a heading of the chapter", "[[#Some Heading]]\n", para(link("#some-heading", "Some Heading")), nil},
		{"the last heading of several", "[[Note#Part#Section|see it]]\n", para(link("Note.md#section", "see it")), nil},
		{"with its extension", "[[Note.md]]\n", para(link("Note.md", "Note.md")), nil},
		{"no Markdown inside", "[[Note|*not emphasis*]]\n", para(link("Note.md", "*not emphasis*")), nil},
		{"an address", "[[https://example.com|the site]]\n", "para\n  link https://example.com\n    text \"the site\"\n", nil},
		{"a picture alone is a figure", "![[pic.png]]\n", "figure\n  image src=\"pic.png\" alt=\"\" at=1:1\n", nil},
		{"a width", "A ![[pic.png|300]] b\n", para("  text \"A \"\n  image src=\"pic.png\" alt=\"\" width=300px at=1:3\n  text \" b\"\n"), nil},
		{"a width and a height", "A ![[pic.png|300x200]] b\n", para("  text \"A \"\n  image src=\"pic.png\" alt=\"\" width=300px height=200px at=1:3\n  text \" b\"\n"), nil},
		{"a description", "A ![[pic.png|A cat]] b\n", para("  text \"A \"\n  image src=\"pic.png\" alt=\"A cat\" at=1:3\n  text \" b\"\n"), nil},
		{"a description and a width", "A ![[pic.png|A cat|300]] b\n", para("  text \"A \"\n  image src=\"pic.png\" alt=\"A cat\" width=300px at=1:3\n  text \" b\"\n"), nil},
		{"embedded notes are links, one warning", "![[Note]] and ![[Note#Part]]\n",
			para(link("Note.md", "Note") + "  text \" and \"\n" + link("Note.md#part", "Note > Part")),
			[]string{"ch.md:1:1: ![[Note]] embeds a note, which is not supported: printed as a link to it (as is 1 other embed in this file) [wikilink.embed]"}},
		{"in a table, its bar escaped", "| a |\n|---|\n| [[Note\\|shown]] |\n",
			"table align=default\n  header\n    cell\n      text \"a\"\n  row\n    cell\n      link Note.md page=after\n        text \"shown\"\n", nil},
		{"in a task", "- [ ] [[Note]]\n", "list bullet tight\n  item [ ]\n    para\n      link Note.md page=after\n        text \"Note\"\n", nil},
		{"escaped, in code, Markdown links, empty, across lines, nested",
			"\\[[Note]] `[[Note]]` [[1]](#x) [[2]][x] [[]] [[ ]] [[a\nb]] [[a[b]]\n\n[x]: y\n",
			para("  text \"[[Note]] \"\n  code \"[[Note]]\"\n  text \" \"\n  link #x page=after\n    text \"[1]\"\n  text \" \"\n  link y page=after\n    text \"[2]\"\n  text \" [[]] [[ ]] [[a b]] [[a[b]]\"\n"), nil},
		{"a footnote after it", "[[Note]][^1]\n\n[^1]: Text.\n", para(link("Note.md", "Note") + "  noteref  label=\"\"\n"), nil},
		{"beside footnotes and citations", "A[^1] [@doe] [see @doe] [[@doe]]\n\n[^1]: Note.\n",
			para("  text \"A\"\n  noteref  label=\"\"\n  text \" \"\n  cite \"[@doe]\"\n    @doe \n  text \" \"\n  cite \"[see @doe]\"\n    @doe prefix=\"see\"\n  text \" \"\n" + link("@doe.md", "@doe")), nil},
	})
}

// testVault is a book folder of notes in folders and attachments.
var testVault = []string{
	"notes/ch.md", "notes/deep/Second.md", "Top.md", "notes/local.png",
	"attachments/cat.png", "attachments/Cat Photo.png", "b/c/dup.png", "a/dup.png", ".obsidian/x.md", "files/report.pdf",
}

// TestWikilinkResolution: names are found in the book folder as Obsidian
// finds them, from a chapter in a folder: notes in any case and folder,
// pictures in the chapter's folder and then anywhere, the shortest path of
// several with one warning; what is not there is named as written, for the
// resolve pass and the pictures' loading to report.
func TestWikilinkResolution(t *testing.T) {
	p := NewWith(Options{Vault: NewVault(func() []string { return append([]string(nil), testVault...) })})
	tests := []struct{ name, src, want, warning string }{
		{"a note in a folder below, in another case", "[[second]]", "link deep/Second.md", ""},
		{"a note above, with a heading", "[[top#Intro Part]]", "link ../Top.md#intro-part", ""},
		{"a path from the chapter", "[[deep/Second]]", "link deep/Second.md", ""},
		{"a path from the book folder", "[[notes/deep/Second]]", "link deep/Second.md", ""},
		{"a missing note", "[[Missing Note]]", "link Missing Note.md", ""},
		{"a picture elsewhere", "![[cat.png]]", `image src="../attachments/cat.png"`, ""},
		{"a name with spaces", "![[Cat Photo.png|A cat|120]]", `image src="../attachments/Cat Photo.png" alt="A cat" width=120px`, ""},
		{"a picture beside the chapter", "![[local.png]]", `image src="local.png"`, ""},
		{"a path from the chapter's folder", "![[../attachments/cat.png]]", `image src="../attachments/cat.png"`, ""},
		{"a path from the book folder", "![[attachments/cat.png]]", `image src="../attachments/cat.png"`, ""},
		{"a missing picture", "![[none.png]]", `image src="none.png"`, ""},
		{"an ambiguous picture, warned of once", "![[dup.png]] ![[dup.png]]", `image src="../a/dup.png"`,
			`notes/ch.md:1:3: picture "dup.png": 2 files of that name in the book folder (a/dup.png, b/c/dup.png); the shortest path, a/dup.png, is shown [wikilink.ambiguous]`},
		{"a link to a picture", "[[cat.png|the cat]]", "link ../attachments/cat.png page=after\n    text \"the cat\"", ""},
		{"another file, embedded, is a link to it", "![[report.pdf]]", "link ../files/report.pdf", ""},
		{"a dotted note name is a note's", "[[a.b.c]]", "link a.b.c.md", ""},
		{"hidden folders are not looked in", "[[x]]", "link x.md", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, err := p.Parse([]byte("A "+tc.src+"\n"), "notes/ch.md")
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			doc.DumpBlocks(&b, ch.Blocks)
			if !strings.Contains(b.String(), tc.want) {
				t.Errorf("tree:\n%s\nwant %s", b.String(), tc.want)
			}
			var ws []string
			for _, w := range warningLines(ch.Warnings) {
				if !strings.Contains(w, "[image.") {
					ws = append(ws, w)
				}
			}
			if got := strings.Join(ws, "\n"); got != tc.warning {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, tc.warning)
			}
		})
	}
}

func TestRelativePath(t *testing.T) {
	for _, tc := range []struct{ dir, file, want string }{
		{".", "a/b.md", "a/b.md"},
		{"a", "a/b.md", "b.md"},
		{"a/b", "a/c/d.md", "../c/d.md"},
		{"a/b", "x.md", "../../x.md"},
		{"a", "ab/x.md", "../ab/x.md"},
	} {
		if got := relativePath(tc.dir, tc.file); got != tc.want {
			t.Errorf("relativePath(%q, %q) = %q, want %q", tc.dir, tc.file, got, tc.want)
		}
	}
}

// wikiPieces are the makings of documents full of wikilinks and what
// neighbours them.
var wikiPieces = []string{
	"[[", "]]", "![[", "[[Note", "#", "|", "\\|", "300x200", "pic.png", "[^1]", "[@doe]", "`", "\\[[",
	"](x)", "[x]", "\n", "\n\n", "- [ ] ", "| a |\n|---|\n", "*", " ", "Note", ".md", "/", "..", "%", "?",
}

// FuzzWikilinks: any text among wikilinks parses, its tree whole, in a
// chapter of a folder whose book folder holds notes and pictures.
func FuzzWikilinks(f *testing.F) {
	for _, s := range []string{
		"[[Note]] [[Note|x]] [[Note#H]] [[#H]] ![[pic.png|300x200]] ![[Note]]",
		"| [[a\\|b]] |\n|---|\n| ![[dup.png|alt|3]] |\n",
		"\\[[a]] `[[b]]` [[1]](#x) [^1]\n\n[^1]: [[c]]\n",
	} {
		f.Add([]byte(s))
	}
	rng := rand.New(rand.NewSource(1934))
	for i := 0; i < 50; i++ {
		f.Add(randomDocument(rng, wikiPieces, 30))
	}
	p := NewWith(Options{Vault: NewVault(func() []string { return append([]string(nil), testVault...) })})
	f.Fuzz(func(t *testing.T, src []byte) {
		ch, err := p.Parse(src, "notes/ch.md")
		if err != nil {
			t.Fatalf("Parse: %v", err)
		}
		if probs := invariantProblems(ch, src); len(probs) > 0 {
			t.Fatalf("invariants broken:\n%s", strings.Join(probs, "\n"))
		}
	})
}
