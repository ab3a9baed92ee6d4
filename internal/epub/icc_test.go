package epub

import (
	"bytes"
	"os"
	"testing"

	"github.com/samizdat-press/samizdat/internal/doc"
	"github.com/samizdat-press/samizdat/internal/media"
)

// A picture the EPUB packages anew keeps its colour profile, for the
// reading system to show its colours: a WebP converted to PNG, a TIFF
// converted, a JPEG or PNG reduced. One packaged as it is keeps its own
// bytes, profile and all.
func TestPackagedPicturesKeepTheirProfiles(t *testing.T) {
	profile, err := os.ReadFile("../media/testdata/icc/adobergb-compatible.icc")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file, mediaType string
		maxPixels       int
	}{
		{"adobe-patches.webp", media.WebP, 0},
		{"adobe-patches.tif", media.TIFF, 0},
		{"adobe-patches.jpg", media.JPEG, 60},
		{"adobe-patches.png", media.PNG, 60},
		{"adobe-patches.jpg", media.JPEG, 0},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("../media/testdata/icc/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			s := newImageSet(tc.maxPixels, 0, media.NewCache(), nil, 1)
			mt, out, err := s.checkImage(&doc.Asset{Path: "img/" + tc.file, MediaType: tc.mediaType, Data: data})
			if err != nil {
				t.Fatal(err)
			}
			if media.Converts(mt) || tc.maxPixels > 0 {
				r := s.reduce(mt, out, 1)
				if r.err != nil {
					t.Fatal(r.err)
				}
				if tc.maxPixels > 0 && r.width*r.height > tc.maxPixels {
					t.Fatalf("not reduced: %d × %d", r.width, r.height)
				}
				mt, out = r.mediaType, r.data
			}
			p, err := media.EmbeddedProfile(mt, out)
			if err != nil || !bytes.Equal(p.Data, profile) {
				t.Errorf("%s packaged with %d bytes of profile (%v), want the picture's %d", mt, len(p.Data), err, len(profile))
			}
		})
	}
}
