package config

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// valueKind says how a setting's text is checked and normalised.
type valueKind int

const (
	kindText     valueKind = iota // any text
	kindPath                      // a file or folder path
	kindFileName                  // a plain file name, no folders
	kindBool
	kindInt
	kindFloat
	kindLength
	kindGutter // "auto" or a length
	kindPageSize
	kindDate
	kindEnum
	kindFormats // list of output formats
	kindTags    // list of condition tags
)

// keySpec describes one setting. def is its built-in default in the
// normalised form parse returns, which is also what viper stores.
type keySpec struct {
	key      string
	kind     valueKind
	def      any
	choices  []string // kindEnum, kindFormats
	min, max float64  // kindInt, kindFloat, kindLength (max 0 = unbounded)
	required bool     // kindPath: empty is an error
	// contentFree marks settings that cannot change the bytes of the output
	// (where it is written, how strictly warnings are treated); the digest
	// leaves them out so the same book built in another folder matches.
	contentFree bool
}

var specs = []keySpec{
	{key: "book", kind: kindPath, def: "book", required: true, contentFree: true},
	{key: "out", kind: kindPath, def: "dist", required: true, contentFree: true},
	{key: "name", kind: kindFileName, def: "", contentFree: true},
	{key: "formats", kind: kindFormats, def: []string{"epub", "pdf"}, choices: []string{"epub", "pdf"}},
	{key: "date", kind: kindDate, def: ""},
	{key: "strict", kind: kindBool, def: false, contentFree: true},
	{key: "edition_title", kind: kindText, def: ""},
	{key: "include", kind: kindTags, def: []string{}},
	{key: "exclude", kind: kindTags, def: []string{}},
	{key: "annotations", kind: kindBool, def: true},

	{key: "notes.numbering", kind: kindEnum, def: "chapter", choices: []string{"chapter", "book"}},
	{key: "notes.placement", kind: kindEnum, def: "footnotes", choices: []string{"footnotes", "endnotes"}},
	{key: "citation.style", kind: kindEnum, def: "chicago", choices: []string{"chicago", "mla", "apa"}},

	{key: "pdf.page_size", kind: kindPageSize, def: "a5"},
	{key: "pdf.margin_top", kind: kindLength, def: "0.75in", max: 4 * 72},
	{key: "pdf.margin_bottom", kind: kindLength, def: "0.8in", max: 4 * 72},
	{key: "pdf.margin_inner", kind: kindLength, def: "0.7in", max: 4 * 72},
	{key: "pdf.margin_outer", kind: kindLength, def: "0.6in", max: 4 * 72},
	{key: "pdf.gutter", kind: kindGutter, def: "auto", max: 2 * 72},
	{key: "pdf.bleed", kind: kindLength, def: "0", max: 0.5 * 72},
	{key: "pdf.crop_marks", kind: kindBool, def: false},
	{key: "pdf.font_size", kind: kindFloat, def: 10.5, min: 5, max: 48},
	{key: "pdf.leading", kind: kindFloat, def: 1.3, min: 1, max: 3},
	{key: "pdf.hyphenate", kind: kindBool, def: true},
	{key: "pdf.line_numbers", kind: kindBool, def: false},
	{key: "pdf.line_number_every", kind: kindInt, def: 5, min: 1, max: 1000},
	{key: "pdf.url_footnotes", kind: kindBool, def: false},
	{key: "pdf.recto_chapters", kind: kindBool, def: true},

	{key: "epub.cover", kind: kindPath, def: ""},
	{key: "epub.embed_fonts", kind: kindBool, def: false},
	{key: "epub.toc_depth", kind: kindInt, def: 2, min: 1, max: 6},
	{key: "epub.page_list", kind: kindBool, def: true},

	{key: "fonts.serif_regular", kind: kindPath, def: ""},
	{key: "fonts.serif_italic", kind: kindPath, def: ""},
	{key: "fonts.serif_bold", kind: kindPath, def: ""},
	{key: "fonts.serif_bold_italic", kind: kindPath, def: ""},
	{key: "fonts.mono_regular", kind: kindPath, def: ""},
	{key: "fonts.mono_bold", kind: kindPath, def: ""},
}

// sections are the keys that hold other keys.
var sections = []string{"notes", "citation", "pdf", "epub", "fonts"}

func lookupSpec(key string) *keySpec {
	for i := range specs {
		if specs[i].key == key {
			return &specs[i]
		}
	}
	return nil
}

func isSection(key string) bool { return slices.Contains(sections, key) }

// Keys returns every setting's key path, sorted, e.g. for shell completion
// of --set.
func Keys() []string {
	keys := make([]string, len(specs))
	for i, s := range specs {
		keys[i] = s.key
	}
	slices.Sort(keys)
	return keys
}

