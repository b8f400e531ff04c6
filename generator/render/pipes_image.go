package render

import (
	"fmt"
	"path"
	"strings"

	"github.com/storyfront/storyfront/generator/images"
	"github.com/storyfront/storyfront/generator/site"
)

// A page resource goes through Hugo Pipes as Hugo lets it: its bytes,
// named by where it is published (the page's folder). A raster image
// stays an image through fingerprint, as in Hugo: Stack fingerprints a
// post's cover and asks the result for .Width, .Height, .Fill and
// .Data.Integrity. Its name and integrity are hashed from the file's
// bytes (Hugo's name: cover.<md5>.jpg), but what is published there is the
// image as Storyfront publishes any image: re-encoded, without metadata.

// pageAsset is a page resource as a Hugo Pipes resource.
func pageAsset(r *Renderer, pr *site.Resource, fn string) (*AssetResource, error) {
	c, err := pr.Content()
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", fn, pr.Path, err)
	}
	name := strings.TrimPrefix(pr.RelPermalink, "/")
	if r.site != nil && r.site.BasePath != "" {
		name = strings.TrimPrefix(strings.TrimPrefix(pr.RelPermalink, r.site.BasePath), "/")
	}
	// Keyed by where it is published: each translation of a bundle
	// publishes its resources in its own folder.
	a := &AssetResource{r: r, name: name, data: []byte(c), key: "page:" + name + ":" + hashKey([]byte(c))}
	if keepsImage(pr.Path) && r.site != nil && r.site.Images != nil {
		im, _, err := site.AsImage(pr)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		a.img = im
	}
	return a, nil
}

// keepsImage reports whether a file stays an image through the pipes that
// keep its bytes: a still raster image (a GIF is published as it is).
func keepsImage(name string) bool {
	return images.IsRaster(name) && images.FormatOf(name) != images.GIF
}

// imageOf is the image a pipe's input is, for a pipe that keeps its bytes
// (fingerprint), or nil. An assets/ image is not kept an image: asking
// for it as one publishes it under its own name too.
func imageOf(in *AssetResource) *site.Image { return in.img }

// publishedAt publishes a pipe's image at the resource's own name.
func (a *AssetResource) publishedAt() (*site.Image, error) {
	return a.r.site.Images.PublishAt(a.img, path.Clean(a.name))
}
