package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"

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
// samples than the profile (a grey picture in an RGB profile embedded as
// grey, a CMYK JPEG decoded to RGB) keeps its device space.

// noteProfile records the profile of a raster just registered, by the
// digest of the image data gofpdf makes of it. Two rasters of the same
// data are one image in gofpdf; the first profile noted for it is kept.
func (p *painter) noteProfile(r *raster) {
	if r.profile.Data == nil {
		return
	}
	digest := r.colours
	if r.kind == "jpg" {
		digest = sha256.Sum256(r.data)
	}
	if p.profiles == nil {
		p.profiles = map[[32]byte]media.Profile{}
	}
	if _, ok := p.profiles[digest]; !ok {
		p.profiles[digest] = r.profile
	}
}

// deviceSpaces are the device colour spaces gofpdf writes images in, by
// the samples a pixel has.
var deviceSpaces = map[int]pdffile.Name{1: "DeviceGray", 3: "DeviceRGB", 4: "DeviceCMYK"}

// addProfiles makes the colour space of each image of a noted profile
// ICCBased, on the device space gofpdf wrote or the base of its palette.
func addProfiles(f *pdffile.File, profiles map[[32]byte]media.Profile) {
	if len(profiles) == 0 {
		return
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
		}
		return pdffile.Array{pdffile.Name("ICCBased"), ref}
	}
	for _, ref := range f.Refs() {
		img, ok := f.Objects[ref].(*pdffile.Stream)
		if !ok || !img.Dict.Is("Subtype", "Image") {
			continue
		}
		p, ok := profiles[sha256.Sum256(img.Data)]
		if !ok {
			continue
		}
		device := deviceSpaces[p.Components]
		switch cs := f.Resolve(img.Dict["ColorSpace"]).(type) {
		case pdffile.Name:
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
}
