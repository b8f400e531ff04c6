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
