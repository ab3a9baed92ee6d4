package markdown

import (
	"math/rand"
	"strings"
	"testing"
)

// randomPieces are fragments of Markdown and raw HTML that interact badly
// when combined: openers without closers, closers without openers,
// elements that swallow what follows, notes, fences and line structure.
var randomPieces = []string{
	"\n", "\n\n", "  ", "    ", "> ", "- ", "1. ", "* ", "# ", "## ", "---\n", "```\n", "~~~ go\n",
	"::: note\n", "::: {.a #b}\n", ":::\n", "[^a]", "[^b]", "[^a]: ", "[^b]: note\n",
	"*", "**", "_", "~~", "`", "[", "]", "(", ")", "![", "](x.png)", "](javascript:x)",
	"[see @a, p. 3; @b]", "@k ", " @k [12] ", "[-@k]", "]{.index term=\"a!b\"}", "]{#s lang=fr}", "](#x){.page}", "{.x}",
	"<div>", "</div>", "<div class=\"x\">\n", "<p>", "</p>", "<details>\n", "</details>\n",
	"<summary>", "</summary>", "<b>", "</b>", "<em>", "</em>", "<a href=\"#x\">", "<a href=\"javascript:x\">", "</a>",
	"<span class=\"s\" lang=\"fr\">", "</span>", "<br>", "<br/>", "<hr>", "<img src=\"i.png\" alt=\"i\" onerror=\"x\">",
	"<script>", "</script>", "<style>", "</style>", "<textarea>", "</textarea>", "<iframe src=\"https://e.com\">", "</iframe>",
	"<select>", "<option>", "</select>", "<svg>", "<circle r=\"1\"/>", "</svg>", "<math><mi>x</mi>", "</math>",
	"<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<ul>", "<li>", "</li>", "</ul>", "<ol start=\"3\">", "</ol>",
	"<pre>", "</pre>", "<code>", "</code>", "<figure>", "<figcaption>", "</figcaption>", "</figure>",
	"<template>", "</template>", "<noscript>", "</noscript>", "<object>", "</object>", "<plaintext>",
	"<!--", "-->", "<!-- c -->", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY e \"v\">]>", "<?pi?>",
	"<Listing>", "</Listing>", "<foo-bar>", "</foo-bar>", "<dl><dt>", "<dd>", "</dl>",
	"&amp;", "&nbsp;", "&#0;", "&#x1F600;", "&bogus;", "\x00", "\xff", "\r", "\r\n", "\t", "\f", "\x01",
	"| a | b |\n", "|---|:-:|\n", "- [ ] ", "- [x] ", "https://example.com ", "www.x.org ",
	"word ", "more words ", "\"quoted\" ", "it's ", "-- ", "... ", "{#id}", "{-}",
	"<samizdat-inline data-i=\"0\">", "<samizdat-block data-i=\"0\">", "<!--samizdat-line:7-->",
	"{++", "++}", "{--", "--}", "{~~", "~>", "~~}", "{==", "==}", "{>>", "<<}", "{++\n\n", "\n\n++}\n",
	"> [!NOTE]\n", "> [!tip]- T *x*\n", "[!WARNING]", "[!", "]+ ",
}

// TestRandomDocuments parses many documents assembled at random from the
// pieces above (with a fixed seed, so failures reproduce) and checks that
// none fails and all keep the invariants.
func TestRandomDocuments(t *testing.T) {
	n := 8000
	if testing.Short() {
		n = 800
	}
	parseRandom(t, 1921, randomPieces, n)
}

// randomDocument joins 1 to most+1 pieces drawn with rng.
func randomDocument(rng *rand.Rand, pieces []string, most int) []byte {
	var b strings.Builder
	for k := rng.Intn(most); k >= 0; k-- {
		b.WriteString(pieces[rng.Intn(len(pieces))])
	}
	return []byte(b.String())
}

// parseRandom parses n documents of up to 61 pieces drawn with seed and
// checks that none fails and all keep the invariants.
func parseRandom(t *testing.T, seed int64, pieces []string, n int) {
	rng := rand.New(rand.NewSource(seed))
	p := New()
	for i := 0; i < n; i++ {
		src := randomDocument(rng, pieces, 60)
		ch, err := p.Parse(src, "r.md")
		if err != nil {
			t.Fatalf("document %d: %v\n%q", i, err, src)
		}
		if probs := invariantProblems(ch, src); len(probs) > 0 {
			t.Fatalf("document %d:\n%s\nsource: %q", i, strings.Join(probs, "\n"), src)
		}
	}
}

// examplePieces are pieces of pandoc's numbered example lists, their
// references and the blocks they nest in or break.
var examplePieces = []string{
	"\n", "\n\n", "  ", "    ", "\t", "> ", "- ", "1) ", "(1) ", "(@) ", "(@a) ", "(@b)", "@a. ", "@b) ", "(@)\n",
	"@a", " @b ", "-@a", "\\@a", "(@a--@b)", "@a [p. 3]", "[@a]", "`@b`", "[^a]", "[^a]: ", "```\n", "word ", "*", "é",
}

// TestRandomExamples parses documents assembled at random from the example
// list pieces and checks that none fails and all keep the invariants.
func TestRandomExamples(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	parseRandom(t, 1938, examplePieces, n)
}

// tablePieces are pieces of pandoc's tables and their captions, with
// Markdown that may stand around or inside them.
var tablePieces = []string{
	"\n", "\n\n", "  ", "   ", "+", "-", "|", "=", ":", "+---+---+\n", "+:==+==:+\n", "+-----+\n", "| a | b |\n",
	"| - x |\n", "| ``` |\n", "|     |\n", "| c   +---+\n", "--- ----\n", "-------\n", "  a   b\n", "a    b\n",
	"Table: t\n", ": t\n", "|---|:-:|\n", "- ", "> ", "::: d\n", ":::\n", "[^a]", "[^a]: n\n", "*x*", "`c`",
	"<b>", "</b>", "é", "\t", "\r\n", "word ",
	"名", "ｱ", "\u0301", "| 1. x |\n", "| * y |\n", " {#t .c}", " {#t key=\"v\"}", "{", "}",
}

// TestRandomTables parses documents assembled at random from the table
// pieces and checks that none fails and all keep the invariants.
func TestRandomTables(t *testing.T) {
	parseRandom(t, 1936, tablePieces, 2000)
}
