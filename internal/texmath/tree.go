// Package texmath reads the common subset of TeX's mathematics into a
// small tree that neither the EPUB nor the page depends on: each writes it
// its own way (MathML; boxes on the page). What it does not know it
// refuses, naming the construct, so that a formula is typeset whole or
// printed as written, never half read.
package texmath

// Kind is what a node is.
type Kind uint8

const (
	// Row is a sequence of atoms, Children in order. The root's Tag is
	// the formula's tag (\tag{3} is "(3)"), printed at its right; its
	// Label is the name its first \label gives it, which prints nothing.
	Row Kind = iota
	// Ident is a variable or a name (Text), italic when one letter.
	Ident
	// Number is a run of digits, perhaps with a decimal point.
	Number
	// Op is an operator, relation, delimiter or punctuation: Text, in
	// Class. Large is a big operator (∑ ∫); Limits puts its scripts above
	// and below in display style. Size, when more than 0, is a delimiter
	// sized by \big and its kin, in ems. Middle is a delimiter that
	// \middle stretches as tall as its \left … \right.
	Op
	// Text is upright text (\text{…}), Text. One with a Ref is a
	// reference's number (\eqref{Ref}, \ref{Ref}): "(??)" or "??"
	// until the book's numbers are known and it is given its own.
	Text
	// Space is Width ems of white space (\, \quad …).
	Space
	// Frac is Children[0] over Children[1]; Style forces its style
	// (\dfrac, \tfrac); NoRule is a binomial's.
	Frac
	// Sqrt is a radical over Children[0], of index Children[1] when
	// there are two.
	Sqrt
	// Scripts is Children[0] with subscript Children[1] and superscript
	// Children[2], either of which may be nil.
	Scripts
	// Accent is Children[0] under the accent Text; Under puts it below.
	// An accent of "‾" is a rule (\bar, \overline); Wide draws the mark
	// as wide as what it covers (\overrightarrow, \underbrace's "⏟").
	Accent
	// Fenced is Children[0] between the delimiters Open and Close
	// (\left( … \right)), either of which may be "" (\left.).
	Fenced
	// Styled is Children[0] in the style Style (\displaystyle); one
	// that is Phantom takes its room and prints nothing (\phantom,
	// MathML's mphantom).
	Styled
	// Over is Children[0] with Children[1] over it in script size (under
	// it when Under): \stackrel, \overset, \underset. Class is its class.
	Over
	// Table is an environment's rows (Children, each a Row of cells,
	// each a Row); Text aligns its columns ("c", "l", "r", or "rl":
	// pairs of right and left); Style is its cells'. An array's rules
	// are VRules, "|" before a column (its last byte after the last) or
	// " ", and HRules, "-" above a row (its last byte below the last) or
	// " "; both are "" when it has none.
	Table
)

// Class is TeX's class of an atom, which chooses the space around it.
type Class uint8

const (
	Ord Class = iota
	OpClass
	Bin
	Rel
	Open
	Close
	Punct
	Inner
)

var classNames = [...]string{"ord", "op", "bin", "rel", "open", "close", "punct", "inner"}

func (c Class) String() string { return classNames[c] }

// Variant is a math alphabet.
type Variant uint8

const (
	VariantDefault Variant = iota // italic letters, upright the rest
	VariantNormal                 // upright (\mathrm)
	VariantItalic
	VariantBold
	VariantBoldItalic
	VariantSans
	VariantMono
	VariantScript     // \mathcal, as Unicode's script letters
	VariantDouble     // \mathbb, as Unicode's double-struck letters
	VariantFraktur    // \mathfrak
	VariantBoldScript // \mathbf inside \mathcal and similar: bold
)

var variantNames = [...]string{"", "normal", "italic", "bold", "bold-italic", "sans-serif", "monospace", "script", "double-struck", "fraktur", "bold-script"}

func (v Variant) String() string { return variantNames[v] }

// Style is one of TeX's four styles; StyleAuto follows the context.
type Style uint8

const (
	StyleAuto Style = iota
	StyleDisplay
	StyleText
	StyleScript
	StyleScriptScript
)

// Node is one node of the tree.
type Node struct {
	Kind     Kind
	Text     string
	Class    Class
	Variant  Variant
	Large    bool
	Limits   bool
	Under    bool
	Wide     bool
	NoRule   bool
	Middle   bool
	Phantom  bool
	Style    Style
	Size     float64
	Width    float64
	Open     string
	Close    string
	Tag      string
	Label    string
	Ref      string
	VRules   string
	HRules   string
	Children []*Node
}

// AtomClass is the class the node takes among its neighbours: a
// fraction and a fenced group are inner, a scripted atom its base's.
func (n *Node) AtomClass() Class {
	switch n.Kind {
	case Op:
		return n.Class
	case Frac, Fenced:
		return Inner
	case Over:
		return n.Class
	case Scripts:
		if n.Children[0] != nil {
			return n.Children[0].AtomClass()
		}
	case Styled:
		if len(n.Children) == 1 && n.Children[0].Kind == Row && len(n.Children[0].Children) == 1 {
			return n.Children[0].Children[0].AtomClass()
		}
	}
	return Ord
}

// Copy is a deep copy of the tree.
func (n *Node) Copy() *Node {
	if n == nil {
		return nil
	}
	cp := *n
	if n.Children != nil {
		cp.Children = make([]*Node, len(n.Children))
		for i, c := range n.Children {
			cp.Children[i] = c.Copy()
		}
	}
	return &cp
}

// Pairs reports whether a table's columns go in pairs, right and left,
// that meet (aligned, split): its alignment "rl" in display style.
func (n *Node) Pairs() bool {
	return n.Kind == Table && n.Text == "rl" && n.Style == StyleDisplay
}
