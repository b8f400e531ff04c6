package images

import (
	"context"
	"fmt"
	"image"
	"os"
	"path"
	"strings"
	"sync"
)

// Step is one step of what a template does to an image: a spec (Resize,
// Fit, Fill, Crop, Process) or effects (Filter). Steps chain:
// ($img.Fill "600x400").Filter images.Grayscale is two.
type Step struct {
	Spec    Spec
	Effects []Effect // when not empty, the step is a Filter and Spec is unused
}

func (s Step) key(defaultFilter string) string {
	if len(s.Effects) == 0 {
		return s.Spec.key(defaultFilter)
	}
	parts := make([]string, len(s.Effects))
	for i, e := range s.Effects {
		parts[i] = e.String()
	}
	return "filter_" + strings.Join(parts, "_")
}

// Derived is an image a chain of steps makes from a source, known from the
// source's header before any pixel is touched.
type Derived struct {
	Source Source
	Steps  []Step
	Format Format
	Width  int
	Height int
	Key    string // the cache key (source content hash + steps)
	Name   string // a file name: "<stem>_<w>x<h>_<key>.<ext>"
}

// Derive plans the image that steps make from src: its format, size and
// name. A chain of one spec has the same key as Process gives that spec,
// so both share cache entries and published files.
func (p *Processor) Derive(src Source, steps []Step) (Derived, error) {
	e, err := p.stat(src)
	if err != nil {
		return Derived{}, err
	}
	info, hash := e.Info, e.Hash
	if info.Format == SVG || info.Animated {
		return Derived{}, fmt.Errorf("%s: a %s cannot be processed (it is published as it is)", src.Name, describe(info))
	}
	d := Derived{Source: src, Steps: steps, Format: p.outFormat("", info.Format), Width: info.Width, Height: info.Height}
	steps = append([]Step(nil), steps...)
	keys := make([]string, len(steps))
	for i, s := range steps {
		if len(s.Effects) > 0 {
			keys[i] = s.key(p.filter.Name)
			continue
		}
		sp := s.Spec
		if sp.Anchor == "" && !sp.HasFocus && (sp.Op == OpFill || sp.Op == OpCrop) {
			sp.Anchor = p.anchor
			steps[i].Spec = sp
		}
		if sp.Format != "" {
			d.Format = sp.Format
		}
		keys[i] = steps[i].key(p.filter.Name)
		d.Width, d.Height = p.size(sp, Info{Width: d.Width, Height: d.Height})
	}
	d.Steps = steps
	if len(steps) == 1 && len(steps[0].Effects) == 0 {
		sp := steps[0].Spec
		sp.Format = d.Format
		d.Key = cacheKey(hash, sp.key(p.filter.Name))
	} else {
		d.Key = cacheKey(hash, "chain:"+d.Format.Ext()+":"+strings.Join(keys, "|"))
	}
	if p.hugoNames {
		if d.Name, err = p.hugoNameOf(d, info.Format, e.MD5Fast, e.Size); err != nil {
			return Derived{}, fmt.Errorf("%s: %w", src.Name, err)
		}
		return d, nil
	}
	stem := strings.TrimSuffix(path.Base(src.Name), path.Ext(src.Name))
	d.Name = fmt.Sprintf("%s_%dx%d_%s%s", stem, d.Width, d.Height, d.Key[:10], d.Format.Ext())
	return d, nil
}

// quality is the quality the chain asks for last, else the processor's
// default for its format.
func (p *Processor) chainQuality(d Derived) int {
	for i := len(d.Steps) - 1; i >= 0; i-- {
		if q := d.Steps[i].Spec.Quality; q > 0 && len(d.Steps[i].Effects) == 0 {
			return q
		}
	}
	return p.qualityOf(Spec{Format: d.Format})
}

// Make returns the bytes of derived images of one source, in order: from
// the cache when it has them, else made from one decoding of the source.
// Its errors name the source.
func (p *Processor) Make(ctx context.Context, ds []Derived) ([][]byte, error) {
	out := make([][]byte, len(ds))
	var todo []int
	for i, d := range ds {
		if data := p.readCache(d.Key, d.Format); data != nil {
			out[i] = data
			p.reused.Add(1)
			continue
		}
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return out, nil
	}
	src := ds[todo[0]].Source
	for _, i := range todo {
		if ds[i].Source != src {
			return nil, fmt.Errorf("images.Make: %s and %s are two sources", src.Name, ds[i].Source.Name)
		}
	}
	info, _, err := p.Stat(src)
	if err != nil {
		return nil, err
	}
	pyr, orig, err := p.openPyramid(src, info)
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(todo))
	var wg sync.WaitGroup
	for n, i := range todo {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := ds[i]
			enc, err := p.makeOne(pyr, d)
			if err != nil {
				errs[n] = fmt.Errorf("%s: %w", src.Name, err)
				return
			}
			out[i] = enc
			p.processed.Add(1)
			p.savedBytes.Add(orig - int64(len(enc)))
			errs[n] = p.writeCache(d.Key, d.Format, enc)
		}()
		if (n+1)%p.workers == 0 {
			wg.Wait()
		}
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// makeOne runs a chain over the decoded source and encodes the result.
func (p *Processor) makeOne(pyr *pyramid, d Derived) ([]byte, error) {
	m, err := p.run(pyr, d)
	if err != nil {
		return nil, err
	}
	return encode(m, d.Format, p.chainQuality(d))
}

// pixels decodes d's source and runs its chain, for an overlay.
func (p *Processor) pixels(d Derived) (*image.RGBA, error) {
	info, _, err := p.Stat(d.Source)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(d.Source.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Source.Name, err)
	}
	m, err := decode(data, info, p.workers)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.Source.Name, err)
	}
	return p.run(newPyramid(m, p.workers), d)
}

// run runs d's chain over the decoded source.
func (p *Processor) run(pyr *pyramid, d Derived) (*image.RGBA, error) {
	var m *image.RGBA
	for i, s := range d.Steps {
		if len(s.Effects) > 0 {
			if m == nil {
				m = pyr.base()
			}
			var err error
			if m, err = p.applyEffects(m, s.Effects); err != nil {
				return nil, err
			}
			continue
		}
		sp := s.Spec
		if i == 0 {
			var err error
			if m, err = p.transform(pyr, sp); err != nil {
				return nil, err
			}
			continue
		}
		var err error
		if m, err = p.transform(newPyramid(m, p.workers), sp); err != nil {
			return nil, err
		}
	}
	if m == nil {
		m = pyr.base()
	}
	if m.Rect.Dx() != d.Width || m.Rect.Dy() != d.Height {
		return nil, fmt.Errorf("made %dx%d, planned %dx%d", m.Rect.Dx(), m.Rect.Dy(), d.Width, d.Height)
	}
	return m, nil
}
