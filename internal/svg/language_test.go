package svg

import (
	"strings"
	"testing"
)

// TestSystemLanguage: a <switch> draws its first child whose
// systemLanguage names the language the picture is read in (English by
// default), as localised pictures carry a label for each; its regional
// variants and base language count; any other element whose
// systemLanguage does not name it is not drawn.
func TestSystemLanguage(t *testing.T) {
	labels := `<switch><text systemLanguage="de,fr" y="1">Hallo</text><text systemLanguage="en-GB" y="1">Hello</text><text y="1">fallback</text></switch>` +
		`<text systemLanguage="ru" y="2">Привет</text>`
	tests := []struct{ lang, want string }{
		{"", "Hello"},
		{"en-US", "Hello"},
		{"de", "Hallo"},
		{"fr-CA", "Hallo"},
		{"ru", "fallback Привет"},
		{"ja", "fallback"},
	}
	for _, tc := range tests {
		d, err := Parse([]byte(svgOpen+labels+"</svg>"), Options{Metrics: fixedMetrics{}, Language: tc.lang})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range d.Items {
			if tx, ok := it.(*Text); ok {
				got = append(got, tx.Text)
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("language %q: drew %q, want %q", tc.lang, g, tc.want)
		}
	}
}
