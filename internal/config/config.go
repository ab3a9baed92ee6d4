// Package config loads a build's settings, layered from lowest to highest:
//
//  1. built-in defaults;
//  2. the config file, config/samizdat.yaml unless named otherwise (a
//     missing default file means defaults only; a missing named file is an
//     error);
//  3. the edition file, editions/NAME.yaml in the config file's folder;
//  4. SAMIZDAT_* environment variables, the key upper-cased with dots as
//     underscores (SAMIZDAT_PDF_PAGE_SIZE);
//  5. command-line flags, and repeated --set key=value after them.
//
// Every setting is one row of the table in settings.go: its key, type,
// default, range and meaning. The loader, `samizdat config`, the sample
// config file and the README's reference are all made from it.
//
// Every layer is checked strictly before it is merged: an unknown key or a
// bad value is reported with the file, line and column (or the variable or
// flag) it came from, with a suggestion for near misses, because a misspelt
// setting that silently does nothing is the worst kind of configuration
// bug. All problems are reported together, as diag values.
//
// Font paths written in a config or edition file are relative to the config
// file's folder (so an edition need not climb out of editions/); font paths
// from the environment or flags are relative to the working folder.
//
// This is the only package that uses viper, one instance per Load, so no
// setting leaks between builds in one process. Viper merges the layers;
// each value it holds carries the layer it came from.
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/viper"

	"github.com/samizdat-press/samizdat/internal/diag"
	"github.com/samizdat-press/samizdat/internal/lang"
	"github.com/samizdat-press/samizdat/internal/suggest"
	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// DefaultConfigFile is read when LoadOptions.ConfigFile is empty.
const DefaultConfigFile = "config/samizdat.yaml"

const envPrefix = "SAMIZDAT_"

// envAllowed lists SAMIZDAT_* variables that are not settings and must not
// be reported as typos.
var envAllowed = []string{"SAMIZDAT_REQUIRE_VALIDATORS"}

// Codes of the problems this package reports, besides yamlfile's.
const (
	CodeValue      = "config.value"       // a value a setting does not accept
	CodeUnknownEnv = "config.unknown-env" // a SAMIZDAT_* variable that is no setting
	CodeUnknownKey = "config.unknown-key" // a --set or flag key that is no setting
	CodeFile       = "config.file"        // a config file that cannot be read
	CodeEdition    = "config.edition"     // an edition that does not exist
	CodeConflict   = "config.conflict"    // settings that contradict each other
)

// LoadOptions says where the settings come from. Load reads nothing that
// is not given here: no global environment, no working directory.
type LoadOptions struct {
	// Files reads the config files and checks the font files they name.
	Files Files
	// ConfigFile is the config file as the user named it: relative to the
	// working folder, or absolute. "" means DefaultConfigFile, which may be
	// missing.
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
	// Parsed keeps the settings files parsed for the next Load: editions
	// built together read the same config file. nil keeps none.
	Parsed *yamlfile.Cache
}

// FlagName is the command-line flag the CLI should use for key, and the
// name Settings reports for a value from LoadOptions.Flags:
// "pdf.page_size" -> "pdf-page-size".
func FlagName(key string) string {
	return strings.NewReplacer(".", "-", "_", "-").Replace(key)
}

// Config is the effective configuration of one build. Each field is filled
// by one row of the settings table.
type Config struct {
	Book         string   // book folder, holding manifest.yaml
	Out          string   // output folder
	CacheDir     string   // where reduced pictures are kept; "" the user's cache, "off" none
	Name         string   // output base name; "" = the manifest's slug
	Formats      []string // "epub", "pdf", "html"
	Date         time.Time
	Strict       bool
	EditionTitle string
	// ShowEditionTitle prints EditionTitle where a reader sees it, besides
	// the copyright page.
	ShowEditionTitle bool
	Include          []string
	Exclude          []string
	// SetOff are the condition tags whose content is set off from the text
	// around it.
	SetOff      []string
	Annotations bool
	Markdown    MarkdownConfig
	Notes       NotesConfig
	Citation    CitationConfig
	Typography  TypographyConfig
	PDF         PDFConfig
	Cover       CoverConfig
	EPUB        EPUBConfig
	Fonts       FontsConfig
	Limits      LimitsConfig

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

// CitationConfig picks the style of citations and provenance.
type CitationConfig struct {
	Style string // "chicago", "chicago-author-date", "mla" or "apa"
}

// PDFConfig holds the print settings; every length is in points, exactly
// as configured: 0 means 0.
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
	GutterAuto bool
	Gutter     float64
	Bleed      float64
	CropMarks  bool
	// Tagged writes the document's structure into the PDF.
	Tagged          bool
	FontSize        float64 // points
	Leading         float64 // line height as a multiple of FontSize
	Hyphenate       bool
	LineNumbers     bool
	LineNumberEvery int
	URLFootnotes    bool
	RectoChapters   bool
	ImageDPI        int // 0 keeps every picture's pixels
	// PageReferences is "auto", "off", or a form holding "{page}".
	PageReferences string
	// The generated pages the book has.
	HalfTitle, TitlePage, CopyrightPage, Contents, PartPages, BlankPages bool
	// TOCDepth is how many heading levels the contents lists under each
	// entry's title.
	TOCDepth int
	// PageMultiple is what the page count is padded to a multiple of.
	PageMultiple int
}

