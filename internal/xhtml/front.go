package xhtml

import (
	"strings"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// CreatorGroup is one line of a title page: the creators sharing a role
// (a MARC relator code, "aut" for authors).
type CreatorGroup struct {
	Role  string
	Names []string
}

// CreatorGroups gathers the creators by role, in the order each role is
// first met; a creator without a role is an author, one without a name is
// left out.
func CreatorGroups(creators []doc.Creator) []CreatorGroup {
	var groups []CreatorGroup
	index := map[string]int{}
	for _, c := range creators {
		name := OneLine(c.Name)
		if name == "" {
			continue
		}
		role := strings.TrimSpace(c.Role)
		if role == "" {
			role = "aut"
		}
		i, ok := index[role]
		if !ok {
			i = len(groups)
			index[role] = i
			groups = append(groups, CreatorGroup{Role: role})
		}
		groups[i].Names = append(groups[i].Names, name)
	}
	return groups
}

// TitlePageLines writes the lines of a title page below its title: the
// subtitle, the creators by role (roles maps a relator code to the phrase
// before the names, "Edited by"), the edition's title when the edition
// shows it, and the publisher.
func TitlePageLines(w *Writer, m doc.Meta, roles map[string]string) {
	if s := OneLine(m.Subtitle); s != "" {
		w.Element("p", s, A("class", "subtitle"))
		w.NL()
	}
	for _, g := range CreatorGroups(m.Creators) {
		names := strings.Join(g.Names, ", ")
		if g.Role == "aut" {
			w.Element("p", names, A("class", "creator author"))
		} else {
			w.Open("p", A("class", "creator "+ClassList(g.Role)))
			if phrase := roles[g.Role]; phrase != "" {
				w.Element("span", phrase, A("class", "role"))
				w.Raw(" ")
			}
			w.Text(names)
			w.Close("p")
		}
		w.NL()
	}
	if s := OneLine(m.ShownEditionTitle()); s != "" {
		w.Element("p", s, A("class", "edition"))
		w.NL()
	}
	if s := OneLine(m.Publisher); s != "" {
		w.Element("p", s, A("class", "publisher"))
		w.NL()
	}
}
