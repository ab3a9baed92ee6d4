package layout

import (
	"testing"
	"unicode/utf8"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/fonts"
)

// widestGap is the most a justified line widens a blank between two
// characters beyond its natural width, in points: a kern inside a run (the
// glue between East Asian characters, less any autospace) or the space
// between two runs (less a space).
func widestGap(m Metrics, ln tline) (float64, string) {
	widest, at := 0.0, ""
	end := -1.0
	for _, it := range ln.items {
		tx, ok := it.(*Text)
		if !ok {
			continue
		}
		if end >= 0 {
			if g := tx.X - end - m.Advance(tx.Face, ' ')*tx.Size; g > widest {
				widest, at = g, "before "+tx.Text
			}
		}
		for _, k := range tx.Kerns {
			g := k.Dx
			before, _ := utf8.DecodeLastRuneInString(tx.Text[:k.At])
			after, _ := utf8.DecodeRuneInString(tx.Text[k.At:])
			if needsAutospace(before, after) {
				g -= autospace * tx.Size
			}
			if g > widest {
				widest, at = g, "inside "+tx.Text
			}
		}
		end = tx.X + textWidth(m, tx)
	}
	return widest, at
}

// widestCodeSpace is the most a justified line widens a space inside
// inline code beyond its natural width, in points: the blank between two
// runs of code (monospaced) with no other text between them.
func widestCodeSpace(m Metrics, ln tline) float64 {
	widest := 0.0
	var prev *Text
	for _, it := range ln.items {
		tx, ok := it.(*Text)
		if !ok {
			continue
		}
		if prev != nil && prev.Face.Family == fonts.Mono && tx.Face.Family == fonts.Mono {
			g := tx.X - prev.X - textWidth(m, prev) - m.Advance(tx.Face, ' ')*tx.Size
			widest = max(widest, g)
		}
		prev = tx
	}
	return widest
}

// A long path or command in Chinese text, in code or plain, breaks where
// a reader of a path looks for a break, and a line left loose beside it
// spreads its characters evenly rather than opening a few wide gaps:
// CLREQ and JLREQ spread a justified line's excess over all of its
// character spaces.
func TestCJKLongLatinWordGaps(t *testing.T) {
	m := cjkMetrics{}
	txt := func(s string) doc.Inline { return &doc.Text{Text: s} }
	code := func(s string) doc.Inline { return &doc.Code{Text: s} }
	for _, tc := range []struct {
		name  string
		inl   []doc.Inline
		width float64 // ems
	}{
		{"code", []doc.Inline{txt("我们刚刚使用 "), code("cargo build"), txt(" 构建了项目，并使用 "), code("./target/debug/hello_cargo"), txt(" 运行了程序；也可以使用 "), code("cargo run"), txt("，在一条命令中完成编译并运行生成的可执行文件。")}, 24},
		{"code28", []doc.Inline{txt("我们刚刚使用 "), code("cargo build"), txt(" 构建了项目，并使用 "), code("./target/debug/hello_cargo"), txt(" 运行了程序；也可以使用 "), code("cargo run"), txt("，在一条命令中完成编译并运行生成的可执行文件。")}, 28},
		{"plain", []doc.Inline{txt("这条命令会在 target/debug/hello_cargo 生成一个可执行文件（Windows 上是 target\\debug\\hello_cargo.exe），而不是放在当前目录下。因为默认构建方式是调试构建，Cargo 会把可执行文件放在名为 debug 的目录中。")}, 24},
		{"generic", []doc.Inline{txt("现在 "), code("sent_messages"), txt(" 字段的类型是 "), code("RefCell<Vec<String>>"), txt(" 而不是 "), code("Vec<String>"), txt("。在 "), code("new"), txt(" 函数中在空 vector 外层创建了一个 "), code("RefCell<Vec<String>>"), txt(" 实例。")}, 20},
		// many spaces beside code words, which stretch more than the glue
		// between ideographs: the breaker weighs the line's spread as
		// emitLine sets it, evenly, or its first two lines open gaps of 0.8 em
		{"spaces", []doc.Inline{txt("函数 "), code("read_username_from_file"), txt(" 返回 "), code("Result<String, io::Error>"), txt("：若 "), code("File::open"), txt(" 成功，"), code("match"), txt(" 的 "), code("Ok"), txt(" 分支会把文件句柄 "), code("file"), txt(" 赋给 "), code("username_file"), txt("，若失败则用 "), code("return"), txt(" 提前返回 "), code("Err(e)"), txt("。")}, 18},
		{"emphasis", []doc.Inline{txt("生成一个可执行文件（Windows 上是"), &doc.Emph{Content: []doc.Inline{txt("target\\debug\\hello_cargo.exe")}}, txt("），而不是放在当前目录下。因为默认构建方式是调试构建，所以会把可执行文件放在名为调试的目录中。")}, 20},
	} {
		e := testEngine(t, m, false)
		segs := e.segsOf(tc.inl, e.baseStyle(e.size), false)
		lines := e.setPara(segs, tc.width*e.size, 0, alignJustify)
		for i, ln := range lines[:len(lines)-1] {
			g, at := widestGap(m, ln)
			s, _ := lineText(m, ln)
			t.Logf("%s line %d: widest %.2f em %s: %s", tc.name, i+1, g/e.size, at, s)
			if g > 0.5*e.size {
				t.Errorf("%s: line %d opens a gap of %.2f em %s: %q", tc.name, i+1, g/e.size, at, s)
			}
			// code's spaces are monospaced: the line spreads at the
			// glue between its characters instead
			if g := widestCodeSpace(m, ln); g > 0.15*e.size {
				t.Errorf("%s: line %d widens a space in code by %.2f em: %q", tc.name, i+1, g/e.size, s)
			}
		}
	}
}
