package pdf

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// Links to the same address share one URI action. gofpdf writes the
// address into every link annotation, and the layout makes one annotation
// per line a link's text runs over, so a long address wrapped over many
// lines, or one address linked from many places, would be written again
// for each: a file growing with the square of an address's length. The
// painter gives gofpdf a short stand-in for each distinct address, and the
// finishing pass points every annotation bearing one at a single action
// object holding the address.

// uriStandIn is the prefix of the stand-in for the i-th distinct address.
const uriStandIn = "samizdat-uri:"

// uriLinks numbers the distinct addresses of a document's links.
type uriLinks struct {
	uris  []string
	index map[string]int
	// The previous link's address as the layout gave it, and what it
	// became: the pieces of one wrapped link come in a row and share their
	// string, so each is made safe and looked up once.
	last        string
	lastStandIn string
	lastOK      bool
}

// standIn returns the stand-in for the link address raw, or false when the
// address cannot be linked (see linkURL).
func (l *uriLinks) standIn(raw string) (string, bool) {
	if l.lastStandIn != "" && raw == l.last {
		return l.lastStandIn, l.lastOK
	}
	u, ok := linkURL(raw)
	n := -1
	if ok {
		var seen bool
		if n, seen = l.index[u]; !seen {
			if l.index == nil {
				l.index = map[string]int{}
			}
			n = len(l.uris)
			l.uris = append(l.uris, u)
			l.index[u] = n
		}
	}
	l.last, l.lastStandIn, l.lastOK = raw, uriStandIn+strconv.Itoa(n), ok
	return l.lastStandIn, ok
}

// shareURIActions replaces the stand-in actions of the link annotations
// of f's pages with references to one URI action per address.
func shareURIActions(f *pdffile.File, uris []string) error {
	if len(uris) == 0 {
		return nil
	}
	next := 0
	for r := range f.Objects {
		next = max(next, r.Num)
	}
	actions := make([]pdffile.Object, len(uris))
	for _, ref := range f.Refs() {
		page, ok := f.Objects[ref].(pdffile.Dict)
		if !ok || !page.Is("Type", "Page") {
			continue
		}
		annots, ok := f.Resolve(page["Annots"]).(pdffile.Array)
		if !ok {
			continue
		}
		for _, a := range annots {
			annot, ok := f.Dict(a)
			if !ok || !annot.Is("Subtype", "Link") {
				continue
			}
			action, ok := f.Dict(annot["A"])
			if !ok || !action.Is("S", "URI") {
				continue
			}
			s, ok := action["URI"].(pdffile.String)
			if !ok || !bytes.HasPrefix(s.Bytes, []byte(uriStandIn)) {
				continue
			}
			n, err := strconv.Atoi(string(s.Bytes[len(uriStandIn):]))
			if err != nil || n < 0 || n >= len(uris) {
				return fmt.Errorf("link annotation with a stand-in %q for no address", s.Bytes)
			}
			if actions[n] == nil {
				next++
				r := pdffile.Ref{Num: next}
				f.Objects[r] = pdffile.Dict{"S": pdffile.Name("URI"), "URI": pdffile.Text(uris[n])}
				actions[n] = r
			}
			annot["A"] = actions[n]
		}
	}
	return nil
}
