// Package config loads a build's settings, layered from lowest to highest:
//
//  1. built-in defaults;
//  2. the config file, config/samizdat.yaml unless named otherwise (a
//     missing default file means defaults only; a missing named file is an
//     error);
//  3. the edition file, editions/NAME.yaml in the config file's folder;
//  4. SAMIZDAT_* environment variables, the key path upper-cased with dots
//     as underscores (SAMIZDAT_PDF_PAGE_SIZE);
//  5. command-line flags, and repeated --set key=value after them.
//
// Every layer is checked strictly before it is merged: an unknown key or a
// bad value is reported with the file and line (or the variable or flag)
// it came from, with a suggestion for near misses, because a misspelt
// setting that silently does nothing is the worst kind of configuration
// bug. All problems are reported together.
//
// Keys, defaults and meaning (YAML form):
//
//	book: book              # folder holding manifest.yaml
//	out: dist               # output folder
//	name: ""                # output base name; "" = the manifest's slug
//	formats: [epub, pdf]
//	date: ""                # YYYY-MM-DD or RFC 3339; "" = SOURCE_DATE_EPOCH, else the clock
//	strict: false           # warnings become errors
//	edition_title: ""       # printed on the copyright page
//	include: []             # condition tags whose content is kept
//	exclude: []             # condition tags whose content is left out
//	annotations: true       # include editorial annotations
//	notes: {numbering: chapter|book, placement: footnotes|endnotes}
//	citation: {style: chicago|mla|apa}
//	pdf:
//	  page_size: a5         # a5 a4 letter 5.5x8.5in 6x9in 7x10in or "W x H"
//	  margin_top: 0.75in    # lengths: pt in mm cm pc, bare number = pt
//	  margin_bottom: 0.8in
//	  margin_inner: 0.7in
//	  margin_outer: 0.6in
//	  gutter: auto          # auto (by page count) or a length added to margin_inner
//	  bleed: "0"
//	  crop_marks: false
//	  font_size: 10.5       # pt
//	  leading: 1.3          # line height as a multiple of font_size
//	  hyphenate: true
//	  line_numbers: false
//	  line_number_every: 5
//	  url_footnotes: false
//	  recto_chapters: true
//	epub: {cover: "", embed_fonts: false, toc_depth: 2, page_list: true}
//	fonts:                  # TrueType files; "" = the embedded Noto faces
//	  serif_regular, serif_italic, serif_bold, serif_bold_italic, mono_regular, mono_bold
//
// Include and exclude are meant to be read by the resolve pass as: untagged
// content is always kept; tagged content is kept when one of its tags is
// included and none is excluded. A tag may not be in both lists.
//
// Font paths written in a config or edition file are relative to the config
// file's folder (so an edition need not climb out of editions/); font paths
// from the environment or flags are relative to the working folder.
//
// This is the only package that uses viper, one instance per Load, so no
// setting leaks between builds in one process.
package config

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/samizdat-press/samizdat/internal/suggest"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// DefaultConfigFile is read when LoadOptions.ConfigFile is empty.
const DefaultConfigFile = "config/samizdat.yaml"

const envPrefix = "SAMIZDAT_"

// envAllowed lists SAMIZDAT_* variables that are not settings and must not
// be reported as typos.
var envAllowed = []string{"SAMIZDAT_REQUIRE_VALIDATORS"}

// LoadOptions says where the settings come from. Load reads nothing that
// is not given here: no global environment, no working directory.
type LoadOptions struct {
	// FS holds the config files; paths are slash-separated and relative to
	// its root (the CLI passes os.DirFS(".")).
	FS fs.FS
	// ConfigFile is the config file's path in FS; "" means
	// DefaultConfigFile, which may be missing.
	ConfigFile string
	// Edition names editions/NAME.yaml next to the config file; "" = none.
	Edition string
	// Environ is the process environment as os.Environ returns it.
	Environ []string
	// Flags maps key paths to values of the flags the user set.
	Flags map[string]string
	// FlagOrigins names where each Flags entry came from ("flag --set
	// pdf.bleed"); a key missing here is reported as "flag --" + FlagName(key).
	FlagOrigins map[string]string
	// Set holds "key=value" from repeated --set flags, applied after Flags.
	Set []string
}

