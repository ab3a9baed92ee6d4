package media

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"

	"github.com/samizdat-press/samizdat/internal/doc"
)

// A picture may carry an ICC colour profile saying what its samples mean:
// a photograph saved in Adobe RGB (1998) or Display P3 holds greens and
// reds sRGB cannot, and its samples read as sRGB look dull. Browsers,
// reading systems and PDF viewers show a picture by its profile. So both
// outputs keep it with its samples:
//   - the EPUB packages a JPEG or PNG as it is, profile and all; one it
//     re-encodes (reduced, turned upright, or converted from WebP, TIFF
//     or BMP) gets the profile again, in APP2 segments of the JPEG or an
//     iCCP chunk of the PNG (WithProfile);
//   - the PDF names the profile as the image's colour space (ICCBased),
//     whenever the samples it embeds are still the picture's: kept as
//     they are, reduced, or re-encoded. An RGB picture all grey stored
//     in grey gets the grey profile of its profile's greys (Greys); a
//     CMYK one decoded to RGB is converted through its profile
//     (CMYKToSRGB).
//
// A profile describing sRGB itself is dropped (CarriedProfile): both
// outputs already read untagged samples as sRGB, so such a picture comes
// out as before, byte for byte. A damaged profile is ignored with one
// warning as the book is read (checkProfile).

// A Profile is an ICC colour profile a picture carries, checked to be
// whole: a header, a size and a tag table that agree.
type Profile struct {
	Data []byte
	// Components is the number of samples a pixel has in the profile's
	// colour space: 1 (grey), 3 (RGB) or 4 (CMYK).
	Components int
}

// maxProfile bounds a profile's size: a matrix profile takes a few
// hundred bytes, one of large tables a few hundred kilobytes.
const maxProfile = 4 << 20

// iccColourSpaces are the data colour spaces a picture's profile may
// have, and the samples a pixel has in each.
var iccColourSpaces = map[string]int{"GRAY": 1, "RGB ": 3, "CMYK": 4}

// ParseProfile checks an ICC profile: its header (the size it claims, no
// more than there are bytes, and the 'acsp' signature), a profile class
// a picture can carry (an input, display, output or colour space
// profile), a grey, RGB or CMYK colour space, a tag table whose tags lie
// inside the profile, and the tags that turn its samples into colours.
// Bytes past the claimed size (a JPEG's padding) are dropped.
func ParseProfile(data []byte) (Profile, error) {
	if len(data) < 132 {
		return Profile{}, fmt.Errorf("ICC profile of %d bytes, shorter than its header", len(data))
	}
	size := binary.BigEndian.Uint32(data)
	switch {
	case size < 132 || int64(size) > int64(len(data)):
		return Profile{}, fmt.Errorf("ICC profile claims %d bytes, has %d", size, len(data))
	case string(data[36:40]) != "acsp":
		return Profile{}, errors.New("ICC profile lacks its 'acsp' signature")
	case data[8] != 2 && data[8] != 4:
		return Profile{}, fmt.Errorf("ICC profile of version %d, not 2 or 4", data[8])
	}
	data = data[:size]
	switch class := string(data[12:16]); class {
	case "scnr", "mntr", "prtr", "spac":
	default:
		return Profile{}, fmt.Errorf("ICC profile of class %q, which does not describe a picture's colours", class)
	}
	n, ok := iccColourSpaces[string(data[16:20])]
	if !ok {
		return Profile{}, fmt.Errorf("ICC profile of colour space %q, not grey, RGB or CMYK", data[16:20])
	}
	tags, err := profileTags(data)
	if err != nil {
		return Profile{}, err
	}
	usable := tags["A2B0"] != nil
	switch n {
	case 1:
		usable = usable || tags["kTRC"] != nil
	case 3:
		usable = usable || tags["rXYZ"] != nil && tags["gXYZ"] != nil && tags["bXYZ"] != nil &&
			tags["rTRC"] != nil && tags["gTRC"] != nil && tags["bTRC"] != nil
	}
	if !usable {
		return Profile{}, errors.New("ICC profile has no tags turning its samples into colours")
	}
	return Profile{Data: data, Components: n}, nil
}

