package images

import (
	"fmt"
	"image"
	"math"
	"strings"
	"sync"
)

// Filter is a resampling kernel.
type Filter struct {
	Name    string
	Support float64 // the kernel's radius at scale 1
	Kernel  func(x float64) float64
}

// filterNamed returns the resampling filter a spec or site.yaml names, as
// Hugo names them (case does not matter).
func filterNamed(name string) (Filter, bool) {
	switch strings.ToLower(name) {
	case "nearestneighbor", "nearest":
		return Filter{Name: "nearestneighbor"}, true
	case "box":
		return Filter{"box", 0.5, func(x float64) float64 {
			if math.Abs(x) <= 0.5 {
				return 1
			}
			return 0
		}}, true
	case "linear", "triangle":
		return Filter{"linear", 1, func(x float64) float64 { return max(0, 1-math.Abs(x)) }}, true
	case "catmullrom":
		return Filter{"catmullrom", 2, func(x float64) float64 { return bicubic(x, 0, 0.5) }}, true
	case "mitchellnetravali":
		return Filter{"mitchellnetravali", 2, func(x float64) float64 { return bicubic(x, 1.0/3, 1.0/3) }}, true
	case "lanczos":
		return Filter{"lanczos", 3, func(x float64) float64 {
			x = math.Abs(x)
			if x == 0 {
				return 1
			}
			if x < 3 {
				return 3 * math.Sin(math.Pi*x) * math.Sin(math.Pi*x/3) / (math.Pi * math.Pi * x * x)
			}
			return 0
		}}, true
	}
	return Filter{}, false
}

// ParseFilter returns the filter called name; "" gives Box.
func ParseFilter(name string) (Filter, error) {
	if name == "" {
		name = "box"
	}
	f, ok := filterNamed(name)
	if !ok {
		return Filter{}, fmt.Errorf("unknown resample filter %q (box, linear, catmullrom, mitchellnetravali, lanczos, nearestneighbor)", name)
	}
	return f, nil
}

func bicubic(x, b, c float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return ((12-9*b-6*c)*x*x*x + (-18+12*b+6*c)*x*x + (6 - 2*b)) / 6
	case x < 2:
		return ((-b-6*c)*x*x*x + (6*b+30*c)*x*x + (-12*b-48*c)*x + (8*b + 24*c)) / 6
	}
	return 0
}

// resize scales src to w×h with filter f, on up to workers goroutines.
// A large reduction first averages k×k blocks (k an integer that leaves a
// ratio of at least 2 for the filter), which costs one pass over the
// source and changes the result very little.
func resize(src *image.RGBA, w, h int, f Filter, workers int) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	if sw == w && sh == h {
		return src
	}
	if k := min(sw/w, sh/h) / 2; k >= 2 && f.Kernel != nil {
		src = reduce(src, k, workers)
		sw, sh = src.Rect.Dx(), src.Rect.Dy()
	}
	if f.Kernel == nil {
		return nearest(src, w, h)
	}
	// Horizontal pass into tmp (w × sh), then vertical into out (w × h).
	tmp := image.NewRGBA(image.Rect(0, 0, w, sh))
	xw := weights(sw, w, f)
	rows(sh, workers, func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			s := src.Pix[y*src.Stride:]
			d := tmp.Pix[y*tmp.Stride:]
			for x, c := range xw {
				var r, g, b, a int32
				for i, wt := range c.w {
					p := s[(c.start+i)*4:]
					r += int32(p[0]) * wt
					g += int32(p[1]) * wt
					b += int32(p[2]) * wt
					a += int32(p[3]) * wt
				}
				q := d[x*4:]
				q[0], q[1], q[2], q[3] = clamp(r), clamp(g), clamp(b), clamp(a)
			}
		}
	})
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	yw := weights(sh, h, f)
	rows(h, workers, func(y0, y1 int) {
		acc := make([]int32, w*4)
		for y := y0; y < y1; y++ {
			c := yw[y]
			clear(acc)
			for i, wt := range c.w {
				s := tmp.Pix[(c.start+i)*tmp.Stride : (c.start+i)*tmp.Stride+w*4]
				for j, v := range s {
					acc[j] += int32(v) * wt
				}
			}
			d := out.Pix[y*out.Stride : y*out.Stride+w*4]
			for j, v := range acc {
				d[j] = clamp(v)
			}
		}
	})
	return out
}