// Config is the effective configuration of one build.
type Config struct {
	Book         string   // book folder, holding manifest.yaml
	Out          string   // output folder
	Name         string   // output base name; "" = the manifest's slug
	Formats      []string // "epub", "pdf"
	Date         time.Time
	Strict       bool
	EditionTitle string
	Include      []string
	Exclude      []string
	Annotations  bool
	Notes        NotesConfig
	Citation     CitationConfig
	PDF          PDFConfig
	EPUB         EPUBConfig
	Fonts        FontsConfig

	// Edition is the edition's name ("" for none).
	Edition string
	// Files lists the config files read, in the order applied.
	Files []string

	settings []Setting
	digest   string
}

// NotesConfig says how notes are numbered and where they are printed.
type NotesConfig struct {
	Numbering string // "chapter" (restart each chapter) or "book"
	Placement string // "footnotes" or "endnotes"
}

// CitationConfig picks the style for provenance citations.
type CitationConfig struct {
	Style string // "chicago", "mla" or "apa"
}

// PDFConfig holds the print settings; every length is in points.
type PDFConfig struct {
	PageSize     string // as written, e.g. "a5" or "6in x 9in"
	PageWidth    float64
	PageHeight   float64
	MarginTop    float64
	MarginBottom float64
	MarginInner  float64
	MarginOuter  float64
	// GutterAuto asks the layout to choose the gutter from the page count,
	// as print-on-demand printers require; otherwise Gutter is added to
	// the inner margin.
	GutterAuto      bool
	Gutter          float64
	Bleed           float64
	CropMarks       bool
	FontSize        float64 // points
	Leading         float64 // line height as a multiple of FontSize
	Hyphenate       bool
	LineNumbers     bool
	LineNumberEvery int
	URLFootnotes    bool
	RectoChapters   bool
}

// EPUBConfig holds the e-book settings.
type EPUBConfig struct {
	Cover      string // image path relative to the book folder; "" = generated
	EmbedFonts bool
	TOCDepth   int
	PageList   bool
}

// FontsConfig names TrueType files to use instead of the embedded faces.
// Each is "" (embedded), a slash-separated path relative to LoadOptions.FS,
// or an absolute path as written.
type FontsConfig struct {
	SerifRegular    string
	SerifItalic     string
	SerifBold       string
	SerifBoldItalic string
	MonoRegular     string
	MonoBold        string
}

// Setting is one effective setting and where its value came from.
type Setting struct {
	Key    string
	Value  string
	Origin string // "default", "config/samizdat.yaml:7", "env SAMIZDAT_PDF_BLEED", "flag --set pdf.bleed"
}

// Settings returns every setting, sorted by key, with its origin.
func (c *Config) Settings() []Setting { return slices.Clone(c.settings) }

// Origin says where key's value came from ("" for an unknown key), so
// later stages can point at the line to fix.
func (c *Config) Origin(key string) string {
	for _, s := range c.settings {
		if s.Key == key {
			return s.Origin
		}
	}
	return ""
}

// Digest is the hex SHA-256 of the effective settings in a canonical form
// (lengths in points, dates in RFC 3339), so equal settings written
// differently digest alike. Settings that cannot change the output (book,
// out, name, strict) are left out.
func (c *Config) Digest() string { return c.digest }

// origin records where a key's current value came from.
type origin struct {
	label string
	// dir is the folder relative paths in the value are relative to: the
	// config file's folder for file layers, "." otherwise.
	dir string
}

// loader carries one Load's state.
type loader struct {
	v       *viper.Viper
	fsys    fs.FS
	origins map[string]origin
	errs    []error
}

func (l *loader) errorf(format string, args ...any) {
	l.errs = append(l.errs, fmt.Errorf(format, args...))
}

