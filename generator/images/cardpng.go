package images

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// encodeCard encodes a drawn share card as PNG. A card is flat colours
// and type anti-aliased between them, so it fits a palette: the background
// and ramps of 127 shades to each of the other colours (each pixel the
// nearest shade, at most one step of 1/127 off), else its exact colours
// when it has at most 256. A paletted PNG is a third of the bytes to
// compress and skips the row filters: several times faster than 24-bit
// RGB, and smaller. A card with other colours (a photo logo) is written
// as RGB.
func encodeCard(m *image.RGBA, bg color.RGBA, others ...color.RGBA) ([]byte, error) {
	var img image.Image = m
	if p := rampPalette(m, bg, others); p != nil {
		img = p
	} else if p := exactPalette(m); p != nil {
		img = p
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("share card: %w", err)
	}
	return buf.Bytes(), nil
}

// exactPalette returns m as a paletted image of its own colours, or nil
// when it has more than 256.
func exactPalette(m *image.RGBA) *image.Paletted {
	b := m.Bounds()
	out := image.NewPaletted(b, nil)
	index := map[uint32]uint8{}
	var pal color.Palette
	w := b.Dx()
	for y := 0; y < b.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		dst := out.Pix[y*out.Stride : y*out.Stride+w]
		last, lastIndex, have := uint32(0), uint8(0), false
		for x := range w {
			c := binary.LittleEndian.Uint32(row[4*x:])
			if !have || c != last {
				i, ok := index[c]
				if !ok {
					if len(pal) == 256 {
						return nil
					}
					i = uint8(len(pal))
					index[c] = i
					pal = append(pal, color.RGBA{row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]})
				}
				last, lastIndex, have = c, i, true
			}
			dst[x] = lastIndex
		}
	}
	out.Palette = pal
	return out
}

// rampSteps is the number of shades from the background to each other
// colour (the colour itself included): two ramps and the background fill
// 255 of a palette's 256 entries.
const rampSteps = 127

// rampPalette returns m on a palette of the background and ramps from it
// to each of others (at most two), or nil when a pixel is more than a
// shade away from every entry.
func rampPalette(m *image.RGBA, bg color.RGBA, others []color.RGBA) *image.Paletted {
	if len(others) > 2 {
		return nil
	}
	pal := color.Palette{bg}
	for _, c := range others {
		for i := 1; i <= rampSteps; i++ {
			mix := func(a, b uint8) uint8 { return uint8((int(a)*(rampSteps-i) + int(b)*i + rampSteps/2) / rampSteps) }
			pal = append(pal, color.RGBA{mix(bg.R, c.R), mix(bg.G, c.G), mix(bg.B, c.B), 255})
		}
	}
	// The largest step of a ramp, per channel: a pixel farther than that
	// from its nearest entry is not on a ramp.
	tol := 1
	for _, c := range others {
		for _, d := range []int{int(c.R) - int(bg.R), int(c.G) - int(bg.G), int(c.B) - int(bg.B)} {
			tol = max(tol, (abs(d)+rampSteps-1)/rampSteps)
		}
	}
	b := m.Bounds()
	out := image.NewPaletted(b, pal)
	nearest := map[uint32]uint8{}
	w := b.Dx()
	for y := 0; y < b.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+4*w]
		dst := out.Pix[y*out.Stride : y*out.Stride+w]
		last, lastIndex, have := uint32(0), uint8(0), false
		for x := range w {
			c := binary.LittleEndian.Uint32(row[4*x:])
			if !have || c != last {
				i, ok := nearest[c]
				if !ok {
					px := color.RGBA{row[4*x], row[4*x+1], row[4*x+2], row[4*x+3]}
					if px.A != 255 {
						return nil
					}
					i = uint8(pal.Index(px))
					e := pal[i].(color.RGBA)
					if abs(int(e.R)-int(px.R)) > tol || abs(int(e.G)-int(px.G)) > tol || abs(int(e.B)-int(px.B)) > tol {
						return nil
					}
					nearest[c] = i
				}
				last, lastIndex, have = c, i, true
			}
			dst[x] = lastIndex
		}
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
