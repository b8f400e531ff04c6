package site

import (
	"path"
	"sort"
	"strings"
)

// bundleImage resolves a bundle page's front matter image written
// relative to its folder (image: cover.jpg) to the URL the resource is
// published at, beside the page. Anything else (a site path, a URL, a
// name no file of the bundle has) is returned as written. files are the
// content files' Rel paths, sorted.
func bundleImage(s *Site, p *Page, files []string) string {
	img := p.Image
	if p.Bundle == "" || img == "" || strings.HasPrefix(img, "/") || strings.Contains(img, ":") ||
		strings.ContainsAny(img, "?#\\") {
		return img
	}
	rel := path.Join(p.Bundle, img)
	if !strings.HasPrefix(rel, p.Bundle+"/") {
		return img // it climbs out of the bundle
	}
	if i := sort.SearchStrings(files, rel); i == len(files) || files[i] != rel {
		return img
	}
	// Resources are published beside the page's output file (see the
	// generator's plan).
	return s.BasePath + "/" + path.Join(dirOf(p.OutPath), strings.TrimPrefix(rel, p.Bundle+"/"))
}

// ShareImage is a page's image for link previews (og:image, twitter:image,
// JSON-LD): a raster image, 1200×630 unless it is a site's own image.
type ShareImage struct {
	URL    string // absolute
	Width  int
	Height int
	Alt    string
	Type   string // MIME type: image/jpeg or image/png
}

// ShareImages gives each page its share image.
type ShareImages interface {
	ShareImage(p *Page) *ShareImage
}

// ShareImage returns the page's share image: its cover cut to 1200×630,
// else a card drawn for it (title, section, brand); nil when the site
// makes none. Never an SVG.
func (p *Page) ShareImage() *ShareImage {
	if p.Site == nil || p.Site.ShareImages == nil {
		return nil
	}
	return p.Site.ShareImages.ShareImage(p)
}