// Load builds the configuration from the layers in opts.
func Load(opts LoadOptions) (*Config, error) {
	if opts.FS == nil {
		return nil, errors.New("config: no file system given")
	}
	l := &loader{v: viper.New(), fsys: opts.FS, origins: map[string]origin{}}
	for _, s := range specs {
		l.v.SetDefault(s.key, s.def)
		l.origins[s.key] = origin{label: "default", dir: "."}
	}
	cfg := &Config{Edition: opts.Edition}

	file, explicit := opts.ConfigFile, opts.ConfigFile != ""
	if !explicit {
		file = DefaultConfigFile
	}
	name, ok := fsPath(file)
	if !ok {
		l.errorf("config file %q: must be a relative path inside the working folder", file)
	} else {
		data, err := fs.ReadFile(opts.FS, name)
		switch {
		case err == nil:
			cfg.Files = append(cfg.Files, file)
			l.mergeFile(file, path.Dir(name), data)
		case errors.Is(err, fs.ErrNotExist) && !explicit:
			// No config file: defaults, environment and flags only.
		case errors.Is(err, fs.ErrNotExist):
			l.errorf("config file %s does not exist", file)
		default:
			l.errorf("config file %s: %w", file, err)
		}
	}

	if opts.Edition != "" && ok {
		if edFile, err := l.editionFile(name, file, opts.Edition); err != nil {
			l.errs = append(l.errs, err)
		} else if data, err := fs.ReadFile(opts.FS, edFile); err != nil {
			l.errorf("edition %q: %w", opts.Edition, err)
		} else {
			shown := path.Join(path.Dir(file), "editions", opts.Edition+".yaml")
			cfg.Files = append(cfg.Files, shown)
			l.mergeFile(shown, path.Dir(name), data)
		}
	}

	l.mergeEnv(opts.Environ)
	l.mergeFlags(opts.Flags, opts.FlagOrigins, opts.Set)
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}

	var raw rawConfig
	if err := l.v.UnmarshalExact(&raw); err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	l.fill(cfg, &raw, opts.Environ)
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	return cfg, nil
}

// fsPath turns a user's path into an fs.FS path, or reports that it cannot
// be one (absolute, or climbing out of the root).
func fsPath(p string) (string, bool) {
	p = path.Clean(strings.ReplaceAll(p, "\\", "/"))
	return p, fs.ValidPath(p)
}

var editionNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// editionFile finds the edition's file, or explains which editions exist.
func (l *loader) editionFile(configPath, configShown, edition string) (string, error) {
	dir := path.Join(path.Dir(configPath), "editions")
	shownDir := path.Join(path.Dir(configShown), "editions")
	available, err := Editions(l.fsys, configPath)
	if err != nil {
		return "", err
	}
	if editionNamePattern.MatchString(edition) && !strings.Contains(edition, "..") && slices.Contains(available, edition) {
		return path.Join(dir, edition+".yaml"), nil
	}
	if len(available) == 0 {
		return "", fmt.Errorf("unknown edition %q (no editions in %s)", edition, shownDir)
	}
	return "", fmt.Errorf("unknown edition %q (available: %s)", edition, strings.Join(available, ", "))
}

// Editions returns the sorted names of the editions (editions/*.yaml next
// to configFile; "" means DefaultConfigFile). A missing folder means none.
func Editions(fsys fs.FS, configFile string) ([]string, error) {
	if configFile == "" {
		configFile = DefaultConfigFile
	}
	name, ok := fsPath(configFile)
	if !ok {
		return nil, fmt.Errorf("config file %q: must be a relative path inside the working folder", configFile)
	}
	dir := path.Join(path.Dir(name), "editions")
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("editions: %w", err)
	}
	var names []string
	for _, e := range entries {
		if base, found := strings.CutSuffix(e.Name(), ".yaml"); found && !e.IsDir() && base != "" {
			names = append(names, base)
		}
	}
	slices.Sort(names)
	return names, nil
}

// mergeFile checks one YAML layer and merges what is valid into viper.
func (l *loader) mergeFile(shown, dir string, data []byte) {
	root, err := parseYAML(shown, data)
	if err != nil {
		l.errs = append(l.errs, err)
		return
	}
	if root == nil {
		return
	}
	values := map[string]any{}
	l.walk(shown, dir, root, "", values)
	if err := l.v.MergeConfigMap(nest(values)); err != nil {
		l.errorf("%s: %w", shown, err)
	}
}

var yamlLinePattern = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML returns the document's top node (nil for an empty file), with
// errors in the file:line form.
func parseYAML(shown string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err == io.EOF {
		return nil, nil
	} else if err != nil {
		return nil, yamlError(shown, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fmt.Errorf("%s:%d: only one YAML document is allowed", shown, extra.Line)
	} else if err != io.EOF {
		return nil, yamlError(shown, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, nil
	}
	root := resolveAlias(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: expected settings as \"key: value\" lines", shown, root.Line)
	}
	return root, nil
}

func yamlError(shown string, err error) error {
	msg := err.Error()
	if m := yamlLinePattern.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("%s:%s: %s", shown, m[1], m[2])
	}
	return fmt.Errorf("%s: %s", shown, strings.TrimPrefix(msg, "yaml: "))
}

