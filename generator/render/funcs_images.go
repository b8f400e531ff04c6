package render

import (
	"errors"
	"fmt"
	"html/template"
	"image"
	"path"
	"strconv"
	"strings"

	// The decoders images.Config reads headers with.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/webp"

	"github.com/storyfront/storyfront/generator/images"
	"github.com/storyfront/storyfront/generator/site"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// imageFuncs are Hugo's images namespace (images.Grayscale, images.Filter,
// images.Config ...) and its imageConfig alias.
func (r *Renderer) imageFuncs(m template.FuncMap) {
	m["images"] = func() imagesNS { return imagesNS{r: r} }
	m["imageConfig"] = func(p any) (image.Config, error) { return imagesNS{r: r}.Config(p) }
}

// imagesNS is Hugo's images namespace.
type imagesNS struct{ r *Renderer }

func effect(name string, args ...any) (images.Effect, error) {
	nums := make([]float64, len(args))
	for i, a := range args {
		n, ok := number(a)
		if !ok {
			s, isStr := a.(string)
			f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if !isStr || err != nil {
				return images.Effect{}, fmt.Errorf("images.%s: %v is not a number", name, a)
			}
			n = f
		}
		nums[i] = n
	}
	e, err := images.NewEffect(name, nums...)
	if len(args) > 0 {
		e.Vals = args
	}
	return e, err
}

// Brightness is images.Brightness PERCENTAGE (-100 to 100).
func (imagesNS) Brightness(p any) (images.Effect, error) { return effect("Brightness", p) }

// ColorBalance is images.ColorBalance R G B (percentages, -100 to 500).
func (imagesNS) ColorBalance(r, g, b any) (images.Effect, error) {
	return effect("ColorBalance", r, g, b)
}

// Colorize is images.Colorize HUE SATURATION PERCENTAGE.
func (imagesNS) Colorize(h, s, p any) (images.Effect, error) { return effect("Colorize", h, s, p) }

// Contrast is images.Contrast PERCENTAGE (-100 to 100).
func (imagesNS) Contrast(p any) (images.Effect, error) { return effect("Contrast", p) }

// Gamma is images.Gamma GAMMA (1 leaves the image as it is).
func (imagesNS) Gamma(g any) (images.Effect, error) { return effect("Gamma", g) }

// GaussianBlur is images.GaussianBlur SIGMA.
func (imagesNS) GaussianBlur(s any) (images.Effect, error) { return effect("GaussianBlur", s) }

// Grayscale is images.Grayscale.
func (imagesNS) Grayscale() (images.Effect, error) { return effect("Grayscale") }

// Hue is images.Hue SHIFT (-180 to 180).
func (imagesNS) Hue(s any) (images.Effect, error) { return effect("Hue", s) }

// Invert is images.Invert.
func (imagesNS) Invert() (images.Effect, error) { return effect("Invert") }

// Pixelate is images.Pixelate SIZE.
func (imagesNS) Pixelate(s any) (images.Effect, error) { return effect("Pixelate", s) }

// Saturation is images.Saturation PERCENTAGE (-100 to 500).
func (imagesNS) Saturation(p any) (images.Effect, error) { return effect("Saturation", p) }

// Sepia is images.Sepia PERCENTAGE (0 to 100).
func (imagesNS) Sepia(p any) (images.Effect, error) { return effect("Sepia", p) }

// Sigmoid is images.Sigmoid MIDPOINT FACTOR.
func (imagesNS) Sigmoid(m, f any) (images.Effect, error) { return effect("Sigmoid", m, f) }

// UnsharpMask is images.UnsharpMask SIGMA AMOUNT THRESHOLD.
func (imagesNS) UnsharpMask(s, a, t any) (images.Effect, error) {
	return effect("UnsharpMask", s, a, t)
}

// Text is images.Text TEXT [OPTIONS]: the text drawn on the image, as
// Hugo's: OPTIONS (dict) color (#ffffff), size (20), linespacing (2), x
// and y (10) of its top left, font (a TrueType resource; Go Regular).
// Lines wrap at the image's width less the margins.
func (n imagesNS) Text(s any, opts ...map[string]any) (images.Effect, error) {
	var o images.TextOptions
	if len(opts) > 1 {
		return images.Effect{}, fmt.Errorf("images.Text: one options dict at most")
	}
	// given is the options as Hugo names a filtered image by them: keys
	// in lower case, a font by its resource's path.
	var given map[string]any
	if len(opts) == 1 {
		given = make(map[string]any, len(opts[0]))
		for k, v := range opts[0] {
			var num *float64
			given[strings.ToLower(k)] = v
			switch strings.ToLower(k) {
			case "color":
				o.Color = fmt.Sprint(v)
				continue
			case "font":
				c, ok := v.(interface{ Content() (string, error) })
				if a, isAsset := v.(*AssetResource); isAsset {
					o.Font = a.data
					given["font"] = "/" + a.name
					continue
				}
				if !ok {
					return images.Effect{}, fmt.Errorf("images.Text: font must be a font file resource (resources.Get \"x.ttf\"), not %T", v)
				}
				data, err := c.Content()
				if err != nil {
					return images.Effect{}, fmt.Errorf("images.Text: font: %w", err)
				}
				o.Font = []byte(data)
				continue
			case "size":
				num = &o.Size
			case "linespacing":
				num = &o.LineSpacing
			case "x":
				num = &o.X
			case "y":
				num = &o.Y
			default:
				return images.Effect{}, fmt.Errorf("images.Text: unknown option %q (color, font, linespacing, size, x, y)", k)
			}
			f, ok := number(v)
			if !ok {
				return images.Effect{}, fmt.Errorf("images.Text: %s %v is not a number", k, v)
			}
			*num = f
		}
	}
	e, err := images.NewTextEffect(fmt.Sprint(s), o)
	e.Vals = []any{fmt.Sprint(s), given}
	return e, err
}

// Overlay is images.Overlay IMAGE X Y: the image drawn over another at
// x, y (its transparent parts let the other show).
func (n imagesNS) Overlay(img any, x, y any) (images.Effect, error) {
	var im *site.Image
	var err error
	if a, ok := img.(*AssetResource); ok {
		im, err = a.image()
	} else {
		var ok bool
		if im, ok, err = site.AsImage(img); !ok {
			return images.Effect{}, fmt.Errorf("images.Overlay: %T is not an image", img)
		}
	}
	if err != nil {
		return images.Effect{}, fmt.Errorf("images.Overlay: %w", err)
	}
	fx, okx := number(x)
	fy, oky := number(y)
	if !okx || !oky {
		return images.Effect{}, fmt.Errorf("images.Overlay: x %v and y %v must be numbers", x, y)
	}
	d, err := n.r.site.Images.Plan(im)
	if err != nil {
		return images.Effect{}, fmt.Errorf("images.Overlay: %w", err)
	}
	e := images.NewOverlayEffect(d, fx, fy)
	e.Vals = []any{strings.TrimPrefix(im.URL, n.r.site.BasePath), x, y}
	return e, nil
}

// imageLike is what the image methods apply to: a page resource, an
// assets/ file or an image made from one.
type imageLike interface {
	Filter(filters ...any) (*site.Image, error)
}

// Filter is images.Filter FILTERS... IMAGE, as Hugo writes it
// ($img | images.Filter images.Grayscale): the image comes last.
func (imagesNS) Filter(args ...any) (*site.Image, error) {
	if len(args) < 2 {
		return nil, fmt.Errorf("images.Filter: needs filters and an image last")
	}
	im, ok := args[len(args)-1].(imageLike)
	if !ok {
		return nil, fmt.Errorf("images.Filter: the last argument, %T, is not an image", args[len(args)-1])
	}
	return im.Filter(args[:len(args)-1]...)
}

// Config is images.Config PATH: the width and height (and colour model)
// of an image file, its path relative to the site folder, read from its
// header only.
func (n imagesNS) Config(p any) (image.Config, error) {
	name := strings.TrimPrefix(fmt.Sprint(p), "/")
	if name == "" {
		return image.Config{}, fmt.Errorf("images.Config: no path given")
	}
	data, err := sitefs.ReadFile(n.r.siteDir, name)
	if err != nil {
		return image.Config{}, fmt.Errorf("images.Config: %w", err)
	}
	info, err := images.Inspect(data, 0)
	if err != nil {
		return image.Config{}, fmt.Errorf("images.Config: %s: %w", name, err)
	}
	if info.Format == images.SVG {
		return image.Config{}, fmt.Errorf("images.Config: %s: an SVG has no pixel size", name)
	}
	cfg, _, err := image.DecodeConfig(strings.NewReader(string(data)))
	if err != nil {
		return image.Config{}, fmt.Errorf("images.Config: %s: %w", name, err)
	}
	return cfg, nil
}

// image is the assets/ file as an image, for the image methods.
func (a *AssetResource) image() (*site.Image, error) {
	if a.img != nil {
		// A pipe's image (fingerprinted) goes on from its own name, as
		// in Hugo: what .Fill makes of x.<md5>.jpg is named after it.
		im := *a.img
		im.NameBase = path.Base(a.name)
		return &im, nil
	}
	if a.origin == "" {
		return nil, fmt.Errorf("%s: not an image file of assets/ (made by a pipe)", a.name)
	}
	if !images.IsRaster(a.name) {
		return nil, fmt.Errorf("resources.Get %q: not a JPEG, PNG, GIF or WebP image", a.name)
	}
	if a.r.site == nil || a.r.site.Images == nil {
		return nil, fmt.Errorf("resources.Get %q: images are not processed in this build", a.name)
	}
	return a.r.site.Images.Original(site.ImageOrigin{Asset: a.origin})
}

func (a *AssetResource) with(f func(*site.Image) (*site.Image, error)) (*site.Image, error) {
	im, err := a.image()
	if err != nil {
		return nil, err
	}
	return f(im)
}

// Width is the image's width in pixels.
func (a *AssetResource) Width() (int, error) {
	im, err := a.image()
	if err != nil {
		return 0, err
	}
	return im.Width(), nil
}

// Height is the image's height in pixels.
func (a *AssetResource) Height() (int, error) {
	im, err := a.image()
	if err != nil {
		return 0, err
	}
	return im.Height(), nil
}

// Resize is site.Image.Resize on the file.
func (a *AssetResource) Resize(spec string) (*site.Image, error) {
	return a.with(func(im *site.Image) (*site.Image, error) { return im.Resize(spec) })
}

// Fit is site.Image.Fit on the file.
func (a *AssetResource) Fit(spec string) (*site.Image, error) {
	return a.with(func(im *site.Image) (*site.Image, error) { return im.Fit(spec) })
}

// Fill is site.Image.Fill on the file.
func (a *AssetResource) Fill(spec string) (*site.Image, error) {
	return a.with(func(im *site.Image) (*site.Image, error) { return im.Fill(spec) })
}

// Crop is site.Image.Crop on the file.
func (a *AssetResource) Crop(spec string) (*site.Image, error) {
	return a.with(func(im *site.Image) (*site.Image, error) { return im.Crop(spec) })
}

// Process is site.Image.Process on the file.
func (a *AssetResource) Process(spec string) (*site.Image, error) {
	return a.with(func(im *site.Image) (*site.Image, error) { return im.Process(spec) })
}

// Filter is site.Image.Filter on the file.
func (a *AssetResource) Filter(filters ...any) (*site.Image, error) {
	return a.with(func(im *site.Image) (*site.Image, error) { return im.Filter(filters...) })
}

// publishedImage is a raster assets/ file as published when the site
// processes images: re-encoded, without its metadata (GPS never leaves
// the site folder). ok is false when the file is no such image, and on a
// Hugo site, which publishes the file as it is at its own path, as Hugo.
func (a *AssetResource) publishedImage() (im *site.Image, ok bool, err error) {
	if a.img != nil {
		im, err = a.publishedAt()
		if err != nil {
			return &site.Image{}, true, err
		}
		return im, true, nil
	}
	if a.origin == "" || !images.IsRaster(a.name) || a.r.site == nil || a.r.site.Images == nil {
		return nil, false, nil
	}
	if a.r.cfg != nil && a.r.cfg.FromHugo() {
		return nil, false, nil
	}
	im, err = a.image()
	if errors.Is(err, images.ErrUnsupported) {
		return nil, false, nil // named like an image, but none: published as it is
	}
	if err != nil {
		return &site.Image{}, true, err
	}
	return im, true, nil
}
