package images

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Card sizes: what LinkedIn, Facebook and X show in a large preview.
const (
	CardWidth  = 1200
	CardHeight = 630
)

// CardOptions are what a drawn share card shows.
type CardOptions struct {
	Title      string
	Eyebrow    string // the section, above the title
	Brand      string // the brand name, at the bottom
	Background string // #rrggbb
	Foreground string
	Accent     string
	Logo       []byte // a raster logo (PNG, JPEG, GIF, WebP) drawn beside the brand name; nil for none
}

// cardVersion is part of a card's key: bump it when the layout changes.
const cardVersion = "card2" // card2: paletted PNG

// CardKey identifies a card by everything drawn on it.
func CardKey(o CardOptions) string {
	return cacheKey(cardVersion, fmt.Sprintf("%q|%q|%q|%s|%s|%s|%x", o.Title, o.Eyebrow, o.Brand, o.Background, o.Foreground, o.Accent, o.Logo))
}

// DrawCard draws a 1200×630 PNG share card: the brand's background, the
// section in the accent colour, the title in large bold type (wrapped,
// at most three lines), and the brand name (with its logo) at the
// bottom, over an accent rule. The type is the Go fonts (BSD licence),
// embedded in the binary.
func DrawCard(o CardOptions) ([]byte, error) {
	bg, fg, ac := parseHex(o.Background, color.RGBA{0x1d, 0x4e, 0xd8, 255}),
		parseHex(o.Foreground, color.RGBA{255, 255, 255, 255}), parseHex(o.Accent, color.RGBA{0xf5, 0x9e, 0x0b, 255})
	m := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	draw.Draw(m, m.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	draw.Draw(m, image.Rect(0, CardHeight-16, CardWidth, CardHeight), image.NewUniform(ac), image.Point{}, draw.Src)
	bold, err := face(gobold.TTF, 68)
	if err != nil {
		return nil, err
	}
	regular, err := face(goregular.TTF, 34)
	if err != nil {
		return nil, err
	}
	const margin = 80
	y := 150
	if o.Eyebrow != "" {
		text(m, regular, ac, margin, y, strings.ToUpper(o.Eyebrow))
		y += 90
	}
	lines := wrap(bold, o.Title, CardWidth-2*margin, 3)
	for _, l := range lines {
		text(m, bold, fg, margin, y, l)
		y += 84
	}
	x := margin
	if logo := decodeLogo(o.Logo); logo != nil {
		const h = 56
		b := logo.Bounds()
		w := max(1, b.Dx()*h/b.Dy())
		f, _ := ParseFilter("lanczos")
		small := resize(toRGBA(logo, 1), w, h, f, 1)
		r := image.Rect(x, CardHeight-60-h+8, x+w, CardHeight-60+8)
		draw.Draw(m, r, small, image.Point{}, draw.Over)
		x += w + 20
	}
	text(m, regular, fg, x, CardHeight-60, o.Brand)
	return encodeCard(m, bg, fg, ac) // cardpng.go
}

func face(ttf []byte, size float64) (font.Face, error) {
	return newFace(ttf, size, font.HintingFull)
}

func newFace(ttf []byte, size float64, h font.Hinting) (font.Face, error) {
	f, err := opentype.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: h})
}

func text(m draw.Image, f font.Face, c color.Color, x, y int, s string) {
	d := font.Drawer{Dst: m, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// wrap breaks s into lines no wider than width, at most n of them; the
// last is cut with an ellipsis when the text is longer.
func wrap(f font.Face, s string, width, n int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i, w := range words {
		try := strings.TrimSpace(cur + " " + w)
		if cur != "" && font.MeasureString(f, try).Ceil() > width {
			lines = append(lines, cur)
			cur = w
			if len(lines) == n {
				return ellipsis(f, lines, words[i:], width)
			}
			continue
		}
		cur = try
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func ellipsis(f font.Face, lines []string, _ []string, width int) []string {
	last := lines[len(lines)-1]
	for last != "" && font.MeasureString(f, last+"…").Ceil() > width {
		i := strings.LastIndexByte(last, ' ')
		if i < 0 {
			break
		}
		last = last[:i]
	}
	lines[len(lines)-1] = last + "…"
	return lines
}

func decodeLogo(data []byte) image.Image {
	if len(data) == 0 {
		return nil
	}
	info, err := Inspect(data, 4_000_000)
	if err != nil || info.Format == SVG {
		return nil
	}
	m, err := decode(data, info, 1)
	if err != nil {
		return nil
	}
	return m
}

func parseHex(s string, def color.RGBA) color.RGBA {
	var r, g, b uint8
	if len(s) == 7 && s[0] == '#' {
		if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &r, &g, &b); err == nil {
			return color.RGBA{r, g, b, 255}
		}
	}
	return def
}
