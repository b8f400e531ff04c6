package brand

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Color is an opaque sRGB colour.
type Color struct{ R, G, B uint8 }

// ParseColor reads a colour as CSS writes it: #rgb, #rrggbb, rgb(r g b),
// rgb(r, g, b), white or black. Transparency is refused: contrast cannot
// be known without the colour beneath.
func ParseColor(s string) (Color, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch v {
	case "white":
		return Color{255, 255, 255}, nil
	case "black":
		return Color{}, nil
	}
	if h, ok := strings.CutPrefix(v, "#"); ok {
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) == 6 {
			if n, err := strconv.ParseUint(h, 16, 32); err == nil {
				return Color{uint8(n >> 16), uint8(n >> 8), uint8(n)}, nil
			}
		}
		return Color{}, fmt.Errorf("%q is not a colour: want #rgb or #rrggbb (no transparency)", s)
	}
	if in, ok := strings.CutPrefix(v, "rgb("); ok && strings.HasSuffix(in, ")") {
		parts := strings.FieldsFunc(strings.TrimSuffix(in, ")"), func(r rune) bool { return r == ',' || r == ' ' })
		if len(parts) == 3 {
			var c [3]uint8
			ok := true
			for i, p := range parts {
				n, err := strconv.Atoi(p)
				if err != nil || n < 0 || n > 255 {
					ok = false
					break
				}
				c[i] = uint8(n)
			}
			if ok {
				return Color{c[0], c[1], c[2]}, nil
			}
		}
	}
	return Color{}, fmt.Errorf("%q is not a colour: want #rrggbb, #rgb or rgb(r g b)", s)
}

// Hex is the colour as #rrggbb.
func (c Color) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Luminance is the WCAG 2 relative luminance, 0 (black) to 1 (white).
func (c Color) Luminance() float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG 2 contrast ratio of two colours, 1 to 21.
func Contrast(a, b Color) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Mix returns a blend of c and d: t = 0 is c, t = 1 is d.
func Mix(c, d Color, t float64) Color {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return Color{m(c.R, d.R), m(c.G, d.G), m(c.B, d.B)}
}

// Fix returns the colour nearest to text, mixed towards black or white
// (whichever gets further from bg), whose contrast with bg is at least
// min; ok is false when even black or white does not reach it.
func Fix(text, bg Color, min float64) (Color, bool) {
	if Contrast(text, bg) >= min {
		return text, true
	}
	white, black := Color{255, 255, 255}, Color{}
	target := black
	if Contrast(white, bg) > Contrast(black, bg) {
		target = white
	}
	if Contrast(target, bg) < min {
		return target, false
	}
	lo, hi := 0.0, 1.0
	for i := 0; i < 24; i++ {
		mid := (lo + hi) / 2
		if Contrast(Mix(text, target, mid), bg) >= min {
			hi = mid
		} else {
			lo = mid
		}
	}
	// Rounding to 8 bits may land just under: step on until it passes.
	c := Mix(text, target, hi)
	for t := hi; Contrast(c, bg) < min && t < 1; t += 0.01 {
		c = Mix(text, target, math.Min(t, 1))
	}
	return c, Contrast(c, bg) >= min
}
