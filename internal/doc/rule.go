package doc

import "strings"

// A specification's rules (mdbook-spec's r[items.fn.intro], which the
// Rust Reference writes before nearly every paragraph) are anchors named
// by dotted names. The parser makes each the Span RuleLabel returns; a
// link to one by its name alone ([items.fn.intro], or a definition
// [x]: items.fn.intro) may lead into another chapter, which the parser of
// one chapter cannot know, so it writes the link's URL as RuleRefURL
// makes it and the resolve pass, which knows every rule of the book,
// points it at the rule or turns it back into what it was written as.

// RuleClass is the class of a rule's anchor, as mdbook-spec's HTML has it.
const RuleClass = "rule"

// RuleAnchor is the ID of the anchor of the rule name: mdbook-spec's, so
// that links written for the web edition (tokens.md#r-lex.token.byte)
// find it.
func RuleAnchor(name string) string { return "r-" + name }

// RuleLabel is a rule's anchor and what shows it: its name in brackets,
// small, a link to itself, as the web edition shows it beside its
// paragraph. A name is no word of the text's language, so it is never
// hyphenated: its language is "zxx", no linguistic content.
func RuleLabel(name string, pos Pos) *Span {
	id := RuleAnchor(name)
	return &Span{Kind: SpanSmall, ID: id, Classes: []string{RuleClass}, Lang: "zxx", Content: []Inline{
		&Link{URL: "#" + id, Pos: pos, Content: []Inline{&Text{Text: "[" + name + "]"}}},
	}}
}

// RuleName is the name of the rule whose anchor s is, if it is one.
func RuleName(s *Span) (string, bool) {
	if s == nil || len(s.Classes) != 1 || s.Classes[0] != RuleClass {
		return "", false
	}
	return strings.CutPrefix(s.ID, "r-")
}

// RuleRefForm is how a reference by a rule's name was written, which is
// what it is printed as when the book has no such rule.
type RuleRefForm byte

const (
	RuleRefShortcut  RuleRefForm = 's' // [a.b]: "[a.b]"
	RuleRefCollapsed RuleRefForm = 'c' // [a.b][]: "[a.b][]"
	RuleRefFull      RuleRefForm = 'f' // [text][a.b]: "[text][a.b]"
	// RuleRefText is a full or collapsed reference whose label is
	// mkdocstrings' (a Python dotted path): printed as its text, with a
	// warning.
	RuleRefText RuleRefForm = 't'
)

// ruleRefPrefix starts a RuleRefURL; no URL written in a source holds a
// NUL, which the parser replaces.
const ruleRefPrefix = "\x00rule:"

// RuleRefURL is the URL of a link to the rule label names, written as
// form: label is as written, its case kept.
func RuleRefURL(label string, form RuleRefForm) string {
	return ruleRefPrefix + string(form) + label
}

// ParseRuleRef reads a URL RuleRefURL made.
func ParseRuleRef(url string) (label string, form RuleRefForm, ok bool) {
	rest, ok := strings.CutPrefix(url, ruleRefPrefix)
	if !ok || rest == "" {
		return "", 0, false
	}
	return rest[1:], RuleRefForm(rest[0]), true
}
