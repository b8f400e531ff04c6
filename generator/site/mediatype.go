package site

import "strings"

// MediaTypeName is a page resource's or image's media type
// ("image/svg+xml"). It prints as that text and has Hugo's MediaType
// methods, so a theme's {{ if eq .MediaType.SubType "svg" }} works.
type MediaTypeName string

// Type is the whole media type ("image/svg+xml").
func (m MediaTypeName) Type() string { return string(m) }

// MainType is the part before the slash ("image").
func (m MediaTypeName) MainType() string {
	main, _, _ := strings.Cut(string(m), "/")
	return main
}

// SubType is the part after the slash, without a +suffix ("svg").
func (m MediaTypeName) SubType() string {
	_, sub, _ := strings.Cut(string(m), "/")
	sub, _, _ = strings.Cut(sub, "+")
	return sub
}

// String is the whole media type.
func (m MediaTypeName) String() string { return string(m) }

// Site is the site itself (Hugo's .Site.Site, so a template given the
// site as its dot can still write .Site.Params).
func (s *Site) Site() *Site { return s }
