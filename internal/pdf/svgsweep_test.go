package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
	"github.com/samizdat-press/samizdat/internal/layout"
	"github.com/samizdat-press/samizdat/internal/media"
)

// TestSVGSweep measures the SVG drawing against a suite of SVG files with
// reference renderings beside them (<name>.svg and <name>.png, such as
// resvg's tests/ folder): each picture is printed alone on a page of its
// size, rasterised by pdftoppm at the reference's pixel size, and compared
// with it, both composited on white. It runs only when SAMIZDAT_SVGSUITE
// names the suite's folder; SAMIZDAT_SVGSUITE_OUT names where the table
// of results (sweep.tsv) and the side-by-side images go, and
// SAMIZDAT_SVGSUITE_ONLY, when set, keeps only the files whose path
// contains it.
//
// The suite may as well be a folder of real exports, one subfolder per
// tool that made them, with references from a browser (a headless
// Chromium's screenshot of each at its size, its fonts mapped to the
// book's so that only the drawing differs): causes.tsv then counts, by
// subfolder, the files that match and differ, and, over the files that
// differ, the warnings given and the features used, most frequent first,
// to say what to fix first.
func TestSVGSweep(t *testing.T) {
	suite := os.Getenv("SAMIZDAT_SVGSUITE")
	if suite == "" {
		t.Skip("SAMIZDAT_SVGSUITE names no SVG test suite")
	}
	out := os.Getenv("SAMIZDAT_SVGSUITE_OUT")
	if out == "" {
		out = t.TempDir()
	}
	only := os.Getenv("SAMIZDAT_SVGSUITE_ONLY")
	var files []string
	err := filepath.WalkDir(suite, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(suite, path)
		if !d.IsDir() && strings.HasSuffix(path, ".svg") && strings.Contains(rel, only) {
			if _, err := os.Stat(strings.TrimSuffix(path, ".svg") + ".png"); err == nil {
				files = append(files, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	faces := testFaces(t)
	results := make([]string, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = sweepOne(suite, out, files[i], faces)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	table := "file\tstatus\tscore\tseconds\twarnings\n" + strings.Join(results, "")
	if err := os.WriteFile(filepath.Join(out, "sweep.tsv"), []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "causes.tsv"), []byte(sweepCauses(suite, files, results)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sweepFeatures are what an SVG may use that drawing it depends on, each
// known by a string in the file.
var sweepFeatures = []struct{ name, mark string }{
	{"text", "<text"}, {"tspan", "<tspan"}, {"foreignObject", "<foreignObject"}, {"textLength", "textLength"},
	{"image", "<image"}, {"embedded SVG", "data:image/svg+xml"}, {"filter", "<filter"}, {"mask", "<mask"},
	{"pattern", "<pattern"}, {"clipPath", "<clipPath"}, {"marker", "<marker"}, {"use", "<use"},
	{"gradient", "Gradient"}, {"style sheet", "<style"}, {"@font-face", "@font-face"},
	{"dominant-baseline", "dominant-baseline"}, {"paint-order", "paint-order"}, {"transform", "transform="},
}

// sweepCauses tabulates the sweep's rows by the suite's subfolders and,
// for the files that differ (more than half a percent of their pixels),
// by warning and by feature used.
func sweepCauses(suite string, files, rows []string) string {
	type tally struct{ total, match, differ, warned, failed int }
	byFolder := map[string]*tally{}
	var folders []string
	warnings, features := map[string]int{}, map[string]int{}
	for i, rel := range files {
		f := strings.Split(strings.TrimRight(rows[i], "\n"), "\t")
		folder := strings.SplitN(rel, "/", 2)[0]
		if byFolder[folder] == nil {
			byFolder[folder] = &tally{}
			folders = append(folders, folder)
		}
		c := byFolder[folder]
		c.total++
		if len(f) < 5 || f[1] != "ok" {
			c.failed++
			continue
		}
		warned := strings.TrimSpace(f[4]) != ""
		if warned {
			c.warned++
		}
		var score float64
		fmt.Sscan(f[2], &score)
		if score < 0.005 {
			c.match++
			continue
		}
		c.differ++
		for _, w := range strings.Split(f[4], " | ") {
			// the message without the picture's name; what cleaning
			// removed one thing at a time, a reference by its scheme
			if _, msg, ok := strings.Cut(w, `": `); ok {
				w = msg
			}
			head, list, ok := strings.Cut(w, "removed from it: ")
			if !ok {
				if w = strings.TrimSpace(w); w != "" {
					warnings[w]++
				}
				continue
			}
			for _, part := range strings.Split(list, ", ") {
				if ref, ok := strings.CutPrefix(part, "reference to "); ok {
					scheme, _, _ := strings.Cut(ref, ":")
					if strings.HasPrefix(ref, "#") || len(scheme) > 10 {
						scheme = "a relative URL"
					}
					part = "reference to " + scheme
				}
				warnings[head+"removed "+part]++
			}
		}
		data, _ := os.ReadFile(filepath.Join(suite, rel))
		for _, ft := range sweepFeatures {
			if bytes.Contains(data, []byte(ft.mark)) {
				features[ft.name]++
			}
		}
	}
	var b strings.Builder
	b.WriteString("folder\tfiles\tmatch\tdiffer\twarned\tfailed\n")
	for _, folder := range folders {
		c := byFolder[folder]
		fmt.Fprintf(&b, "%s\t%d\t%d\t%d\t%d\t%d\n", folder, c.total, c.match, c.differ, c.warned, c.failed)
	}
	ranked := func(title string, m map[string]int) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || m[keys[i]] == m[keys[j]] && keys[i] < keys[j] })
		fmt.Fprintf(&b, "\n%s\tdiffering files\n", title)
		for _, k := range keys {
			fmt.Fprintf(&b, "%s\t%d\n", k, m[k])
		}
	}
	ranked("warning", warnings)
	ranked("feature", features)
	return b.String()
}

// sweepOne draws one suite file and returns its row of the table: status
// (ok, error, panic), the share of pixels that differ, the time taken and
// the warnings.
func sweepOne(suite, out, rel string, faces *fonts.Set) (row string) {
	start := time.Now()
	status, score, warnings := "ok", -1.0, []string{}
	defer func() {
		if r := recover(); r != nil {
			status = fmt.Sprintf("panic: %v", r)
			stack := string(debug.Stack())
			os.WriteFile(filepath.Join(out, "panics", strings.ReplaceAll(rel, "/", "_")+".txt"), []byte(fmt.Sprint(r)+"\n"+stack), 0o644)
		}
		row = fmt.Sprintf("%s\t%s\t%.4f\t%.2f\t%s\n", rel, strings.ReplaceAll(status, "\n", " "), score, time.Since(start).Seconds(), strings.ReplaceAll(strings.Join(warnings, " | "), "\n", " "))
	}()
	os.MkdirAll(filepath.Join(out, "panics"), 0o755)
	os.MkdirAll(filepath.Join(out, "img"), 0o755)
	data, err := os.ReadFile(filepath.Join(suite, rel))
	if err != nil {
		status = "error: " + err.Error()
		return
	}
	fsys := fstest.MapFS{"p.svg": {Data: data}}
	// Loaded as a build loads a picture of a chapter, with its warnings.
	img := &doc.Image{Src: "p.svg", Alt: "picture"}
	book := &doc.Book{Entries: []*doc.Entry{{ID: "ch", File: "ch.md", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{img}}}}}}
	ws, err := media.Load(book, fsys, media.Options{MaxDecoded: 1 << 26})
	for _, w := range ws {
		warnings = append(warnings, w.Message)
	}
	if err != nil || img.Asset == nil {
		status = fmt.Sprintf("error: %v", err)
		return
	}
	a := img.Asset
	ref, err := readPNG(strings.TrimSuffix(filepath.Join(suite, rel), ".svg") + ".png")
	if err != nil {
		status = "error: " + err.Error()
		return
	}
	sw, sh := a.Shape()
	w, h := sw*0.75, sh*0.75
	page := &layout.Page{Label: "1", Items: []layout.Item{&layout.Picture{Rect: layout.Rect{W: w, H: h}, Asset: a, Alt: "picture"}}}
	d := &layout.Document{Geometry: layout.Geometry{MediaWidth: w, MediaHeight: h}, Pages: []*layout.Page{page}}
	var b bytes.Buffer
	ws2, err := Write(&b, d, doc.Meta{Title: "sweep"}, faces, DefaultOptions())
	if err != nil {
		status = "error: " + err.Error()
		return
	}
	for _, w := range ws2 {
		warnings = append(warnings, w.Message)
	}
	base := filepath.Join(out, "img", strings.ReplaceAll(strings.TrimSuffix(rel, ".svg"), "/", "_"))
	if err := os.WriteFile(base+".pdf", b.Bytes(), 0o644); err != nil {
		status = "error: " + err.Error()
		return
	}
	rb := ref.Bounds()
	cmd := exec.Command("pdftoppm", "-png", "-singlefile", "-scale-to-x", fmt.Sprint(rb.Dx()), "-scale-to-y", fmt.Sprint(rb.Dy()), base+".pdf", base)
	if o, err := cmd.CombinedOutput(); err != nil {
		status = fmt.Sprintf("error: pdftoppm: %v %s", err, o)
		return
	}
	got, err := readPNG(base + ".png")
	if err != nil {
		status = "error: " + err.Error()
		return
	}
	W, H := rb.Dx(), rb.Dy()
	A := make([][3]int, W*H)
	B := make([][3]int, W*H)
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			r, g, b := onWhite(ref.At(rb.Min.X+x, rb.Min.Y+y))
			A[y*W+x] = [3]int{r, g, b}
			r, g, b = onWhite(got.At(got.Bounds().Min.X+x, got.Bounds().Min.Y+y))
			B[y*W+x] = [3]int{r, g, b}
		}
	}
	// A pixel differs when it lies outside the range of the other
	// image's pixels within two of it by more than a tolerance, either
	// way: edges anti-aliased or snapped to pixels a little differently
	// do not count.
	near := func(P, Q [][3]int, x, y int) bool {
		p := P[y*W+x]
		for c := 0; c < 3; c++ {
			lo, hi := 255, 0
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					qx, qy := x+dx, y+dy
					v := 255 // the white around the picture
					if qx >= 0 && qy >= 0 && qx < W && qy < H {
						v = Q[qy*W+qx][c]
					}
					lo, hi = min(lo, v), max(hi, v)
				}
			}
			if p[c] < lo-40 || p[c] > hi+40 {
				return false
			}
		}
		return true
	}
	var diff int
	side := image.NewNRGBA(image.Rect(0, 0, 3*W, H))
	for y := 0; y < H; y++ {
		for x := 0; x < W; x++ {
			a, b := A[y*W+x], B[y*W+x]
			side.Set(x, y, color.NRGBA{uint8(a[0]), uint8(a[1]), uint8(a[2]), 255})
			side.Set(W+x, y, color.NRGBA{uint8(b[0]), uint8(b[1]), uint8(b[2]), 255})
			c := color.NRGBA{255, 255, 255, 255}
			if !near(A, B, x, y) || !near(B, A, x, y) {
				diff++
				c = color.NRGBA{255, 0, 0, 255}
			}
			side.Set(2*W+x, y, c)
		}
	}
	score = float64(diff) / float64(rb.Dx()*rb.Dy())
	var sb bytes.Buffer
	png.Encode(&sb, side)
	os.WriteFile(base+".side.png", sb.Bytes(), 0o644)
	return
}

func readPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return nil, err
	}
	n := image.NewNRGBA(img.Bounds())
	draw.Draw(n, n.Bounds(), img, img.Bounds().Min, draw.Src)
	return n, nil
}

// onWhite composites a colour on white.
func onWhite(c color.Color) (r, g, b int) {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	a := int(n.A)
	f := func(v uint8) int { return (int(v)*a + 255*(255-a) + 127) / 255 }
	return f(n.R), f(n.G), f(n.B)
}