const fracBits = 14

// contrib is one output pixel's source pixels and their weights (fixed
// point, summing to 1<<fracBits).
type contrib struct {
	start int
	w     []int32
}

func weights(src, dst int, f Filter) []contrib {
	scale := float64(src) / float64(dst)
	support := f.Support * max(1, scale)
	out := make([]contrib, dst)
	for i := range dst {
		center := (float64(i)+0.5)*scale - 0.5
		lo := max(0, int(math.Floor(center-support)))
		hi := min(src-1, int(math.Ceil(center+support)))
		fw := make([]float64, 0, hi-lo+1)
		sum := 0.0
		for j := lo; j <= hi; j++ {
			v := f.Kernel((float64(j) - center) / max(1, scale))
			fw = append(fw, v)
			sum += v
		}
		// Trim zero weights at both ends.
		first, last := 0, len(fw)-1
		for first < last && fw[first] == 0 {
			first++
		}
		for last > first && fw[last] == 0 {
			last--
		}
		if sum == 0 {
			sum = 1
		}
		c := contrib{start: lo + first, w: make([]int32, last-first+1)}
		total := int32(0)
		for k := range c.w {
			c.w[k] = int32(math.Round(fw[first+k] / sum * (1 << fracBits)))
			total += c.w[k]
		}
		// Put the rounding error on the largest weight so a flat area stays flat.
		big := 0
		for k := range c.w {
			if c.w[k] > c.w[big] {
				big = k
			}
		}
		c.w[big] += 1<<fracBits - total
		out[i] = c
	}
	return out
}

func clamp(v int32) uint8 {
	v = (v + 1<<(fracBits-1)) >> fracBits
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// reduce averages k×k blocks (the last partial ones dropped).
func reduce(src *image.RGBA, k, workers int) *image.RGBA {
	w, h := src.Rect.Dx()/k, src.Rect.Dy()/k
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	n := uint32(k * k)
	rows(h, workers, func(y0, y1 int) {
		acc := make([]uint32, w*4)
		for y := y0; y < y1; y++ {
			clear(acc)
			for dy := range k {
				s := src.Pix[(y*k+dy)*src.Stride:]
				for x := range w {
					a := acc[x*4 : x*4+4]
					p := s[x*k*4 : x*k*4+k*4]
					for i := 0; i < len(p); i += 4 {
						a[0] += uint32(p[i])
						a[1] += uint32(p[i+1])
						a[2] += uint32(p[i+2])
						a[3] += uint32(p[i+3])
					}
				}
			}
			d := out.Pix[y*out.Stride : y*out.Stride+w*4]
			for i, v := range acc {
				d[i] = uint8((v + n/2) / n)
			}
		}
	})
	return out
}

func nearest(src *image.RGBA, w, h int) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	for y := range h {
		sy := (2*y + 1) * sh / (2 * h)
		for x := range w {
			sx := (2*x + 1) * sw / (2 * w)
			copy(out.Pix[y*out.Stride+x*4:y*out.Stride+x*4+4], src.Pix[sy*src.Stride+sx*4:])
		}
	}
	return out
}

// rows runs fn over [0, n) split in up to workers bands, in parallel.
func rows(n, workers int, fn func(y0, y1 int)) {
	workers = max(1, min(workers, n/16))
	if workers == 1 {
		fn(0, n)
		return
	}
	var wg sync.WaitGroup
	band := (n + workers - 1) / workers
	for y := 0; y < n; y += band {
		wg.Add(1)
		go func(y0, y1 int) {
			defer wg.Done()
			fn(y0, y1)
		}(y, min(n, y+band))
	}
	wg.Wait()
}
