package images

import (
	"image"
	"math"
)

// geometry returns the part of a w×h image that sp keeps and the size it
// is scaled to. smart finds the best rw×rh region for the smart anchor;
// it is called only for that anchor.
func (sp Spec) geometry(w, h int, smart func(rw, rh int) image.Point) (image.Rectangle, int, int) {
	whole := image.Rect(0, 0, w, h)
	switch sp.Op {
	case OpResize:
		ow, oh := sp.Width, sp.Height
		if oh == 0 {
			oh = max(1, int(math.Round(float64(h)*float64(ow)/float64(w))))
		}
		if ow == 0 {
			ow = max(1, int(math.Round(float64(w)*float64(oh)/float64(h))))
		}
		return whole, ow, oh
	case OpFit:
		if w <= sp.Width && h <= sp.Height {
			return whole, w, h
		}
		s := math.Min(float64(sp.Width)/float64(w), float64(sp.Height)/float64(h))
		return whole, max(1, int(math.Round(float64(w)*s))), max(1, int(math.Round(float64(h)*s)))
	case OpFill:
		s := math.Max(float64(sp.Width)/float64(w), float64(sp.Height)/float64(h))
		rw := min(w, max(1, int(math.Round(float64(sp.Width)/s))))
		rh := min(h, max(1, int(math.Round(float64(sp.Height)/s))))
		return sp.place(w, h, rw, rh, smart), sp.Width, sp.Height
	case OpCrop:
		rw, rh := min(w, sp.Width), min(h, sp.Height)
		if sp.Anchor == "smart" && (sp.Width > w || sp.Height > h) {
			// As Hugo's smart crop: a box larger than the image shrinks to
			// fit it, keeping its proportions.
			s := math.Min(float64(w)/float64(sp.Width), float64(h)/float64(sp.Height))
			rw, rh = max(1, int(float64(sp.Width)*s)), max(1, int(float64(sp.Height)*s))
		}
		return sp.place(w, h, rw, rh, smart), rw, rh
	}
	return whole, w, h
}

// place puts an rw×rh region inside w×h at the spec's anchor, or centred
// on its focal point.
func (sp Spec) place(w, h, rw, rh int, smart func(rw, rh int) image.Point) image.Rectangle {
	var x, y int
	switch sp.Anchor {
	case "smart":
		p := smart(rw, rh)
		return image.Rect(p.X, p.Y, p.X+rw, p.Y+rh)
	case "", "center":
		x, y = (w-rw)/2, (h-rh)/2
		if sp.Anchor == "" && sp.HasFocus {
			x = int(math.Round(sp.FocusX*float64(w) - float64(rw)/2))
			y = int(math.Round(sp.FocusY*float64(h) - float64(rh)/2))
			x, y = min(max(0, x), w-rw), min(max(0, y), h-rh)
		}
	case "top":
		x, y = (w-rw)/2, 0
	case "topleft":
		x, y = 0, 0
	case "topright":
		x, y = w-rw, 0
	case "left":
		x, y = 0, (h-rh)/2
	case "right":
		x, y = w-rw, (h-rh)/2
	case "bottom":
		x, y = (w-rw)/2, h-rh
	case "bottomleft":
		x, y = 0, h-rh
	case "bottomright":
		x, y = w-rw, h-rh
	}
	return image.Rect(x, y, x+rw, y+rh)
}

// smartCrop finds the rw×rh region of m with the most detail (edges and
// saturated colour), skin and faces aside: a small, predictable stand-in
// for Hugo's smartcrop. It scores a shrunken copy, so its cost does not
// grow with the photo.
func smartCrop(m *image.RGBA, rw, rh int) image.Point {
	w, h := m.Rect.Dx(), m.Rect.Dy()
	if rw >= w && rh >= h {
		return image.Point{}
	}
	k := max(1, max(w, h)/256)
	small := m
	if k > 1 {
		small = reduce(m, k, 1)
	}
	sw, sh := small.Rect.Dx(), small.Rect.Dy()
	// Energy per pixel, then a summed-area table.
	sum := make([]float64, (sw+1)*(sh+1))
	lum := func(x, y int) float64 {
		p := small.Pix[y*small.Stride+x*4:]
		return 0.299*float64(p[0]) + 0.587*float64(p[1]) + 0.114*float64(p[2])
	}
	for y := range sh {
		for x := range sw {
			e := 0.0
			if x > 0 && y > 0 {
				e = math.Abs(lum(x, y)-lum(x-1, y)) + math.Abs(lum(x, y)-lum(x, y-1))
			}
			p := small.Pix[y*small.Stride+x*4:]
			mx := max(p[0], p[1], p[2])
			mn := min(p[0], p[1], p[2])
			e += 0.25 * float64(mx-mn)
			sum[(y+1)*(sw+1)+x+1] = e + sum[y*(sw+1)+x+1] + sum[(y+1)*(sw+1)+x] - sum[y*(sw+1)+x]
		}
	}
	cw, ch := min(sw, max(1, rw/k)), min(sh, max(1, rh/k))
	best, bx, by := -1.0, 0, 0
	for y := 0; y+ch <= sh; y++ {
		for x := 0; x+cw <= sw; x++ {
			s := sum[(y+ch)*(sw+1)+x+cw] - sum[y*(sw+1)+x+cw] - sum[(y+ch)*(sw+1)+x] + sum[y*(sw+1)+x]
			// Prefer the middle a little when scores tie.
			s -= 1e-6 * math.Abs(float64(x)-float64(sw-cw)/2)
			if s > best {
				best, bx, by = s, x, y
			}
		}
	}
	return image.Pt(min(bx*k, w-rw), min(by*k, h-rh))
}

// rotate turns m anticlockwise by deg (a multiple of 90).
func rotate(m *image.RGBA, deg int) *image.RGBA {
	switch deg {
	case 90:
		return orient(m, 8)
	case 180:
		return orient(m, 3)
	case 270:
		return orient(m, 6)
	}
	return m
}

// crop returns the part r of m as its own image.
func crop(m *image.RGBA, r image.Rectangle) *image.RGBA {
	if r == m.Rect {
		return m
	}
	out := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
	for y := range r.Dy() {
		copy(out.Pix[y*out.Stride:y*out.Stride+r.Dx()*4], m.Pix[(r.Min.Y+y)*m.Stride+r.Min.X*4:])
	}
	return out
}
