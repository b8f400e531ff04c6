package main

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/storyfront/storyfront/generator/brand"
	"github.com/storyfront/storyfront/generator/images"
)

// initial is the letter a drawn logo mark shows: the name's first letter
// or digit, upper case ("?" for a name without one).
func initial(name string) string {
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return strings.ToUpper(string(r))
		}
	}
	return "?"
}

// logoMark is a new site's logo when none is given: the name's initial in
// white on a rounded square of the brand colour, as SVG.
func logoMark(name, primary string) string {
	return fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64"><rect width="64" height="64" rx="14" fill="%s"/>`+
		`<text x="32" y="44" text-anchor="middle" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="34" font-weight="700" fill="#ffffff">%s</text></svg>`+"\n",
		primary, html.EscapeString(initial(name)))
}

// markPNG draws the logo mark reversed, as a size×size PNG: the initial
// in the brand colour on a white rounded square, for the share card (whose
// background is the brand colour, and which draws raster logos only),
// with the Go Bold font.
func markPNG(name, primary string, size int) ([]byte, error) {
	ink, err := brand.ParseColor(primary)
	if err != nil {
		return nil, err
	}
	m := image.NewNRGBA(image.Rect(0, 0, size, size))
	r := float64(size) * 14 / 64
	fill := color.NRGBA{255, 255, 255, 255}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			// Inside the rounded square: distance to the nearest corner
			// centre, for pixels in a corner box.
			cx := min(max(float64(x)+.5, r), float64(size)-r)
			cy := min(max(float64(y)+.5, r), float64(size)-r)
			dx, dy := float64(x)+.5-cx, float64(y)+.5-cy
			if dx*dx+dy*dy <= r*r {
				m.SetNRGBA(x, y, fill)
			}
		}
	}
	f, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: float64(size) * 34 / 64, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	defer face.Close()
	letter := initial(name)
	d := font.Drawer{Dst: m, Src: image.NewUniform(color.NRGBA{ink.R, ink.G, ink.B, 255}), Face: face}
	w := d.MeasureString(letter)
	d.Dot = fixed.Point26_6{X: fixed.I(size)/2 - w/2, Y: fixed.I(size * 44 / 64)}
	d.DrawString(letter)
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// shareCard draws a new site's default share card: the name on the brand
// colour, with the logo (the drawn mark when the logo is an SVG, which
// the card cannot draw).
func shareCard(name, primary string, logo []byte, logoIsSVG bool) ([]byte, error) {
	if logoIsSVG {
		var err error
		if logo, err = markPNG(name, primary, 112); err != nil {
			return nil, fmt.Errorf("logo mark: %w", err)
		}
	}
	bg, _ := brand.ParseColor(primary)
	accent := brand.Mix(bg, brand.Color{R: 255, G: 255, B: 255}, .55)
	card, err := images.DrawCard(images.CardOptions{Title: name, Background: primary, Foreground: "#ffffff",
		Accent: accent.Hex(), Logo: logo})
	if err != nil {
		return nil, fmt.Errorf("share card: %w", err)
	}
	return card, nil
}
