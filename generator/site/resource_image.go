package site

import (
	"fmt"

	"github.com/storyfront/storyfront/generator/images"
)

// ImageMaker makes the images templates ask for (Hugo's image methods on
// resources): it plans each at once, from the source's header (size,
// format, URL), and the generator publishes the bytes after rendering.
type ImageMaker interface {
	// Original returns the image of a file as it is published: a content
	// file (page resource, rel under content/) or an assets/ file.
	Original(o ImageOrigin) (*Image, error)
	// Derive returns what one more step makes of im.
	Derive(im *Image, step images.Step) (*Image, error)
	// Plan returns how im is made, for drawing it onto another image.
	Plan(im *Image) (images.Derived, error)
	// PublishAt publishes im's pixels also at out, a path in the output
	// (a fingerprinted image's name), and returns the image there.
	PublishAt(im *Image, out string) (*Image, error)
	// Publish adds the image made at the output path out to the site's
	// files: as in Hugo, a processed image is published only when a
	// template asks for its URL (.RelPermalink, .Permalink, .Publish).
	Publish(out string)
}

// AsImage returns v (an image or a page resource) as an image; ok is false
// for anything else.
func AsImage(v any) (im *Image, ok bool, err error) {
	switch v := v.(type) {
	case *Image:
		return v, true, nil
	case *Resource:
		im, err := v.image()
		return im, true, err
	}
	return nil, false, nil
}

// ImageOrigin names an image file for the ImageMaker.
type ImageOrigin struct {
	Content string    // a file under content/ (relative to it), or
	Asset   string    // a file under assets/ (the site's or the theme's)
	Focus   []float64 // a focal point for crops without an anchor, or nil
	Meta    *Resource // the page resource, for Name, Title and Params
}

// Image is an image resource, as Hugo's image methods return it: an
// original file or what .Resize, .Fit, .Fill, .Crop, .Process and .Filter
// made of it. Its URL, size and media type are known before its bytes are
// made; they are published with the site.
type Image struct {
	Name, Title  string
	Params       map[string]any
	URL          string        // its URL path (.RelPermalink gives it and publishes the image)
	AbsURL       string        // its absolute URL (.Permalink)
	MediaType    MediaTypeName // "image/webp"
	ResourceType string        // "image"
	// Out is the output path of an image the ImageMaker makes, published
	// when its URL is asked for; "" for a file published as it is.
	Out string
	// NameBase is the file name Hugo's names of what is made from this
	// image start from, when it is not the chain's own (a fingerprinted
	// image's "x.<md5>.jpg"); "" for the usual names.
	NameBase string

	// For the ImageMaker: where the image comes from and how it is made.
	Source images.Source
	Steps  []images.Step
	Focus  []float64
	OutDir string // the output folder of its versions ("stories/x/")

	W, H  int
	maker ImageMaker
}

// NewImage returns an image made by maker.
func NewImage(maker ImageMaker, im Image) *Image {
	im.maker = maker
	im.ResourceType = "image"
	return &im
}

// RelPermalink publishes the image and returns its URL path.
func (im *Image) RelPermalink() string {
	im.Publish()
	return im.URL
}

// Permalink publishes the image and returns its absolute URL.
func (im *Image) Permalink() string {
	im.Publish()
	return im.AbsURL
}

// Publish publishes the image without giving its URL; it returns "" so
// that {{ .Publish }} prints nothing.
func (im *Image) Publish() string {
	if im.Out != "" && im.maker != nil {
		im.maker.Publish(im.Out)
	}
	return ""
}

// Width is the image's width in pixels.
func (im *Image) Width() int { return im.W }

// Height is the image's height in pixels.
func (im *Image) Height() int { return im.H }

// Resize scales the image: "800x", "x600", "800x600" (stretched), plus
// format, quality, filter and rotation ("800x webp q75 lanczos r90").
func (im *Image) Resize(spec string) (*Image, error) { return im.step(images.OpResize, "Resize", spec) }

// Fit scales the image down to fit inside a box ("600x400"), keeping its
// proportions; it is never enlarged.
func (im *Image) Fit(spec string) (*Image, error) { return im.step(images.OpFit, "Fit", spec) }

// Fill scales and cuts the image to exactly the box ("1200x630 Center"),
// at an anchor (TopLeft ... BottomRight, Smart), else at the front matter
// focal point, else in the centre.
func (im *Image) Fill(spec string) (*Image, error) { return im.step(images.OpFill, "Fill", spec) }

