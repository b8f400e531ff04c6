package render

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/storyfront/storyfront/generator/images"
)

// Pictures gives templates the site's processed images.
type Pictures interface {
	// Picture returns the responsive markup of the image published at
	// URL path u; ok is false when u is no processed image.
	Picture(u string, o images.PictureOptions) (html template.HTML, ok bool)
}

// SetPictures sets what the picture function draws on, for the next
// renders.
func (r *Renderer) SetPictures(p Pictures) { r.pictures = p }

// picture is the template function
//
//	{{ picture .Image (dict "alt" .ImageAlt "class" "cover" "sizes" "100vw" "priority" true) }}
//
// a <picture> with AVIF/WebP sources, srcset, sizes, width and height for
// a processed image; for anything else (an SVG, a URL) a plain lazy <img>.
func (r *Renderer) picture(u string, opts ...map[string]any) (template.HTML, error) {
	o := images.PictureOptions{Sizes: r.cfg.Images.ImageSizes()}
	if len(opts) > 1 {
		return "", fmt.Errorf("picture: one options dict at most")
	}
	if len(opts) == 1 {
		for k, v := range opts[0] {
			switch k {
			case "alt":
				o.Alt = fmt.Sprint(v)
			case "title":
				o.Title = fmt.Sprint(v)
			case "class":
				o.Class = fmt.Sprint(v)
			case "sizes":
				o.Sizes = fmt.Sprint(v)
			case "priority":
				b, ok := v.(bool)
				if !ok {
					return "", fmt.Errorf("picture: priority must be true or false")
				}
				o.Priority = b
			default:
				return "", fmt.Errorf("picture: unknown option %q (alt, title, class, sizes, priority)", k)
			}
		}
	}
	if r.pictures != nil && r.site != nil {
		p := u
		if root := strings.TrimSuffix(r.site.BaseURL, "/") + "/"; strings.HasPrefix(p, root) {
			p = r.site.BasePath + "/" + strings.TrimPrefix(p, root)
		}
		if html, ok := r.pictures.Picture(p, o); ok {
			return html, nil
		}
	}
	set := &images.Set{}
	return set.Picture("", u, o), nil
}

// Mentions reports whether any layout or partial contains s (an
// identifier such as "ShareImage"), so the generator makes only what a
// theme can show.
func (r *Renderer) Mentions(s string) bool {
	for _, l := range r.layouts {
		if strings.Contains(l.src, s) {
			return true
		}
	}
	return false
}

// ShareCardPartial is the partial that makes a site's own share cards:
// layouts/partials/share-card.html, the site's or its theme's. For each
// page it prints the URL of the image to share (made with the image
// methods, such as .Fill and images.Text), or nothing for the built-in
// card. See docs/images.md.
const ShareCardPartial = "share-card.html"

// HasShareCard reports whether the site or theme has the share card
// partial.
func (r *Renderer) HasShareCard() bool {
	return r.partials.Lookup("partials/"+ShareCardPartial) != nil
}

// ShareCard runs the share card partial for p and returns what it printed,
// trimmed; its errors are located in the partial.
func (r *Renderer) ShareCard(p any) (string, error) {
	out, err := r.partial(ShareCardPartial, p)
	if err != nil {
		return "", r.templateError(LayoutsDir+"/partials/"+ShareCardPartial, err)
	}
	return strings.TrimSpace(toString(out)), nil
}

// PartialFile returns the file of partial name (the site's or the
// theme's), relative to the site folder.
func (r *Renderer) PartialFile(name string) string {
	return r.fileOf("partials/" + name)
}