// resolveAlias follows YAML aliases to the node they name.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// allPaths lists every key and section, the candidates for suggestions.
func allPaths() []string {
	paths := slices.Clone(sections)
	for _, s := range specs {
		paths = append(paths, s.key)
	}
	return paths
}

func (l *loader) walk(shown, dir string, m *yaml.Node, prefix string, values map[string]any) {
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, val := m.Content[i], resolveAlias(m.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			l.errorf("%s:%d: a key must be a plain name", shown, k.Line)
			continue
		}
		key := k.Value
		if prefix != "" {
			key = prefix + "." + key
		}
		if first, dup := seen[k.Value]; dup {
			l.errorf("%s:%d: %q is set twice (first on line %d)", shown, k.Line, key, first)
			continue
		}
		seen[k.Value] = k.Line
		if isSection(key) {
			switch {
			case val.Kind == yaml.ScalarNode && val.Tag == "!!null":
			case val.Kind != yaml.MappingNode:
				l.errorf("%s:%d: %s: expected the %s settings indented below it", shown, val.Line, key, key)
			default:
				l.walk(shown, dir, val, key, values)
			}
			continue
		}
		spec := lookupSpec(key)
		if spec == nil {
			l.errorf("%s:%d: unknown key %q%s", shown, k.Line, key, suggest.DidYouMean(key, allPaths()))
			continue
		}
		in, err := nodeInput(val)
		if err == nil {
			var v any
			if v, err = spec.parse(in); err == nil {
				values[key] = v
				l.origins[key] = origin{label: fmt.Sprintf("%s:%d", shown, k.Line), dir: dir}
				continue
			}
		}
		l.errorf("%s:%d: %s: %v", shown, val.Line, key, err)
	}
}

func nodeInput(n *yaml.Node) (rawInput, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return rawInput{isNull: true}, nil
		}
		return rawInput{text: n.Value}, nil
	case yaml.SequenceNode:
		in := rawInput{isList: true, list: []string{}}
		for _, item := range n.Content {
			item = resolveAlias(item)
			if item.Kind != yaml.ScalarNode {
				return in, errors.New("a list item must be a plain value")
			}
			in.list = append(in.list, item.Value)
		}
		return in, nil
	case yaml.MappingNode:
		return rawInput{}, errors.New("expected a value, got a mapping")
	}
	return rawInput{}, errors.New("expected a value")
}

// nest turns {"pdf.bleed": x} into {"pdf": {"bleed": x}} for viper.
func nest(flat map[string]any) map[string]any {
	out := map[string]any{}
	for key, v := range flat {
		section, leaf, found := strings.Cut(key, ".")
		if !found {
			out[key] = v
			continue
		}
		sub, _ := out[section].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
			out[section] = sub
		}
		sub[leaf] = v
	}
	return out
}

// mergeEnv applies SAMIZDAT_* variables. The first of duplicate entries
// wins, as with os.Getenv.
func (l *loader) mergeEnv(environ []string) {
	byVar := map[string]string{}
	var envNames []string
	for _, s := range specs {
		byVar[EnvName(s.key)] = s.key
		envNames = append(envNames, EnvName(s.key))
	}
	seen := map[string]bool{}
	var names []string
	vals := map[string]string{}
	for _, kv := range environ {
		name, val, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, envPrefix) || seen[name] || slices.Contains(envAllowed, name) {
			continue
		}
		seen[name] = true
		names = append(names, name)
		vals[name] = val
	}
	slices.Sort(names)
	values := map[string]any{}
	for _, name := range names {
		key, known := byVar[name]
		if !known {
			l.errorf("%s: unknown setting%s", name, suggest.DidYouMean(name, envNames))
			continue
		}
		v, err := lookupSpec(key).parse(rawInput{text: vals[name]})
		if err != nil {
			l.errorf("%s: %v", name, err)
			continue
		}
		values[key] = v
		l.origins[key] = origin{label: "env " + name, dir: "."}
	}
	if err := l.v.MergeConfigMap(nest(values)); err != nil {
		l.errorf("environment: %w", err)
	}
}

