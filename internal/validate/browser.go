package validate

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// AxeEnv names axe-core's axe.min.js for Axe; without it, Axe looks in
// the global npm folder (npm i -g axe-core).
const AxeEnv = "SAMIZDAT_AXE"

// Chromium returns the command line that runs Debian's Chromium headless,
// cut off from the network and from any profile, or skips the test when
// it is missing.
func Chromium(t testing.TB) []string {
	t.Helper()
	p, err := exec.LookPath("chromium")
	if err != nil {
		missing(t, "chromium")
		return nil
	}
	return []string{p, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
}

// DumpDOM loads url in headless Chromium and returns the document as the
// page's scripts left it after loading, for up to budget of the page's own
// time (so scripts that run on timers finish).
func DumpDOM(t testing.TB, chromium []string, url string, budget time.Duration) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append(chromium[1:len(chromium):len(chromium)], fmt.Sprintf("--virtual-time-budget=%d", budget.Milliseconds()), "--dump-dom", url)
	cmd := exec.CommandContext(ctx, chromium[0], args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("chromium %s: %v\n%s", url, err, lastLines(stderr.String(), 5))
	}
	return string(out), nil
}

// Screenshot saves a PNG of url as headless Chromium shows it.
func Screenshot(t testing.TB, chromium []string, url, png string, width, height int) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append(chromium[1:len(chromium):len(chromium)], fmt.Sprintf("--window-size=%d,%d", width, height), "--screenshot="+png, url)
	out, err := exec.CommandContext(ctx, chromium[0], args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("chromium screenshot %s: %v\n%s", url, err, lastLines(string(out), 5))
	}
	return nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// AxeScript returns axe-core's script, or skips the test when it is not
// installed.
func AxeScript(t testing.TB) []byte {
	t.Helper()
	candidates := []string{os.Getenv(AxeEnv)}
	if out, err := exec.Command("npm", "root", "-g").Output(); err == nil {
		candidates = append(candidates, filepath.Join(strings.TrimSpace(string(out)), "axe-core", "axe.min.js"))
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if data, err := os.ReadFile(c); err == nil {
			return data
		}
	}
	missing(t, "axe-core (npm i -g axe-core, or "+AxeEnv+"=…/axe.min.js)")
	return nil
}

// AxeRunner is the script a page under test loads after axe-core: it
// runs every rule and writes the violations into the page, as JSON in
// <pre id="axe-violations">, for DumpDOM to read.
const AxeRunner = `axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
  var out = r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.html; })};
  });
  report(JSON.stringify(out));
}, function (e) { report(JSON.stringify([{id: "axe-error", help: String(e)}])); });
function report(s) {
  var p = document.createElement("pre");
  p.id = "axe-violations";
  p.textContent = s;
  document.body.appendChild(p);
}
`

// AxeViolation is one rule a page breaks, with the markup that breaks it.
type AxeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// AxeViolations reads what AxeRunner wrote into a dumped page; ok is false
// when it wrote nothing (axe did not finish).
func AxeViolations(dom string) ([]AxeViolation, bool, error) {
	const start = `<pre id="axe-violations">`
	i := strings.Index(dom, start)
	if i < 0 {
		return nil, false, nil
	}
	rest := dom[i+len(start):]
	j := strings.Index(rest, "</pre>")
	if j < 0 {
		return nil, false, nil
	}
	raw := html.UnescapeString(rest[:j])
	var vs []AxeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		return nil, true, fmt.Errorf("axe's report: %v", err)
	}
	return vs, true, nil
}
