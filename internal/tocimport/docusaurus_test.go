package tocimport

import (
	"testing"
	"testing/fstest"
)

// TestJSString: only a key given a string literal on a line of its own
// is read; anything computed is not.
func TestJSString(t *testing.T) {
	for _, tt := range []struct{ src, key, want string }{
		{"  srcDir: 'src',\n", "srcDir", "src"},
		{"  title: \"Vue.js\"\n", "title", "Vue.js"},
		{"  title: site.title,\n", "title", ""},
		{"  title: `t${x}`,\n", "title", ""},
		{"  text: 'a', title: 'b'\n", "title", ""},
	} {
		if got := jsString([]byte(tt.src), tt.key); got != tt.want {
			t.Errorf("jsString(%q, %q) = %q, want %q", tt.src, tt.key, got, tt.want)
		}
	}
}

// FuzzDocusaurus: any _category_ file and front matter give a project
// or an error, never a panic, and every chapter is a page of the folder.
func FuzzDocusaurus(f *testing.F) {
	f.Add("label: Plugins\nposition: 2\n", "---\nsidebar_position: 1\nsidebar_label: A\n---\n# A\n")
	f.Add(`{"label": "X", "position": "1.5"}`, "---\ndraft: true\n---\n")
	f.Add("label: [1", "---\nsidebar_position: [\n---\n")
	f.Fuzz(func(t *testing.T, category, page string) {
		fsys := fstest.MapFS{
			"a/_category_.yml":  {Data: []byte(category)},
			"a/_category_.json": {Data: []byte(category)},
			"a/page.mdx":        {Data: []byte(page)},
			"b.md":              {Data: []byte(page)},
		}
		res, err := Import(fsys, Options{Name: "p"})
		if err != nil {
			return
		}
		if res.Kind != KindDocusaurus {
			t.Fatalf("kind %q", res.Kind)
		}
	})
}
