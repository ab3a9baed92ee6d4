package fonts

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Installed is a font installed on the machine, as a Catalog lists it.
type Installed struct {
	Path   string
	Index  int // of the font in a collection
	Family string
	Style  string
	// Weight and Slant are on fontconfig's scales: weight 80 is regular,
	// 200 bold; slant 0 is roman, 100 italic, 110 oblique.
	Weight, Slant int
	Mono          bool
	// Charset is the characters the font has, as sorted ranges.
	Charset []RuneRange
}

// RuneRange is the characters from Lo to Hi, both included.
type RuneRange struct{ Lo, Hi rune }

// Covers reports whether the font has r.
func (in Installed) Covers(r rune) bool {
	i := sort.Search(len(in.Charset), func(i int) bool { return in.Charset[i].Hi >= r })
	return i < len(in.Charset) && in.Charset[i].Lo <= r
}

// Catalog lists the fonts installed on the machine.
type Catalog interface {
	Installed() ([]Installed, error)
}

// Runner runs a program with arguments and returns what it wrote to its
// standard output.
type Runner func(name string, args ...string) ([]byte, error)

// Fontconfig is the Catalog fontconfig's fc-list gives, run through run.
func Fontconfig(run Runner) Catalog { return fontconfig{run} }

type fontconfig struct{ run Runner }

// fcFormat asks fc-list for one line per font: file, index, family, style,
// weight, slant, spacing and the characters it has.
const fcFormat = `%{file}\t%{index}\t%{family[0]}\t%{style[0]}\t%{weight}\t%{slant}\t%{spacing}\t%{charset}\n`

func (fc fontconfig) Installed() ([]Installed, error) {
	out, err := fc.run("fc-list", "--format", fcFormat)
	if err != nil {
		return nil, fmt.Errorf("listing installed fonts with fc-list: %w", err)
	}
	return parseFCList(out)
}

// parseFCList reads fc-list's lines in fcFormat; lines it cannot read are
// skipped, as fonts the machine lists but we cannot use.
func parseFCList(out []byte) ([]Installed, error) {
	var list []Installed
	for _, line := range bytes.Split(out, []byte("\n")) {
		f := strings.Split(string(line), "\t")
		if len(f) != 8 || f[0] == "" {
			continue
		}
		in := Installed{Path: f[0], Family: f[2], Style: f[3], Mono: f[6] == "100"}
		var err error
		if in.Index, err = strconv.Atoi(f[1]); err != nil {
			continue
		}
		in.Weight = firstNumber(f[4], 80)
		in.Slant = firstNumber(f[5], 0)
		if in.Charset, err = parseCharset(f[7]); err != nil || len(in.Charset) == 0 {
			continue
		}
		list = append(list, in)
	}
	return list, nil
}

// firstNumber reads a fontconfig number, or the low end of a range
// ("[40 210]", as variable fonts give), or def.
func firstNumber(s string, def int) int {
	s = strings.Trim(strings.TrimSpace(s), "[]")
	if f := strings.Fields(s); len(f) > 0 {
		if v, err := strconv.ParseFloat(f[0], 64); err == nil {
			return int(v)
		}
	}
	return def
}

// parseCharset reads fontconfig's charset: hexadecimal code points and
// ranges ("20-7e a0 100-17f"), in order.
func parseCharset(s string) ([]RuneRange, error) {
	var out []RuneRange
	for _, f := range strings.Fields(s) {
		lo, hi, isRange := strings.Cut(f, "-")
		a, err := strconv.ParseUint(lo, 16, 32)
		if err != nil {
			return nil, err
		}
		b := a
		if isRange {
			if b, err = strconv.ParseUint(hi, 16, 32); err != nil {
				return nil, err
			}
		}
		if b < a || b > 0x10FFFF {
			return nil, fmt.Errorf("bad range %q", f)
		}
		out = append(out, RuneRange{rune(a), rune(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Lo < out[j].Lo })
	return out, nil
}
