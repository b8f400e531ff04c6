package images

import (
	"fmt"
	"image"
	"strconv"
	"strings"

	"github.com/disintegration/gift"
)

// Effect is one of the filters of Hugo's images namespace
// (images.Grayscale, images.GaussianBlur 6 ...): a name and its numbers.
// They are drawn with github.com/disintegration/gift, the library Hugo
// uses, so the same parameters give the same pixels as Hugo's.
type Effect struct {
	Name string
	Args []float64
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

// applyEffects draws m through the effects, in order.
func applyEffects(m *image.RGBA, effects []Effect) *image.RGBA {
	if len(effects) == 0 {
		return m
	}
	fs := make([]gift.Filter, len(effects))
	for i, e := range effects {
		fs[i] = e.filter()
	}
	g := gift.New(fs...)
	out := image.NewRGBA(g.Bounds(m.Rect))
	g.Draw(out, m)
	return out
}
