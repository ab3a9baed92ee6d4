package notebook

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestFigureMeta(t *testing.T) {
	for _, c := range []struct{ name, meta, want string }{
		{"mystnb figure and image", `{"mystnb": {"figure": {"caption": "A *plot*.\n", "name": "fig-a"}, "image": {"width": "50%", "alt": "a plot"}}}`,
			"````{figure} data:x\n:name: fig-a\n:alt: a plot\n:width: 50%\n\nA *plot*.\n````"},
		{"the older myst key", `{"myst": {"figure": {"caption": "Fish", "name": "fish"}}}`,
			"````{figure} data:x\n:name: fish\n:alt: Output of cell 2\n\nFish\n````"},
		{"mystnb's figure over myst's", `{"myst": {"figure": {"name": "old"}}, "mystnb": {"figure": {"name": "new"}}}`,
			"````{figure} data:x\n:name: new\n:alt: Output of cell 2\n````"},
		{"a caption holding a fence gets a longer one", "{\"mystnb\": {\"figure\": {\"caption\": \"````\"}}}",
			"`````{figure} data:x\n:alt: Output of cell 2\n\n````\n`````"},
		{"an image's options alone make no figure", `{"mystnb": {"image": {"width": "10px"}}}`, ""},
		{"options of another type are passed over", `{"mystnb": {"figure": "yes"}}`, ""},
	} {
		var m cellMeta
		if err := json.Unmarshal([]byte(c.meta), &m); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		f := figureMeta(m)
		got := ""
		if f.figure {
			alt := f.alt
			if alt == "" {
				alt = "Output of cell 2"
			}
			got = f.directive("data:x", alt)
		}
		if got != c.want {
			t.Errorf("%s:\n%s\nwant:\n%s", c.name, got, c.want)
		}
	}
}

// TestFigureMystNB reads MyST-NB's own test notebook
// (testdata/myst-nb-metadata-figure.ipynb, BSD-3-Clause): its cell's
// picture is written as a named figure under its caption.
func TestFigureMystNB(t *testing.T) {
	src, err := os.ReadFile("testdata/myst-nb-metadata-figure.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Convert(src, "metadata_figure.ipynb", Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(r.Source)
	for _, want := range []string{"````{figure} data:image/png;base64,", ":name: fun-fish\n:alt: Output of cell 2\n\nHey everyone its **party** time!\n````"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in:\n%.600s", want, s)
		}
	}
}
