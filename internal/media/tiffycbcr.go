package media

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
)

// A TIFF in YCbCr (photometric interpretation 6) that is not
// JPEG-compressed holds its samples in data units: for every h × v
// pixels, h·v luma samples, row by row, then one Cb and one Cr sample
// (TIFF 6.0, section 21). Scanners and libtiff's rgb2ycbcr write them;
// x/image refuses the colour model. Read here: 8 bits a sample, the units
// of a pixel together, in strips compressed with none, LZW, Deflate or
// PackBits, the subsampling one Go's image.YCbCr has, and the default
// coefficients and reference black and white (those of a JPEG's YCbCr),
// so that image/color converts it as TIFF readers do.

// TIFF tags of YCbCr pictures.
const (
	tagYCbCrCoefficients = 529
	tagYCbCrSubSampling  = 530
	tagReferenceBW       = 532
)

// ycbcrRatios maps TIFF's subsampling, across and down, to Go's.
var ycbcrRatios = map[[2]int]image.YCbCrSubsampleRatio{
	{1, 1}: image.YCbCrSubsampleRatio444,
	{2, 1}: image.YCbCrSubsampleRatio422,
	{2, 2}: image.YCbCrSubsampleRatio420,
	{4, 1}: image.YCbCrSubsampleRatio411,
	{4, 2}: image.YCbCrSubsampleRatio410,
}

// ycbcrLayout is a YCbCr page's subsampling, or an error naming what of
// it is not read.
func (l tiffLayout) ycbcrLayout(data []byte) (across, down int, err error) {
	across, down = 2, 2 // the default
	if vs, ok := l.values(data, tagYCbCrSubSampling, 2); ok && len(vs) == 2 {
		across, down = int(vs[0]), int(vs[1])
	}
	if _, ok := ycbcrRatios[[2]int{across, down}]; !ok {
		return 0, 0, unsupportedTIFF(fmt.Sprintf("YCbCr subsampled %d across and %d down", across, down))
	}
	// Rec. 601's luma weights, and luma 0–255, chroma centred on 128
	if !l.rationalsAre(data, tagYCbCrCoefficients, []float64{0.299, 0.587, 0.114}) {
		return 0, 0, unsupportedTIFF("YCbCr of coefficients other than Rec. 601's")
	}
	if !l.rationalsAre(data, tagReferenceBW, []float64{0, 255, 128, 255, 128, 255}) {
		return 0, 0, unsupportedTIFF("YCbCr of a reference black and white other than 0–255")
	}
	return across, down, nil
}

// rationalsAre says whether an entry's RATIONAL values are want, each
// within a thousandth; a missing entry takes its default, want.
func (l tiffLayout) rationalsAre(data []byte, tag uint16, want []float64) bool {
	e := l.entry(tag)
	if e == nil {
		return true
	}
	if l.order.Uint16(e[2:]) != 5 || int(l.order.Uint32(e[4:])) != len(want) {
		return false
	}
	raw, ok := l.payload(data, e, 8*len(want))
	if !ok {
		return false
	}
	for i, w := range want {
		num, den := l.order.Uint32(raw[8*i:]), l.order.Uint32(raw[8*i+4:])
		if den == 0 || math.Abs(float64(num)/float64(den)-w) > 0.001 {
			return false
		}
	}
	return true
}

// decodeYCbCr decodes a YCbCr page read as its data units.
func (l tiffLayout) decodeYCbCr(data []byte) (image.Image, error) {
	w, h := l.firstValue(data, tagWidth, 0), l.firstValue(data, tagHeight, 0)
	if w <= 0 || h <= 0 {
		return nil, errors.New("TIFF without a width and height")
	}
	across, down, err := l.ycbcrLayout(data)
	if err != nil {
		return nil, err
	}
	unitsAcross, unitRows := (w+across-1)/across, (h+down-1)/down
	unit := across*down + 2
	rowsPerStrip := l.firstValue(data, tagRowsPerStrip, h)
	raw, err := l.stripRowsPer(data, unitsAcross*unit, unitRows, max(1, (rowsPerStrip+down-1)/down))
	if err != nil {
		return nil, err
	}
	img := image.NewYCbCr(image.Rect(0, 0, unitsAcross*across, unitRows*down), ycbcrRatios[[2]int{across, down}])
	for uy := range unitRows {
		for ux := range unitsAcross {
			u := raw[(uy*unitsAcross+ux)*unit:]
			for dy := range down {
				copy(img.Y[(uy*down+dy)*img.YStride+ux*across:][:across], u[dy*across:])
			}
			img.Cb[uy*img.CStride+ux] = u[across*down]
			img.Cr[uy*img.CStride+ux] = u[across*down+1]
		}
	}
	return img.SubImage(image.Rect(0, 0, w, h)), nil
}

// ycbcrConfig is a YCbCr page's size and colour model.
func (l tiffLayout) ycbcrConfig(data []byte) (image.Config, error) {
	w, h := l.firstValue(data, tagWidth, 0), l.firstValue(data, tagHeight, 0)
	if w <= 0 || h <= 0 {
		return image.Config{}, errors.New("TIFF without a width and height")
	}
	if _, _, err := l.ycbcrLayout(data); err != nil {
		return image.Config{}, err
	}
	return image.Config{ColorModel: color.YCbCrModel, Width: w, Height: h}, nil
}
