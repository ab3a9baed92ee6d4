package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/samizdat-press/samizdat/internal/diag"
)

// HugoSite is what a book takes from the Hugo site its chapters come from:
// the site's params, which `{{< param >}}` falls back on after the page's.
type HugoSite struct {
	// Params is the site's params table, its keys as written; nil when
	// no config was found or none had params.
	Params map[string]any
	// Files are the config files read, relative to the file system they
	// were read from, the first naming the site in messages.
	Files []string
	// Digest sums the files read, for caches of parsed chapters.
	Digest [32]byte
	// Warnings name the files that could not be read.
	Warnings []diag.Diagnostic
}

// hugoFormats are the formats of Hugo's config files, in the order Hugo
// prefers them.
var hugoFormats = []string{"toml", "yaml", "yml", "json"}

// ReadHugoSite finds a Hugo site's config in the first of dirs (folders of
// fsys, nearest the book first) that holds one, as Hugo finds it at its
// project root: hugo.toml (.yaml, .json) or the older config.toml, and
// config/_default/'s hugo.* and params.*. config.* counts only in a folder
// that also holds content/, a name too common to take alone. Where files
// give the same key, the root file's wins. fsys reads only regular files
// within its limits (infile.FS). A file that cannot be read or parsed is
// one warning, and the others are read still.
func ReadHugoSite(fsys fs.FS, dirs []string) HugoSite {
	var site HugoSite
	for _, dir := range dirs {
		var found []string
		// the root file: the first of hugo.*, else of config.*
		for _, base := range []string{"hugo", "config"} {
			if base == "config" && !isDir(fsys, path.Join(dir, "content")) {
				continue
			}
			if f := firstFile(fsys, dir, base); f != "" {
				found = append(found, f)
				break
			}
		}
		defaults := path.Join(dir, "config", "_default")
		for _, base := range []string{"hugo", "config", "params"} {
			if f := firstFile(fsys, defaults, base); f != "" {
				found = append(found, f)
			}
		}
		if len(found) == 0 {
			continue
		}
		h := sha256.New()
		for _, f := range found {
			params, data, d := readHugoParams(fsys, f)
			if d != nil {
				site.Warnings = append(site.Warnings, *d)
				continue
			}
			fmt.Fprintf(h, "%s\x00%d\x00", f, len(data))
			h.Write(data)
			site.Files = append(site.Files, f)
			if params != nil {
				site.Params = mergeParams(site.Params, params)
			}
		}
		h.Sum(site.Digest[:0])
		return site
	}
	return site
}

// firstFile is dir/base.ext for the first of Hugo's formats that exists.
func firstFile(fsys fs.FS, dir, base string) string {
	for _, ext := range hugoFormats {
		name := path.Join(dir, base+"."+ext)
		if _, err := fs.Stat(fsys, name); err == nil || !errors.Is(err, fs.ErrNotExist) {
			// one that is there but cannot be read is reported when read
			return name
		}
	}
	return ""
}

func isDir(fsys fs.FS, name string) bool {
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.IsDir()
}

// readHugoParams reads the params of one config file: its params table,
// or all of it for config/_default/params.*, unwrapped when params is its
// only key, as Hugo reads them.
func readHugoParams(fsys fs.FS, name string) (map[string]any, []byte, *diag.Diagnostic) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		d := diag.Warnf(name, 0, "hugo.config", "the Hugo site's config cannot be read: %v; its params are not used", unwrapPathErr(err))
		return nil, nil, &d
	}
	var m map[string]any
	ext := strings.TrimPrefix(path.Ext(name), ".")
	line, col := 0, 0
	switch ext {
	case "toml":
		err = toml.Unmarshal(data, &m)
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, col = de.Position()
		}
	case "json":
		err = json.Unmarshal(data, &m)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col = offsetPlace(data, int(se.Offset)-1) // Offset is past the byte
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			line, col = offsetPlace(data, int(te.Offset)-1)
		}
	default:
		err = yaml.Unmarshal(data, &m)
		var te *yaml.TypeError
		if errors.As(err, &te) && len(te.Errors) > 0 {
			err = errors.New(te.Errors[0])
		}
		if err != nil {
			line, err = yamlErrLine(err)
		}
	}
	if err != nil {
		d := diag.Warnf(name, line, "hugo.config", "the Hugo site's config is not valid %s: %s; its params are not used", strings.ToUpper(strings.Replace(ext, "yml", "yaml", 1)), firstLine(err.Error()))
		d.Column = col
		return nil, nil, &d
	}
	if strings.HasPrefix(path.Base(name), "params.") {
		if len(m) == 1 {
			if inner, ok := paramsTable(m); ok {
				return inner, data, nil
			}
		}
		return m, data, nil
	}
	params, _ := paramsTable(m)
	return params, data, nil
}

// paramsTable is m's params table, its key in any case as Hugo's keys are.
func paramsTable(m map[string]any) (map[string]any, bool) {
	v, ok := lookup(m, "params")
	if !ok {
		return nil, false
	}
	t, ok := v.(map[string]any)
	return t, ok
}

// mergeParams adds to into what from has and into lacks, table by table.
func mergeParams(into, from map[string]any) map[string]any {
	if into == nil {
		return from
	}
	for k, v := range from {
		have, ok := into[k]
		if !ok {
			for hk, hv := range into {
				if strings.EqualFold(hk, k) {
					have, ok, k = hv, true, hk
					break
				}
			}
		}
		if !ok {
			into[k] = v
			continue
		}
		a, aMap := have.(map[string]any)
		b, bMap := v.(map[string]any)
		if aMap && bMap {
			into[k] = mergeParams(a, b)
		}
	}
	return into
}

// offsetPlace is the line and column of a byte offset in data.
func offsetPlace(data []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(data))
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = offset - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// yamlErrLine splits the line yaml.v3 puts in its message ("yaml: line
// 3: …") from the rest; line is 0 when it names none.
func yamlErrLine(err error) (int, error) {
	msg, _ := strings.CutPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if n, e := strconv.Atoi(num); e == nil && n > 0 {
				return n, errors.New(text)
			}
		}
	}
	return 0, errors.New(msg)
}

// firstLine keeps a parser's message to its first line.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// unwrapPathErr drops the path an fs error repeats: the warning names it.
func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
