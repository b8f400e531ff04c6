package brand

import (
	"fmt"
	"sort"

	"github.com/storyfront/storyfront/generator/diag"
)

// Schemes of brand.scheme.
const (
	SchemeAuto  = "auto"  // light, and dark under prefers-color-scheme: dark (the default)
	SchemeLight = "light" // the light palette only
)

// Site is what site.yaml says about colours.
type Site struct {
	Colors map[string]string // brand.colors: the light palette
	Dark   map[string]string // brand.dark: the dark palette
	Scheme string            // brand.scheme: "", auto or light
	// File and Locate place errors: the config file and the line and
	// column of a YAML path ("$.brand.colors.primary").
	File   string
	Locate func(path string) (line, col int)
}

// Palettes are the resolved colours as #rrggbb, by token name: every
// token of the theme, with the site's values over the defaults, and the
// site's own extra colours.
type Palettes struct {
	Light map[string]string
	Dark  map[string]string // nil for brand.scheme: light
}

// source says where a resolved colour came from.
type source struct {
	path    string // "$.brand.colors.primary" when site.yaml set it, "" for a theme default
	derived bool   // a dark colour made from the light one at path
}

// Resolve merges the site's colours over the theme's tokens (t may be
// nil: no defaults, no pairs) and checks every pair of the theme in each
// palette. Every problem is a located error; the palettes are returned
// with them so that a caller can still render.
func Resolve(t *Tokens, s Site) (*Palettes, error) {
	if t == nil {
		t = &Tokens{}
	}
	var errs diag.Errors
	at := func(path, format string, args ...any) {
		line, col := 1, 1
		if s.Locate != nil {
			line, col = s.Locate(path)
		}
		errs = append(errs, diag.Errorf(s.File, line, col, format, args...))
	}
	switch s.Scheme {
	case "", SchemeAuto, SchemeLight:
	default:
		at("$.brand.scheme", "brand.scheme: %q is not %s or %s", s.Scheme, SchemeAuto, SchemeLight)
	}
	light, lightFrom := merge(t.Colors, s.Colors, "$.brand.colors", "brand.colors", at)
	out := &Palettes{Light: hexes(light)}
	checks := []struct {
		name string
		pal  map[string]Color
		from map[string]source
	}{{"light", light, lightFrom}}
	if s.Scheme != SchemeLight && (len(t.Dark) > 0 || len(s.Dark) > 0) {
		dark, darkFrom := merge(t.Dark, s.Dark, "$.brand.dark", "brand.dark", at)
		if len(s.Dark) == 0 {
			// No dark palette in site.yaml: the brand's own hues, lightened
			// until they read on every dark background the theme puts them on.
			for _, k := range t.Derive {
				src := lightFrom[k]
				if src.path == "" {
					continue
				}
				c := light[k]
				for _, p := range t.Pairs {
					if p.Text == k {
						min := MinBody
						if p.Large {
							min = MinLarge
						}
						c, _ = Fix(c, dark[p.On], min)
					}
				}
				dark[k] = c
				darkFrom[k] = source{path: src.path, derived: true}
			}
		}
		out.Dark = hexes(dark)
		checks = append(checks, struct {
			name string
			pal  map[string]Color
			from map[string]source
		}{"dark", dark, darkFrom})
	}
	for _, c := range checks {
		for i, p := range t.Pairs {
			text, ok1 := c.pal[p.Text]
			bg, ok2 := c.pal[p.On]
			if !ok1 || !ok2 {
				continue // a colour that did not parse: reported already
			}
			min, kind := MinBody, "body text"
			if p.Large {
				min, kind = MinLarge, "large text"
			}
			ratio := Contrast(text, bg)
			if ratio >= min {
				continue
			}
			blame, other := p.Text, p.On
			if c.from[blame].path == "" && c.from[other].path != "" {
				blame, other = other, blame
			}
			src := c.from[blame]
			fix, fixOK := Fix(c.pal[blame], c.pal[other], min)
			hint := fmt.Sprintf("; %s %s would pass", blame, fix.Hex())
			if !fixOK {
				hint = "; no colour passes on it: change " + other
			}
			use := ""
			if p.Use != "" {
				use = " (the theme draws it for " + p.Use + ")"
			}
			msg := fmt.Sprintf("%s palette: %s %s on %s %s has contrast %.2f:1, under the %.1f:1 WCAG AA asks of %s%s",
				c.name, p.Text, text.Hex(), p.On, bg.Hex(), ratio, min, kind, use)
			switch {
			case src.path == "":
				// Both colours are the theme's own: the theme is wrong.
				line, col := Locate(t.ast, fmt.Sprintf("$.pairs[%d]", i))
				errs = append(errs, diag.Errorf(t.file, line, col, "%s%s", msg, hint))
			case src.derived:
				at(src.path, "%s (the dark %s is made from this colour: set brand.dark.%s)", msg, blame, blame)
			default:
				at(src.path, "%s%s", msg, hint)
			}
		}
	}
	if len(errs) > 0 {
		return out, errs.Sort()
	}
	return out, nil
}

// merge parses the theme's defaults and the site's values over them.
func merge(defaults, site map[string]string, path, name string, at func(path, format string, args ...any)) (map[string]Color, map[string]source) {
	pal := map[string]Color{}
	from := map[string]source{}
	for k, v := range defaults {
		if c, err := ParseColor(v); err == nil {
			pal[k] = c
			from[k] = source{}
		}
	}
	for _, k := range sortedKeys(site) {
		c, err := ParseColor(site[k])
		if err != nil {
			at(path+"."+k, "%s.%s: %v", name, k, err)
			delete(pal, k)
			continue
		}
		pal[k] = c
		from[k] = source{path: path + "." + k}
	}
	return pal, from
}

func hexes(m map[string]Color) map[string]string {
	out := make(map[string]string, len(m))
	for k, c := range m {
		out[k] = c.Hex()
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