// CoverConfig holds the printed cover's settings.
type CoverConfig struct {
	// Paper names a printer's paper ("kdp-white"); else PageThickness is
	// one page's, in points. Both empty: no printed cover.
	Paper         string
	PageThickness float64
	Barcode       bool
	Blurb         string
}

// Wanted reports whether the build writes a printed cover.
func (c CoverConfig) Wanted() bool { return c.Paper != "" || c.PageThickness > 0 }

// EPUBConfig holds the e-book settings.
type EPUBConfig struct {
	Cover      string // image path relative to the book folder; "" = generated
	EmbedFonts bool
	TOCDepth   int
	PageList   bool
	// PrintSource names the edition whose pages the page list follows;
	// "" = this edition's, when it builds a PDF.
	PrintSource string
	// Identifier is this edition's dc:identifier; "" = derived from the
	// manifest's.
	Identifier string
	// TitleSuffix follows the title in the metadata: "auto", "off" or text.
	TitleSuffix string
	// MaxImageMegapixels bounds the pixels of a raster picture; 0 keeps
	// every picture's pixels.
	MaxImageMegapixels float64
}

// FontsConfig names TrueType files to use instead of the embedded faces.
// Each is "" (embedded), or a slash-separated path: relative to the working
// folder, or absolute.
type FontsConfig struct {
	SerifRegular    string
	SerifItalic     string
	SerifBold       string
	SerifBoldItalic string
	MonoRegular     string
	MonoBold        string
	// Fallback are font files tried, in order, before the installed fonts.
	Fallback []string
	// KeepMisshaped sets Arabic-script text in a font the shaper
	// misshapes (fonts.Set.Misshaped) rather than pass it over.
	KeepMisshaped bool
}

// MarkdownConfig is how the chapters are read.
type MarkdownConfig struct {
	// IncludePaths are the folders, relative to the book folder, that
	// file includes may read; snippets' paths are looked up in them in
	// order.
	IncludePaths []string
	// Critic is how CriticMarkup is read: "view", "accept" or "reject".
	Critic string
	// IncludeAppend are files appended to every chapter, looked up in
	// IncludePaths as snippets are.
	IncludeAppend []string
	// SiteURL is the web address the chapters were written for, where a
	// relative link leaving the book folder leads; "" for none.
	SiteURL string
	// MathBackslash is which backslash delimiters are formulas: "auto",
	// "single", "double" or "off".
	MathBackslash string
	// Intersphinx are other projects' sites by name, for MyST's
	// references into them.
	Intersphinx map[string]string
	// MathMacros are the book's own TeX commands: name (without the
	// backslash) to what it stands for.
	MathMacros map[string]string
	// NotebookOutputLines is the most lines of a notebook's text output
	// printed; 0 for no limit.
	NotebookOutputLines int
	// NotebookPrompts prints a notebook's execution counts.
	NotebookPrompts bool
}

// LimitsConfig holds the largest input of each kind, in bytes.
type LimitsConfig struct {
	Config      int64 // a config or edition file
	Manifest    int64
	Chapter     int64
	Annotations int64 // an annotation file
	Image       int64 // a picture file
	ImageMemory int64 // a picture decoded
	Font        int64
}

