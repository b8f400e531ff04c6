package config

import (
	"fmt"
	"path"
	"regexp"
	"strings"
)

var (
	cssLength  = regexp.MustCompile(`^(0|\d+(\.\d+)?(px|rem|em))$`)
	fontWeight = regexp.MustCompile(`^[1-9]00( [1-9]00)?$`)
)

// validate checks what can be checked without the files: colours and
// their contrast are checked by generator/brand against the theme's
// tokens, font files against assets/.
func (b *Brand) validate(v *validator) {
	if b.Radius != "" && !cssLength.MatchString(b.Radius) {
		v.errorf("$.brand.radius", "brand.radius: %q is not a length (such as 12px, 0.75rem or 0)", b.Radius)
	}
	for role, stack := range b.Fonts {
		if strings.ContainsAny(stack, ";{}<>\\") || strings.Contains(stack, "/*") {
			v.errorf("$.brand.fonts."+role, "brand.fonts.%s: %q is not a font stack (family names separated by commas)", role, stack)
		}
	}
	for i, f := range b.FontFaces {
		at := fmt.Sprintf("$.brand.fontFaces[%d]", i)
		switch {
		case f.Family == "" || strings.ContainsAny(f.Family, `"';{}<>\,`):
			v.errorf(at, "brand.fontFaces[%d]: family %q: want a family name without quotes or commas", i, f.Family)
		case path.Ext(f.Src) != ".woff2" || !strings.HasPrefix(f.Src, "fonts/") || path.Clean(f.Src) != f.Src || strings.ContainsAny(f.Src, `"'()\ `):
			v.errorf(at+".src", "brand.fontFaces[%d].src: %q: want a .woff2 file under assets/fonts/ (such as fonts/brand-700.woff2)", i, f.Src)
		case f.Weight != "" && !fontWeight.MatchString(f.Weight):
			v.errorf(at+".weight", "brand.fontFaces[%d].weight: %q: want 100 to 900, or a range such as \"100 900\"", i, f.Weight)
		case f.Style != "" && f.Style != "normal" && f.Style != "italic":
			v.errorf(at+".style", "brand.fontFaces[%d].style: %q is not normal or italic", i, f.Style)
		}
	}
}

// HeadingFamily is the first family of the heading font stack (of the
// body stack without one), unquoted: the face worth preloading.
func (b *Brand) HeadingFamily() string {
	stack := b.Fonts["heading"]
	if stack == "" {
		stack = b.Fonts["body"]
	}
	first, _, _ := strings.Cut(stack, ",")
	return strings.Trim(strings.TrimSpace(first), `"'`)
}
