package build

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/markdown"
	"github.com/samizdat-press/samizdat/internal/notebook"
)

// bookGlue is what the book's notebooks glued (MyST-NB's glue()), by
// notebook and key, for the {glue} roles and directives of every page.
type bookGlue struct {
	byFile map[string]map[string]notebook.Glued
	// digest changes when any value glued does: a page's parse depends
	// on it
	digest [32]byte
}

// collectGlue reads the values the book's notebooks glued, before any
// page is parsed: a page may paste what another notebook glued. A
// notebook that cannot be read glues nothing; its parse says why.
func (p *project) collectGlue(entries []*doc.Entry) *bookGlue {
	g := &bookGlue{byFile: map[string]map[string]notebook.Glued{}}
	h := sha256.New()
	for _, e := range entries {
		if !notebook.IsNotebook(e.File) {
			continue
		}
		src, err := fs.ReadFile(p.limited("limits.chapter"), e.File)
		if err != nil {
			continue
		}
		vals := notebook.Glue(src)
		if len(vals) == 0 {
			continue
		}
		g.byFile[e.File] = vals
		keys := make([]string, 0, len(vals))
		for k := range vals {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(h, "%s\x00%s\x00", e.File, k)
			mts := make([]string, 0, len(vals[k].Data))
			for mt := range vals[k].Data {
				mts = append(mts, mt)
			}
			slices.Sort(mts)
			for _, mt := range mts {
				fmt.Fprintf(h, "%s\x00%s\x00", mt, vals[k].Data[mt])
			}
		}
	}
	if len(g.byFile) == 0 {
		return nil
	}
	h.Sum(g.digest[:0])
	return g
}

// forPage finds keys as MyST-NB does for a page: "path::key" in the
// notebook named (relative to the page), a bare key in the page's own
// notebook first. A bare key no notebook of the page glued is taken
// from the one notebook of the book that glued it, as Jupyter Book
// before MyST-NB 0.14 did; glued by several, it is ambiguous.
func (g *bookGlue) forPage(page string) markdown.Glue {
	if g == nil {
		return nil
	}
	return func(key string) (markdown.GlueValue, error) {
		if i := strings.Index(key, "::"); i >= 0 {
			nb, k := key[:i], key[i+2:]
			file := path.Join(path.Dir(page), nb)
			vals, ok := g.byFile[file]
			if !ok && path.Ext(file) == "" {
				file += ".ipynb"
				vals, ok = g.byFile[file]
			}
			if !ok {
				return nil, fmt.Errorf("no notebook %s of the book glued values", file)
			}
			v, ok := vals[k]
			if !ok {
				return nil, fmt.Errorf("notebook %s glued no %q", file, k)
			}
			return v.Data, nil
		}
		if v, ok := g.byFile[page][key]; ok {
			return v.Data, nil
		}
		var from []string
		for file, vals := range g.byFile {
			if _, ok := vals[key]; ok {
				from = append(from, file)
			}
		}
		slices.Sort(from)
		switch len(from) {
		case 0:
			if !notebook.IsNotebook(page) {
				return nil, fmt.Errorf("no notebook of the book glued %q (a MyST .md page's code is not run, so it glues nothing)", key)
			}
			return nil, fmt.Errorf("no notebook of the book glued %q", key)
		case 1:
			return g.byFile[from[0]][key].Data, nil
		}
		return nil, fmt.Errorf("%q is glued by %d notebooks (%s): name one, {glue}`%s::%s`", key, len(from), strings.Join(from, ", "), strings.TrimSuffix(from[0], ".ipynb"), key)
	}
}

// key mixes the glued values into a page's parse key.
func (g *bookGlue) key(k [32]byte) [32]byte {
	if g == nil {
		return k
	}
	return sha256.Sum256(append(k[:], g.digest[:]...))
}