// EnvName is the environment variable that sets key: "pdf.page_size" ->
// "SAMIZDAT_PDF_PAGE_SIZE".
func EnvName(key string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// FlagName is the command-line flag the CLI should use for key, and the
// name Settings reports for a value from LoadOptions.Flags:
// "pdf.page_size" -> "pdf-page-size".
func FlagName(key string) string {
	return strings.NewReplacer(".", "-", "_", "-").Replace(key)
}

// rawInput is a setting as one layer wrote it: YAML gives scalars, lists or
// null; environment variables and flags give text.
type rawInput struct {
	text   string
	list   []string
	isList bool
	isNull bool
}

// parse checks in against the spec and returns the normalised value that
// viper stores. Messages do not name the key; callers prefix where the
// value came from.
func (s *keySpec) parse(in rawInput) (any, error) {
	if s.kind == kindFormats || s.kind == kindTags {
		items := in.list
		if !in.isList && !in.isNull {
			items = strings.Split(in.text, ",")
		}
		return s.parseList(items)
	}
	if in.isList {
		return nil, fmt.Errorf("expected a single value, got a list")
	}
	text := strings.TrimSpace(in.text)
	if in.isNull {
		switch s.kind {
		case kindText, kindPath, kindFileName, kindDate:
			text = ""
		default:
			return nil, fmt.Errorf("missing value")
		}
	}
	switch s.kind {
	case kindText:
		return text, nil
	case kindPath:
		if text == "" && s.required {
			return nil, fmt.Errorf("must not be empty")
		}
		if strings.ContainsRune(text, 0) {
			return nil, fmt.Errorf("bad path %q", text)
		}
		return text, nil
	case kindFileName:
		if text != "" && (text == "." || text == ".." || strings.ContainsAny(text, "/\\\x00") || strings.HasPrefix(text, ".")) {
			return nil, fmt.Errorf("%q must be a plain file name without folders or a leading dot", text)
		}
		return text, nil
	case kindBool:
		switch strings.ToLower(text) {
		case "true", "yes", "on", "1":
			return true, nil
		case "false", "no", "off", "0":
			return false, nil
		}
		return nil, fmt.Errorf("want true or false, got %q", text)
	case kindInt:
		n, err := strconv.Atoi(text)
		if err != nil {
			return nil, fmt.Errorf("want a whole number, got %q", text)
		}
		if float64(n) < s.min || float64(n) > s.max {
			return nil, fmt.Errorf("%d is out of range (%g to %g)", n, s.min, s.max)
		}
		return n, nil
	case kindFloat:
		n, unit, ok := parseNumberUnit(text)
		if !ok || unit != "" {
			return nil, fmt.Errorf("want a number, got %q", text)
		}
		if n < s.min || n > s.max {
			return nil, fmt.Errorf("%g is out of range (%g to %g)", n, s.min, s.max)
		}
		return n, nil
	case kindLength:
		return text, s.checkLength(text)
	case kindGutter:
		if strings.EqualFold(text, "auto") {
			return "auto", nil
		}
		if _, _, ok := parseNumberUnit(text); !ok {
			return nil, fmt.Errorf("bad value %q (use auto or a length such as 0.5in)", text)
		}
		return text, s.checkLength(text)
	case kindPageSize:
		if _, _, err := parsePageSize(text); err != nil {
			return nil, err
		}
		return text, nil
	case kindDate:
		if _, err := parseDate(text); err != nil {
			return nil, err
		}
		return text, nil
	case kindEnum:
		for _, c := range s.choices {
			if strings.EqualFold(text, c) {
				return c, nil
			}
		}
		return nil, fmt.Errorf("unknown value %q (use %s)", text, orList(s.choices))
	}
	return nil, fmt.Errorf("internal error: no parser for %s", s.key)
}

func (s *keySpec) checkLength(text string) error {
	pt, err := parseLength(text)
	if err != nil {
		return err
	}
	if s.max > 0 && pt > s.max+1e-9 {
		return fmt.Errorf("%s is too large (at most %s)", text, formatPoints(s.max))
	}
	return nil
}

var tagPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

func (s *keySpec) parseList(items []string) (any, error) {
	out := []string{}
	for _, item := range items {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		switch s.kind {
		case kindFormats:
			low := strings.ToLower(item)
			if !slices.Contains(s.choices, low) {
				return nil, fmt.Errorf("unknown format %q (use %s)", item, orList(s.choices))
			}
			item = low
		case kindTags:
			if !tagPattern.MatchString(item) {
				return nil, fmt.Errorf("bad tag %q (letters, digits, - and _)", item)
			}
		}
		if !slices.Contains(out, item) {
			out = append(out, item)
		}
	}
	if s.kind == kindFormats && len(out) == 0 {
		return nil, fmt.Errorf("choose at least one of %s", orList(s.choices))
	}
	return out, nil
}

// parseDate accepts YYYY-MM-DD (midnight UTC) or RFC 3339; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("bad date %q (use YYYY-MM-DD or RFC 3339, e.g. 2026-03-01T12:00:00Z)", s)
}

// orList writes "a, b or c".
func orList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