// profileTags reads a profile's tag table: each tag's data by signature.
func profileTags(data []byte) (map[string][]byte, error) {
	count := binary.BigEndian.Uint32(data[128:])
	if int64(count)*12 > int64(len(data)-132) {
		return nil, fmt.Errorf("ICC profile's tag table of %d tags runs past its %d bytes", count, len(data))
	}
	tags := make(map[string][]byte, count)
	for i := range int(count) {
		e := data[132+12*i:]
		sig := string(e[:4])
		at, n := binary.BigEndian.Uint32(e[4:]), binary.BigEndian.Uint32(e[8:])
		if at < 128 || int64(at)+int64(n) > int64(len(data)) || n < 8 {
			return nil, fmt.Errorf("ICC profile's tag %q at byte %d, %d bytes long, lies outside its %d bytes", sig, at, n, len(data))
		}
		tags[sig] = data[at : at+n]
	}
	return tags, nil
}

// EmbeddedProfile is the ICC profile a picture carries, checked: a JPEG's
// in its APP2 segments (in the order of their sequence numbers), a PNG's
// iCCP chunk, a WebP's ICCP chunk, a TIFF's first page's ICC tag (34675).
// A picture with none gives a profile with no Data; one whose profile is
// damaged gives an error saying how.
func EmbeddedProfile(mediaType string, data []byte) (Profile, error) {
	var raw []byte
	var err error
	switch mediaType {
	case JPEG:
		raw, err = jpegProfile(data)
	case PNG:
		raw, err = pngProfile(data)
	case WebP:
		if chunks, ok := riffChunks(data); ok {
			for _, c := range chunks {
				if c.kind == "ICCP" {
					raw = c.data
					break
				}
			}
		}
	case TIFF:
		raw, err = tiffProfile(data)
	}
	if err != nil || raw == nil {
		return Profile{}, err
	}
	return ParseProfile(raw)
}

// CarriedProfile is the profile the outputs keep with a picture's
// samples: its embedded profile, or the one a PNG's cHRM and gAMA chunks
// describe (chunkProfile), unless it is damaged or describes sRGB, which
// untagged samples are read as.
func CarriedProfile(mediaType string, data []byte) Profile {
	p, err := EmbeddedProfile(mediaType, data)
	if err == nil && p.Data == nil && mediaType == PNG {
		p = chunkProfile(data)
	}
	if err != nil || p.Data == nil || p.SRGB() {
		return Profile{}
	}
	return p
}

// iccMarker begins each APP2 segment holding part of a profile, followed
// by the part's sequence number (from 1) and the number of parts.
const iccMarker = "ICC_PROFILE\x00"

// jpegProfile joins a JPEG's profile from its APP2 segments in the order
// their sequence numbers give: each part must be there once, and each
// segment agree on how many there are.
func jpegProfile(data []byte) ([]byte, error) {
	var parts [][]byte
	var err error
	count := 0
	jpegSegments(data, func(marker byte, seg []byte) bool {
		if marker == 0xda {
			return false
		}
		if marker != 0xe2 || !bytes.HasPrefix(seg, []byte(iccMarker)) {
			return true
		}
		if len(seg) < len(iccMarker)+2 {
			err = errors.New("ICC profile segment cut short")
			return false
		}
		seq, n := int(seg[len(iccMarker)]), int(seg[len(iccMarker)+1])
		switch {
		case count == 0 && n > 0:
			count = n
			parts = make([][]byte, n)
		case n != count:
			err = fmt.Errorf("ICC profile's segments say it has %d parts and %d", count, n)
			return false
		}
		if seq < 1 || seq > count || parts[seq-1] != nil {
			err = fmt.Errorf("ICC profile segment numbered %d of %d, out of place", seq, count)
			return false
		}
		parts[seq-1] = seg[len(iccMarker)+2:]
		return true
	})
	if err != nil || count == 0 {
		return nil, err
	}
	var out []byte
	for i, p := range parts {
		if p == nil {
			return nil, fmt.Errorf("ICC profile lacks its segment %d of %d", i+1, count)
		}
		out = append(out, p...)
	}
	return out, nil
}

