package tocimport

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/samizdat-press/samizdat/internal/yamlfile"
)

// KindCarpentries is a lesson of The Carpentries Workbench (Software,
// Data and Library Carpentry's lessons, and many others).
const KindCarpentries = "Carpentries lesson"

// isCarpentriesConfig reports whether name is a Workbench lesson's
// config.yaml: beside an episodes/ folder, naming its carpentry.
func (r *reader) isCarpentriesConfig(name string) bool {
	if info, err := fs.Stat(r.fsys, path.Join(path.Dir(name), "episodes")); err != nil || !info.IsDir() {
		return false
	}
	root, err := r.yamlConfig(name)
	return err == nil && field(root, "carpentry") != nil
}

// carpentries reads a lesson's config.yaml: its title and lang, and its
// episodes:, learners:, instructors: and profiles: lists, each naming
// files of the folder of that name in order, or, left empty, all of the
// folder's Markdown by name, as the Workbench orders them. The book is
// what the lesson's site shows its learners: index.md and the learners'
// setup.md (its "Summary and Setup" page), the episodes, then the other
// learners' pages as a part. Instructors' notes and learner profiles are
// for those who teach the lesson: left out, with a note naming them.
func (r *reader) carpentries(config string) (*project, error) {
	root, err := r.yamlConfig(config)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(config)
	p := &project{kind: KindCarpentries, read: []string{config}, book: dir, langFrom: r.show(config)}
	p.title = scalar(field(root, "title"))
	p.language = scalar(field(root, "lang"))
	files := func(folder string) []entry {
		n := field(root, folder)
		if n != nil && n.Kind == yamlfile.List && len(n.Items) > 0 {
			var out []entry
			for _, it := range n.Items {
				name := scalar(it)
				if name == "" {
					p.notef("%s:%d: not a file of %s/: left out", r.show(config), it.Line, folder)
					continue
				}
				out = append(out, entry{File: path.Join(folder, name), At: fmt.Sprintf("%s:%d", r.show(config), it.Line)})
			}
			return out
		}
		return r.lessonFolder(dir, folder)
	}
	if r.exists(path.Join(dir, "index.md")) {
		p.entries = append(p.entries, entry{File: "index.md", Label: "Summary and Setup", At: r.show(path.Join(dir, "index.md"))})
	}
	learners := files("learners")
	if i := slices.IndexFunc(learners, func(e entry) bool { return path.Base(e.File) == "setup.md" }); i >= 0 {
		setup := learners[i]
		setup.Label = "Setup"
		p.entries = append(p.entries, setup)
		learners = slices.Delete(learners, i, i+1)
	}
	episodes := files("episodes")
	if len(episodes) == 0 {
		return nil, fmt.Errorf("%s: a lesson with no episodes: episodes/ holds no Markdown and episodes: lists none", r.show(config))
	}
	p.entries = append(p.entries, episodes...)
	if len(learners) > 0 {
		p.entries = append(p.entries, entry{Part: "Learner Resources", Chapters: learners, At: r.show(config)})
	}
	var teaching []string
	for _, folder := range []string{"instructors", "profiles"} {
		for _, e := range files(folder) {
			teaching = append(teaching, r.show(path.Join(dir, e.File)))
		}
	}
	if len(teaching) > 0 {
		p.notef("%s: for those who teach the lesson: left out (list them in the manifest for an instructors' edition)", andList(teaching))
	}
	if r.exists(path.Join(dir, "links.md")) {
		p.notef("%s: the lesson's shared link definitions: appended to every chapter, as the lesson's site does", r.show(path.Join(dir, "links.md")))
	}
	return p, nil
}

