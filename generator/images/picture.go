package images

import (
	"fmt"
	"html/template"
	"strings"
)

// PictureOptions say how a <picture> is written.
type PictureOptions struct {
	Alt      string
	Title    string
	Class    string // on the <img>
	Sizes    string // the sizes attribute
	Priority bool   // the page's main image: fetchpriority="high", not lazy
}

// Picture writes the <picture> of a set whose variants are published in
// the URL folder dir ("/stories/x/"): a <source> per format but the
// fallback, each with its srcset and sizes, and an <img> of the fallback
// format with width and height (so the page does not shift as it loads).
// An SVG or animated image is a plain <img> of src.
func (s *Set) Picture(dir, src string, o PictureOptions) template.HTML {
	var b strings.Builder
	e := template.HTMLEscapeString
	img := func(srcAttr, srcset string, w, h int) {
		b.WriteString(`<img src="` + e(srcAttr) + `"`)
		if srcset != "" {
			b.WriteString(` srcset="` + e(srcset) + `" sizes="` + e(o.Sizes) + `"`)
		}
		if w > 0 && h > 0 {
			fmt.Fprintf(&b, ` width="%d" height="%d"`, w, h)
		}
		b.WriteString(` alt="` + e(o.Alt) + `"`)
		if o.Title != "" {
			b.WriteString(` title="` + e(o.Title) + `"`)
		}
		if o.Class != "" {
			b.WriteString(` class="` + e(o.Class) + `"`)
		}
		if o.Priority {
			b.WriteString(` fetchpriority="high" decoding="async">`)
		} else {
			b.WriteString(` loading="lazy" decoding="async">`)
		}
	}
	if len(s.Variants) == 0 {
		img(src, "", s.Info.Width, s.Info.Height)
		return template.HTML(b.String())
	}
	b.WriteString("<picture>")
	var formats []Format
	for _, v := range s.Variants {
		if len(formats) == 0 || formats[len(formats)-1] != v.Format {
			formats = append(formats, v.Format)
		}
	}
	for _, f := range formats {
		if f == s.Fallback {
			continue
		}
		b.WriteString(`<source type="` + f.MediaType() + `" srcset="` + e(s.srcset(dir, f)) + `" sizes="` + e(o.Sizes) + `">`)
	}
	fb := s.fallbackImg()
	img(dir+fb.Name, s.srcset(dir, s.Fallback), fb.Width, fb.Height)
	b.WriteString("</picture>")
	return template.HTML(b.String())
}

// srcset lists the variants of format f as "url 480w, url 800w".
func (s *Set) srcset(dir string, f Format) string {
	var parts []string
	for _, v := range s.Variants {
		if v.Format == f {
			parts = append(parts, fmt.Sprintf("%s%s %dw", dir, v.Name, v.Width))
		}
	}
	return strings.Join(parts, ", ")
}

// fallbackImg is the src of the <img>: the widest fallback variant up to
// 1200 pixels (a browser without srcset is an old or small one).
func (s *Set) fallbackImg() Variant {
	var best Variant
	for _, v := range s.Variants {
		if v.Format != s.Fallback {
			continue
		}
		if best.Name == "" || (v.Width <= 1200 && v.Width > best.Width) {
			best = v
		}
	}
	return best
}
