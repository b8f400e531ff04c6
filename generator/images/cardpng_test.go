package images

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

// TestEncodeCardExact: a card of few colours is written as a palette of its
// exact colours (every pixel decodes as drawn); one with more than 256 as
// RGB, also exact.
func TestEncodeCardExact(t *testing.T) {
	few := image.NewRGBA(image.Rect(0, 0, 300, 40))
	many := image.NewRGBA(image.Rect(0, 0, 300, 40))
	for y := range 40 {
		for x := range 300 {
			// A ramp of 200 shades (as anti-aliased type makes), and one of 300.
			few.SetRGBA(x, y, color.RGBA{uint8(x * 200 / 300), 0x4e, 0xd8, 255})
			many.SetRGBA(x, y, color.RGBA{uint8(x), uint8(x >> 8), uint8(y), 255})
		}
	}
	for _, tt := range []struct {
		name  string
		m     *image.RGBA
		paled bool
	}{{"200 colours", few, true}, {"more than 256", many, false}} {
		data, err := encodeCard(tt.m, color.RGBA{0, 0x4e, 0xd8, 255})
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got.(*image.Paletted); ok != tt.paled {
			t.Errorf("%s: decoded as %T", tt.name, got)
		}
		for y := range 40 {
			for x := range 300 {
				r, g, b, a := got.At(x, y).RGBA()
				w := tt.m.RGBAAt(x, y)
				if uint8(r>>8) != w.R || uint8(g>>8) != w.G || uint8(b>>8) != w.B || uint8(a>>8) != w.A {
					t.Fatalf("%s: pixel %d,%d is %x %x %x %x, drawn %v", tt.name, x, y, r>>8, g>>8, b>>8, a>>8, w)
				}
			}
		}
	}
}

// TestEncodeCardRamps: type anti-aliased in two colours over the
// background (more than 256 colours) is written on ramps of shades, each
// pixel at most one shade off; a colour off the ramps keeps RGB.
func TestEncodeCardRamps(t *testing.T) {
	bg, fg, ac := color.RGBA{0x1d, 0x4e, 0xd8, 255}, color.RGBA{255, 255, 255, 255}, color.RGBA{0xc2, 0x41, 0x0c, 255}
	m := image.NewRGBA(image.Rect(0, 0, 256, 3))
	blend := func(a, b uint8, cov int) uint8 { return uint8((int(a)*(255-cov) + int(b)*cov) / 255) }
	for x := range 256 {
		m.SetRGBA(x, 0, bg)
		m.SetRGBA(x, 1, color.RGBA{blend(bg.R, fg.R, x), blend(bg.G, fg.G, x), blend(bg.B, fg.B, x), 255})
		m.SetRGBA(x, 2, color.RGBA{blend(bg.R, ac.R, x), blend(bg.G, ac.G, x), blend(bg.B, ac.B, x), 255})
	}
	data, err := encodeCard(m, bg, fg, ac)
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.(*image.Paletted); !ok {
		t.Fatalf("decoded as %T, want paletted", got)
	}
	for y := range 3 {
		for x := range 256 {
			r, g, b, _ := got.At(x, y).RGBA()
			w := m.RGBAAt(x, y)
			for _, d := range []int{int(r>>8) - int(w.R), int(g>>8) - int(w.G), int(b>>8) - int(w.B)} {
				if d < -2 || d > 2 {
					t.Fatalf("pixel %d,%d is %x %x %x, drawn %v", x, y, r>>8, g>>8, b>>8, w)
				}
			}
		}
	}
	if bg != m.RGBAAt(0, 0) || got.At(0, 0) != color.Color(bg) {
		t.Errorf("background %v decodes as %v", bg, got.At(0, 0))
	}
	m.SetRGBA(3, 0, color.RGBA{0, 200, 0, 255}) // a green logo pixel
	data, _ = encodeCard(m, bg, fg, ac)
	if got, _ := png.Decode(bytes.NewReader(data)); got == nil {
		t.Fatal("no image")
	} else if _, ok := got.(*image.Paletted); ok || got.At(3, 0) != color.Color(color.RGBA{0, 200, 0, 255}) {
		t.Errorf("a colour off the ramps: decoded as %T, pixel %v", got, got.At(3, 0))
	}
}

// BenchmarkDrawCard: one drawn share card, as a build without a cached
// copy makes it for each page.
func BenchmarkDrawCard(b *testing.B) {
	o := CardOptions{Title: "Leads that arrive with a story: why the handoff decides the quarter, and what to do about it this week",
		Eyebrow: "Stories", Brand: "Bridgework", Background: "#1d4ed8", Foreground: "#ffffff", Accent: "#c2410c"}
	n := 0
	for b.Loop() {
		data, err := DrawCard(o)
		if err != nil {
			b.Fatal(err)
		}
		n = len(data)
	}
	b.ReportMetric(float64(n), "bytes/card")
}