// Crop cuts the box out of the image without scaling ("400x400 TopLeft").
func (im *Image) Crop(spec string) (*Image, error) { return im.step(images.OpCrop, "Crop", spec) }

// Process does what its spec's first word says ("fill 300x200 Center",
// "resize 600x", "crop ...", "fit ..."), or changes only the format or
// quality ("webp q80").
func (im *Image) Process(spec string) (*Image, error) { return im.step(images.OpNone, "Process", spec) }

// Filter draws the image through filters (images.Grayscale,
// images.GaussianBlur 6 ...), in order; lists of filters are flattened.
func (im *Image) Filter(filters ...any) (*Image, error) {
	var effects []images.Effect
	var add func(v any) error
	add = func(v any) error {
		switch v := v.(type) {
		case images.Effect:
			effects = append(effects, v)
		case []images.Effect:
			effects = append(effects, v...)
		case []any:
			for _, e := range v {
				if err := add(e); err != nil {
					return err
				}
			}
		default:
			return fmt.Errorf("%T is not an image filter (images.Grayscale, images.GaussianBlur 6 ...)", v)
		}
		return nil
	}
	for _, f := range filters {
		if err := add(f); err != nil {
			return nil, fmt.Errorf("Filter on %s: %w", im.Source.Name, err)
		}
	}
	if len(effects) == 0 {
		return nil, fmt.Errorf("Filter on %s: no filter given", im.Source.Name)
	}
	return im.maker.Derive(im, images.Step{Effects: effects})
}

// Exif is nil: metadata is never published (Hugo's .Exif reads it).
func (im *Image) Exif() any { return nil }

func (im *Image) step(op images.Op, method, spec string) (*Image, error) {
	sp, err := images.ParseSpec(op, spec)
	if err != nil {
		return nil, fmt.Errorf("%s on %s: %w", method, im.Source.Name, err)
	}
	if sp.Anchor == "" && len(im.Focus) == 2 {
		sp.FocusX, sp.FocusY, sp.HasFocus = im.Focus[0], im.Focus[1], true
	}
	return im.maker.Derive(im, images.Step{Spec: sp})
}

// image is the resource as an image, for the image methods.
func (r *Resource) image() (*Image, error) {
	if r.ResourceType != "image" {
		return nil, fmt.Errorf("%s: %s is not an image", r.Path, r.Name)
	}
	if r.site == nil || r.site.Images == nil {
		return nil, fmt.Errorf("%s: images are not processed in this build", r.Path)
	}
	o := ImageOrigin{Content: r.Path, Meta: r}
	if p := r.page; p != nil && p.Image == r.RelPermalink {
		o.Focus = p.ImageFocus
	}
	return r.site.Images.Original(o)
}

// Width is the width in pixels of the image as published.
func (r *Resource) Width() (int, error) {
	im, err := r.image()
	if err != nil {
		return 0, err
	}
	return im.W, nil
}

// Height is the height in pixels of the image as published.
func (r *Resource) Height() (int, error) {
	im, err := r.image()
	if err != nil {
		return 0, err
	}
	return im.H, nil
}

// Resize is Image.Resize on the resource.
func (r *Resource) Resize(spec string) (*Image, error) {
	return r.with(func(im *Image) (*Image, error) { return im.Resize(spec) })
}

// Fit is Image.Fit on the resource.
func (r *Resource) Fit(spec string) (*Image, error) {
	return r.with(func(im *Image) (*Image, error) { return im.Fit(spec) })
}

// Fill is Image.Fill on the resource; the page's front matter focal point
// applies when the resource is its image.
func (r *Resource) Fill(spec string) (*Image, error) {
	return r.with(func(im *Image) (*Image, error) { return im.Fill(spec) })
}

// Crop is Image.Crop on the resource.
func (r *Resource) Crop(spec string) (*Image, error) {
	return r.with(func(im *Image) (*Image, error) { return im.Crop(spec) })
}

// Process is Image.Process on the resource.
func (r *Resource) Process(spec string) (*Image, error) {
	return r.with(func(im *Image) (*Image, error) { return im.Process(spec) })
}

// Filter is Image.Filter on the resource.
func (r *Resource) Filter(filters ...any) (*Image, error) {
	return r.with(func(im *Image) (*Image, error) { return im.Filter(filters...) })
}

func (r *Resource) with(f func(*Image) (*Image, error)) (*Image, error) {
	im, err := r.image()
	if err != nil {
		return nil, err
	}
	return f(im)
}
