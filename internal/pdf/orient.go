package pdf

import "github.com/jung-kurt/gofpdf"

// unitOrientation maps the unit square an image is drawn in onto itself
// as an Exif orientation turns and mirrors the picture: the image's
// first row, at the top of the square (y = 1), goes where the picture
// shows it. As a PDF matrix [a b c d e f]: (x, y) → (a·x + c·y + e,
// b·x + d·y + f).
var unitOrientation = [9][6]float64{
	2: {-1, 0, 0, 1, 1, 0},  // mirrored left to right
	3: {-1, 0, 0, -1, 1, 1}, // turned a half
	4: {1, 0, 0, -1, 0, 1},  // mirrored top to bottom
	5: {0, -1, -1, 0, 1, 1}, // mirrored about the main diagonal
	6: {0, -1, 1, 0, 0, 1},  // turned a quarter clockwise
	7: {0, 1, 1, 0, 0, 0},   // mirrored about the other diagonal
	8: {0, 1, -1, 0, 1, 0},  // turned a quarter anticlockwise
}

// orientedImage is the transformation that, applied around an image drawn
// in the box of x, y (its lower left corner, in the page's coordinates)
// and w × h points, draws it as orientation o shows it: the box's own
// map B of the unit square, then the orientation O, then B back, B·O·B⁻¹.
// The image keeps its bytes; a JPEG is embedded as it is, and readers,
// which ignore Exif in a PDF, show it upright.
func orientedImage(x, y, w, h float64, o int) gofpdf.TransformMatrix {
	if o < 2 || o > 8 {
		return gofpdf.TransformMatrix{A: 1, D: 1}
	}
	u := unitOrientation[o]
	// B·O·B⁻¹ with B = [w 0 0 h x y]: the linear part scaled by the
	// box's sides, the offset the box's corner moved.
	a, b, c, d := u[0], u[1]*h/w, u[2]*w/h, u[3]
	e := x + w*u[4] - a*x - c*y
	f := y + h*u[5] - b*x - d*y
	return gofpdf.TransformMatrix{A: a, B: b, C: c, D: d, E: e, F: f}
}
