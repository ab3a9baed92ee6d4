package xmltext

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	tests := []struct {
		in   string
		attr bool
		want string
	}{
		{`a<b>&"c"`, false, `a&lt;b&gt;&amp;"c"`},
		{`a<b>&"c"`, true, `a&lt;b&gt;&amp;&quot;c&quot;`},
		{"tab\tline\nend\r", true, "tab&#x9;line&#xA;end&#xD;"},
		{"tab\tline\n", false, "tab\tline\n"},
		{"nul\x00 bell\x07 bad\xff ok \uFFFE\U0001F600", false, "nul bell bad ok \U0001F600"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		Escape(&b, tt.in, tt.attr)
		if b.String() != tt.want {
			t.Errorf("Escape(%q, %v) = %q, want %q", tt.in, tt.attr, b.String(), tt.want)
		}
	}
}

func FuzzEscapeIsWellFormed(f *testing.F) {
	f.Add("a<b>&\"c\"\x00\r\n\t\xff\uFFFE]]>")
	f.Fuzz(func(t *testing.T, s string) {
		var b bytes.Buffer
		b.WriteString(`<x a="`)
		Escape(&b, s, true)
		b.WriteString(`">`)
		Escape(&b, s, false)
		b.WriteString(`</x>`)
		var v struct {
			A    string `xml:"a,attr"`
			Text string `xml:",chardata"`
		}
		if err := xml.NewDecoder(strings.NewReader(b.String())).Decode(&v); err != nil {
			t.Fatalf("%q: %v", b.String(), err)
		}
		if v.A != v.Text {
			t.Errorf("attribute %q and text %q read back differently", v.A, v.Text)
		}
	})
}