// mergeFlags applies named flags, then --set pairs, in viper's override layer.
func (l *loader) mergeFlags(flags, origins map[string]string, set []string) {
	keys := make([]string, 0, len(flags))
	for k := range flags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		label := origins[k]
		if label == "" {
			label = "flag --" + FlagName(k)
		}
		l.setFlag(k, flags[k], label)
	}
	for _, pair := range set {
		k, v, found := strings.Cut(pair, "=")
		k = strings.TrimSpace(k)
		if !found || k == "" {
			l.errorf("flag --set %q: want key=value, e.g. pdf.page_size=a4", pair)
			continue
		}
		l.setFlag(k, v, "flag --set "+k)
	}
}

func (l *loader) setFlag(key, value, label string) {
	spec := lookupSpec(key)
	switch {
	case spec == nil && isSection(key):
		l.errorf("%s: %q holds other settings; set one of them, e.g. %s", label, key, sectionExample(key))
		return
	case spec == nil:
		l.errorf("%s: unknown key %q%s", label, key, suggest.DidYouMean(key, allPaths()))
		return
	}
	v, err := spec.parse(rawInput{text: value})
	if err != nil {
		l.errorf("%s: %v", label, err)
		return
	}
	l.v.Set(key, v)
	l.origins[key] = origin{label: label, dir: "."}
}

func sectionExample(section string) string {
	for _, s := range specs {
		if strings.HasPrefix(s.key, section+".") {
			return s.key
		}
	}
	return section
}

// rawConfig is what viper decodes, strictly, before lengths and sizes are
// resolved.
type rawConfig struct {
	Book         string   `mapstructure:"book"`
	Out          string   `mapstructure:"out"`
	Name         string   `mapstructure:"name"`
	Formats      []string `mapstructure:"formats"`
	Date         string   `mapstructure:"date"`
	Strict       bool     `mapstructure:"strict"`
	EditionTitle string   `mapstructure:"edition_title"`
	Include      []string `mapstructure:"include"`
	Exclude      []string `mapstructure:"exclude"`
	Annotations  bool     `mapstructure:"annotations"`
	Notes        struct {
		Numbering string `mapstructure:"numbering"`
		Placement string `mapstructure:"placement"`
	} `mapstructure:"notes"`
	Citation struct {
		Style string `mapstructure:"style"`
	} `mapstructure:"citation"`
	PDF struct {
		PageSize        string  `mapstructure:"page_size"`
		MarginTop       string  `mapstructure:"margin_top"`
		MarginBottom    string  `mapstructure:"margin_bottom"`
		MarginInner     string  `mapstructure:"margin_inner"`
		MarginOuter     string  `mapstructure:"margin_outer"`
		Gutter          string  `mapstructure:"gutter"`
		Bleed           string  `mapstructure:"bleed"`
		CropMarks       bool    `mapstructure:"crop_marks"`
		FontSize        float64 `mapstructure:"font_size"`
		Leading         float64 `mapstructure:"leading"`
		Hyphenate       bool    `mapstructure:"hyphenate"`
		LineNumbers     bool    `mapstructure:"line_numbers"`
		LineNumberEvery int     `mapstructure:"line_number_every"`
		URLFootnotes    bool    `mapstructure:"url_footnotes"`
		RectoChapters   bool    `mapstructure:"recto_chapters"`
	} `mapstructure:"pdf"`
	EPUB struct {
		Cover      string `mapstructure:"cover"`
		EmbedFonts bool   `mapstructure:"embed_fonts"`
		TOCDepth   int    `mapstructure:"toc_depth"`
		PageList   bool   `mapstructure:"page_list"`
	} `mapstructure:"epub"`
	Fonts struct {
		SerifRegular    string `mapstructure:"serif_regular"`
		SerifItalic     string `mapstructure:"serif_italic"`
		SerifBold       string `mapstructure:"serif_bold"`
		SerifBoldItalic string `mapstructure:"serif_bold_italic"`
		MonoRegular     string `mapstructure:"mono_regular"`
		MonoBold        string `mapstructure:"mono_bold"`
	} `mapstructure:"fonts"`
}

