package tocimport

import "testing"

func TestShortRights(t *testing.T) {
	tests := []struct{ in, want string }{
		// Standard Ebooks' statement, in every book they make
		{"The source text and artwork in this ebook are believed to be in the United States public domain; that is, they are believed to be free of copyright restrictions in the United States. They may still be copyrighted in other countries, so users located outside of the United States must check their local laws before using this ebook. The creators of, and contributors to, this ebook dedicate their contributions to the worldwide public domain via the terms in the [CC0 1.0 Universal Public Domain Dedication](https://creativecommons.org/publicdomain/zero/1.0/).",
			"text in the United States public domain; the edition's contributions dedicated to the public domain (CC0 1.0)"},
		{"CC BY-SA 4.0", "CC BY-SA 4.0"},
		{"Public domain in the United States.", "Public domain in the United States."},
	}
	for _, tt := range tests {
		if got := shortRights(tt.in); got != tt.want {
			t.Errorf("shortRights(%.30q…) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
