package svg

import (
	"bytes"
	"encoding/xml"
	"maps"
	"regexp"
	"strings"
)

// entityDecl is a general entity declared with a literal value:
// <!ENTITY name "value">.
var entityDecl = regexp.MustCompile(`<!ENTITY\s+([A-Za-z_:][-A-Za-z0-9._:]*)\s+(?:"([^"]*)"|'([^']*)')\s*>`)

// Entity bounds keep declared entities from expanding a picture beyond
// what it could use (entities built of entities, "billion laughs"): a
// value longer than a namespace or an attribute needs is not declared.
const (
	maxEntities     = 1000
	maxEntityLength = 256
)

// Entities returns what an xml.Decoder's Entity should be for an SVG
// document: HTML's named entities and the general entities its DOCTYPE's
// internal subset declares, as Adobe Illustrator declares the namespaces
// it then names (<!ENTITY ns_svg "http://www.w3.org/2000/svg"> and
// xmlns="&ns_svg;"), or as values are shared. A value may use the
// entities declared before it; parameter entities and external ones are
// not read.
func Entities(data []byte) map[string]string {
	start := bytes.Index(data, []byte("<!DOCTYPE"))
	if start < 0 {
		return xml.HTMLEntity
	}
	open := bytes.IndexByte(data[start:], '[')
	end := bytes.Index(data[start:], []byte("]>"))
	if open < 0 || end < open {
		return xml.HTMLEntity
	}
	decls := entityDecl.FindAllSubmatch(data[start+open:start+end], maxEntities)
	if len(decls) == 0 {
		return xml.HTMLEntity
	}
	out := maps.Clone(xml.HTMLEntity)
	declared := map[string]bool{}
	for _, d := range decls {
		v := string(d[2]) + string(d[3])
		if strings.Contains(v, "&") {
			var b strings.Builder
			for len(v) > 0 {
				i := strings.IndexByte(v, '&')
				j := strings.IndexByte(v[max(i, 0):], ';')
				if i < 0 || j < 0 {
					b.WriteString(v)
					break
				}
				b.WriteString(v[:i])
				name := v[i+1 : i+j]
				if r, ok := out[name]; ok {
					b.WriteString(r)
				} else {
					b.WriteString(v[i : i+j+1])
				}
				v = v[i+j+1:]
				if b.Len() > maxEntityLength {
					break
				}
			}
			v = b.String()
		}
		if len(v) > maxEntityLength {
			continue
		}
		name := string(d[1])
		if declared[name] {
			continue // the first declaration binds (XML 1.0, 4.2)
		}
		declared[name] = true
		out[name] = v
	}
	return out
}