// pngProfile inflates a PNG's iCCP chunk: a name, a nul, the compression
// method (0) and the profile deflated in a zlib stream.
func pngProfile(data []byte) ([]byte, error) {
	for at := 8; at+8 <= len(data) && len(data) > 8; {
		n := int(binary.BigEndian.Uint32(data[at:]))
		if n < 0 || n > len(data)-at-12 {
			return nil, nil
		}
		switch string(data[at+4 : at+8]) {
		case "iCCP":
			chunk := data[at+8 : at+8+n]
			name, rest, ok := bytes.Cut(chunk, []byte{0})
			if !ok || len(name) == 0 || len(name) > 79 || len(rest) < 1 || rest[0] != 0 {
				return nil, errors.New("iCCP chunk damaged: its profile name or compression method")
			}
			zr, err := zlib.NewReader(bytes.NewReader(rest[1:]))
			if err != nil {
				return nil, fmt.Errorf("iCCP chunk's profile: %v", err)
			}
			p, err := io.ReadAll(io.LimitReader(zr, maxProfile+1))
			if err != nil {
				return nil, fmt.Errorf("iCCP chunk's profile: %v", err)
			}
			if len(p) > maxProfile {
				return nil, fmt.Errorf("iCCP chunk's profile larger than %d bytes", maxProfile)
			}
			return p, nil
		case "IDAT", "IEND":
			return nil, nil
		}
		at += 12 + n
	}
	return nil, nil
}

// tiffICCTag is the TIFF tag holding an ICC profile, of type UNDEFINED.
const tiffICCTag = 34675

// tiffProfile is the ICC profile of a TIFF's first page.
func tiffProfile(data []byte) ([]byte, error) {
	l, err := readTIFF(data)
	if err != nil {
		return nil, nil // the decoders say what is wrong
	}
	e := l.entry(tiffICCTag)
	if e == nil {
		return nil, nil
	}
	typ, n := l.order.Uint16(e[2:]), l.order.Uint32(e[4:])
	if typ != 7 && typ != 1 || n > maxProfile {
		return nil, fmt.Errorf("ICC profile tag of type %d and %d values", typ, n)
	}
	p, ok := l.payload(data, e, int(n))
	if !ok {
		return nil, errors.New("ICC profile tag points outside the file")
	}
	return p, nil
}

// srgbColourants are sRGB's primaries adapted to the profile connection
// space's D50 white, as sRGB profiles give them in rXYZ, gXYZ and bXYZ.
var srgbColourants = [3][3]float64{
	{0.4361, 0.2225, 0.0139},
	{0.3851, 0.7169, 0.0971},
	{0.1431, 0.0606, 0.7141},
}

// SRGB reports whether an RGB profile is sRGB's: its colourants and its
// tone curves sRGB's, to within what 8-bit samples show. Profiles made by
// different programs differ in their last digits.
func (p Profile) SRGB() bool {
	if p.Components != 3 {
		return false
	}
	tags, err := profileTags(p.Data)
	if err != nil {
		return false
	}
	for i, sig := range []string{"rXYZ", "gXYZ", "bXYZ"} {
		xyz, ok := xyzTag(tags[sig])
		if !ok {
			return false
		}
		for c := range 3 {
			if math.Abs(xyz[c]-srgbColourants[i][c]) > 0.003 {
				return false
			}
		}
	}
	for _, sig := range []string{"rTRC", "gTRC", "bTRC"} {
		curve, ok := toneCurve(tags[sig])
		if !ok {
			return false
		}
		for _, v := range []float64{0.02, 0.1, 0.25, 0.5, 0.75, 0.9} {
			if math.Abs(curve(v)-srgbLight(v)) > 0.5/255 {
				return false
			}
		}
	}
	return true
}

