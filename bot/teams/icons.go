package teams

import (
	"image"
	"image/color"
	"math"
)

// Icon sizes Teams requires, in pixels.
const (
	colorIconSize   = 192
	outlineIconSize = 32
)

// colorIcon is the full-colour icon: a white tick on GOV.UK blue.
func colorIcon() *image.RGBA {
	blue := color.RGBA{R: 0x1D, G: 0x70, B: 0xB8, A: 0xFF}
	return drawTick(colorIconSize, blue, 0.10)
}

// outlineIcon is the outline icon Teams tints: white on transparent,
// nothing else, a thicker tick to stay legible at 32 pixels.
func outlineIcon() *image.RGBA {
	return drawTick(outlineIconSize, color.RGBA{}, 0.14)
}

// drawTick draws a white tick of the given stroke (a fraction of the
// size) on a square of background colour.
func drawTick(size int, background color.RGBA, stroke float64) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	white := color.RGBA{R: 0xFF, G: 0xFF, B: 0xFF, A: 0xFF}
	// The tick's three corners, as fractions of the size.
	pts := [3][2]float64{{0.26, 0.52}, {0.43, 0.69}, {0.75, 0.33}}
	s := float64(size)
	half := stroke * s / 2
	for y := range size {
		for x := range size {
			px, py := float64(x)+0.5, float64(y)+0.5
			d := math.Min(
				segmentDistance(px, py, pts[0][0]*s, pts[0][1]*s, pts[1][0]*s, pts[1][1]*s),
				segmentDistance(px, py, pts[1][0]*s, pts[1][1]*s, pts[2][0]*s, pts[2][1]*s),
			)
			if d <= half {
				img.SetRGBA(x, y, white)
			} else {
				img.SetRGBA(x, y, background)
			}
		}
	}
	return img
}

// segmentDistance is the distance from (px, py) to the segment (ax,
// ay)-(bx, by).
func segmentDistance(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	t := ((px-ax)*dx + (py-ay)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
}
