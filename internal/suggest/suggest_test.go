package suggest

import "testing"

func TestClosest(t *testing.T) {
	keys := []string{"pdf.page_size", "pdf.font_size", "title", "subtitle", "epub.cover"}
	tests := []struct{ word, want string }{
		{"pdf.pagesize", "pdf.page_size"},
		{"pdf.page-size", "pdf.page_size"},
		{"titel", "title"},             // swapped letters count once
		{"page_size", "pdf.page_size"}, // a bare last segment finds its path
		{"PDF.FONT_SIZE", "pdf.font_size"},
		{"publisher", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Closest(tt.word, keys); got != tt.want {
			t.Errorf("Closest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if got := DidYouMean("titel", keys); got != ` (did you mean "title"?)` {
		t.Errorf("DidYouMean = %q", got)
	}
	if got := DidYouMean("zzz", keys); got != "" {
		t.Errorf("DidYouMean = %q, want none", got)
	}
}
