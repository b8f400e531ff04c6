package images

import (
	"image"
	"sync"
)

// pyramid is a decoded image and its halvings, made on demand and shared
// by every size taken from it: three widths from a 12 MP photo average
// the full image once, not three times.
type pyramid struct {
	mu      sync.Mutex
	levels  []*image.RGBA // levels[i] is the image halved i times
	workers int
}

func newPyramid(m *image.RGBA, workers int) *pyramid {
	return &pyramid{levels: []*image.RGBA{m}, workers: workers}
}

// base returns the full-size image. (The lock: forSize may be growing
// levels on another goroutine.)
func (p *pyramid) base() *image.RGBA {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.levels[0]
}

// forSize returns the smallest level still at least gap times larger than
// w×h in both directions (gap: 1.5 for Box, which averages areas, 2 for
// the other filters), so the filter still sees enough pixels.
func (p *pyramid) forSize(w, h int, f Filter) *image.RGBA {
	gap := 2.0
	if f.Name == "box" {
		gap = 1.5
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	i := 0
	for {
		m := p.levels[i]
		nw, nh := m.Rect.Dx()/2, m.Rect.Dy()/2
		if float64(nw) < gap*float64(w) || float64(nh) < gap*float64(h) || f.Kernel == nil {
			return m
		}
		if i+1 == len(p.levels) {
			p.levels = append(p.levels, reduce(m, 2, p.workers))
		}
		i++
	}
}
