package texmath

// sym is what a command without arguments stands for.
type sym struct {
	text  string
	class Class
	// ident: a letter (Greek), set as a variable; upright is an upright
	// capital Greek letter, as TeX sets them.
	ident, upright bool
	large, limits  bool
}

// symbols are the commands that stand for one character.
var symbols = map[string]sym{
	// Greek
	"alpha": {text: "α", ident: true}, "beta": {text: "β", ident: true}, "gamma": {text: "γ", ident: true},
	"delta": {text: "δ", ident: true}, "epsilon": {text: "ϵ", ident: true}, "varepsilon": {text: "ε", ident: true},
	"zeta": {text: "ζ", ident: true}, "eta": {text: "η", ident: true}, "theta": {text: "θ", ident: true},
	"vartheta": {text: "ϑ", ident: true}, "iota": {text: "ι", ident: true}, "kappa": {text: "κ", ident: true},
	"lambda": {text: "λ", ident: true}, "mu": {text: "μ", ident: true}, "nu": {text: "ν", ident: true},
	"xi": {text: "ξ", ident: true}, "omicron": {text: "ο", ident: true}, "pi": {text: "π", ident: true}, "varpi": {text: "ϖ", ident: true},
	"rho": {text: "ρ", ident: true}, "varrho": {text: "ϱ", ident: true}, "sigma": {text: "σ", ident: true},
	"varsigma": {text: "ς", ident: true}, "tau": {text: "τ", ident: true}, "upsilon": {text: "υ", ident: true},
	"phi": {text: "ϕ", ident: true}, "varphi": {text: "φ", ident: true}, "chi": {text: "χ", ident: true},
	"psi": {text: "ψ", ident: true}, "omega": {text: "ω", ident: true},
	"Gamma": {text: "Γ", ident: true, upright: true}, "Delta": {text: "Δ", ident: true, upright: true},
	"Theta": {text: "Θ", ident: true, upright: true}, "Lambda": {text: "Λ", ident: true, upright: true},
	"Xi": {text: "Ξ", ident: true, upright: true}, "Pi": {text: "Π", ident: true, upright: true},
	"Sigma": {text: "Σ", ident: true, upright: true}, "Upsilon": {text: "Υ", ident: true, upright: true},
	"Phi": {text: "Φ", ident: true, upright: true}, "Psi": {text: "Ψ", ident: true, upright: true},
	"Omega": {text: "Ω", ident: true, upright: true},
	// letter-like symbols
	"ell": {text: "ℓ", ident: true}, "hbar": {text: "ℏ", ident: true}, "imath": {text: "ı", ident: true},
	"jmath": {text: "ȷ", ident: true}, "wp": {text: "℘", ident: true},
	"Re": {text: "ℜ", ident: true, upright: true}, "Im": {text: "ℑ", ident: true, upright: true},
	"aleph": {text: "ℵ", ident: true, upright: true},
	// ordinary symbols
	"infty": {text: "∞"}, "partial": {text: "∂"}, "nabla": {text: "∇"}, "forall": {text: "∀"},
	"exists": {text: "∃"}, "nexists": {text: "∄"}, "emptyset": {text: "∅"}, "varnothing": {text: "∅"},
	"top": {text: "⊤"}, "bot": {text: "⊥"}, "neg": {text: "¬"}, "lnot": {text: "¬"},
	"prime": {text: "′"}, "angle": {text: "∠"}, "triangle": {text: "△"}, "ldots": {text: "…", class: Inner},
	"dots": {text: "…", class: Inner}, "cdots": {text: "⋯", class: Inner}, "vdots": {text: "⋮"}, "ddots": {text: "⋱", class: Inner},
	"dotsc": {text: "…", class: Inner}, "dotsb": {text: "⋯", class: Inner}, "dotsm": {text: "⋯", class: Inner},
	"backslash": {text: "\\"}, "dagger": {text: "†"}, "ddagger": {text: "‡"}, "S": {text: "§"},
	"P": {text: "¶"}, "clubsuit": {text: "♣"}, "diamondsuit": {text: "♢"}, "heartsuit": {text: "♡"}, "spadesuit": {text: "♠"},
	"checkmark": {text: "✓"}, "square": {text: "□"}, "blacksquare": {text: "■"}, "Box": {text: "□"},
	"surd": {text: "√"}, "flat": {text: "♭"}, "sharp": {text: "♯"}, "natural": {text: "♮"},
	"vert": {text: "|"}, "Vert": {text: "‖"}, "|": {text: "‖"},
	"%": {text: "%"}, "$": {text: "$"}, "&": {text: "&"}, "#": {text: "#"}, "_": {text: "_"},
	"degree": {text: "°"},
	// delimiters
	"{": {text: "{", class: Open}, "}": {text: "}", class: Close}, "lbrace": {text: "{", class: Open},
	"rbrace": {text: "}", class: Close}, "langle": {text: "⟨", class: Open}, "rangle": {text: "⟩", class: Close},
	"lfloor": {text: "⌊", class: Open}, "rfloor": {text: "⌋", class: Close}, "lceil": {text: "⌈", class: Open},
	"rceil": {text: "⌉", class: Close}, "lvert": {text: "|", class: Open}, "rvert": {text: "|", class: Close},
	"lVert": {text: "‖", class: Open}, "rVert": {text: "‖", class: Close}, "lbrack": {text: "[", class: Open},
	"rbrack": {text: "]", class: Close},
	// binary operators
	"pm": {text: "±", class: Bin}, "mp": {text: "∓", class: Bin}, "times": {text: "×", class: Bin},
	"div": {text: "÷", class: Bin}, "cdot": {text: "⋅", class: Bin}, "ast": {text: "∗", class: Bin},
	"star": {text: "⋆", class: Bin}, "circ": {text: "∘", class: Bin}, "bullet": {text: "∙", class: Bin},
	"cup": {text: "∪", class: Bin}, "cap": {text: "∩", class: Bin}, "setminus": {text: "∖", class: Bin},
	"wedge": {text: "∧", class: Bin}, "land": {text: "∧", class: Bin}, "vee": {text: "∨", class: Bin},
	"lor": {text: "∨", class: Bin}, "oplus": {text: "⊕", class: Bin}, "otimes": {text: "⊗", class: Bin},
	"odot": {text: "⊙", class: Bin}, "ominus": {text: "⊖", class: Bin}, "oslash": {text: "⊘", class: Bin},
	"uplus": {text: "⊎", class: Bin}, "sqcup": {text: "⊔", class: Bin}, "sqcap": {text: "⊓", class: Bin},
	"intercal": {text: "⊺", class: Bin}, "diamond": {text: "⋄", class: Bin}, "amalg": {text: "⨿", class: Bin},
	"bigtriangleup": {text: "△", class: Bin}, "bigtriangledown": {text: "▽", class: Bin}, "wr": {text: "≀", class: Bin},
	// relations
	"leq": {text: "≤", class: Rel}, "le": {text: "≤", class: Rel}, "geq": {text: "≥", class: Rel},
	"ge": {text: "≥", class: Rel}, "neq": {text: "≠", class: Rel}, "ne": {text: "≠", class: Rel},
	"leqslant": {text: "⩽", class: Rel}, "geqslant": {text: "⩾", class: Rel},
	"in": {text: "∈", class: Rel}, "notin": {text: "∉", class: Rel}, "ni": {text: "∋", class: Rel},
	"subset": {text: "⊂", class: Rel}, "subseteq": {text: "⊆", class: Rel}, "supset": {text: "⊃", class: Rel},
	"supseteq": {text: "⊇", class: Rel}, "subsetneq": {text: "⊊", class: Rel}, "approx": {text: "≈", class: Rel},
	"sim": {text: "∼", class: Rel}, "simeq": {text: "≃", class: Rel}, "cong": {text: "≅", class: Rel},
	"equiv": {text: "≡", class: Rel}, "propto": {text: "∝", class: Rel}, "to": {text: "→", class: Rel},
	"rightarrow": {text: "→", class: Rel}, "leftarrow": {text: "←", class: Rel}, "gets": {text: "←", class: Rel},
	"mapsto": {text: "↦", class: Rel}, "Rightarrow": {text: "⇒", class: Rel}, "Leftarrow": {text: "⇐", class: Rel},
	"Leftrightarrow": {text: "⇔", class: Rel}, "leftrightarrow": {text: "↔", class: Rel},
	"longrightarrow": {text: "⟶", class: Rel}, "longleftarrow": {text: "⟵", class: Rel},
	"Longrightarrow": {text: "⟹", class: Rel}, "Longleftarrow": {text: "⟸", class: Rel},
	"longmapsto": {text: "⟼", class: Rel}, "implies": {text: "⟹", class: Rel}, "iff": {text: "⟺", class: Rel},
	"Longleftrightarrow": {text: "⟺", class: Rel}, "uparrow": {text: "↑", class: Rel}, "downarrow": {text: "↓", class: Rel},
	"hookrightarrow": {text: "↪", class: Rel}, "rightleftharpoons": {text: "⇌", class: Rel},
	"ll": {text: "≪", class: Rel}, "gg": {text: "≫", class: Rel}, "prec": {text: "≺", class: Rel},
	"succ": {text: "≻", class: Rel}, "preceq": {text: "⪯", class: Rel}, "succeq": {text: "⪰", class: Rel},
	"perp": {text: "⊥", class: Rel}, "mid": {text: "∣", class: Rel}, "parallel": {text: "∥", class: Rel},
	"models": {text: "⊨", class: Rel}, "vdash": {text: "⊢", class: Rel}, "dashv": {text: "⊣", class: Rel},
	"coloneqq": {text: "≔", class: Rel}, "doteq": {text: "≐", class: Rel}, "asymp": {text: "≍", class: Rel},
	"lesssim": {text: "≲", class: Rel}, "lessapprox": {text: "⪅", class: Rel}, "gtrapprox": {text: "⪆", class: Rel},
	"leftrightarrows": {text: "⇆", class: Rel}, "rightrightarrows": {text: "⇉", class: Rel}, "gtrsim": {text: "≳", class: Rel}, "triangleq": {text: "≜", class: Rel},
	"nsubseteq": {text: "⊈", class: Rel}, "sqsubseteq": {text: "⊑", class: Rel}, "bowtie": {text: "⋈", class: Rel},
	"nearrow": {text: "↗", class: Rel}, "searrow": {text: "↘", class: Rel}, "swarrow": {text: "↙", class: Rel},
	"nwarrow": {text: "↖", class: Rel}, "Uparrow": {text: "⇑", class: Rel}, "Downarrow": {text: "⇓", class: Rel},
	"updownarrow": {text: "↕", class: Rel}, "Updownarrow": {text: "⇕", class: Rel},
	"longleftrightarrow": {text: "⟷", class: Rel}, "gt": {text: ">", class: Rel}, "lt": {text: "<", class: Rel},
	// punctuation
	"colon": {text: ":", class: Punct}, "ldotp": {text: ".", class: Punct}, "cdotp": {text: "⋅", class: Punct},
	// big operators
	"sum": {text: "∑", class: OpClass, large: true, limits: true}, "prod": {text: "∏", class: OpClass, large: true, limits: true},
	"coprod": {text: "∐", class: OpClass, large: true, limits: true}, "int": {text: "∫", class: OpClass, large: true},
	"iint": {text: "∬", class: OpClass, large: true}, "iiint": {text: "∭", class: OpClass, large: true},
	"oint": {text: "∮", class: OpClass, large: true}, "bigcup": {text: "⋃", class: OpClass, large: true, limits: true},
	"bigcap": {text: "⋂", class: OpClass, large: true, limits: true}, "bigoplus": {text: "⨁", class: OpClass, large: true, limits: true},
	"bigotimes": {text: "⨂", class: OpClass, large: true, limits: true}, "bigvee": {text: "⋁", class: OpClass, large: true, limits: true},
	"bigwedge": {text: "⋀", class: OpClass, large: true, limits: true}, "bigsqcup": {text: "⨆", class: OpClass, large: true, limits: true},
	"bigodot": {text: "⨀", class: OpClass, large: true, limits: true}, "biguplus": {text: "⨄", class: OpClass, large: true, limits: true},
}

