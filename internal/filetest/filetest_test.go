package filetest

import (
	"archive/zip"
	"bytes"
	"testing"
)

func TestLineDiff(t *testing.T) {
	for _, c := range []struct{ want, got, diff string }{
		{"a\nb\n", "a\nb\n", ""},
		{"a\nb\nc", "a\nB\nc", "line 2:\n want \"b\"\n  got \"B\""},
		{"a\n", "a\nmore", "line 2:\n want \"\"\n  got \"more\""},
	} {
		if d := LineDiff(c.want, c.got); d != c.diff {
			t.Errorf("LineDiff(%q, %q) = %q, want %q", c.want, c.got, d, c.diff)
		}
	}
}

func TestUnzip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range [][2]string{{"mimetype", "application/epub+zip"}, {"EPUB/a.xhtml", "<p/>"}} {
		w, err := zw.Create(m[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(m[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	files := Unzip(t, buf.Bytes())
	if len(files) != 2 || files["mimetype"] != "application/epub+zip" || files["EPUB/a.xhtml"] != "<p/>" {
		t.Errorf("Unzip = %q", files)
	}
}