// lessonFolder lists a lesson folder's Markdown (and R Markdown) files by
// name, as the Workbench orders a folder its config lists nothing of.
func (r *reader) lessonFolder(dir, folder string) []entry {
	des, err := fs.ReadDir(r.fsys, path.Join(dir, folder))
	if err != nil {
		return nil
	}
	var out []entry
	for _, de := range des {
		ext := strings.ToLower(path.Ext(de.Name()))
		if de.IsDir() || ext != ".md" && ext != ".rmd" {
			continue
		}
		name := path.Join(folder, de.Name())
		out = append(out, entry{File: name, At: r.show(path.Join(dir, name))})
	}
	return out
}

// isCarpentriesJekyll reports whether name is the _config.yml of a
// lesson of the older Jekyll template (The Carpentries' "styles", before
// the Workbench): beside an _episodes/ or _episodes_rmd/ folder, naming
// its carpentry.
func (r *reader) isCarpentriesJekyll(name string) bool {
	dir := path.Dir(name)
	if !r.isFolder(path.Join(dir, "_episodes")) && !r.isFolder(path.Join(dir, "_episodes_rmd")) {
		return false
	}
	root, err := r.yamlConfig(name)
	return err == nil && field(root, "carpentry") != nil
}

func (r *reader) isFolder(name string) bool {
	info, err := fs.Stat(r.fsys, name)
	return err == nil && info.IsDir()
}

// carpentriesJekyll reads a lesson of the older Jekyll template: its
// _config.yml's title and lang; index.md and setup.md, the episodes of
// _episodes/ by name (of _episodes_rmd/ when _episodes/ holds none, the
// R Markdown the site's Markdown is knitted from), reference.md, then
// _extras/ as a part "Extras". The instructors' guide (_extras/guide.md)
// is left out with a note, as the Workbench's instructors' notes are,
// and so are the site's all-in-one page and its page not found.
func (r *reader) carpentriesJekyll(config string) (*project, error) {
	root, err := r.yamlConfig(config)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(config)
	p := &project{kind: KindCarpentries, read: []string{config}, book: dir, langFrom: r.show(config)}
	p.title = scalar(field(root, "title"))
	p.language = scalar(field(root, "lang"))
	labelled := func(name, label string) {
		if r.exists(path.Join(dir, name)) {
			p.entries = append(p.entries, entry{File: name, Label: label, At: r.show(path.Join(dir, name))})
		}
	}
	labelled("index.md", "Overview")
	labelled("setup.md", "Setup")
	episodes := r.lessonFolder(dir, "_episodes")
	if len(episodes) == 0 {
		episodes = r.lessonFolder(dir, "_episodes_rmd")
	}
	if len(episodes) == 0 {
		return nil, fmt.Errorf("%s: a lesson with no episodes: _episodes/ and _episodes_rmd/ hold no Markdown", r.show(config))
	}
	p.entries = append(p.entries, episodes...)
	labelled("reference.md", "Reference")
	var extras []entry
	var teaching []string
	for _, e := range r.lessonFolder(dir, "_extras") {
		if path.Base(e.File) == "guide.md" {
			teaching = append(teaching, r.show(path.Join(dir, e.File)))
			continue
		}
		extras = append(extras, e)
	}
	if len(extras) > 0 {
		p.entries = append(p.entries, entry{Part: "Extras", Chapters: extras, At: r.show(config)})
	}
	if len(teaching) > 0 {
		p.notef("%s: for those who teach the lesson: left out (list them in the manifest for an instructors' edition)", andList(teaching))
	}
	for _, page := range []struct{ name, what string }{{"aio.md", "the site's all-in-one page, which repeats the episodes"}, {"404.md", "the site's page not found"}} {
		if r.exists(path.Join(dir, page.name)) {
			p.notef("%s: %s: left out", r.show(path.Join(dir, page.name)), page.what)
		}
	}
	if r.exists(path.Join(dir, "_includes", "links.md")) {
		p.notef("%s: the lesson's shared link definitions: read where each page includes it, as the lesson's site does", r.show(path.Join(dir, "_includes", "links.md")))
	}
	return p, nil
}