// namedOps are the operators set as upright names: those with limits
// take them above and below in display style.
var namedOps = map[string]bool{
	"lim": true, "max": true, "min": true, "sup": true, "inf": true, "limsup": true, "liminf": true,
	"det": true, "Pr": true, "gcd": true, "argmax": true, "argmin": true,
	"log": false, "ln": false, "lg": false, "exp": false, "sin": false, "cos": false, "tan": false, "sec": false,
	"csc": false, "cot": false, "sinh": false, "cosh": false, "tanh": false, "coth": false, "arcsin": false,
	"arccos": false, "arctan": false, "arg": false, "deg": false, "dim": false, "hom": false, "ker": false,
}

// spaces are the spacing commands, in ems (a mu is 1/18 em).
var spaces = map[string]float64{
	",": 3.0 / 18, ":": 4.0 / 18, ">": 4.0 / 18, ";": 5.0 / 18, "!": -3.0 / 18, " ": 6.0 / 18,
	"quad": 1, "qquad": 2, "thinspace": 3.0 / 18, "medspace": 4.0 / 18, "thickspace": 5.0 / 18,
	"enspace": 0.5, "negthinspace": -3.0 / 18,
}

// fonts are the commands that set their argument in an alphabet.
var fonts = map[string]Variant{
	"mathbf": VariantBold, "boldsymbol": VariantBoldItalic, "bm": VariantBoldItalic, "mathrm": VariantNormal,
	"mathit": VariantItalic, "mathcal": VariantScript, "mathscr": VariantScript, "mathbb": VariantDouble,
	"mathsf": VariantSans, "mathtt": VariantMono, "mathfrak": VariantFraktur, "mathnormal": VariantDefault,
	"rm": VariantNormal, "bf": VariantBold, "it": VariantItalic, "cal": VariantScript, "sf": VariantSans, "tt": VariantMono,
}

