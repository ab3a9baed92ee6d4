package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"image/png"
	"io"

	"github.com/samizdat-press/samizdat/internal/media"
	"github.com/samizdat-press/samizdat/internal/pdf/pdffile"
)

// gofpdf 1.16.2 writes every image in a device colour space (DeviceRGB,
// DeviceGray, DeviceCMYK, or a palette of DeviceRGB) and has no way to
// name an ICC profile. A picture carrying a profile other than sRGB's
// (media.CarriedProfile) keeps it in the PDF as the finishing pass
// rewrites the image's colour space: [/ICCBased stream], the stream
// holding the profile, deflated, its /N the samples a pixel has and its
// /Alternate the device space gofpdf wrote, as PDF/X asks. One stream
// serves every image of the same profile. The image is found by the
// digest of its data, as its soft mask is (addSoftMasks): the JPEG's
// bytes, or the PNG's compressed data gofpdf copies.
//
// The profile applies only where the samples embedded are still in its
// colour space: an image whose device space has another number of
// samples than the profile (a CMYK JPEG decoded to RGB) keeps its device
// space. A picture of an RGB profile whose pixels are all grey, embedded
// in grey, is given the grey profile of the RGB profile's greys
// (media.Profile.Greys): its samples kept, a third of RGB's bytes, and
// shown as the RGB profile shows them, where converting them to sRGB's
// greys would lose levels (a profile of gamma 1.0 has 26 levels for the
// darkest third of sRGB's 256).

// withProfile gives a prepared raster the profile its samples are in.
// A JPEG re-encoded here (resampled, not reduced by a whole factor,
// which media's reduction does with the profile) gets the profile in
// its own segments too, so that its bytes differ from the same pixels
// untagged: gofpdf makes one image of equal data.
func withProfile(r *raster, j *pictureJob) *raster {
	if r.reason != "" {
		return r
	}
	r.profile = media.CarriedProfile(j.mediaType, j.data)
	if r.kind == "jpg" && r.profile.Data != nil {
		if p, err := media.EmbeddedProfile(media.JPEG, r.data); err == nil && p.Data == nil {
			r.data = media.WithProfile(media.JPEG, r.data, r.profile)
		}
	}
	return r
}

// noteProfile records the profile of a raster just registered, by the
// digest of the image data gofpdf makes of it, and reports whether the
// image is its own: a PNG of the same compressed data as one of another
// profile, or none, would share its image (a JPEG's data holds its
// profile, withProfile), and must be registered encoded otherwise.
func (p *painter) noteProfile(r *raster) bool {
	digest := r.colours
	switch {
	case r.kind == "jpg" && r.profile.Data == nil:
		return true
	case r.kind == "jpg":
		digest = sha256.Sum256(r.data)
	}
	if p.profiles == nil {
		p.profiles = map[[32]byte]media.Profile{}
	}
	if noted, ok := p.profiles[digest]; ok {
		return bytes.Equal(noted.Data, r.profile.Data)
	}
	p.profiles[digest] = r.profile
	return true
}

// registerOwnProfile registers a PNG raster whose compressed data is
// another image's, of another profile, encoded by image/png instead, so
// that its data, and its profile, are its own: at the first of its
// compression levels that makes data no image of another profile has
// (the same pixels may come in three profiles or more).
func (p *painter) registerOwnProfile(name string, j *pictureJob) *picture {
	r := j.raster
	img, err := png.Decode(bytes.NewReader(r.data))
	if err != nil {
		return &picture{reason: err.Error()}
	}
	var buf bytes.Buffer
	var digest [32]byte
	for _, level := range []png.CompressionLevel{png.BestSpeed, png.DefaultCompression, png.BestCompression, png.NoCompression} {
		buf.Reset()
		if err := (&png.Encoder{CompressionLevel: level}).Encode(&buf, img); err != nil {
			return &picture{reason: err.Error()}
		}
		digest = sha256.Sum256(pngData(buf.Bytes()))
		if noted, ok := p.profiles[digest]; !ok || bytes.Equal(noted.Data, r.profile.Data) {
			break
		}
	}
	if err := p.tryRegister(name, "png", buf.Bytes()); err != nil {
		return &picture{reason: err.Error()}
	}
	if _, ok := p.profiles[digest]; !ok {
		p.profiles[digest] = r.profile
	}
	if r.mask != nil {
		p.masks[digest] = softMask{width: r.width, height: r.height, data: r.mask}
	}
	return &picture{name: name, kind: "png", width: r.width, height: r.height}
}

