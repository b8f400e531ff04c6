package config

import (
	"fmt"
	"slices"
	"strings"
)

// Images is the images: section: how the raster images of content/ are
// resized and encoded (generator/images), and the share card.
type Images struct {
	// Widths are the widths every image is offered at (never larger than
	// the image itself). Default 480, 800, 1200, 1600.
	Widths []int `yaml:"widths"`
	// Formats are the encodings offered, best first; "original" is the
	// image's own format. Default avif, webp, original.
	Formats []string `yaml:"formats"`
	// Quality per format (jpeg, webp, avif), 1–100.
	Quality map[string]int `yaml:"quality"`
	// Sizes is the <img sizes> of Markdown images and covers.
	Sizes string `yaml:"sizes"`
	// ResampleFilter is Hugo's imaging.resampleFilter: box (default),
	// linear, catmullrom, mitchellnetravali, lanczos, nearestneighbor.
	ResampleFilter string `yaml:"resampleFilter"`
	// Anchor is where .Fill and .Crop cut when their spec names no anchor
	// and the page no focal point: smart (default, as Hugo's
	// imaging.anchor), center, top, topleft ... bottomright.
	Anchor string `yaml:"anchor"`
	// Background is Hugo's imaging.bgColor: the colour transparent
	// pixels get in a format without transparency; it goes into the
	// names of a Hugo site's processed images. Default ffffff.
	Background string `yaml:"background"`
	// MaxPixels refuses images with more pixels (decompression bombs).
	MaxPixels int64 `yaml:"maxPixels"`
	// Card is the share card of pages without a cover image.
	Card Card `yaml:"card"`
}

// Card is images.card: the share card (og:image) drawn for a page
// without a cover image.
type Card struct {
	// Image, when set, is a site path of an image used for every page
	// without a cover instead of a drawn card.
	Image string `yaml:"image"`
	// Background, Foreground and Accent are colours (#rrggbb); they
	// default to the brand's primary, primary-ink and accent colours.
	Background string `yaml:"background"`
	Foreground string `yaml:"foreground"`
	Accent     string `yaml:"accent"`
}

// DefaultImageSizes suits an image as wide as the default theme's text
// column (46rem) or the screen when narrower.
const DefaultImageSizes = "(min-width: 50rem) 46rem, 100vw"

// ImageWidths returns the widths, sorted, or the defaults: 480, 800,
// 1200 and 1600 cover phones to wide screens at 1x and 2x.
func (im Images) ImageWidths() []int {
	if len(im.Widths) == 0 {
		return []int{480, 800, 1200, 1600}
	}
	w := slices.Clone(im.Widths)
	slices.Sort(w)
	return slices.Compact(w)
}

// ImageFormats returns the formats, or the defaults: AVIF and WebP for
// the browsers that take them, the original format for the rest.
func (im Images) ImageFormats() []string {
	if len(im.Formats) == 0 {
		return []string{"avif", "webp", "original"}
	}
	return im.Formats
}

// ImageSizes returns the sizes attribute, or the default.
func (im Images) ImageSizes() string {
	if im.Sizes == "" {
		return DefaultImageSizes
	}
	return im.Sizes
}

func (im Images) validate(v *validator) {
	for i, w := range im.Widths {
		if w < 16 || w > 8192 {
			v.errorf(fmt.Sprintf("$.images.widths[%d]", i), "images.widths[%d]: %d is not a width in 16–8192", i, w)
		}
	}
	for i, f := range im.Formats {
		switch strings.ToLower(f) {
		case "avif", "webp", "jpeg", "jpg", "png", "original":
		default:
			v.errorf(fmt.Sprintf("$.images.formats[%d]", i), "images.formats[%d]: %q is not avif, webp, jpeg, png or original", i, f)
		}
	}
	for _, k := range sortedKeys(im.Quality) {
		q := im.Quality[k]
		switch k {
		case "avif", "webp", "jpeg", "jpg":
		default:
			v.errorf("$.images.quality."+k, "images.quality: %q is not avif, webp or jpeg", k)
		}
		if q < 1 || q > 100 {
			v.errorf("$.images.quality."+k, "images.quality.%s: %d is not in 1–100", k, q)
		}
	}
	switch strings.ToLower(im.ResampleFilter) {
	case "", "box", "linear", "catmullrom", "mitchellnetravali", "lanczos", "nearestneighbor":
	default:
		v.errorf("$.images.resampleFilter", "images.resampleFilter: unknown filter %q", im.ResampleFilter)
	}
	switch strings.ToLower(im.Anchor) {
	case "", "smart", "center", "top", "topleft", "topright", "left", "right", "bottom", "bottomleft", "bottomright":
	default:
		v.errorf("$.images.anchor", "images.anchor: unknown anchor %q (smart, center, top, topleft, topright, left, right, bottom, bottomleft, bottomright)", im.Anchor)
	}
	if im.MaxPixels < 0 {
		v.errorf("$.images.maxPixels", "images.maxPixels: must be positive")
	}
	for _, c := range []struct{ key, val string }{{"background", im.Card.Background}, {"foreground", im.Card.Foreground}, {"accent", im.Card.Accent}} {
		if c.val != "" && !isHexColour(c.val) {
			v.errorf("$.images.card."+c.key, "images.card.%s: %q is not a #rrggbb colour", c.key, c.val)
		}
	}
}

func isHexColour(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, c := range strings.ToLower(s[1:]) {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
}