// fill converts the decoded settings to Config, checks what spans several
// settings, and records settings and digest.
func (l *loader) fill(cfg *Config, raw *rawConfig, environ []string) {
	cfg.Book, cfg.Out, cfg.Name = raw.Book, raw.Out, raw.Name
	cfg.Formats = raw.Formats
	cfg.Strict = raw.Strict
	cfg.EditionTitle = raw.EditionTitle
	cfg.Include, cfg.Exclude = raw.Include, raw.Exclude
	cfg.Annotations = raw.Annotations
	cfg.Notes = NotesConfig{Numbering: raw.Notes.Numbering, Placement: raw.Notes.Placement}
	cfg.Citation = CitationConfig{Style: raw.Citation.Style}

	length := func(key, text string) float64 {
		pt, err := parseLength(text)
		if err != nil {
			l.errorf("%s: %s: %v", l.origins[key].label, key, err)
		}
		return pt
	}
	p := &cfg.PDF
	p.PageSize = raw.PDF.PageSize
	var err error
	if p.PageWidth, p.PageHeight, err = parsePageSize(raw.PDF.PageSize); err != nil {
		l.errorf("%s: pdf.page_size: %v", l.origins["pdf.page_size"].label, err)
	}
	p.MarginTop = length("pdf.margin_top", raw.PDF.MarginTop)
	p.MarginBottom = length("pdf.margin_bottom", raw.PDF.MarginBottom)
	p.MarginInner = length("pdf.margin_inner", raw.PDF.MarginInner)
	p.MarginOuter = length("pdf.margin_outer", raw.PDF.MarginOuter)
	if raw.PDF.Gutter == "auto" {
		p.GutterAuto = true
	} else {
		p.Gutter = length("pdf.gutter", raw.PDF.Gutter)
	}
	p.Bleed = length("pdf.bleed", raw.PDF.Bleed)
	p.CropMarks = raw.PDF.CropMarks
	p.FontSize, p.Leading = raw.PDF.FontSize, raw.PDF.Leading
	p.Hyphenate = raw.PDF.Hyphenate
	p.LineNumbers, p.LineNumberEvery = raw.PDF.LineNumbers, raw.PDF.LineNumberEvery
	p.URLFootnotes, p.RectoChapters = raw.PDF.URLFootnotes, raw.PDF.RectoChapters

	cfg.EPUB = EPUBConfig{Cover: raw.EPUB.Cover, EmbedFonts: raw.EPUB.EmbedFonts, TOCDepth: raw.EPUB.TOCDepth, PageList: raw.EPUB.PageList}
	cfg.Fonts = FontsConfig{
		SerifRegular:    l.fontPath("fonts.serif_regular", raw.Fonts.SerifRegular),
		SerifItalic:     l.fontPath("fonts.serif_italic", raw.Fonts.SerifItalic),
		SerifBold:       l.fontPath("fonts.serif_bold", raw.Fonts.SerifBold),
		SerifBoldItalic: l.fontPath("fonts.serif_bold_italic", raw.Fonts.SerifBoldItalic),
		MonoRegular:     l.fontPath("fonts.mono_regular", raw.Fonts.MonoRegular),
		MonoBold:        l.fontPath("fonts.mono_bold", raw.Fonts.MonoBold),
	}

	display := map[string]string{}
	if cfg.Date, err = parseDate(raw.Date); err != nil {
		l.errorf("%s: date: %v", l.origins["date"].label, err)
	}
	if raw.Date == "" {
		if epoch, found := lookupEnv(environ, "SOURCE_DATE_EPOCH"); found && epoch != "" {
			secs, err := strconv.ParseInt(strings.TrimSpace(epoch), 10, 64)
			if err != nil || secs < 0 || secs > 253402300799 {
				l.errorf("SOURCE_DATE_EPOCH: bad value %q (want whole seconds since 1970-01-01)", epoch)
			} else {
				cfg.Date = time.Unix(secs, 0).UTC()
				l.origins["date"] = origin{label: "env SOURCE_DATE_EPOCH", dir: "."}
				display["date"] = cfg.Date.Format(time.RFC3339)
			}
		}
	}

	l.checkTextBlock(cfg)
	for _, tag := range cfg.Include {
		if slices.Contains(cfg.Exclude, tag) {
			l.errorf("condition %q is both included (%s) and excluded (%s)", tag, l.origins["include"].label, l.origins["exclude"].label)
		}
	}
	if path.Clean(cfg.Out) == path.Clean(cfg.Book) {
		l.errorf("out %q is the book folder (%s); choose another output folder", cfg.Out, l.origins["out"].label)
	}

	h := sha256.New()
	for _, key := range Keys() {
		spec := lookupSpec(key)
		value := l.v.Get(key)
		shown, ok := display[key]
		if !ok {
			shown = displayValue(value)
		}
		cfg.settings = append(cfg.settings, Setting{Key: key, Value: shown, Origin: l.origins[key].label})
		if !spec.contentFree {
			fmt.Fprintf(h, "%s=%s\n", key, canonicalValue(spec, value, cfg))
		}
	}
	cfg.digest = hex.EncodeToString(h.Sum(nil))
}

