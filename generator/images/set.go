package images

import (
	"fmt"
	"path"
	"strings"
)

// Variant is one published version of a source image.
type Variant struct {
	Spec   Spec
	Format Format
	Width  int
	Height int
	Key    string // the cache key (source hash + spec)
	Name   string // the published file name: "cover_800x600_1a2b3c4d5e.webp"
}

// Set is the responsive versions of one source image: every width the
// site asks for that the image reaches, in every format.
type Set struct {
	Source Source
	Info   Info
	Hash   string
	// Variants by format (in the site's order), widths ascending.
	Variants []Variant
	// Fallback is the format of the <img> inside <picture>: the source's
	// own (PNG for a GIF) unless the site asks for other formats only.
	Fallback Format
	// Original is what the original file's URL serves: the widest version
	// in the source's own format (never the file as it was, which may
	// carry GPS and other metadata).
	Original Variant
}

// All returns the variants and, when it is not one of them, Original.
func (s *Set) All() []Variant {
	for _, v := range s.Variants {
		if v.Key == s.Original.Key {
			return s.Variants
		}
	}
	if s.Original.Key == "" {
		return s.Variants
	}
	return append(s.Variants[:len(s.Variants):len(s.Variants)], s.Original)
}

// Plan lists the versions of src for widths (ascending) and formats
// ("original" is the source's format), without processing anything. An
// image narrower than the largest width is also offered at its own width;
// none is made wider than the image.
func (p *Processor) Plan(src Source, widths []int, formats []string) (*Set, error) {
	info, hash, err := p.Stat(src)
	if err != nil {
		return nil, err
	}
	s := &Set{Source: src, Info: info, Hash: hash, Fallback: p.outFormat("", info.Format)}
	if info.Format == SVG || info.Animated {
		return s, nil
	}
	var ws []int
	for _, w := range widths {
		if w < info.Width {
			ws = append(ws, w)
		}
	}
	ws = append(ws, info.Width)
	if len(widths) > 0 && info.Width > widths[len(widths)-1] {
		ws = ws[:len(ws)-1] // larger than every width: the largest is enough
	}
	if len(ws) == 0 {
		ws = []int{info.Width}
	}
	stem := strings.TrimSuffix(path.Base(src.Name), path.Ext(src.Name))
	seen := map[Format]bool{}
	var last Format
	for _, name := range formats {
		f := s.Fallback
		if name != "original" {
			var ok bool
			if f, ok = ParseFormat(name); !ok {
				return nil, fmt.Errorf("unknown image format %q", name)
			}
		}
		if seen[f] {
			continue
		}
		seen[f], last = true, f
		for _, w := range ws {
			s.Variants = append(s.Variants, p.variant(s, stem, Spec{Op: OpResize, Width: w, Format: f}))
		}
	}
	if !seen[s.Fallback] && last != "" {
		s.Fallback = last // the site asked for other formats only
	}
	s.Original = p.variant(s, stem, Spec{Op: OpResize, Width: ws[len(ws)-1], Format: p.outFormat("", info.Format)})
	return s, nil
}

// Variant returns the version of the set's source that sp makes.
func (p *Processor) Variant(s *Set, sp Spec) Variant {
	sp.Format = p.outFormat(sp.Format, s.Info.Format)
	return p.variant(s, strings.TrimSuffix(path.Base(s.Source.Name), path.Ext(s.Source.Name)), sp)
}

func (p *Processor) variant(s *Set, stem string, sp Spec) Variant {
	w, h := p.size(sp, s.Info)
	key := cacheKey(s.Hash, sp.key(p.filter.Name))
	return Variant{Spec: sp, Format: sp.Format, Width: w, Height: h, Key: key,
		Name: fmt.Sprintf("%s_%dx%d_%s%s", stem, w, h, key[:10], sp.Format.Ext())}
}

// Largest returns the widest variant in format f.
func (s *Set) Largest(f Format) (Variant, bool) {
	var best Variant
	found := false
	for _, v := range s.Variants {
		if v.Format == f && (!found || v.Width > best.Width) {
			best, found = v, true
		}
	}
	return best, found
}
