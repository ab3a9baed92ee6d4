package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// TestCritic: CriticMarkup shown, its edits taken and its edits left: the
// tree each mode makes of one text, with no warnings. Leaving text out
// leaves one space, none before punctuation.
func TestCritic(t *testing.T) {
	cases := []struct {
		name, src            string
		view, accept, reject string
	}{
		{"insertion", "a {++new++} word\n",
			"para\n  text \"a \"\n  inserted .critic\n    text \"new\"\n  text \" word\"\n",
			"para\n  text \"a new word\"\n",
			"para\n  text \"a word\"\n"},
		{"deletion", "a {--old--} word\n",
			"para\n  text \"a \"\n  strike\n    text \"old\"\n  text \" word\"\n",
			"para\n  text \"a word\"\n",
			"para\n  text \"a old word\"\n"},
		{"substitution", "a {~~old~>*new*~~} word\n",
			"para\n  text \"a \"\n  strike\n    text \"old\"\n  inserted .critic\n    emph\n      text \"new\"\n  text \" word\"\n",
			"para\n  text \"a \"\n  emph\n    text \"new\"\n  text \" word\"\n",
			"para\n  text \"a old word\"\n"},
		{"highlight and comment", "a {==word==} {>>why?<<}.\n",
			"para\n  text \"a \"\n  highlight .critic\n    text \"word\"\n  text \" \"\n  small .critic .comment\n    alternate\n      text \"why?\"\n  text \".\"\n",
			"para\n  text \"a word.\"\n",
			"para\n  text \"a word.\"\n"},
		{"at the start of a paragraph and after a line's end", "{--Old--} text\nand {++more++}\n",
			"para\n  strike\n    text \"Old\"\n  text \" text and \"\n  inserted .critic\n    text \"more\"\n",
			"para\n  text \"text and more\"\n",
			"para\n  text \"Old text and\"\n"},
		{"block marks", "{~~\n\nOld paragraph.\n\n~>\n\nNew paragraph.\n\n~~}\n\n{>>\n\nA comment.\n\n<<}\n",
			"para\n  strike\n    text \"Old paragraph.\"\npara\n  inserted .critic\n    text \"New paragraph.\"\npara\n  small .critic .comment\n    alternate\n      text \"A comment.\"\n",
			"para\n  text \"New paragraph.\"\n",
			"para\n  text \"Old paragraph.\"\n"},
		{"unpaired ends are text, dashes stay dashes", "a --} b {++c\n\nd ~> e ++}\n",
			"para\n  text \"a –} b {++c\"\npara\n  text \"d ~> e ++}\"\n",
			"para\n  text \"a –} b {++c\"\npara\n  text \"d ~> e ++}\"\n",
			"para\n  text \"a –} b {++c\"\npara\n  text \"d ~> e ++}\"\n"},
		{"marks of another kind do not close", "{++a --} b++} {==c~~}\n",
			"para\n  inserted .critic\n    text \"a --} b\"\n  text \" {==c~~}\"\n",
			"para\n  text \"a --} b {==c~~}\"\n",
			"para\n  text \"{==c~~}\"\n"},
	}
	modes := []struct {
		name string
		mode CriticMode
	}{{"view", CriticView}, {"accept", CriticAccept}, {"reject", CriticReject}}
	for _, m := range modes {
		p := NewWith(Options{Critic: m.mode})
		for _, tc := range cases {
			t.Run(m.name+"/"+tc.name, func(t *testing.T) {
				ch, err := p.Parse([]byte(tc.src), "ch.md")
				if err != nil {
					t.Fatal(err)
				}
				checkInvariants(t, ch, []byte(tc.src))
				var b bytes.Buffer
				doc.DumpBlocks(&b, ch.Blocks)
				want := map[CriticMode]string{CriticView: tc.view, CriticAccept: tc.accept, CriticReject: tc.reject}[m.mode]
				if got := b.String(); got != want {
					t.Errorf("source:\n%s\ntree:\n%s\nwant:\n%s", tc.src, got, want)
				}
				if len(ch.Warnings) > 0 {
					t.Errorf("warnings: %s", strings.Join(warningLines(ch.Warnings), "\n"))
				}
			})
		}
	}
}