// checkTextBlock refuses margins that leave no room for text: nothing may
// run off the page, and a text block under an inch is surely a mistake.
func (l *loader) checkTextBlock(cfg *Config) {
	p := &cfg.PDF
	if p.PageWidth == 0 {
		return
	}
	const minText = 72
	if w := p.PageWidth - p.MarginInner - p.MarginOuter - p.Gutter; w < minText {
		l.errorf("pdf: the side margins leave %s of the %s page width for text (need at least 1in): page_size %s, margin_inner %s, margin_outer %s, gutter %s",
			formatPoints(max(w, 0)), formatPoints(p.PageWidth), l.origins["pdf.page_size"].label,
			l.origins["pdf.margin_inner"].label, l.origins["pdf.margin_outer"].label, l.origins["pdf.gutter"].label)
	}
	if h := p.PageHeight - p.MarginTop - p.MarginBottom; h < minText {
		l.errorf("pdf: the top and bottom margins leave %s of the %s page height for text (need at least 1in): page_size %s, margin_top %s, margin_bottom %s",
			formatPoints(max(h, 0)), formatPoints(p.PageHeight), l.origins["pdf.page_size"].label,
			l.origins["pdf.margin_top"].label, l.origins["pdf.margin_bottom"].label)
	}
}

// fontPath resolves a font setting against the folder of the layer that
// set it and checks the file is there.
func (l *loader) fontPath(key, value string) string {
	if value == "" || path.IsAbs(value) {
		return value
	}
	o := l.origins[key]
	p, ok := fsPath(path.Join(o.dir, value))
	if !ok {
		l.errorf("%s: %s: %q is outside the working folder", o.label, key, value)
		return ""
	}
	info, err := fs.Stat(l.fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.errorf("%s: %s: font file %s does not exist", o.label, key, p)
	case err != nil:
		l.errorf("%s: %s: %v", o.label, key, err)
	case info.IsDir():
		l.errorf("%s: %s: %s is a folder, not a font file", o.label, key, p)
	}
	return p
}

func lookupEnv(environ []string, name string) (string, bool) {
	for _, kv := range environ {
		if k, v, _ := strings.Cut(kv, "="); k == name {
			return v, true
		}
	}
	return "", false
}

// displayValue writes a setting the way a user would type it in YAML.
func displayValue(v any) string {
	switch x := v.(type) {
	case string:
		if x == "" {
			return `""`
		}
		return x
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	case []any:
		parts := make([]string, len(x))
		for i, item := range x {
			parts[i] = fmt.Sprint(item)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// canonicalValue is the digest form of a setting: resolved to the unit the
// build uses, so equivalent spellings agree.
func canonicalValue(spec *keySpec, v any, cfg *Config) string {
	switch spec.kind {
	case kindLength:
		pt, _ := parseLength(fmt.Sprint(v))
		return canonicalPoints(pt)
	case kindGutter:
		if cfg.PDF.GutterAuto {
			return "auto"
		}
		return canonicalPoints(cfg.PDF.Gutter)
	case kindPageSize:
		return canonicalPoints(cfg.PDF.PageWidth) + "x" + canonicalPoints(cfg.PDF.PageHeight)
	case kindDate:
		if cfg.Date.IsZero() {
			return ""
		}
		return cfg.Date.Format(time.RFC3339)
	case kindText, kindPath, kindFileName:
		return strconv.Quote(fmt.Sprint(v))
	}
	return displayValue(v)
}