// srgbLight is the light of an sRGB sample, on a scale of 0 to 1.
func srgbLight(v float64) float64 {
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// s15Fixed16 reads a signed fixed-point number of 16 fractional bits.
func s15Fixed16(b []byte) float64 {
	return float64(int32(binary.BigEndian.Uint32(b))) / 65536
}

// xyzTag reads an XYZType tag's first value.
func xyzTag(tag []byte) ([3]float64, bool) {
	if len(tag) < 20 || string(tag[:4]) != "XYZ " {
		return [3]float64{}, false
	}
	return [3]float64{s15Fixed16(tag[8:]), s15Fixed16(tag[12:]), s15Fixed16(tag[16:])}, true
}

// paraCounts are the numbers of parameters of the five kinds of
// parametricCurveType.
var paraCounts = []int{1, 3, 4, 5, 7}

// toneCurve reads a curveType or parametricCurveType tag as a function
// from a sample to its light, both on a scale of 0 to 1.
func toneCurve(tag []byte) (func(float64) float64, bool) {
	if len(tag) < 12 {
		return nil, false
	}
	switch string(tag[:4]) {
	case "curv":
		n := int64(binary.BigEndian.Uint32(tag[8:]))
		switch {
		case n == 0:
			return func(v float64) float64 { return v }, true
		case n == 1 && len(tag) >= 14:
			g := float64(binary.BigEndian.Uint16(tag[12:])) / 256
			return func(v float64) float64 { return math.Pow(v, g) }, true
		case n < 2 || 12+2*n > int64(len(tag)):
			return nil, false
		}
		table := make([]float64, n)
		for i := range table {
			table[i] = float64(binary.BigEndian.Uint16(tag[12+2*i:])) / 65535
		}
		return func(v float64) float64 {
			x := math.Max(0, math.Min(1, v)) * float64(n-1)
			i := min(int(x), int(n-2))
			f := x - float64(i)
			return table[i]*(1-f) + table[i+1]*f
		}, true
	case "para":
		kind := binary.BigEndian.Uint16(tag[8:])
		if int(kind) >= len(paraCounts) || len(tag) < 12+4*paraCounts[kind] {
			return nil, false
		}
		// g, a, b, c, d, e, f as the ICC specification names them
		var q [7]float64
		q[1] = 1
		for i := range paraCounts[kind] {
			q[i] = s15Fixed16(tag[12+4*i:])
		}
		g, a, b, c, d, e, f := q[0], q[1], q[2], q[3], q[4], q[5], q[6]
		pow := func(x float64) float64 { return math.Pow(math.Max(0, x), g) }
		curves := []func(float64) float64{
			func(x float64) float64 { return pow(x) },
			func(x float64) float64 {
				if x >= -b/a {
					return pow(a*x + b)
				}
				return 0
			},
			func(x float64) float64 {
				if x >= -b/a {
					return pow(a*x+b) + c
				}
				return c
			},
			func(x float64) float64 {
				if x >= d {
					return pow(a*x + b)
				}
				return c * x
			},
			func(x float64) float64 {
				if x >= d {
					return pow(a*x+b) + e
				}
				return c*x + f
			},
		}
		return curves[kind], true
	}
	return nil, false
}

// WithProfile carries a profile into a picture encoded anew as a JPEG or
// PNG: APP2 segments after the JPEG's start (after its JFIF segment,
// which must come first), an iCCP chunk after the PNG's header. A
// picture of an RGB profile encoded in grey gets the grey profile of its
// greys (Greys); a profile whose colour space does not fit the encoding
// otherwise (a CMYK profile and an RGB picture) is left out, as is any
// profile for another media type.
func WithProfile(mediaType string, data []byte, p Profile) []byte {
	if p.Data == nil {
		return data
	}
	switch mediaType {
	case JPEG:
		return jpegWithProfile(data, p)
	case PNG:
		return pngWithProfile(data, p)
	}
	return data
}

// maxICCSegment is the most profile bytes one APP2 segment holds: its
// length counts itself, the marker string and the two numbers.
const maxICCSegment = 0xffff - 2 - len(iccMarker) - 2

func jpegWithProfile(data []byte, p Profile) []byte {
	components, at, first := 0, 2, true
	jpegSegments(data, func(marker byte, seg []byte) bool {
		if marker == 0xe0 && first {
			at += 4 + len(seg) // keep JFIF first
		}
		first = false
		if marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc && len(seg) >= 6 {
			components = int(seg[5])
			return false
		}
		return true
	})
	if components == 1 && p.Components == 3 {
		p, _ = p.Greys()
	}
	if components != p.Components {
		return data
	}
	parts := (len(p.Data) + maxICCSegment - 1) / maxICCSegment
	if parts > 255 {
		return data
	}
	out := make([]byte, 0, len(data)+len(p.Data)+parts*18)
	out = append(out, data[:at]...)
	for i := range parts {
		chunk := p.Data[i*maxICCSegment : min(len(p.Data), (i+1)*maxICCSegment)]
		n := 2 + len(iccMarker) + 2 + len(chunk)
		out = append(out, 0xff, 0xe2, byte(n>>8), byte(n))
		out = append(out, iccMarker...)
		out = append(out, byte(i+1), byte(parts))
		out = append(out, chunk...)
	}
	return append(out, data[at:]...)
}

func pngWithProfile(data []byte, p Profile) []byte {
	if len(data) < 33 || string(data[12:16]) != "IHDR" {
		return data
	}
	colour := data[25]
	grey := colour == 0 || colour == 4
	if grey && p.Components == 3 {
		p, _ = p.Greys()
	}
	if grey != (p.Components == 1) || p.Components == 4 {
		return data
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(p.Data)
	zw.Close()
	chunk := append([]byte("ICC profile\x00\x00"), z.Bytes()...)
	var c []byte
	c = binary.BigEndian.AppendUint32(c, uint32(len(chunk)))
	c = append(c, "iCCP"...)
	c = append(c, chunk...)
	c = binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
	return slices.Concat(data[:33], c, data[33:])
}

// checkProfile warns, once per file, of a picture whose colour profile is
// damaged: both outputs ignore it, and show its samples as sRGB.
func (l *loader) checkProfile(a *doc.Asset, src string) {
	if l.profilesChecked[a] {
		return
	}
	if l.profilesChecked == nil {
		l.profilesChecked = map[*doc.Asset]bool{}
	}
	l.profilesChecked[a] = true
	if _, err := EmbeddedProfile(a.MediaType, a.Data); err != nil {
		l.warn("image.profile", "image %q: %s: its colour profile is ignored, its colours shown as sRGB: %v", src, a.Path, err)
	}
}

// Greys is the grey profile of an RGB profile's greys, for a picture in
// that profile whose pixels are all grey and are encoded as grey (a
// reduction of a grey palette, a PDF image of one channel): its tone
// curve the light (Y) the profile gives red, green and blue equal, white
// the PCS's. Its samples are kept as they are, a third of the bytes of
// RGB, and shown as the RGB profile shows them. The light is read from
// the profile's table to the PCS where it has one, as colour management
// takes it over colourants and curves (greyCurveOfTable), else from its
// colourants' luminance and their curves (greyCurveOfColourants); ok is
// false for a profile of neither that can be read, whose greys are left
// untagged.
func (p Profile) Greys() (grey Profile, ok bool) {
	if p.Components != 3 {
		return Profile{}, false
	}
	tags, err := profileTags(p.Data)
	if err != nil {
		return Profile{}, false
	}
	kTRC, ok := greyCurveOfTable(p, tags)
	if !ok {
		kTRC, ok = greyCurveOfColourants(tags)
	}
	if !ok {
		return Profile{}, false
	}
	wtpt := []byte("XYZ \x00\x00\x00\x00")
	for _, v := range d50 {
		wtpt = binary.BigEndian.AppendUint32(wtpt, uint32(int32(math.Round(v*65536))))
	}
	out := slices.Clone(p.Data[:128])
	copy(out[12:], "mntrGRAYXYZ ")
	clear(out[84:100]) // the profile's ID, a digest of what it was
	type tag struct {
		sig  string
		data []byte
	}
	list := []tag{{"wtpt", wtpt}, {"kTRC", kTRC}}
	for _, sig := range []string{"desc", "cprt"} {
		if tags[sig] != nil {
			list = append(list, tag{sig, tags[sig]})
		}
	}
	out = binary.BigEndian.AppendUint32(out, uint32(len(list)))
	var body []byte
	at := 128 + 4 + 12*len(list)
	for _, t := range list {
		out = append(out, t.sig...)
		out = binary.BigEndian.AppendUint32(out, uint32(at+len(body)))
		out = binary.BigEndian.AppendUint32(out, uint32(len(t.data)))
		body = append(body, t.data...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	out = append(out, body...)
	binary.BigEndian.PutUint32(out, uint32(len(out)))
	grey, err = ParseProfile(out)
	return grey, err == nil
}

// greyCurves is how many points a derived grey tone curve has.
const greyCurves = 1024

// greyCurveOfColourants is the curve (curveType) of an RGB profile's
// greys from its colourants and their tone curves: green's curve when
// the three are the same, else the three weighed by the colourants'
// luminance; ok is false without them.
func greyCurveOfColourants(tags map[string][]byte) (kTRC []byte, ok bool) {
	var weights [3]float64
	var curves [3]func(float64) float64
	for i, c := range []string{"r", "g", "b"} {
		xyz, okX := xyzTag(tags[c+"XYZ"])
		curve, okC := toneCurve(tags[c+"TRC"])
		if !okX || !okC {
			return nil, false
		}
		weights[i], curves[i] = xyz[1], curve
	}
	total := weights[0] + weights[1] + weights[2]
	if !(total > 0.5 && total < 2) {
		return nil, false
	}
	if kTRC := tags["gTRC"]; bytes.Equal(tags["rTRC"], kTRC) && bytes.Equal(tags["bTRC"], kTRC) {
		return kTRC, true
	}
	return sampledCurve(func(v float64) float64 {
		return (weights[0]*curves[0](v) + weights[1]*curves[1](v) + weights[2]*curves[2](v)) / total
	}), true
}

// greyCurveOfTable is the curve (curveType) of an RGB profile's greys
// from its table to the PCS (readPCSTable): the light of each grey
// through it; ok is false without one, or when its white is not light
// (a table that cannot be a display's or a camera's).
func greyCurveOfTable(p Profile, tags map[string][]byte) (kTRC []byte, ok bool) {
	t, ok := readPCSTable(p, tags, 3)
	if !ok {
		return nil, false
	}
	light := func(v float64) float64 { return t.xyz(t.eval([]float64{v, v, v}))[1] }
	if white := light(1); !(white > 0.5 && white < 1.5) {
		return nil, false
	}
	return sampledCurve(light), true
}

// sampledCurve is a curveType tag of light at greyCurves evenly spaced
// samples, each kept between 0 and 1.
func sampledCurve(light func(float64) float64) []byte {
	kTRC := binary.BigEndian.AppendUint32([]byte("curv\x00\x00\x00\x00"), greyCurves)
	for i := range greyCurves {
		y := light(float64(i) / (greyCurves - 1))
		kTRC = binary.BigEndian.AppendUint16(kTRC, uint16(math.Round(65535*math.Max(0, math.Min(1, y)))))
	}
	return kTRC
}

// ProfileStoreTag marks the stored key of a picture carrying a profile
// with the version of how profiles are carried and converted (grey
// profiles of RGB ones' greys, those of tables too; CMYK tables of
// version 4, interpolated in tetrahedra), so that what was stored before is made again; a picture
// without one keeps its key.
func ProfileStoreTag(mediaType string, data []byte) string {
	if CarriedProfile(mediaType, data).Data == nil {
		return ""
	}
	return " icc3"
}
