package generator

import (
	"context"
	"errors"
	"fmt"
	"image/gif"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/images"
	"github.com/storyfront/storyfront/generator/render"
	"github.com/storyfront/storyfront/generator/site"
)

// madeImage is an image a template asked for (.Resize, .Fill, .Filter,
// an assets/ image's own URL...): planned while rendering, made after.
type madeImage struct {
	out  string // output path
	d    images.Derived
	data []byte
	gen  int // the build that last asked for it
	// pubGen is the build that last asked for its URL: a Hugo site
	// publishes an image only then, as Hugo does.
	pubGen int
}

// madeImages are the template images of the builds since the last full
// render, by output path: an output kept from an earlier build may still
// show one.
type madeImages struct {
	mu   sync.Mutex
	outs map[string]*madeImage
	gen  int // this build
}

// templateImages is the site.ImageMaker of one build.
type templateImages struct {
	b *Builder
	s *site.Site
}

var _ site.ImageMaker = templateImages{}

// Original returns a content or assets/ image as published: a content
// image's original URL serves its widest version (see Set.Original); an
// assets/ image is published whole, re-encoded without metadata. A Hugo
// site's images are the files as they are, as in Hugo: a content image
// has its own size, and an assets/ image is published at its path under
// assets/ when a template asks for its URL (AssetResource.RelPermalink).
func (t templateImages) Original(o site.ImageOrigin) (*site.Image, error) {
	im := site.Image{Focus: o.Focus, Params: map[string]any{}}
	if m := o.Meta; m != nil {
		im.Name, im.Title, im.Params = m.Name, m.Title, m.Params
	}
	if o.Content != "" {
		e := t.b.img.byRel[o.Content]
		name := path.Join(content.Dir, o.Content)
		if e == nil || len(e.set.Variants) == 0 {
			file := filepath.Join(t.b.dir, content.Dir, filepath.FromSlash(o.Content))
			if w, h, ok := gifSize(file); ok && o.Meta != nil {
				// An animated GIF is published as it is; its size is
				// known, as in Hugo (.Width, .Height).
				im.Source = images.Source{Name: name, Path: file}
				im.URL, im.AbsURL = o.Meta.RelPermalink, o.Meta.Permalink
				im.MediaType, im.W, im.H = "image/gif", w, h
				return site.NewImage(t, im), nil
			}
			return nil, t.unprocessable(name, file)
		}
		im.Source, im.OutDir = e.set.Source, e.dir
		im.URL, im.AbsURL = t.s.RelURL(e.out), t.s.AbsURL(e.out)
		if t.b.plainImages() {
			// Published as it is: its own size and format, beside the
			// page whose resource it is (each translation's own folder),
			// and so is what the methods make of it, as in Hugo.
			if m := o.Meta; m != nil {
				if out, ok := strings.CutPrefix(m.RelPermalink, t.s.BasePath+"/"); ok {
					im.OutDir = strings.TrimPrefix(path.Dir(out)+"/", "./")
					im.URL, im.AbsURL = m.RelPermalink, m.Permalink
				}
			}
			info := e.set.Info
			im.MediaType, im.W, im.H = site.MediaTypeName(info.Format.MediaType()), info.Width, info.Height
			return site.NewImage(t, im), nil
		}
		v := e.set.Original
		im.MediaType, im.W, im.H = site.MediaTypeName(v.Format.MediaType()), v.Width, v.Height
		return site.NewImage(t, im), nil
	}
	src, err := t.assetSource(o.Asset)
	if err != nil {
		return nil, err
	}
	if im.Name == "" {
		im.Name, im.Title = o.Asset, o.Asset
	}
	if t.b.cfg.FromHugo() {
		clean := path.Clean("/" + o.Asset)[1:]
		info, _, err := t.b.img.proc.Stat(src)
		if err != nil {
			return nil, err
		}
		im.Source, im.OutDir = src, strings.TrimPrefix(path.Dir(clean)+"/", "./")
		im.URL, im.AbsURL = t.s.RelURL(clean), t.s.AbsURL(clean)
		im.MediaType, im.W, im.H = site.MediaTypeName(info.Format.MediaType()), info.Width, info.Height
		return site.NewImage(t, im), nil
	}
	im.Source, im.OutDir = src, path.Dir(path.Join(render.AssetsDir, o.Asset))+"/"
	return t.Derive(site.NewImage(t, im), images.Step{Spec: images.Spec{Op: images.OpNone}})
}

