package config

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/samizdat-press/samizdat/internal/lang"
	"github.com/samizdat-press/samizdat/internal/suggest"
	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// TypographyConfig holds the book's punctuation conventions.
type TypographyConfig struct {
	// SmartQuotes turns straight quotation marks and apostrophes into each
	// language's.
	SmartQuotes bool
	// Languages changes the built-in conventions of some languages, by
	// canonical tag.
	Languages map[string]lang.Override
}

// languageTable is a mapping from language tags to changes of their
// punctuation conventions:
//
//	fr: {quotes: ["« »", "‹ ›"], guillemet_space: nbsp}
//	uk: {apostrophe: ʼ}
//	de-CH: {space_before: {"?": none}}
//
// From the environment or a flag it is written as a YAML flow mapping.
type languageTable struct{}

var languageKeys = []string{"quotes", "apostrophe", "guillemet_space", "space_before"}

func (languageTable) takesMapping() {}

func (languageTable) parse(in rawInput) (any, string, error) {
	n := in.node
	if n == nil {
		text := strings.TrimSpace(in.text)
		if in.isNull || text == "" {
			return map[string]lang.Override{}, "{}", nil
		}
		f := yamlfile.Parse("value", []byte("v: "+text))
		if f.Err() != nil || f.Root == nil || len(f.Root.Fields) != 1 {
			return nil, "", fmt.Errorf("want a mapping of language tags, such as {fr: {quotes: [\"« »\"]}}, got %q", text)
		}
		n = f.Root.Fields[0].Value
	}
	switch n.Kind {
	case yamlfile.Null:
		return map[string]lang.Override{}, "{}", nil
	case yamlfile.Map:
	default:
		return nil, "", fmt.Errorf("want a mapping of language tags, such as fr:, got %s", n.Describe())
	}
	out := map[string]lang.Override{}
	var errs []error
	for _, fd := range n.Fields {
		tag, err := lang.Normalize(fd.Name())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if _, dup := out[tag]; dup {
			errs = append(errs, fmt.Errorf("%s is given twice", tag))
			continue
		}
		o, err := languageOverride(tag, fd.Value)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out[tag] = o
	}
	if len(errs) == 0 {
		// The conventions check the marks and spaces themselves.
		if _, err := lang.NewConventions(out); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, "", joinProblems(errs)
	}
	shown := showLanguages(out)
	return out, shown, nil
}

// languageOverride reads one language's changes.
func languageOverride(tag string, n *yamlfile.Node) (lang.Override, error) {
	var o lang.Override
	if n.Kind != yamlfile.Map {
		return o, fmt.Errorf("%s: want quotes, apostrophe, guillemet_space or space_before indented below it, got %s", tag, n.Describe())
	}
	var errs []error
	scalar := func(key string, v *yamlfile.Node) string {
		if v.Kind != yamlfile.Scalar {
			errs = append(errs, fmt.Errorf("%s.%s: want a single value, got %s", tag, key, v.Describe()))
			return ""
		}
		return strings.TrimSpace(v.Value)
	}
	for _, fd := range n.Fields {
		key, v := fd.Name(), fd.Value
		switch key {
		case "quotes":
			items := []*yamlfile.Node{v}
			if v.Kind == yamlfile.List {
				items = v.Items
			}
			for i, it := range items {
				o.Quotes = append(o.Quotes, scalar(fmt.Sprintf("quotes[%d]", i), it))
			}
		case "apostrophe":
			o.Apostrophe = scalar(key, v)
		case "guillemet_space":
			o.GuillemetSpace = scalar(key, v)
		case "space_before":
			if v.Kind != yamlfile.Map {
				errs = append(errs, fmt.Errorf("%s.space_before: want marks and spaces such as {\"?\": narrow-nbsp}, got %s", tag, v.Describe()))
				continue
			}
			o.SpaceBefore = map[string]string{}
			for _, m := range v.Fields {
				o.SpaceBefore[m.Name()] = scalar("space_before "+strconv.Quote(m.Name()), m.Value)
			}
		default:
			errs = append(errs, fmt.Errorf("%s: unknown key %q%s", tag, key, suggest.DidYouMean(key, languageKeys)))
		}
	}
	return o, errors.Join(errs...)
}

// joinProblems joins problems into one line, as a setting's message.
func joinProblems(errs []error) error {
	var parts []string
	for _, err := range errs {
		for _, line := range strings.Split(err.Error(), "\n") {
			if line != "" {
				parts = append(parts, line)
			}
		}
	}
	return errors.New(strings.Join(parts, "; "))
}

// showLanguages writes the table as a YAML flow mapping in a fixed order,
// for `samizdat config` and the digest.
func showLanguages(m map[string]lang.Override) string {
	var parts []string
	for _, tag := range slices.Sorted(maps.Keys(m)) {
		o := m[tag]
		var fields []string
		if len(o.Quotes) > 0 {
			var qs []string
			for _, q := range o.Quotes {
				qs = append(qs, strconv.Quote(q))
			}
			fields = append(fields, "quotes: ["+strings.Join(qs, ", ")+"]")
		}
		if o.Apostrophe != "" {
			fields = append(fields, "apostrophe: "+strconv.Quote(o.Apostrophe))
		}
		if o.GuillemetSpace != "" {
			fields = append(fields, "guillemet_space: "+o.GuillemetSpace)
		}
		if len(o.SpaceBefore) > 0 {
			var sp []string
			for _, mark := range slices.Sorted(maps.Keys(o.SpaceBefore)) {
				sp = append(sp, strconv.Quote(mark)+": "+o.SpaceBefore[mark])
			}
			fields = append(fields, "space_before: {"+strings.Join(sp, ", ")+"}")
		}
		parts = append(parts, tag+": {"+strings.Join(fields, ", ")+"}")
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func (languageTable) canonical(v any) string { return showLanguages(v.(map[string]lang.Override)) }

func (languageTable) allowed() string {
	return "language tags, each with `quotes` (marks by nesting level, `[\"« »\", \"“ ”\"]`), `apostrophe`, `guillemet_space` and `space_before` (`{\"?\": narrow-nbsp}`), spaces being `none`, `nbsp` or `narrow-nbsp`"
}
