package markdown

import (
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// markPictures marks the picture, link and dropped tags the HTML parser
// will make elements of, and nothing the parser takes for text.
func TestMarkPictures(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<p><img src=a></p>`, `<p><img at="3" src=a></p>`},
		{"x\n  <IMG SRC=a>", "x\n  <IMG at=\"4\" SRC=a>"},
		{`<image src=a/>`, `<image at="0" src=a/>`},
		{`<svg viewBox="0 0 1 1"><image href="a.png"/><svg></svg></svg>`, `<svg at="0" viewBox="0 0 1 1"><image href="a.png"/><svg></svg></svg>`},
		// An <img> ends SVG content: it is HTML's picture again.
		{`<svg><img src=a><image src=b>`, `<svg at="0"><img at="5" src=a><image at="16" src=b>`},
		{`<textarea><img src=a></textarea><img src=b>`, `<textarea at="0"><img src=a></textarea><img at="32" src=b>`},
		{`<!-- <img src=a> --><script><img src=a></script>`, `<!-- <img src=a> --><script at="20"><img src=a></script>`},
		{`<p>x <a href=y>z</a> <b>w</b> <iframe src=v></iframe>`, `<p>x <a at="5" href=y>z</a> <b>w</b> <iframe at="30" src=v></iframe>`},
		// Inside SVG, links and scripts are parts of the picture.
		{`<svg><a href=y><script>x</script></a></svg>`, `<svg at="0"><a href=y><script>x</script></a></svg>`},
		// In SVG, CDATA is text up to "]]>", whatever ">" it holds.
		{`<svg><![CDATA[ a > b <img src=a> ]]></svg>`, `<svg at="0"><![CDATA[ a > b <img src=a> ]]></svg>`},
		// In SVG, <style> holds markup, not raw text.
		{`<svg><style></style></svg><img src=a>`, `<svg at="0"><style></style></svg><img at="26" src=a>`},
	} {
		if got := markPictures(tc.in, sourceMap{{at: 0, src: 0, n: len(tc.in)}}, "at"); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
	// Only what was copied from the source is marked, at its offset there.
	in := `<b><img src=a></b><img src=b>`
	if got, want := markPictures(in, sourceMap{{at: 14, src: 100, n: 15}}, "at"), `<b><img src=a></b><img at="104" src=b>`; got != want {
		t.Errorf("mapped:\n got %q\nwant %q", got, want)
	}
}

func TestSourceMapShift(t *testing.T) {
	m := sourceMap{{at: 0, src: 10, n: 5}, {at: 5, src: 20, n: 5}}.shift(7)
	if len(m) != 1 || m.offset(0) != 22 || m.offset(2) != 24 || m.offset(3) != -1 {
		t.Errorf("shift(7) = %+v", m)
	}
	m = sourceMap{{at: 0, src: 10, n: 5}}.shift(2)
	if m.offset(0) != 12 || m.offset(2) != 14 {
		t.Errorf("shift(2) = %+v", m)
	}
}

// mayHoldPlacedTag finds placed tags' names whole, in any letter case.
func TestMayHoldPlacedTag(t *testing.T) {
	for in, want := range map[string]bool{
		"<a href=x>": true, "x <A>": true, "<TextArea>": true, "<img": true, "a < b <svg": true,
		"<abbr>": false, "<span> <p>": false, "no tags": false, "<textareas>": false, "<": false, "x<": false,
		"<textarea1234567>": false, "<h1>": false, "</a>": false, "<CodeBlock>": true, "<codeblocks>": false,
	} {
		if got := mayHoldPlacedTag(in); got != want {
			t.Errorf("mayHoldPlacedTag(%q) = %v, want %v", in, got, want)
		}
	}
	for name := range placedTags {
		if len(name) > len("codeblock") {
			t.Errorf("placed tag <%s> is longer than mayHoldPlacedTag reads", name)
		}
	}
}

// offset finds the span holding a byte among spans with gaps between.
func TestSourceMapOffset(t *testing.T) {
	m := sourceMap{{at: 0, src: 100, n: 3}, {at: 5, src: 200, n: 4}, {at: 12, src: 300, n: 2}}
	for i, want := range []int{100, 101, 102, -1, -1, 200, 201, 202, 203, -1, -1, -1, 300, 301, -1} {
		if got := m.offset(i); got != want {
			t.Errorf("offset(%d) = %d, want %d", i, got, want)
		}
	}
	if got := (sourceMap{}).offset(0); got != -1 {
		t.Errorf("empty map: offset(0) = %d, want -1", got)
	}
}

// A picture in a fragment (a note's body in a YAML file) has a line in
// the file and no column, as the fragment's other warnings do.
func TestPicturePlaceInFragment(t *testing.T) {
	ch, err := ParseFragment([]byte("A note\nwith ![a](a.png) and <img src=\"b.png\" alt=\"b\">.\n"), doc.Pos{File: "notes.yaml", Line: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	doc.Walk(ch.Blocks, doc.Visitor{Inline: func(in doc.Inline) bool {
		if img, ok := in.(*doc.Image); ok {
			got = append(got, img.Src+"@"+img.Pos.String())
		}
		return true
	}})
	if want := "a.png@notes.yaml:11 b.png@notes.yaml:11"; len(got) != 2 || got[0]+" "+got[1] != want {
		t.Errorf("pictures %q, want %s", got, want)
	}
}