// unprocessable explains why a file is no image the methods apply to.
func (t templateImages) unprocessable(name, file string) error {
	if _, _, err := t.b.img.proc.Stat(images.Source{Name: name, Path: file}); err != nil {
		return err
	}
	return fmt.Errorf("%s: an SVG or animated image cannot be processed (it is published as it is)", name)
}

// gifSize reads a GIF file's size from its header.
func gifSize(file string) (w, h int, ok bool) {
	if !strings.EqualFold(filepath.Ext(file), ".gif") {
		return 0, 0, false
	}
	f, err := os.Open(file)
	if err != nil {
		return 0, 0, false
	}
	defer f.Close()
	c, err := gif.DecodeConfig(f)
	if err != nil {
		return 0, 0, false
	}
	return c.Width, c.Height, true
}

// assetSource finds assets/NAME, the site's, else the theme's.
func (t templateImages) assetSource(name string) (images.Source, error) {
	clean := path.Clean("/" + name)[1:]
	rel, err := render.FindAsset(t.b.dir, t.b.cfg, clean)
	if err == nil {
		return images.Source{Name: rel, Path: filepath.Join(t.b.dir, filepath.FromSlash(rel))}, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return images.Source{}, err
	}
	return images.Source{}, fmt.Errorf("resources.Get %q: no assets/%s", name, clean)
}

// Derive plans one more step on im and records its output.
func (t templateImages) Derive(im *site.Image, step images.Step) (*site.Image, error) {
	steps := append(append([]images.Step(nil), im.Steps...), step)
	d, err := t.b.img.proc.Derive(im.Source, steps)
	if err != nil {
		return nil, err
	}
	if im.NameBase != "" && t.b.cfg.FromHugo() {
		if d.Name, err = t.b.img.proc.HugoNameAfter(im.Source, im.Steps, im.NameBase, step); err != nil {
			return nil, err
		}
	}
	out := im.OutDir + d.Name
	m := &t.b.img.made
	m.mu.Lock()
	if m.outs == nil {
		m.outs = map[string]*madeImage{}
	}
	mi := m.outs[out]
	if mi == nil {
		mi = &madeImage{out: out, d: d}
		m.outs[out] = mi
	}
	mi.gen = m.gen
	if !t.b.cfg.FromHugo() {
		mi.pubGen = m.gen // Storyfront sites publish what templates make
	}
	m.mu.Unlock()
	next := *im
	next.Steps = steps
	if len(step.Effects) == 0 {
		next.Focus = nil // the focal point was the source's
	}
	next.Out = out
	if im.NameBase != "" {
		next.NameBase = d.Name
	}
	next.URL, next.AbsURL = t.s.RelURL(out), t.s.AbsURL(out)
	next.MediaType, next.W, next.H = site.MediaTypeName(d.Format.MediaType()), d.Width, d.Height
	return site.NewImage(t, next), nil
}

// PublishAt publishes im at out as well: the same pixels, re-encoded
// without metadata (an original is its full size, as an assets/ image's).
func (t templateImages) PublishAt(im *site.Image, out string) (*site.Image, error) {
	steps := im.Steps
	if len(steps) == 0 {
		steps = []images.Step{{Spec: images.Spec{Op: images.OpNone}}}
	}
	d, err := t.b.img.proc.Derive(im.Source, steps)
	if err != nil {
		return nil, err
	}
	m := &t.b.img.made
	m.mu.Lock()
	if m.outs == nil {
		m.outs = map[string]*madeImage{}
	}
	mi := m.outs[out]
	if mi == nil || mi.d.Key != d.Key {
		mi = &madeImage{out: out, d: d}
		m.outs[out] = mi
	}
	mi.gen = m.gen
	mi.pubGen = m.gen // asked for by its URL (publishedAt)
	m.mu.Unlock()
	next := *im
	next.Steps = steps
	next.Out = out
	next.URL, next.AbsURL = t.s.RelURL(out), t.s.AbsURL(out)
	next.MediaType, next.W, next.H = site.MediaTypeName(d.Format.MediaType()), d.Width, d.Height
	return site.NewImage(t, next), nil
}