// notePixelsProfile records the profile of a PNG registered from a
// picture's pixels (one with transparency gofpdf splits itself, one
// gofpdf would not read as it was, one encoded again to be its own
// image), whose samples are still in it: the picture's decoded, a CMYK
// one converted to sRGB, whose profile then does not fit and is not
// applied (addProfiles). One with an alpha channel is found by the
// colours gofpdf splits from it. The first profile noted for the same
// data stays.
func (p *painter) notePixelsProfile(data []byte, profile media.Profile) {
	if profile.Data == nil {
		return
	}
	if p.profiles == nil {
		p.profiles = map[[32]byte]media.Profile{}
	}
	colours := pngData(data)
	if len(data) > 25 && (data[25] == 4 || data[25] == 6) {
		colours = gofpdfColours(data, colours)
	}
	digest := sha256.Sum256(colours)
	if _, ok := p.profiles[digest]; !ok {
		p.profiles[digest] = profile
	}
}

// gofpdfColours is the image data gofpdf 1.16.2 makes of a PNG of 8-bit
// samples with an alpha channel, whose rows are unfiltered (image/png's
// at BestSpeed): each row's filter byte and its colours, the alpha
// channel split off into the soft mask, deflated at BestSpeed.
func gofpdfColours(png, compressed []byte) []byte {
	zr, err := zlib.NewReader(bytes.NewReader(compressed))
	if err != nil {
		return nil
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil
	}
	width := int(binary.BigEndian.Uint32(png[16:]))
	channels := 2
	if png[25] == 6 {
		channels = 4
	}
	row := 1 + channels*width
	var colours []byte
	for at := 0; at+row <= len(raw); at += row {
		colours = append(colours, raw[at])
		for x := at + 1; x < at+row; x += channels {
			colours = append(colours, raw[x:x+channels-1]...)
		}
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	zw.Write(colours)
	zw.Close()
	return z.Bytes()
}

// deviceSpaces are the device colour spaces gofpdf writes images in, by
// the samples a pixel has.
var deviceSpaces = map[int]pdffile.Name{1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}

// addProfiles makes the colour space of each image of a noted profile
// ICCBased, on the device space gofpdf wrote or the base of its palette,
// and returns the PDF version the profiles ask for (profileVersion).
func addProfiles(f *pdffile.File, profiles map[[32]byte]media.Profile) (version string) {
	if len(profiles) == 0 {
		return ""
	}
	streams := map[[32]byte]pdffile.Ref{} // by the profile's digest
	iccBased := func(p media.Profile) pdffile.Array {
		sum := sha256.Sum256(p.Data)
		ref, ok := streams[sum]
		if !ok {
			var z bytes.Buffer
			zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
			zw.Write(p.Data)
			zw.Close()
			ref = f.Add(&pdffile.Stream{Dict: pdffile.Dict{
				"N": pdffile.Int(p.Components), "Alternate": deviceSpaces[p.Components],
				"Filter": pdffile.Name("FlateDecode"),
			}, Data: z.Bytes()})
			streams[sum] = ref
			version = max(version, profileVersion(p.Data))
		}
		return pdffile.Array{pdffile.Name("ICCBased"), ref}
	}
	for _, ref := range f.Refs() {
		img, ok := f.Objects[ref].(*pdffile.Stream)
		if !ok || !img.Dict.Is("Subtype", "Image") {
			continue
		}
		p, ok := profiles[sha256.Sum256(img.Data)]
		if !ok || p.Data == nil {
			continue
		}
		device := deviceSpaces[p.Components]
		switch cs := f.Resolve(img.Dict["ColorSpace"]).(type) {
		case pdffile.Name:
			if cs == "DeviceGray" && p.Components == 3 {
				// an RGB picture all grey, embedded in grey: the grey
				// profile of its profile's greys
				if grey, ok := p.Greys(); ok {
					p, device = grey, cs
				}
			}
			if cs == device {
				img.Dict["ColorSpace"] = iccBased(p)
			}
		case pdffile.Array:
			if len(cs) == 4 && cs[0] == pdffile.Name("Indexed") && f.Resolve(cs[1]) == device {
				indexed := append(pdffile.Array(nil), cs...)
				indexed[1] = iccBased(p)
				img.Dict["ColorSpace"] = indexed
			}
		}
	}
	return version
}

// profileVersion is the PDF version that first reads profiles of an ICC
// profile's version: PDF 1.4 those of version 2, PDF 1.5 version 4.0,
// 1.6 version 4.1 and 1.7 version 4.2 and later.
func profileVersion(profile []byte) string {
	if profile[8] < 4 {
		return "1.4"
	}
	switch minor := profile[9] >> 4; {
	case minor == 0:
		return "1.5"
	case minor == 1:
		return "1.6"
	}
	return "1.7"
}
