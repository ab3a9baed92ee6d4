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

func TestClosestFile(t *testing.T) {
	files := []string{"assets/nrf52-spi-frequency-register.png", "assets/crates.png", "img/map.png"}
	tests := []struct{ name, want string }{
		{"assets/nrf52-spi-frequency-regster.png", "assets/nrf52-spi-frequency-register.png"},
		{"img/mpa.png", "img/map.png"},
		{"images/unused.png", ""}, // an extension alone is no likeness
		{"png", ""},
	}
	for _, tt := range tests {
		if got := ClosestFile(tt.name, files); got != tt.want {
			t.Errorf("ClosestFile(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