// Publish marks the image made at out as published in this build.
func (t templateImages) Publish(out string) {
	m := &t.b.img.made
	m.mu.Lock()
	if mi := m.outs[out]; mi != nil {
		mi.pubGen = m.gen
	}
	m.mu.Unlock()
}

// Plan returns how im is made.
func (t templateImages) Plan(im *site.Image) (images.Derived, error) {
	return t.b.img.proc.Derive(im.Source, im.Steps)
}

// makeTemplateImages makes the bytes of the template images not made yet:
// from the last build's or the planned images' bytes, else the processor
// (its cache, or one decoding per source).
func (b *Builder) makeTemplateImages(ctx context.Context, errs *diag.List) {
	m := &b.img.made
	m.mu.Lock()
	bySource := map[string][]*madeImage{}
	for _, mi := range m.outs {
		if mi.data != nil || mi.pubGen == 0 {
			continue
		}
		if d, ok := b.img.data[mi.d.Key]; ok {
			mi.data = d
			continue
		}
		bySource[mi.d.Source.Path] = append(bySource[mi.d.Source.Path], mi)
	}
	m.mu.Unlock()
	srcs := sortedKeys(bySource)
	parallel(ctx, len(srcs), func(_, i int) {
		todo := bySource[srcs[i]]
		sort.Slice(todo, func(a, c int) bool { return todo[a].out < todo[c].out })
		ds := make([]images.Derived, len(todo))
		for k, mi := range todo {
			ds[k] = mi.d
		}
		name := ds[0].Source.Name
		data, err := b.img.proc.Make(ctx, ds)
		if err != nil {
			errs.Add(name, diag.Errorf(name, 0, 0, "%s", strings.TrimPrefix(err.Error(), name+": ")))
			return
		}
		m.mu.Lock()
		for k, mi := range todo {
			mi.data = data[k]
		}
		m.mu.Unlock()
	})
}

// madeFiles are the template images as output files.
func (b *Builder) madeFiles() []*File {
	m := &b.img.made
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*File, 0, len(m.outs))
	for _, mi := range m.outs {
		if mi.data != nil && mi.pubGen != 0 {
			out = append(out, &File{Path: mi.out, Data: mi.data})
		}
	}
	return out
}

// newMadeImagesBuild starts counting which template images a build asks
// for.
func (b *Builder) newMadeImagesBuild() {
	m := &b.img.made
	m.mu.Lock()
	m.gen++
	m.mu.Unlock()
}

// sweepMadeImages drops the template images this build did not ask for,
// after a render of every output.
func (b *Builder) sweepMadeImages() {
	m := &b.img.made
	m.mu.Lock()
	for out, mi := range m.outs {
		if mi.gen != m.gen {
			delete(m.outs, out)
			continue
		}
		if mi.pubGen != m.gen {
			mi.pubGen = 0 // made, but no template asked for its URL this time
		}
	}
	m.mu.Unlock()
}

// madeImage returns the template image published at out, or nil.
func (b *Builder) madeImage(out string) *madeImage {
	m := &b.img.made
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.outs[out]
}

// madeFrom reports whether a template image of the last builds comes from
// a content file among rels or, with assets, from assets/.
func (b *Builder) madeFrom(rels []string, assets bool) bool {
	m := &b.img.made
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.outs) == 0 {
		return false
	}
	if assets {
		return true
	}
	for _, rel := range rels {
		if images.IsRaster(rel) {
			return true
		}
	}
	return false
}
