package markdown

import (
	"strings"

	"github.com/yuin/goldmark-emoji/definition"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// emojiParser reads GitHub's emoji shortcodes, :tada: and :+1:, which
// READMEs, GitHub's wikis and Material for MkDocs' sites write for
// emoji: each becomes the emoji it names, from GitHub's own list of names
// (goldmark-emoji's). A name not on the list is text, as GitHub leaves
// it, and so is one GitHub draws as a picture of its own (:octocat:),
// which has no character.
//
// As on GitHub, a shortcode stands apart from the words around it: the
// colons of a::b::c or 12:30:00 are never read as one.
type emojiParser struct{}

func (emojiParser) Trigger() []byte { return []byte{':'} }

func (emojiParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if r := block.PrecendingCharacter(); r == ':' || r < 0x80 && isWordByte(byte(r)) {
		return nil
	}
	line, _ := block.PeekLine()
	name, size := emojiName(line)
	if size == 0 {
		return nil
	}
	if size < len(line) && (line[size] == ':' || isWordByte(line[size])) {
		return nil
	}
	emoji, ok := lookUpEmoji(name)
	if !ok {
		return nil
	}
	block.Advance(size)
	return ast.NewString([]byte(emoji))
}

// lookUpEmoji is the emoji GitHub's list names name. A name it does not
// have is also looked for in the form of its aliases that Twemoji's and
// JoyPixels' lists use, which Material for MkDocs reads: a person's
// variant first (:man_raising_hand:, GitHub's :raising_hand_man:) and a
// flag named by its country (:flag_gb:, GitHub's :gb:).
func lookUpEmoji(name string) (string, bool) {
	names := []string{name}
	for _, who := range []string{"man", "woman"} {
		if rest, ok := strings.CutPrefix(name, who+"_"); ok {
			names = append(names, rest+"_"+who)
		}
	}
	if rest, ok := strings.CutPrefix(name, "flag_"); ok {
		names = append(names, rest)
	} else if rest, ok := strings.CutPrefix(name, "flag-"); ok {
		names = append(names, rest)
	}
	for _, n := range names {
		if e, ok := definition.Github().Get(n); ok && e.IsUnicode() {
			return string(e.Unicode), true
		}
	}
	return "", false
}

// maxEmojiName bounds the name looked for, so that a line of colons is
// not searched to its end from each: GitHub's longest names are about 40
// bytes.
const maxEmojiName = 64

// emojiName reads :name: at the start of s, the name of lower-case
// letters, digits, _, + and -, and returns it and the bytes read.
func emojiName(s []byte) (string, int) {
	if len(s) < 3 || s[0] != ':' {
		return "", 0
	}
	for j := 1; j < len(s) && j <= maxEmojiName+1; j++ {
		switch b := s[j]; {
		case 'a' <= b && b <= 'z', '0' <= b && b <= '9', b == '_', b == '+', b == '-':
		case b == ':' && j > 1:
			return string(s[1:j]), j + 1
		default:
			return "", 0
		}
	}
	return "", 0
}
