package fonts

import (
	"os"
	"testing"
)

// installedFont reads a font of fonts-noto-core, which CI installs.
func installedFont(t *testing.T, path string) *loaded {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("SAMIZDAT_REQUIRE_VALIDATORS") != "" {
			t.Fatalf("fonts-noto-core is required: %v", err)
		}
		t.Skipf("no %s on this machine: %v", path, err)
	}
	l, err := parse(data, 0)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
