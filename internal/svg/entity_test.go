package svg

import (
	"strings"
	"testing"
)

// TestEntities: the general entities a DOCTYPE's internal subset
// declares are expanded, as Adobe Illustrator names its namespaces with
// them; a value may use those declared before it; the first declaration
// binds; a value too long to be a namespace or an attribute is not
// declared.
func TestEntities(t *testing.T) {
	illustrator := `<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
	<!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
	<!ENTITY fill 'green'>
	<!ENTITY fill "red">
	<!ENTITY both "&fill; &amp;">
	<!ENTITY long "` + strings.Repeat("x", 300) + `">
]>
<svg version="1.1" xmlns:x="&ns_extend;" xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" width="20px" height="20px">
<rect width="10" height="10" fill="&fill;"/>
</svg>`
	e := Entities([]byte(illustrator))
	for name, want := range map[string]string{"ns_svg": svgNS, "fill": "green", "both": "green &", "amp": "&"} {
		if e[name] != want {
			t.Errorf("entity %s = %q, want %q", name, e[name], want)
		}
	}
	if _, ok := e["long"]; ok {
		t.Error("an entity of 300 characters is declared")
	}
	got := parseDump(t, illustrator, Options{})
	if want := "shape [id] fill=#008000/1\n  M0,0 L10,0 L10,10 L0,10 Z"; got != want {
		t.Errorf("Illustrator's picture:\n%s\nwant:\n%s", got, want)
	}
}
