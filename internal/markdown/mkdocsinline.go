package markdown

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// Inline syntax of the pymdownx extensions Material for MkDocs documents,
// and of Material's own documentation:
//
//	++ctrl+alt+del++            pymdownx.keys: keys to press, a keyboard span
//	                            "Ctrl+Alt+Del"
//	:material-check:            pymdownx.emoji's icons from Material's sets
//	:octicons-tag-24:           (material, octicons, fontawesome, simple):
//	                            ✓ and ✗ for checks and crosses, the others
//	                            left out with one warning for the chapter
//	<!-- md:option toc.title -->  Material's documentation names an option
//	<!-- md:setting config.x -->  or a setting with a comment its build
//	                            replaces: the name, as code

// converted is a node of this package's that makes its own tree inlines.
type converted interface {
	convert(c *converter, line int) []doc.Inline
}

var kindKeys = ast.NewNodeKind("Keys")

// keysNode is a key or a combination of keys to press.
type keysNode struct {
	ast.BaseInline
	text string // "Ctrl+Alt+Del"
}

func (n *keysNode) Kind() ast.NodeKind            { return kindKeys }
func (n *keysNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (n *keysNode) convert(*converter, int) []doc.Inline {
	return []doc.Inline{&doc.Span{Kind: doc.SpanKeyboard, Classes: []string{"keys"}, Content: []doc.Inline{&doc.Text{Text: n.text}}}}
}

type keysParser struct{}

func (keysParser) Trigger() []byte { return []byte{'+'} }

func (keysParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == '+' {
		return nil
	}
	line, _ := block.PeekLine()
	keys, size := parseKeys(line)
	if size == 0 {
		return nil
	}
	block.Advance(size)
	return &keysNode{text: strings.Join(keys, "+")}
}

// parseKeys reads ++key+key++ at the start of s: each key a word of
// letters, digits, - and _, or text in double quotes; the names of the
// keys to print, and the bytes read (0 if s does not start so).
func parseKeys(s []byte) (keys []string, size int) {
	if !bytes.HasPrefix(s, []byte("++")) {
		return nil, 0
	}
	i := 2
	for {
		switch {
		case i < len(s) && s[i] == '"':
			end := bytes.IndexByte(s[i+1:], '"')
			if end < 1 {
				return nil, 0
			}
			keys = append(keys, string(s[i+1:i+1+end]))
			i += end + 2
		default:
			j := i
			for j < len(s) && (isWordByte(s[j]) || s[j] == '-') {
				j++
			}
			if j == i {
				return nil, 0
			}
			keys = append(keys, keyName(string(s[i:j])))
			i = j
		}
		if i < len(s) && s[i] == '+' && (i+1 >= len(s) || s[i+1] != '+') {
			i++
			continue
		}
		if i+1 < len(s) && s[i] == '+' && s[i+1] == '+' && (i+2 >= len(s) || s[i+2] != '+') {
			return keys, i + 2
		}
		return nil, 0
	}
}

func isWordByte(b byte) bool {
	return b == '_' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9'
}

// keyNames are pymdownx.keys' names of keys, by the names and aliases
// written; any other key is printed capitalised, its words split at -.
var keyNames = map[string]string{
	"ctrl": "Ctrl", "control": "Ctrl", "alt": "Alt", "shift": "Shift", "cmd": "Cmd", "command": "Cmd",
	"opt": "Option", "option": "Option", "meta": "Meta", "win": "Win", "windows": "Win", "super": "Super",
	"fn": "Fn", "esc": "Esc", "escape": "Esc", "del": "Del", "delete": "Del", "ins": "Ins", "insert": "Ins",
	"bs": "Backspace", "backspace": "Backspace", "enter": "Enter", "return": "Return", "tab": "Tab",
	"space": "Space", "spc": "Space", "up": "Up", "down": "Down", "left": "Left", "right": "Right",
	"arrow-up": "Up", "arrow-down": "Down", "arrow-left": "Left", "arrow-right": "Right",
	"pgup": "Page Up", "pgdn": "Page Down", "page-up": "Page Up", "page-down": "Page Down",
	"caps-lock": "Caps Lock", "num-lock": "Num Lock", "scroll-lock": "Scroll Lock",
	"print-screen": "Print Screen", "prtsc": "Print Screen",
}

func keyName(k string) string {
	if name, ok := keyNames[strings.ToLower(k)]; ok {
		return name
	}
	words := strings.Split(k, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

var kindIcon = ast.NewNodeKind("Icon")

// iconNode is an icon: a sign, or nothing.
type iconNode struct {
	ast.BaseInline
	sign string // "✓", or "" when the icon is left out
}

func (n *iconNode) Kind() ast.NodeKind            { return kindIcon }
func (n *iconNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (n *iconNode) convert(*converter, int) []doc.Inline {
	if n.sign == "" {
		return nil
	}
	return []doc.Inline{&doc.Text{Text: n.sign}}
}

type iconParser struct{}

func (iconParser) Trigger() []byte { return []byte{':'} }

// iconsKey holds the parse's icons left out, told in one warning.
var iconsKey = parser.NewContextKey()

func (iconParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if r := block.PrecendingCharacter(); r < 0x80 && isWordByte(byte(r)) || unicode.IsLetter(r) {
		return nil
	}
	line, seg := block.PeekLine()
	name, size := iconName(line)
	if size == 0 {
		return nil
	}
	// an attribute list right after it is the icon's (its colour, its
	// size), as Python-Markdown's attr_list reads it
	if rest := line[size:]; len(rest) > 0 && rest[0] == '{' {
		if end := bytes.IndexByte(rest, '}'); end > 0 {
			if _, ok := parseAttributes(bytes.TrimPrefix(rest[1:end], []byte(":"))); ok {
				size += end + 1
			}
		}
	}
	n := &iconNode{sign: iconSign(name)}
	if n.sign == "" {
		countWarning(pc, iconsKey, seg.Start, "mkdocs.icon", ":"+name+":", "icon %s%s left out: it is drawn from Material for MkDocs' icon sets, which a book does not have")
	}
	block.Advance(size)
	return n
}

// iconSets are the prefixes of the icon sets Material for MkDocs bundles.
var iconSets = []string{"material-", "octicons-", "fontawesome-", "simple-"}

// iconName reads :set-name: at the start of s: the name between the
// colons, of lower-case letters, digits and -, and the bytes read.
func iconName(s []byte) (string, int) {
	if len(s) < 2 || s[0] != ':' {
		return "", 0
	}
	j := 1
	for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || '0' <= s[j] && s[j] <= '9' || s[j] == '-') {
		j++
	}
	if j >= len(s) || s[j] != ':' || s[j-1] == '-' {
		return "", 0
	}
	name := string(s[1:j])
	for _, set := range iconSets {
		if strings.HasPrefix(name, set) && len(name) > len(set) {
			return name, j + 1
		}
	}
	return "", 0
}

// iconSign is the sign that stands for an icon whose meaning is its
// shape: a check mark or a cross, which tables of what is supported use.
func iconSign(name string) string {
	_, rest, _ := strings.Cut(name, "-")
	for _, set := range []string{"solid-", "regular-"} {
		rest = strings.TrimPrefix(rest, set)
	}
	rest = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(rest, "-16"), "-24"), "-bold")
	switch rest {
	case "check", "check-all", "check-circle", "checkmark", "check-thick":
		return "\u2713"
	case "close", "x", "xmark", "close-thick", "x-circle", "close-circle":
		return "\u2717"
	}
	return ""
}

// mkdocsShortcodeParser reads the comments of Material for MkDocs'
// documentation that name an option or a setting: its build replaces them
// with the name, as code, and gives a setting's heading the setting as its
// ID; left a comment, a heading or a term would be empty.
type mkdocsShortcodeParser struct{}

func (mkdocsShortcodeParser) Trigger() []byte { return []byte{'<'} }

func (mkdocsShortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	const open, end = "<!-- md:", " -->"
	if !bytes.HasPrefix(line, []byte(open)) {
		return nil
	}
	// a shortcode is short: look no further for its end, or a line of
	// unended ones costs the square of its length
	stop := bytes.Index(line[:min(len(line), 256)], []byte(end))
	if stop < 0 {
		return nil
	}
	kind, _, _ := bytes.Cut(line[len(open):stop], []byte(" "))
	if string(kind) != "option" && string(kind) != "setting" {
		return nil
	}
	// the name is what follows the last . : or * of the arguments
	argsEnd := len(bytes.TrimRight(line[:stop], " \t"))
	start := len(open) + len(kind)
	start += bytes.LastIndexAny(line[start:argsEnd], ".:* \t") + 1
	if start >= argsEnd || start <= len(open)+len(kind) {
		return nil
	}
	at := seg.Start + start
	if h, ok := parent.(*ast.Heading); ok && string(kind) == "setting" {
		// Material's build gives the heading the setting as its ID,
		// which the book's links name (plugins/search.md#meta.search.exclude)
		if _, has := h.AttributeString("id"); !has {
			args := bytes.TrimSpace(line[len(open)+len(kind) : argsEnd])
			h.SetAttributeString("id", append([]byte(nil), args...))
		}
	}
	code := ast.NewCodeSpan()
	code.AppendChild(code, ast.NewTextSegment(text.NewSegment(at, seg.Start+argsEnd)))
	block.Advance(stop + len(end))
	return code
}
