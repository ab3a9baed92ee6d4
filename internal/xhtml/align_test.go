package xhtml

import "testing"

// TestAlignedBlocksToXHTML: the alignment raw HTML asks of a paragraph,
// heading or div is kept as the stylesheet's class, since XHTML has no
// align attribute; one the text would have anyway (justify) adds nothing.
func TestAlignedBlocksToXHTML(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"paragraph", "<p align=\"center\">Source: <i>the report</i></p>\n",
			"<p class=\"align-center\">Source: <i>the report</i></p>\n"},
		{"heading with a class", "<h2 class=\"intro\" align=\"center\">Intro</h2>\n",
			"<h2 id=\"intro\" class=\"intro align-center\">Intro</h2>\n"},
		{"div by style", "<div style=\"margin: 0; text-align: right\">\n\nSigned.\n\n</div>\n",
			"<div class=\"align-right\">\n<p>Signed.</p>\n</div>\n"},
		{"center", "<center>Centred</center>\n",
			"<div class=\"center align-center\">\n<p>Centred</p>\n</div>\n"},
		{"justify", "<p align=\"justify\">Plain.</p>\n", "<p>Plain.</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkMarkdownXHTML(t, tc.src, tc.want) })
	}
}
