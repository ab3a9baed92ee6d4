package svg

import "testing"

// TestCodeFamilies: the code fonts drawing programs name are monospace,
// though their names say nothing of it: Excalidraw sets code in
// "Cascadia" (later "Comic Shanns"), so a terminal it draws keeps its
// columns.
func TestCodeFamilies(t *testing.T) {
	for _, tc := range []struct {
		family string
		want   Generic
	}{
		{"Cascadia, Segoe UI Emoji", Monospace},
		{"Comic Shanns, Segoe UI Emoji", Monospace},
		{"'Cascadia Code'", Monospace},
		{"Inconsolata", Monospace},
		{"Virgil, Segoe UI Emoji", Serif},
		{"Helvetica", SansSerif},
	} {
		d, err := Parse([]byte(svgOpen+`<text y="10" font-family="`+tc.family+`">x</text></svg>`), Options{Metrics: fixedMetrics{}})
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Items) != 1 {
			t.Fatalf("%s: %d items", tc.family, len(d.Items))
		}
		text, ok := d.Items[0].(*Text)
		if !ok {
			t.Fatalf("%s: %T", tc.family, d.Items[0])
		}
		if text.Font.Family != tc.want {
			t.Errorf("%s: %v, want %v", tc.family, text.Font.Family, tc.want)
		}
	}
}
