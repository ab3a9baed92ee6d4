// Command testbook writes a generated test book (manifest, chapters,
// images, annotations) into a folder, for benchmarks and manual checks:
//
//	go run ./internal/testbook/cmd/testbook [-size long|short] [-times N] DIR
//
// -times N makes the book N times as long, with N times the chapters.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/samizdat-press/samizdat/internal/testbook"
)

func main() {
	size := flag.String("size", "long", "long (about 600 pages) or short")
	times := flag.Int("times", 1, "make the book this many times as long")
	flag.Parse()
	if flag.NArg() != 1 || *times < 1 {
		fmt.Fprintln(os.Stderr, "usage: testbook [-size long|short] [-times N] DIR")
		os.Exit(2)
	}
	spec := testbook.Long
	if *size == "short" {
		spec = testbook.Short
	}
	spec.Chapters *= *times
	if err := testbook.Write(flag.Arg(0), spec); err != nil {
		fmt.Fprintln(os.Stderr, "testbook:", err)
		os.Exit(1)
	}
}