// Setting is one effective setting and where its value came from.
type Setting struct {
	Key    string
	Value  string
	Origin string // "default", "config/samizdat.yaml:7", "env SAMIZDAT_PDF_BLEED", "flag --set pdf.bleed"
	// File, Line and Column place a value written in a config file, so
	// later stages can report a problem with it there; "" and 0 otherwise.
	File         string
	Line, Column int
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

// Place says where in a config file key's value is written: "" and 0
// when it comes from a default, the environment or a flag.
func (c *Config) Place(key string) (file string, line, column int) {
	for _, s := range c.settings {
		if s.Key == key {
			return s.File, s.Line, s.Column
		}
	}
	return "", 0, 0
}

// Digest is the hex SHA-256 of the effective settings in a canonical form
// (lengths in points, dates in RFC 3339), so equal settings written
// differently digest alike. Settings that cannot change the output (book,
// out, name, strict) are left out.
func (c *Config) Digest() string { return c.digest }

// origin records where a value came from.
type origin struct {
	// label names the origin for people: "config/samizdat.yaml:7", "env
	// SAMIZDAT_PDF_BLEED", "flag --set pdf.bleed", "default".
	label string
	// file, line and column place a value from a file.
	file         string
	line, column int
	// dir is the folder relative paths in the value are relative to: the
	// config file's folder for file layers, "." otherwise.
	dir string
}

// about records a problem with key's value: at its place in a file, or
// named by the variable or flag that set it.
func (l *loader) about(key string, o origin, code, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if o.file == "" {
		l.problem(code, "%s: %s", o.label, msg)
		return
	}
	l.diags = append(l.diags, diag.Diagnostic{Severity: diag.Error, File: o.file, Line: o.line, Column: o.column, Code: code, Message: key + ": " + msg})
}

// value is what viper holds for a setting: the typed value, the text
// `samizdat config` shows, and the layer it came from.
type value struct {
	typed any
	shown string
	from  origin
}

// loader carries one Load's state.
type loader struct {
	v      *viper.Viper
	files  Files
	diags  []diag.Diagnostic
	parsed *yamlfile.Cache
}

// problem records a problem with no file of its own (the environment, a
// flag, settings that contradict each other).
func (l *loader) problem(code, format string, args ...any) {
	l.diags = append(l.diags, diag.Diagnostic{Severity: diag.Error, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) err() error {
	errs := make([]error, len(l.diags))
	for i, d := range l.diags {
		errs[i] = d
	}
	return errors.Join(errs...)
}

// Load builds the configuration from the layers in opts. Its error joins
// diag.Diagnostic values, one per problem.
func Load(opts LoadOptions) (*Config, error) {
	if opts.Files == nil {
		return nil, errors.New("config: no files given")
	}
	l := &loader{v: viper.New(), files: opts.Files, parsed: opts.Parsed}
	for i, v := range builtInDefaults() {
		l.v.SetDefault(table[i].key, v.clone())
	}
	cfg := &Config{Edition: opts.Edition}

	file, explicit := cleanPath(opts.ConfigFile), opts.ConfigFile != ""
	if !explicit {
		file = DefaultConfigFile
	}
	dir := path.Dir(file)
	data, err := opts.Files.ReadFile(file)
	switch {
	case err == nil:
		cfg.Files = append(cfg.Files, file)
		l.mergeFile(file, dir, data)
	case errors.Is(err, fs.ErrNotExist) && !explicit:
		// No config file: defaults, environment and flags only.
	case errors.Is(err, fs.ErrNotExist):
		l.problem(CodeFile, "config file %s does not exist", file)
	default:
		l.problem(CodeFile, "config file %s: %v", file, unwrapPath(err))
	}

	if opts.Edition != "" {
		if edFile, err := l.editionFile(file, opts.Edition); err != nil {
			l.problem(CodeEdition, "%v", err)
		} else if data, err := opts.Files.ReadFile(edFile); err != nil {
			l.diags = append(l.diags, diag.Diagnostic{Severity: diag.Error, File: edFile, Code: CodeEdition,
				Message: fmt.Sprintf("edition %q: %v", opts.Edition, unwrapPath(err))})
		} else {
			cfg.Files = append(cfg.Files, edFile)
			l.mergeFile(edFile, dir, data)
		}
	}

	l.mergeEnv(opts.Environ)
	l.mergeFlags(opts.Flags, opts.FlagOrigins, opts.Set)
	if len(l.diags) == 0 {
		l.fill(cfg, opts.Environ)
	}
	if len(l.diags) > 0 {
		return nil, l.err()
	}
	return cfg, nil
}

// Files reads the files settings come from: the config file, its editions
// and the fonts they name. Names are slash-separated, as the user wrote
// them: relative to the working folder, or absolute.
type Files interface {
	ReadFile(name string) ([]byte, error)
	Stat(name string) (fs.FileInfo, error)
	ReadDir(name string) ([]fs.DirEntry, error)
}

// FSFiles reads from fsys as if fsys were the whole file system and the
// working folder were dir in it: "../site/book.yaml" seen from "work" is
// "site/book.yaml" in fsys, and "/site/book.yaml" is the same file.
func FSFiles(fsys fs.FS, dir string) Files { return fsFiles{fsys: fsys, dir: dir} }

type fsFiles struct {
	fsys fs.FS
	dir  string
}

func (f fsFiles) name(op, name string) (string, error) {
	p := cleanPath(name)
	if path.IsAbs(p) {
		p = strings.TrimLeft(p, "/")
	} else {
		p = path.Join(f.dir, p)
	}
	if p == "" {
		p = "."
	}
	if !fs.ValidPath(p) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return p, nil
}

func (f fsFiles) ReadFile(name string) ([]byte, error) {
	p, err := f.name("open", name)
	if err != nil {
		return nil, err
	}
	return fs.ReadFile(f.fsys, p)
}

func (f fsFiles) Stat(name string) (fs.FileInfo, error) {
	p, err := f.name("stat", name)
	if err != nil {
		return nil, err
	}
	return fs.Stat(f.fsys, p)
}

func (f fsFiles) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := f.name("open", name)
	if err != nil {
		return nil, err
	}
	return fs.ReadDir(f.fsys, p)
}

// cleanPath is a path as the user wrote it, slash-separated and cleaned.
func cleanPath(p string) string {
	return path.Clean(strings.ReplaceAll(p, "\\", "/"))
}

// unwrapPath drops the path an fs error repeats, since messages name the
// file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// builtInDefaults are the table's defaults, parsed once: every edition
// built together loads its settings, and parsing some 150 defaults was
// a third of each load.
var builtInDefaults = sync.OnceValue(func() []value {
	vs := make([]value, len(table))
	for i := range table {
		vs[i] = defaultValue(&table[i])
	}
	return vs
})

// clone is v with its own copy of a list or mapping, so that a Config
// changing one cannot change the defaults the next Load starts from.
func (v value) clone() value {
	switch t := v.typed.(type) {
	case []string:
		v.typed = slices.Clone(t)
	case map[string]lang.Override:
		v.typed = maps.Clone(t)
	}
	return v
}

// defaultValue parses a row's default the way a config file's value is
// parsed, so a default is always a value the setting accepts.
func defaultValue(s *setting) value {
	f := yamlfile.Parse("default", []byte("v: "+s.def))
	var n *yamlfile.Node
	if f.Root != nil && len(f.Root.Fields) == 1 {
		n = f.Root.Fields[0].Value
	}
	if err := f.Err(); err != nil || n == nil {
		panic(fmt.Sprintf("config: default of %s: %q is not YAML: %v", s.key, s.def, err))
	}
	typed, shown, err := s.typ.parse(nodeInput(n))
	if err != nil {
		panic(fmt.Sprintf("config: default of %s: %v", s.key, err))
	}
	return value{typed: typed, shown: shown, from: origin{label: "default", dir: "."}}
}

// nodeInput is a YAML value as parse takes it. Lists hold only scalars:
// the walk reports other items first.
func nodeInput(n *yamlfile.Node) rawInput {
	switch n.Kind {
	case yamlfile.Null:
		return rawInput{isNull: true}
	case yamlfile.List:
		in := rawInput{isList: true, list: []string{}}
		for _, item := range n.Items {
			in.list = append(in.list, item.Value)
		}
		return in
	case yamlfile.Map:
		return rawInput{node: n}
	}
	return rawInput{text: n.Value}
}

var editionNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// editionFile finds the edition's file, or explains which editions exist.
func (l *loader) editionFile(configFile, edition string) (string, error) {
	dir := editionsDir(configFile)
	available, err := Editions(l.files, configFile)
	if err != nil {
		return "", err
	}
	if editionNamePattern.MatchString(edition) && !strings.Contains(edition, "..") && slices.Contains(available, edition) {
		return path.Join(dir, edition+".yaml"), nil
	}
	if len(available) == 0 {
		return "", fmt.Errorf("unknown edition %q (no editions in %s)", edition, dir)
	}
	return "", fmt.Errorf("unknown edition %q (available: %s)", edition, strings.Join(available, ", "))
}

// editionsDir is the folder of a config file's editions: editions/ beside it.
func editionsDir(configFile string) string {
	return path.Join(path.Dir(cleanPath(configFile)), "editions")
}

// Editions returns the sorted names of the editions (editions/*.yaml beside
// configFile; "" means DefaultConfigFile). A missing folder means none.
func Editions(files Files, configFile string) ([]string, error) {
	if configFile == "" {
		configFile = DefaultConfigFile
	}
	dir := editionsDir(configFile)
	entries, err := files.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("editions in %s: %v", dir, unwrapPath(err))
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
	f := l.parsed.Parse(shown, data)
	if f.Root != nil {
		if f.Root.Kind != yamlfile.Map {
			f.Expected(f.Root, "", `settings as "key: value" lines`)
		} else {
			values := map[string]any{}
			l.walk(f, dir, f.Root, "", values)
			if err := l.v.MergeConfigMap(nest(values)); err != nil {
				f.Errorf(nil, CodeFile, "%v", err)
			}
		}
	}
	l.diags = append(l.diags, f.Diagnostics()...)
}

func (l *loader) walk(f *yamlfile.File, dir string, m *yamlfile.Node, prefix string, values map[string]any) {
	for _, fd := range m.Fields {
		key := yamlfile.Join(prefix, fd.Name())
		val := fd.Value
		if isSection(key) {
			switch val.Kind {
			case yamlfile.Null:
			case yamlfile.Map:
				l.walk(f, dir, val, key, values)
			default:
				f.Expected(val, key, "the "+key+" settings indented below it")
			}
			continue
		}
		s := lookup(key)
		if s == nil {
			f.UnknownKey(fd.Key, key, suggest.Closest(key, allPaths()), nil)
			continue
		}
		_, wantsList := s.typ.(listType)
		_, wantsMap := s.typ.(mappingType)
		switch {
		case wantsMap:
		case val.Kind == yamlfile.Map:
			f.Expected(val, key, "a single value")
			continue
		case val.Kind == yamlfile.List && !wantsList:
			f.Expected(val, key, "a single value")
			continue
		case val.Kind == yamlfile.List:
			if bad := slices.IndexFunc(val.Items, func(n *yamlfile.Node) bool { return n.Kind != yamlfile.Scalar }); bad >= 0 {
				f.Expected(val.Items[bad], fmt.Sprintf("%s[%d]", key, bad), "a word")
				continue
			}
		}
		typed, shown, err := s.typ.parse(nodeInput(val))
		if err != nil {
			f.Errorf(val, CodeValue, "%s: %v", key, err)
			continue
		}
		values[key] = value{typed: typed, shown: shown, from: origin{
			label: fmt.Sprintf("%s:%d", f.Name, fd.Key.Line),
			file:  f.Name, line: val.Line, column: val.Column, dir: dir,
		}}
	}
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
	byVar := map[string]*setting{}
	var envNames []string
	for i := range table {
		byVar[EnvName(table[i].key)] = &table[i]
		envNames = append(envNames, EnvName(table[i].key))
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
		s, known := byVar[name]
		if !known {
			l.problem(CodeUnknownEnv, "%s: unknown setting%s", name, suggest.DidYouMean(name, envNames))
			continue
		}
		typed, shown, err := s.typ.parse(rawInput{text: vals[name]})
		if err != nil {
			l.problem(CodeValue, "%s: %v", name, err)
			continue
		}
		values[s.key] = value{typed: typed, shown: shown, from: origin{label: "env " + name, dir: "."}}
	}
	if err := l.v.MergeConfigMap(nest(values)); err != nil {
		l.problem(CodeValue, "environment: %v", err)
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
			l.problem(CodeValue, "flag --set %q: want key=value, e.g. pdf.page_size=a4", pair)
			continue
		}
		l.setFlag(k, v, "flag --set "+k)
	}
}

func (l *loader) setFlag(key, text, label string) {
	if err := CheckKey(key); err != nil {
		l.problem(CodeUnknownKey, "%s: %v", label, err)
		return
	}
	s := lookup(key)
	typed, shown, err := s.typ.parse(rawInput{text: text})
	if err != nil {
		l.problem(CodeValue, "%s: %v", label, err)
		return
	}
	l.v.Set(key, value{typed: typed, shown: shown, from: origin{label: label, dir: "."}})
}

// fill stores the merged values in Config, checks what spans several
// settings, and records settings and digest.
func (l *loader) fill(cfg *Config, environ []string) {
	values := map[string]value{}
	for i := range table {
		s := &table[i]
		v, ok := l.v.Get(s.key).(value)
		if !ok {
			panic("config: viper lost the value of " + s.key)
		}
		values[s.key] = v
		typed := v.typed
		switch s.typ.(type) {
		case fontFile:
			typed = l.fontPath(s.key, v, v.typed.(string))
		case fontFiles:
			var paths []string
			for _, name := range v.typed.([]string) {
				paths = append(paths, l.fontPath(s.key, v, name))
			}
			typed = paths
		}
		s.bind(cfg, typed)
	}

	// Run inside a book folder, build that book. A manifest that is no
	// regular file still marks the book, so that the manifest's loader
	// says what is wrong with it.
	if values["book"].from.label == "default" {
		if info, err := l.files.Stat("manifest.yaml"); err == nil && !info.IsDir() {
			cfg.Book = "."
			values["book"] = value{typed: ".", shown: ".", from: origin{label: "default: the working folder holds manifest.yaml", dir: "."}}
		}
	}

	if cfg.Date.IsZero() {
		if epoch, found := lookupEnv(environ, "SOURCE_DATE_EPOCH"); found && epoch != "" {
			secs, err := strconv.ParseInt(strings.TrimSpace(epoch), 10, 64)
			if err != nil || secs < 0 || secs > 253402300799 {
				l.problem(CodeValue, "SOURCE_DATE_EPOCH: bad value %q (want whole seconds since 1970-01-01)", epoch)
			} else {
				cfg.Date = time.Unix(secs, 0).UTC()
				values["date"] = value{typed: cfg.Date, shown: cfg.Date.Format(time.RFC3339), from: origin{label: "env SOURCE_DATE_EPOCH", dir: "."}}
			}
		}
	}

	label := func(key string) string { return values[key].from.label }
	l.checkTextBlock(cfg, label)
	for _, tag := range cfg.Include {
		if slices.Contains(cfg.Exclude, tag) {
			l.problem(CodeConflict, "condition %q is both included (%s) and excluded (%s)", tag, label("include"), label("exclude"))
		}
	}
	if path.Clean(cfg.Out) == path.Clean(cfg.Book) {
		l.problem(CodeConflict, "out %q is the book folder (%s); choose another output folder", cfg.Out, label("out"))
	}

	h := sha256.New()
	for _, key := range Keys() {
		s, v := lookup(key), values[key]
		cfg.settings = append(cfg.settings, Setting{Key: key, Value: v.shown, Origin: v.from.label, File: v.from.file, Line: v.from.line, Column: v.from.column})
		if !s.contentFree && !s.pageFree && (!s.digestSet || v.shown != s.def) {
			fmt.Fprintf(h, "%s=%s\n", key, s.typ.canonical(v.typed))
		}
	}
	cfg.digest = hex.EncodeToString(h.Sum(nil))
}

// checkTextBlock refuses margins that leave no room for text: nothing may
// run off the page, and a text block under an inch is surely a mistake.
func (l *loader) checkTextBlock(cfg *Config, label func(string) string) {
	p := &cfg.PDF
	const minText = 72
	if w := p.PageWidth - p.MarginInner - p.MarginOuter - p.Gutter; w < minText {
		l.problem(CodeConflict, "pdf: the side margins leave %s of the %s page width for text (need at least 1in): page_size %s, margin_inner %s, margin_outer %s, gutter %s",
			formatPoints(max(w, 0)), formatPoints(p.PageWidth), label("pdf.page_size"),
			label("pdf.margin_inner"), label("pdf.margin_outer"), label("pdf.gutter"))
	}
	if h := p.PageHeight - p.MarginTop - p.MarginBottom; h < minText {
		l.problem(CodeConflict, "pdf: the top and bottom margins leave %s of the %s page height for text (need at least 1in): page_size %s, margin_top %s, margin_bottom %s",
			formatPoints(max(h, 0)), formatPoints(p.PageHeight), label("pdf.page_size"),
			label("pdf.margin_top"), label("pdf.margin_bottom"))
	}
}

// fontPath resolves a font setting against the folder of the layer that
// set it and checks the file is there.
func (l *loader) fontPath(key string, v value, name string) string {
	if name == "" {
		return ""
	}
	p := cleanPath(name)
	if !path.IsAbs(p) {
		p = path.Join(v.from.dir, p)
	}
	info, err := l.files.Stat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.about(key, v.from, CodeValue, "font file %s does not exist", p)
	case err != nil:
		l.about(key, v.from, CodeValue, "%s: %v", p, unwrapPath(err))
	case info.IsDir():
		l.about(key, v.from, CodeValue, "%s is a folder, not a font file", p)
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
