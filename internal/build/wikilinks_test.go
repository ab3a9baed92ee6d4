package build

import (
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/validate"
)

var wikilinks sharedBook

// wikilinkVault is a small Obsidian vault: two notes in folders linking
// to each other by name and heading, pictures in an attachments folder
// found by their names alone, one name twice in the vault, a note that is
// not there and one embedded.
func wikilinkVault(t *testing.T) *sharedBook {
	return wikilinks.get(t, func(dir string) (string, Options, error) {
		png := tinyPNG(t)
		return dir, Options{}, writeFiles(dir, map[string]string{
			"manifest.yaml": "title: A Vault\nlanguage: en\nchapters:\n  - file: notes/First Note.md\n  - file: notes/deep/Second.md\n",
			"notes/First Note.md": "# First Note\n\nRead [[second]], [[Second#Further Reading|its reading list]], [[#Later]] and [[Missing Note]].\n\n" +
				"![[Cat photo.png|A grey square|120]]\n\n## Later\n\nSmall: ![[Cat photo.png|A grey square|16x16]] and ![[dup.png|Another square]].\n\n![[Second]]\n",
			"notes/deep/Second.md":      "# Second\n\nBack to [[First Note]] and [[notes/First Note#Later]].\n\n## Further Reading\n\nNothing yet.\n",
			"attachments/Cat photo.png": png,
			"attachments/dup.png":       png,
			"attachments/old/dup.png":   png,
			".obsidian/app.json":        "{}\n",
		})
	})
}

// TestWikilinkVault: a vault's wikilinks are links between its chapters,
// to their headings, with page references in print, and its pictures are
// shown; what cannot be followed is told of once.
func TestWikilinkVault(t *testing.T) {
	t.Parallel()
	b := wikilinkVault(t)
	for _, want := range []string{
		`notes/First Note.md:3:78: link "Missing Note.md": notes/Missing Note.md is not in the book; printed as text`,
		`notes/First Note.md:9:51: picture "dup.png": 2 files of that name in the book folder (attachments/dup.png, attachments/old/dup.png); the shortest path, attachments/dup.png, is shown`,
		`notes/First Note.md:11:1: ![[Second]] embeds a note, which is not supported: printed as a link to it`,
	} {
		if !strings.Contains(b.stderr, want) {
			t.Errorf("warnings lack %s:\n%s", want, b.stderr)
		}
	}
	if n := strings.Count(strings.TrimSpace(b.stderr), "\n") + 1; n != 3 {
		t.Errorf("%d warnings, want 3:\n%s", n, b.stderr)
	}
	epub := b.path("a-vault.epub")
	first := epubMember(t, epub, "EPUB/xhtml/first-note.xhtml")
	for _, want := range []string{
		`<a href="second.xhtml">second</a>`,
		`<a href="second.xhtml#further-reading">its reading list</a>`,
		`<a href="#later">Later</a>`,
		`alt="A grey square"`,
		`alt="Another square"`,
		`<a href="second.xhtml">Second</a>`,
	} {
		if !strings.Contains(first, want) {
			t.Errorf("first-note.xhtml lacks %s in\n%s", want, first)
		}
	}
	second := epubMember(t, epub, "EPUB/xhtml/second.xhtml")
	if want := `<a href="first-note.xhtml#later">notes/First Note &gt; Later</a>`; !strings.Contains(second, want) {
		t.Errorf("second.xhtml lacks %s in\n%s", want, second)
	}
	text := validate.PDFText(t, b.path("a-vault.pdf"))
	for _, want := range []string{"Read second (p. ", "its reading list (p. ", "Back to First Note (p. "} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
}
