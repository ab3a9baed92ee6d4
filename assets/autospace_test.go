package assets

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/samizdat-press/samizdat/internal/validate"
)

// TestSlowAutospaceInChromium: with the EPUB's sheet, Chromium sets a
// quarter em between an ideograph and a Latin word, as the PDF does, and
// none in a code block, whose columns must align. Chromium leaves the
// scripts touching unless a sheet asks.
func TestSlowAutospaceInChromium(t *testing.T) {
	validate.Slow(t)
	chromium := validate.Chromium(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "epub.css"), MustRead(EPUBStylesheet), 0o644); err != nil {
		t.Fatal(err)
	}
	// Each pair is the same text with and without the sheet's spacing;
	// the script writes each pair's difference in width, in ems.
	page := `<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"/>
<link rel="stylesheet" href="epub.css"/>
<style>span { white-space: nowrap } body { font-size: 20px }</style></head><body>
<p><span id="p">用let命令</span><br/><span id="p0" style="text-autospace: no-autospace">用let命令</span></p>
<pre><span id="c">用let命令</span>
<span id="c0" style="text-autospace: no-autospace">用let命令</span></pre>
<script>
const w = id => document.getElementById(id).getBoundingClientRect().width;
const em = id => parseFloat(getComputedStyle(document.getElementById(id)).fontSize);
document.body.setAttribute("data-gaps",
  ((w("p") - w("p0")) / em("p")).toFixed(3) + " " + ((w("c") - w("c0")) / em("c")).toFixed(3));
</script></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "page.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, err := validate.DumpDOM(t, chromium, "file://"+filepath.ToSlash(filepath.Join(dir, "page.html")), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`data-gaps="(-?[0-9.]+) (-?[0-9.]+)"`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the page measured nothing:\n%s", dom)
	}
	prose, _ := strconv.ParseFloat(m[1], 64)
	code, _ := strconv.ParseFloat(m[2], 64)
	// two gaps of an eighth of the ideograph's em at least (CSS Text 4
	// says 1/8 of an ideograph's advance, Chromium's own choice)
	if prose < 0.2 {
		t.Errorf("ideographs and Latin in prose are %.3f em further apart with the sheet, want two gaps", prose)
	}
	if code != 0 {
		t.Errorf("a code block's ideographs and Latin are %.3f em further apart with the sheet, want none", code)
	}
}
