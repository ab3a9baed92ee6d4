package jpegdec

import "image"

// DecodeWhole decodes a picture at its full size, each block by
// libjpeg's accurate integer inverse transform (its "islow"), so that the
// planes are libjpeg's before upsampling and colour conversion: an
// *image.YCbCr, or an *image.Gray for one component. A damaged picture
// is read as libjpeg reads it: its scans resynchronised at their restart
// markers when these are out of order or missing, the blocks whose bits
// are lost left grey (or as earlier scans left them), which damage
// counts.
// ok is false for any other picture Decode declines, and for one whose
// data end before its end-of-image marker.
func DecodeWhole(data []byte) (img image.Image, damage Damage, ok bool) {
	d := &decoder{data: data, whole: true}
	if !d.decode() {
		return nil, Damage{}, false
	}
	pix := make([][]uint8, len(d.comps))
	strides := make([]int, len(d.comps))
	for i, c := range d.comps {
		stride := 8 * c.across
		plane := make([]uint8, stride*8*c.down)
		for n := range c.across * c.down {
			bx, by := n%c.across, n/c.across
			idctIslow(plane[8*by*stride+8*bx:], stride, (*[64]int16)(c.coef[64*n:64*n+64]))
		}
		pix[i], strides[i] = plane, stride
	}
	r := image.Rect(0, 0, d.width, d.height)
	if len(d.comps) == 1 {
		return &image.Gray{Pix: pix[0], Stride: strides[0], Rect: r}, d.damage, true
	}
	return &image.YCbCr{
		Y: pix[0], Cb: pix[1], Cr: pix[2],
		YStride: strides[0], CStride: strides[1],
		SubsampleRatio: d.ratio(), Rect: r,
	}, d.damage, true
}

// Damage is what DecodeWhole found wrong in a picture it read: restart
// markers other than those due (out of order, missing, or where none is
// due), and blocks whose bits were lost, each counted once whatever the
// scans that lost it.
type Damage struct {
	Restarts, Lost int
}

// The constants of libjpeg's islow transform (ITU-T T.81's inverse DCT
// factored as Loeffler, Ligtenberg and Moschytz did): the cosines'
// combinations times 2¹³; the columns' pass keeps two more bits.
const (
	islowBits  = 13
	islowPass1 = 2
	fix0298    = 2446  // 0.298631336
	fix0390    = 3196  // 0.390180644
	fix0541    = 4433  // 0.541196100
	fix0765    = 6270  // 0.765366865
	fix0899    = 7373  // 0.899976223
	fix1175    = 9633  // 1.175875602
	fix1501    = 12299 // 1.501321110
	fix1847    = 15137 // 1.847759065
	fix1961    = 16069 // 1.961570560
	fix2053    = 16819 // 2.053119869
	fix2562    = 20995 // 2.562915447
	fix3072    = 25172 // 3.072711026
)

// islow8 is the 8-point inverse transform of in[0], in[step], …
// (dequantised, or the first pass's), its eight outputs times 2^shift
// before they are rounded and shifted down by it: the computation of
// libjpeg's jidctint.c, in 64 bits as libjpeg's JLONG, so that every
// output is the same.
func islow8(in0, in1, in2, in3, in4, in5, in6, in7 int, shift uint) (out [8]int) {
	// even part
	z1 := (in2 + in6) * fix0541
	tmp2 := z1 - in6*fix1847
	tmp3 := z1 + in2*fix0765
	tmp0 := (in0 + in4) << islowBits
	tmp1 := (in0 - in4) << islowBits
	tmp10, tmp13 := tmp0+tmp3, tmp0-tmp3
	tmp11, tmp12 := tmp1+tmp2, tmp1-tmp2
	// odd part
	t0, t1, t2, t3 := in7, in5, in3, in1
	z1, z2, z3, z4 := t0+t3, t1+t2, t0+t2, t1+t3
	z5 := (z3 + z4) * fix1175
	t0 *= fix0298
	t1 *= fix2053
	t2 *= fix3072
	t3 *= fix1501
	z1 *= -fix0899
	z2 *= -fix2562
	z3 = z3*-fix1961 + z5
	z4 = z4*-fix0390 + z5
	t0 += z1 + z3
	t1 += z2 + z4
	t2 += z2 + z3
	t3 += z1 + z4
	round := 1 << (shift - 1)
	return [8]int{
		(tmp10 + t3 + round) >> shift, (tmp11 + t2 + round) >> shift,
		(tmp12 + t1 + round) >> shift, (tmp13 + t0 + round) >> shift,
		(tmp13 - t0 + round) >> shift, (tmp12 - t1 + round) >> shift,
		(tmp11 - t2 + round) >> shift, (tmp10 - t3 + round) >> shift,
	}
}

// idctIslow writes a block's 8 × 8 pixels at dst, stride bytes a row,
// from its dequantised coefficients in natural order: columns first,
// then rows, a column or row with only its first coefficient given that
// one scaled, as libjpeg's shortcut gives it.
func idctIslow(dst []uint8, stride int, f *[64]int16) {
	var ws [64]int
	for x := range 8 {
		if f[8+x]|f[16+x]|f[24+x]|f[32+x]|f[40+x]|f[48+x]|f[56+x] == 0 {
			dc := int(f[x]) << islowPass1
			for y := range 8 {
				ws[8*y+x] = dc
			}
			continue
		}
		col := islow8(int(f[x]), int(f[8+x]), int(f[16+x]), int(f[24+x]),
			int(f[32+x]), int(f[40+x]), int(f[48+x]), int(f[56+x]), islowBits-islowPass1)
		for y, v := range col {
			ws[8*y+x] = v
		}
	}
	const shift = islowBits + islowPass1 + 3
	for y := range 8 {
		w := (*[8]int)(ws[8*y : 8*y+8])
		row := (*[8]uint8)(dst[y*stride : y*stride+8])
		if w[1]|w[2]|w[3]|w[4]|w[5]|w[6]|w[7] == 0 {
			v := clampPixel(int32((w[0]+1<<(islowPass1+2))>>(islowPass1+3)) + 128)
			*row = [8]uint8{v, v, v, v, v, v, v, v}
			continue
		}
		for x, v := range islow8(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], shift) {
			row[x] = clampPixel(int32(v) + 128)
		}
	}
}
