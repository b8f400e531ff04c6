package images

import (
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strconv"
	"strings"

	"github.com/disintegration/gift"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Effect is one of the filters of Hugo's images namespace
// (images.Grayscale, images.GaussianBlur 6 ...): a name and its numbers.
// They are drawn with github.com/disintegration/gift, the library Hugo
// uses, so the same parameters give the same pixels as Hugo's.
type Effect struct {
	Name string
	Args []float64
	// Text is images.Text's text, drawn with TextOptions.
	Text string
	TextOptions
	// Overlay is images.Overlay's image, drawn at Args (x, y).
	Overlay *Derived
	// Vals are the arguments as the template gave them (6 or 6.0), nil
	// for an effect without any: hugo 0.111.3 names a filtered image by
	// a hash of them.
	Vals []any
}

// TextOptions are images.Text's options, Hugo's defaults when zero.
type TextOptions struct {
	Color       string  // #rrggbb, default white
	Size        float64 // in pixels, default 20
	LineSpacing float64 // between lines, default 2
	X, Y        float64 // the text's top left, default 10, 10
	Font        []byte  // a TrueType or OpenType font, default Go Regular
}

// effectArity is how many numbers each effect takes.
var effectArity = map[string]int{
	"brightness":   1, // percentage, -100 to 100
	"colorbalance": 3, // red, green, blue percentages, -100 to 500
	"colorize":     3, // hue, saturation, percentage
	"contrast":     1, // percentage, -100 to 100
	"gamma":        1, // gamma, > 0 (1 leaves the image as it is)
	"gaussianblur": 1, // sigma
	"grayscale":    0,
	"hue":          1, // shift, -180 to 180
	"invert":       0,
	"pixelate":     1, // cell size in pixels
	"saturation":   1, // percentage, -100 to 500
	"sepia":        1, // percentage, 0 to 100
	"sigmoid":      2, // midpoint, factor
	"unsharpmask":  3, // sigma, amount, threshold
}

// EffectNames lists the effects, for error messages and docs.
const EffectNames = "Brightness, ColorBalance, Colorize, Contrast, Gamma, GaussianBlur, Grayscale, Hue, Invert, Pixelate, Saturation, Sepia, Sigmoid, UnsharpMask"

// NewEffect returns the effect name with its numbers, checked.
func NewEffect(name string, args ...float64) (Effect, error) {
	n := strings.ToLower(name)
	want, ok := effectArity[n]
	if !ok {
		return Effect{}, fmt.Errorf("no image filter %q (%s)", name, EffectNames)
	}
	if len(args) != want {
		return Effect{}, fmt.Errorf("images.%s takes %d number(s), got %d", name, want, len(args))
	}
	e := Effect{Name: n, Args: args}
	switch n {
	case "gamma":
		if args[0] <= 0 {
			return e, fmt.Errorf("images.Gamma: gamma must be more than 0, got %g", args[0])
		}
	case "gaussianblur":
		if args[0] < 0 {
			return e, fmt.Errorf("images.GaussianBlur: sigma must not be negative, got %g", args[0])
		}
	case "pixelate":
		if args[0] < 1 {
			return e, fmt.Errorf("images.Pixelate: size must be at least 1, got %g", args[0])
		}
	}
	return e, nil
}

// String is the effect as a cache key part: "gaussianblur(6)".
func (e Effect) String() string {
	switch e.Name {
	case "text":
		o := e.TextOptions
		return fmt.Sprintf("text(%q,%s,%g,%g,%g,%g,%x)", e.Text, o.Color, o.Size, o.LineSpacing, o.X, o.Y, sha256.Sum256(o.Font))
	case "overlay":
		return fmt.Sprintf("overlay(%s,%g,%g)", e.Overlay.Key, e.Args[0], e.Args[1])
	}
	parts := make([]string, len(e.Args))
	for i, a := range e.Args {
		parts[i] = strconv.FormatFloat(a, 'g', -1, 64)
	}
	return e.Name + "(" + strings.Join(parts, ",") + ")"
}

func (e Effect) filter() gift.Filter {
	a := func(i int) float32 { return float32(e.Args[i]) }
	switch e.Name {
	case "brightness":
		return gift.Brightness(a(0))
	case "colorbalance":
		return gift.ColorBalance(a(0), a(1), a(2))
	case "colorize":
		return gift.Colorize(a(0), a(1), a(2))
	case "contrast":
		return gift.Contrast(a(0))
	case "gamma":
		return gift.Gamma(a(0))
	case "gaussianblur":
		return gift.GaussianBlur(a(0))
	case "grayscale":
		return gift.Grayscale()
	case "hue":
		return gift.Hue(a(0))
	case "invert":
		return gift.Invert()
	case "pixelate":
		return gift.Pixelate(int(e.Args[0]))
	case "saturation":
		return gift.Saturation(a(0))
	case "sepia":
		return gift.Sepia(a(0))
	case "sigmoid":
		return gift.Sigmoid(a(0), a(1))
	case "unsharpmask":
		return gift.UnsharpMask(a(0), a(1), a(2))
	}
	return nil
}

// applyEffects draws m through the effects, in order; overlay gives the
// pixels of an overlaid image.
func (p *Processor) applyEffects(m *image.RGBA, effects []Effect) (*image.RGBA, error) {
	for _, e := range effects {
		switch e.Name {
		case "text":
			out := image.NewRGBA(m.Rect)
			copy(out.Pix, m.Pix)
			if err := drawText(out, e.Text, e.TextOptions); err != nil {
				return nil, err
			}
			m = out
		case "overlay":
			over, err := p.pixels(*e.Overlay)
			if err != nil {
				return nil, fmt.Errorf("images.Overlay: %w", err)
			}
			out := image.NewRGBA(m.Rect)
			copy(out.Pix, m.Pix)
			at := image.Pt(int(e.Args[0]), int(e.Args[1]))
			draw.Draw(out, over.Rect.Add(at), over, image.Point{}, draw.Over)
			m = out
		default:
			g := gift.New(e.filter())
			out := image.NewRGBA(g.Bounds(m.Rect))
			g.Draw(out, m)
			m = out
		}
	}
	return m, nil
}

// NewTextEffect is images.Text: s drawn on the image with o, wrapped at
// the image's width less the margins.
func NewTextEffect(s string, o TextOptions) (Effect, error) {
	if c := o.Color; len(c) == 4 && c[0] == '#' {
		// #fff is #ffffff, as Hugo reads a colour.
		o.Color = string([]byte{'#', c[1], c[1], c[2], c[2], c[3], c[3]})
	}
	if o.Color != "" && !validHex(o.Color) {
		return Effect{}, fmt.Errorf("images.Text: color %q is not #rrggbb or #rgb", o.Color)
	}
	if o.Size < 0 || o.LineSpacing < 0 {
		return Effect{}, fmt.Errorf("images.Text: size and linespacing must not be negative")
	}
	if len(o.Font) > 0 {
		if _, err := opentype.Parse(o.Font); err != nil {
			return Effect{}, fmt.Errorf("images.Text: font: %w", err)
		}
	}
	return Effect{Name: "text", Text: s, TextOptions: o}, nil
}

// NewOverlayEffect is images.Overlay: over drawn at x, y.
func NewOverlayEffect(over Derived, x, y float64) Effect {
	return Effect{Name: "overlay", Args: []float64{x, y}, Overlay: &over}
}

// drawText draws s as Hugo's images.Text does, so a Hugo template's card
// looks the same: unhinted type, the first baseline one ascent below y,
// lines one ascent plus the line spacing apart, and a word moved to the
// next line when it would reach 20 pixels from the right edge.
func drawText(m *image.RGBA, s string, o TextOptions) error {
	size, spacing, x, y := o.Size, o.LineSpacing, o.X, o.Y
	if size == 0 {
		size = 20
	}
	if spacing == 0 {
		spacing = 2
	}
	if x == 0 && y == 0 {
		x, y = 10, 10
	}
	ttf := o.Font
	if len(ttf) == 0 {
		ttf = goregular.TTF
	}
	f, err := newFace(ttf, size, font.HintingNone)
	if err != nil {
		return err
	}
	asc := f.Metrics().Ascent.Ceil()
	right := m.Rect.Dx() - 20
	d := font.Drawer{Dst: m, Src: image.NewUniform(parseHex(o.Color, color.RGBA{255, 255, 255, 255})), Face: f}
	base := int(y) + asc
	d.Dot = fixed.P(int(x), base)
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n") {
		for _, w := range strings.Fields(para) {
			if d.Dot.X.Ceil()+font.MeasureString(f, w).Ceil() >= right {
				base += asc + int(spacing)
				d.Dot = fixed.P(int(x), base)
			}
			d.DrawString(w + " ")
		}
		base += asc + int(spacing)
		d.Dot = fixed.P(int(x), base)
	}
	return nil
}

func validHex(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	_, err := strconv.ParseUint(s[1:], 16, 32)
	return err == nil
}
