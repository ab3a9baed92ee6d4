package media

import (
	"bytes"
	"image"
	"image/color"
	"os"
	"testing"

	"github.com/samizdat-press/samizdat/internal/validate"
)

// pressProfile is Ghostscript's default CMYK profile (a press profile of
// 16-bit tables, Lab PCS), read where Debian's libgs-common installs it;
// it is not stored with the tests (its licence is Ghostscript's).
func pressProfile(t *testing.T) Profile {
	t.Helper()
	data, err := os.ReadFile("/usr/share/color/icc/ghostscript/default_cmyk.icc")
	if err != nil {
		if os.Getenv(validate.RequireEnv) != "" {
			t.Fatal("no Ghostscript CMYK profile (Debian's libgs-common):", err)
		}
		t.Skip("no Ghostscript CMYK profile:", err)
	}
	p, err := ParseProfile(data)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCMYKToSRGBAsLittleCMS: inks converted through a press profile come
// out as Little CMS 2.14 converts them (transicc -i default_cmyk.icc -o
// '*sRGB' -t 1 -b -n: relative colorimetric with black point
// compensation, as Ghostscript and Poppler render the same inks in an
// ICCBased image; rounded, out-of-gamut values clipped), within a level
// or two.
func TestCMYKToSRGBAsLittleCMS(t *testing.T) {
	checkInksAsLittleCMS(t, pressProfile(t), []inkPatch{
		{[4]uint8{255, 0, 0, 0}, color.RGBA{0, 174, 239, 255}},
		{[4]uint8{0, 255, 255, 0}, color.RGBA{237, 28, 36, 255}},
		{[4]uint8{0, 0, 0, 255}, color.RGBA{35, 31, 32, 255}},
		{[4]uint8{0, 0, 0, 0}, color.RGBA{255, 255, 255, 255}},
		{[4]uint8{102, 77, 51, 26}, color.RGBA{144, 151, 166, 255}},
		{[4]uint8{153, 0, 255, 0}, color.RGBA{114, 191, 68, 255}},
		// out of sRGB's gamut, (259.9, 222.4, -7.1) and (-14.2, 81.8,
		// 164.4) clipped: clipped after interpolating, not at the nodes
		{[4]uint8{0, 24, 251, 0}, color.RGBA{255, 222, 0, 255}},
		{[4]uint8{255, 196, 0, 0}, color.RGBA{0, 82, 164, 255}},
	})
}

// inkPatch is a colour of inks and the sRGB colour Little CMS gives it.
type inkPatch struct {
	inks [4]uint8
	lcms color.RGBA
}

// checkInksAsLittleCMS converts the patches' inks through p, side by side
// in one picture, and checks each is within two levels of Little CMS's.
func checkInksAsLittleCMS(t *testing.T, p Profile, patches []inkPatch) {
	t.Helper()
	img := image.NewCMYK(image.Rect(0, 0, len(patches), 1))
	for i, pt := range patches {
		copy(img.Pix[4*i:], pt.inks[:])
	}
	out, ok := CMYKToSRGB(img, p)
	if !ok {
		t.Fatal("profile's tables not read")
	}
	for i, pt := range patches {
		got := color.RGBAModel.Convert(out.At(i, 0)).(color.RGBA)
		if channelDistance(got, pt.lcms) > 2 {
			t.Errorf("inks %v: %v, want Little CMS's %v", pt.inks, got, pt.lcms)
		}
	}
}

func channelDistance(a, b color.RGBA) int {
	d := 0
	for _, v := range [][2]uint8{{a.R, b.R}, {a.G, b.G}, {a.B, b.B}} {
		d = max(d, int(v[0])-int(v[1]), int(v[1])-int(v[0]))
	}
	return d
}

// TestCMYKReductionThroughProfile: a CMYK JPEG with a press profile,
// reduced (and so encoded again in RGB, which cannot carry the profile),
// has its inks converted through the profile; one without a profile is
// converted as before.
func TestCMYKReductionThroughProfile(t *testing.T) {
	p := pressProfile(t)
	plain := readTestdata(t, "icc/cmyk-patches.jpg")
	tagged := WithProfile(JPEG, plain, p)
	if got, err := EmbeddedProfile(JPEG, tagged); err != nil || !bytes.Equal(got.Data, p.Data) {
		t.Fatalf("profile not carried into the CMYK JPEG: %v", err)
	}
	decoded, err := Decode(JPEG, plain, 0)
	if err != nil {
		t.Fatal(err)
	}
	converted, ok := CMYKToSRGB(decoded, p)
	if !ok {
		t.Fatal("not converted")
	}
	want := ReduceBy(converted, 2)
	naive := ReduceBy(decoded, 2)
	for _, tc := range []struct {
		data []byte
		want image.Image
	}{{tagged, want}, {plain, naive}} {
		r := NewCache().ReduceBy(JPEG, tc.data, 2, 0, nil)
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		got, err := Decode(r.MediaType, r.Data, 0)
		if err != nil {
			t.Fatal(err)
		}
		// the patches' middles, away from the edges JPEG blurs
		for _, x := range []int{4, 12, 20} {
			g := color.RGBAModel.Convert(got.At(x, 4)).(color.RGBA)
			w := color.RGBAModel.Convert(tc.want.At(x, 4)).(color.RGBA)
			if channelDistance(g, w) > 3 {
				t.Errorf("reduction at x %d: %v, want %v", x, g, w)
			}
		}
	}
	// the red patch: Little CMS's (237, 28, 36), where the naive
	// formula gives pure red
	if c := color.RGBAModel.Convert(want.At(12, 4)).(color.RGBA); channelDistance(c, color.RGBA{237, 28, 36, 255}) > 3 {
		t.Errorf("red patch converted to %v", c)
	}
	if c := color.RGBAModel.Convert(naive.At(12, 4)).(color.RGBA); channelDistance(c, color.RGBA{237, 28, 36, 255}) < 20 {
		t.Errorf("naive red patch %v, near the profile's", c)
	}
}

// TestCMYKV4TablesAsLittleCMS: inks converted through profiles of
// version 4 whose tables are in the A-to-B and B-to-A forms (testdata's
// v4-cmyk-lab.icc and v4-cmyk-xyz.icc: parametric curves of the five
// functions, curve tables, grids of 8 and 16 bits and of other nodes
// along each ink, a matrix; a PCS of Lab and of XYZ) come out as Little
// CMS 2.14 converts them (transicc -i PROFILE -o '*sRGB' -t 1 -b -n, the
// inks given in percent of 255; rounded, clipped), within two levels:
// the black point found through the B2A0 table as for a press profile.
func TestCMYKV4TablesAsLittleCMS(t *testing.T) {
	for _, tc := range []struct {
		profile string
		patches []inkPatch
	}{
		{"icc/v4-cmyk-lab.icc", []inkPatch{
			{[4]uint8{0, 0, 0, 0}, color.RGBA{245, 244, 238, 255}},
			{[4]uint8{255, 0, 0, 0}, color.RGBA{48, 177, 215, 255}},
			{[4]uint8{0, 255, 255, 0}, color.RGBA{214, 44, 31, 255}},
			{[4]uint8{0, 0, 0, 255}, color.RGBA{14, 24, 27, 255}},
			{[4]uint8{102, 77, 51, 26}, color.RGBA{167, 165, 170, 255}},
			{[4]uint8{153, 0, 255, 0}, color.RGBA{156, 187, 84, 255}},
			{[4]uint8{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}},
			{[4]uint8{51, 204, 0, 128}, color.RGBA{132, 67, 107, 255}},
			{[4]uint8{20, 10, 10, 230}, color.RGBA{68, 71, 72, 255}},
		}},
		{"icc/v4-cmyk-xyz.icc", []inkPatch{
			{[4]uint8{0, 0, 0, 0}, color.RGBA{247, 244, 238, 255}},
			{[4]uint8{255, 0, 0, 0}, color.RGBA{62, 177, 214, 255}},
			{[4]uint8{0, 255, 255, 0}, color.RGBA{213, 49, 51, 255}},
			{[4]uint8{0, 0, 0, 255}, color.RGBA{11, 47, 46, 255}},
			{[4]uint8{102, 77, 51, 26}, color.RGBA{168, 165, 171, 255}},
			{[4]uint8{153, 0, 255, 0}, color.RGBA{155, 187, 91, 255}},
			{[4]uint8{255, 255, 255, 255}, color.RGBA{0, 0, 0, 255}},
			{[4]uint8{51, 204, 0, 128}, color.RGBA{135, 73, 111, 255}},
			{[4]uint8{20, 10, 10, 230}, color.RGBA{77, 82, 82, 255}},
		}},
	} {
		t.Run(tc.profile, func(t *testing.T) {
			p, err := ParseProfile(readTestdata(t, tc.profile))
			if err != nil {
				t.Fatal(err)
			}
			checkInksAsLittleCMS(t, p, tc.patches)
		})
	}
}

// TestCMYKBlackPointOfOtherClasses: a CMYK profile of a class other than
// an output device's has the black of all four inks, as Little CMS finds
// it (testdata's v4-cmyk-lab.icc with the class of an input device,
// Ghostscript's press profile with that of a colour space: transicc -t 1
// -b, rounded and clipped).
func TestCMYKBlackPointOfOtherClasses(t *testing.T) {
	for _, tc := range []struct {
		name, class string
		data        []byte
		patches     []inkPatch
	}{
		{"v4-cmyk-lab.icc", "scnr", readTestdata(t, "icc/v4-cmyk-lab.icc"), []inkPatch{
			{[4]uint8{0, 0, 0, 255}, color.RGBA{58, 61, 63, 255}},
			{[4]uint8{102, 77, 51, 26}, color.RGBA{172, 170, 175, 255}},
			{[4]uint8{255, 255, 255, 255}, color.RGBA{2, 0, 0, 255}},
			{[4]uint8{0, 255, 255, 0}, color.RGBA{216, 71, 64, 255}},
		}},
		{"default_cmyk.icc", "spac", pressProfile(t).Data, []inkPatch{
			{[4]uint8{0, 0, 0, 255}, color.RGBA{44, 41, 42, 255}},
			{[4]uint8{102, 77, 51, 26}, color.RGBA{145, 152, 167, 255}},
			{[4]uint8{255, 255, 255, 255}, color.RGBA{3, 0, 0, 255}},
			{[4]uint8{0, 255, 255, 0}, color.RGBA{237, 39, 45, 255}},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := bytes.Clone(tc.data)
			copy(data[12:], tc.class)
			p, err := ParseProfile(data)
			if err != nil {
				t.Fatal(err)
			}
			checkInksAsLittleCMS(t, p, tc.patches)
		})
	}
}