// texts are the commands whose argument is text.
var texts = map[string]Variant{
	"text": VariantNormal, "textrm": VariantNormal, "mbox": VariantNormal, "textnormal": VariantNormal,
	"textit": VariantItalic, "textbf": VariantBold, "textsf": VariantSans, "texttt": VariantMono, "emph": VariantItalic,
}

// accents are the commands that put a mark over (or under) their
// argument; "‾" is drawn as a rule.
var accents = map[string]string{
	"hat": "ˆ", "widehat": "ˆ", "bar": "‾", "overline": "‾", "tilde": "˜", "widetilde": "˜",
	"vec": "→", "dot": "˙", "ddot": "¨", "check": "ˇ", "breve": "˘", "acute": "´",
	"grave": "`", "mathring": "˚",
}

// wideAccents are the marks drawn as wide as what they cover, over it or
// under: "‾" is a rule.
var wideAccents = map[string]struct {
	mark  string
	under bool
}{
	"underline": {"‾", true}, "overrightarrow": {"→", false}, "overleftarrow": {"←", false},
	"overleftrightarrow": {"↔", false}, "underrightarrow": {"→", true}, "underleftarrow": {"←", true},
	"underbrace": {"⏟", true}, "overbrace": {"⏞", false},
}

// delimiterSizes are \big and its kin, in ems.
var delimiterSizes = map[string]float64{
	"big": 1.2, "Big": 1.8, "bigg": 2.4, "Bigg": 3.0,
}

// charClass is the class of a character typed as itself.
func charClass(r rune) (Class, bool) {
	switch r {
	case '+', '*', '−', '·', '×', '÷', '±', '∓', '∪', '∩', '∘':
		return Bin, true
	case '=', '<', '>', ':', '≤', '≥', '≠', '≈', '∈', '∉', '⊂', '⊆', '→', '←', '↦', '⇒', '∼', '≡', '∝':
		return Rel, true
	case '(', '[':
		return Open, true
	case ')', ']':
		return Close, true
	case ',', ';':
		return Punct, true
	case '/', '!', '?', '|', '.', '@', '"', '\'', '∞', '∂', '∇', '∀', '∃', '…', '⋯':
		return Ord, true
	}
	return Ord, false
}
