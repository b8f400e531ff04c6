package generator

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/images"
	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/site"
)

// imageEntry is one raster image of content/ in this build: its
// responsive versions and where they are published.
type imageEntry struct {
	rel   string // relative to content/
	owner string // content/<rel>, for errors
	out   string // the output path of the original file
	dir   string // the output folder of its versions ("stories/x/")
	url   string // the URL folder of its versions ("/stories/x/")
	set   *images.Set
}

// imageState is what the builder keeps of images between builds.
type imageState struct {
	proc  *images.Processor
	byRel map[string]*imageEntry
	byURL map[string]*imageEntry // by the URL path of the original
	data  map[string][]byte      // processed bytes by cache key, from the last build
	cards []*card                // share cards of this build (cards.go)
	// cardFiles: the image cache's files of the cards kept on disk
	// (Options.ImagesOnDisk), by key, from the last build.
	cardFiles map[string]string
	// warnings: files named like images that are none (published as they are).
	warnings diag.Errors
	// notImages are those files, by path under content/.
	notImages map[string]bool
	counts    imageCounts
	made      madeImages // what templates asked for (images_templates.go)
}

type imageCounts struct {
	processed, reused int
	saved             int64
}

// newImageProcessor makes the processor for the site's config.
func (b *Builder) newImageProcessor() error {
	im := b.cfg.Images
	q := map[images.Format]int{}
	for k, v := range im.Quality {
		if f, ok := images.ParseFormat(k); ok {
			q[f] = v
		}
	}
	opts := images.Options{CacheDir: filepath.Join(b.dir, filepath.FromSlash(images.CacheDir)),
		MaxPixels: im.MaxPixels, Filter: im.ResampleFilter, Quality: q, Anchor: im.Anchor}
	if b.cfg.FromHugo() {
		// Hugo's names for processed images, from its [imaging] settings.
		opts.Hugo = &images.HugoDefaults{Quality: q[images.JPEG], Filter: im.ResampleFilter, Anchor: im.Anchor,
			BgColor: strings.ToLower(strings.TrimPrefix(im.Background, "#"))}
	}
	p, err := images.New(opts)
	if err != nil {
		return err
	}
	b.img.proc = p
	return nil
}

// planImages lists the versions of every raster image in content/ (no
// pixels yet: sizes and names come from the headers), so Markdown and
// templates can point at them before they are made.
func (b *Builder) planImages(ctx context.Context, s *site.Site, tree *content.Tree, errs *diag.List) {
	b.img.byRel = map[string]*imageEntry{}
	b.img.byURL = map[string]*imageEntry{}
	if b.img.proc == nil {
		return
	}
	outs := contentOutputs(b.cfg, s, tree)
	var rels []string
	for _, rel := range tree.Files {
		if _, published := outs[rel]; published && images.IsRaster(rel) {
			rels = append(rels, rel)
		}
	}
	entries := make([]*imageEntry, len(rels))
	var (
		wmu       sync.Mutex
		warns     diag.Errors
		notImages = map[string]bool{}
	)
	widths, formats := b.cfg.Images.ImageWidths(), b.cfg.Images.ImageFormats()
	parallel(ctx, len(rels), func(_, i int) {
		rel := rels[i]
		owner := path.Join(content.Dir, rel)
		src := images.Source{Name: owner, Path: filepath.Join(b.dir, content.Dir, filepath.FromSlash(rel))}
		set, err := b.img.proc.Plan(src, widths, formats)
		if errors.Is(err, images.ErrUnsupported) {
			// Hugo publishes such a file as it is, silently; so do we, with
			// a warning unless the site is a Hugo site. Markdown that shows
			// it is an error (pictureFunc).
			wmu.Lock()
			notImages[rel] = true
			if !b.cfg.FromHugo() {
				warns = append(warns, diag.Errorf(owner, 0, 0, "%s; published as it is", strings.TrimPrefix(err.Error(), owner+": ")))
			}
			wmu.Unlock()
			return
		}
		if err != nil {
			errs.Add(owner, diag.Errorf(owner, 0, 0, "%s", strings.TrimPrefix(err.Error(), owner+": ")))
			return
		}
		out := outs[rel]
		dir := path.Dir(out) + "/"
		if dir == "./" {
			dir = ""
		}
		entries[i] = &imageEntry{rel: rel, owner: owner, out: out, dir: dir, url: s.BasePath + "/" + dir, set: set}
	})
	b.img.warnings, b.img.notImages = warns, notImages
	for _, e := range entries {
		if e != nil {
			b.img.byRel[e.rel] = e
			b.img.byURL[s.BasePath+"/"+e.out] = e
		}
	}
}

// contentOutputs maps each published content file to its output path:
// bundle resources beside their page, other files as they are.
func contentOutputs(cfg *config.Config, s *site.Site, tree *content.Tree) map[string]string {
	bundles := map[string]*site.Page{}
	isBundle := leafBundles(s)
	for _, p := range s.Pages {
		if p.Bundle != "" {
			bundles[p.Bundle] = p
			isBundle[p.Bundle+"/index.md"] = true
		}
	}
	out := make(map[string]string, len(tree.Files))
	for _, rel := range tree.Files {
		if dir := content.BundleDir(rel, isBundle); dir != "" {
			if p := bundles[dir]; p != nil {
				out[rel] = path.Join(path.Dir(p.OutPath), strings.TrimPrefix(rel, dir+"/"))
			}
			continue
		}
		out[rel] = contentFileOut(cfg, rel)
	}
	return out
}

// leafBundles marks the leaf bundles of pages this build leaves out (a
// draft's, a future or an expired page's) by their "<dir>/index.md": their
// files are their resources, published with the page or not at all, as in
// Hugo, never as plain files.
func leafBundles(s *site.Site) map[string]bool {
	out := map[string]bool{}
	for _, o := range s.Sites() {
		for _, rel := range o.LeftOut {
			base := path.Base(rel)
			if path.Dir(rel) != "." && strings.HasPrefix(base, "index.") && strings.Count(base, ".") <= 2 {
				out[path.Dir(rel)+"/index.md"] = true
			}
		}
	}
	return out
}

// contentFileOut is where a content file that is no bundle's is published:
// at its path, or, under a language's own contentDir (content/en/...),
// at its path in that folder, in the language's folder of the output, as
// Hugo publishes it.
func contentFileOut(cfg *config.Config, rel string) string {
	langs := cfg.Languages
	if len(langs) == 0 {
		langs = []*config.Config{cfg} // one language, whose contentDir may be content/en
	}
	for _, l := range langs {
		if r := l.ContentRoot(); r != "" && strings.HasPrefix(rel, r+"/") {
			return path.Join(l.LanguageDir(), strings.TrimPrefix(rel, r+"/"))
		}
	}
	// Any other is the default language's: in its folder when it has one
	// (defaultContentLanguageInSubdir), as hugo 0.111.3 publishes it.
	return path.Join(cfg.Default().LanguageDir(), rel)
}

// imageJobs are the outputs of an image: each version, and the original's
// path, which serves the widest version in its own format (upright and
// without metadata; never the file as it was, which may carry GPS).
func (b *Builder) imageJobs(e *imageEntry) []*job {
	all := e.set.All()
	var jobs []*job
	for i, v := range all {
		if i < len(e.set.Variants) {
			jobs = append(jobs, &job{kind: jobImage, out: e.dir + v.Name, owner: e.owner, img: e, variant: i})
		}
		if v.Key == e.set.Original.Key {
			jobs = append(jobs, &job{kind: jobImage, out: e.out, owner: e.owner, img: e, variant: i})
		}
	}
	return jobs
}

// processImages fills the image jobs: bytes kept from the last build,
// else from the processor (its disk cache, or made now), one source at a
// time per worker with every version of it from one decoding.
func (b *Builder) processImages(ctx context.Context, jobs []*job, errs *diag.List) {
	bySource := map[*imageEntry][]*job{}
	var order []*imageEntry
	for _, j := range jobs {
		if j.kind != jobImage || j.card != nil {
			continue
		}
		if bySource[j.img] == nil {
			order = append(order, j.img)
		}
		bySource[j.img] = append(bySource[j.img], j)
	}
	data := map[string][]byte{}
	var mu sync.Mutex
	start := time.Now()
	before := b.img.proc.Stats()
	var done int
	parallel(ctx, len(order), func(_, i int) {
		e := order[i]
		var specs []images.Spec
		var keys []string
		got := map[string][]byte{}
		mu.Lock()
		all := e.set.All()
		linked := map[string]bool{}
		for _, v := range all {
			if d, ok := b.img.data[v.Key]; ok {
				got[v.Key] = d
				continue
			}
			if b.stage != nil && b.linkCached(bySource[e], all, v, errs) {
				linked[v.Key] = true // a warm build: no byte read or written
				continue
			}
			specs = append(specs, v.Spec)
			keys = append(keys, v.Key)
		}
		mu.Unlock()
		if len(specs) > 0 {
			rs, err := b.img.proc.Process(ctx, e.set.Source, specs)
			if err != nil {
				errs.Add(e.owner, diag.Errorf(e.owner, 0, 0, "%s", strings.TrimPrefix(err.Error(), e.owner+": ")))
				b.imageUsers(e, err, errs)
				return
			}
			for k, r := range rs {
				if r.Key != keys[k] {
					errs.Add(e.owner, diag.Errorf(e.owner, 0, 0, "image version %s: key mismatch", r.Key))
					return
				}
				got[r.Key] = r.Data
			}
		}
		for _, j := range bySource[e] {
			v := all[j.variant]
			if !linked[v.Key] {
				b.keepImage(j, got[v.Key], v.Key, v.Format, errs)
			}
		}
		mu.Lock()
		if b.stage == nil && !b.opts.ImagesOnDisk {
			for k, d := range got {
				data[k] = d
			}
		}
		done++
		n := done
		mu.Unlock()
		if b.opts.Progress != nil && b.opts.Terminal && len(specs) > 0 && (n%10 == 0 || n == len(order)) {
			el := time.Since(start)
			left := time.Duration(float64(el) / float64(n) * float64(len(order)-n)).Round(time.Second)
			b.progress("images: %d/%d sources, about %s left", n, len(order), left)
		}
	})
	b.makeCards(ctx, jobs, data, errs)
	b.img.data = data
	after := b.img.proc.Stats()
	b.img.counts = imageCounts{processed: int(after.Processed - before.Processed), reused: int(after.Reused - before.Reused),
		saved: after.SavedBytes - before.SavedBytes}
	if b.opts.Progress != nil && b.opts.Terminal && b.img.counts.processed > 0 {
		b.progress("images: %d made, %d reused from %s, %d KiB smaller than their sources", b.img.counts.processed,
			b.img.counts.reused, images.CacheDir, b.img.counts.saved/1024)
	}
	if err := b.img.proc.SaveIndex(); err != nil {
		errs.Add(images.CacheDir, err)
	}
}

// linkCached puts the cache folder's file of version v at the stage paths
// of the jobs that publish it, as hard links; false when the cache has no
// such file or a link cannot be made (another file system): then the
// bytes are read and written.
func (b *Builder) linkCached(jobs []*job, all []images.Variant, v images.Variant, errs *diag.List) bool {
	file := b.img.proc.CachedFile(v.Key, v.Format)
	if file == "" {
		return false
	}
	var mine []*job
	for _, j := range jobs {
		if all[j.variant].Key == v.Key {
			mine = append(mine, j)
		}
	}
	for i, j := range mine {
		if err := b.stage.link(j.out, file); err != nil {
			for _, done := range mine[:i] {
				done.staged = false
				b.stage.remove(done.out) // never write through a link into the cache
			}
			return false
		}
		j.data, j.staged = nil, true
	}
	b.img.proc.CountReused(1)
	return true
}

// imageUsers adds an error at each Markdown line that shows the image.
func (b *Builder) imageUsers(e *imageEntry, err error, errs *diag.List) {
	for _, rel := range sortedKeys(b.md) {
		m := b.md[rel]
		if line, ok := m.images[e.rel]; ok {
			file := path.Join(content.Dir, rel)
			errs.Add(file, diag.Errorf(file, line, 1, "image %s: %v", e.rel, err))
		}
	}
}

// plainImages reports whether content images are published as Hugo
// publishes them: each file as it is, Markdown's <img> as Hugo writes it,
// no resized versions; so a Hugo site gets Hugo's output files. A
// site.yaml that sets images.widths or images.formats (hugo: true or not)
// gets responsive images.
func (b *Builder) plainImages() bool {
	return b.cfg.FromHugo() && len(b.cfg.Images.Widths) == 0 && len(b.cfg.Images.Formats) == 0
}

// pictureFunc returns the Markdown converter's image renderer for page p:
// a raster image of content/ becomes a <picture>; the first image of a
// page without a cover is its main one (fetchpriority="high"). Images
// without alt text are warnings; alt "" written as `![""](x.jpg)` marks a
// decorative image.
func (b *Builder) pictureFunc(p *site.Page, e *mdEntry, warn, fail func(*diag.Error)) func(*markdown.Image) (template.HTML, bool) {
	first := p.Image == ""
	return func(im *markdown.Image) (template.HTML, bool) {
		alt := im.Alt
		switch {
		case alt == `""`:
			alt = ""
		case strings.TrimSpace(alt) == "":
			warn(diag.Errorf(p.Source.Path, im.Line, im.Col, "image %s has no alt text (write ![\"\"](...) for a decorative image)", im.Destination))
		}
		rel, ent := b.imageFor(p, im.Destination)
		if b.plainImages() {
			return "", false // Hugo's <img>, the file as it is
		}
		if rel != "" {
			if e.images == nil {
				e.images, e.imageHashes = map[string]int{}, map[string]string{}
			}
			if _, seen := e.images[rel]; !seen {
				e.images[rel] = im.Line
			}
			e.imageHashes[rel] = ""
			if ent != nil {
				e.imageHashes[rel] = ent.set.Hash
			}
		}
		if ent == nil {
			if why := b.unshowable(rel); why != "" {
				report := fail
				if b.cfg.FromHugo() {
					report = warn // Hugo publishes it as it is
				}
				report(diag.Errorf(p.Source.Path, im.Line, im.Col, "image %s: %s", im.Destination, why))
			}
			return "", false
		}
		prio := first && ent.set.Info.Width >= 400
		if prio {
			first = false
		}
		return ent.set.Picture(ent.url, ent.url+path.Base(ent.out), images.PictureOptions{Alt: alt, Title: im.Title,
			Sizes: b.cfg.Images.ImageSizes(), Priority: prio}), true
	}
}

// imageFor finds the content image a Markdown destination names:
// relative to the page's bundle or folder, or a site path. rel is the
// content file it would be ("" for a URL), ent nil when it is no
// processed image.
func (b *Builder) imageFor(p *site.Page, dest string) (rel string, ent *imageEntry) {
	if dest == "" || strings.Contains(dest, "://") || strings.HasPrefix(dest, "//") || strings.ContainsAny(dest, "?#") {
		return "", nil
	}
	if strings.HasPrefix(dest, "/") {
		if e := b.img.byURL[path.Clean(dest)]; e != nil {
			return e.rel, e
		}
		rel = strings.TrimPrefix(path.Clean(dest), "/")
	} else {
		dir := p.Bundle
		if dir == "" {
			dir = path.Dir(p.Source.Rel)
		}
		rel = path.Join(dir, dest)
	}
	return rel, b.img.byRel[rel]
}

// unshowable says why the content file rel cannot be shown as an image
// (a format browsers do not all show, or a file named like an image that
// is none), or "" when it can or is no content file.
func (b *Builder) unshowable(rel string) string {
	if _, ok := b.plain[rel]; !ok || rel == "" {
		return ""
	}
	if b.img.notImages[rel] {
		return "the file is no JPEG, PNG, GIF, WebP or SVG (its bytes are not an image this build can read)"
	}
	switch ext := strings.ToLower(path.Ext(rel)); ext {
	case ".heic", ".heif", ".tif", ".tiff", ".bmp", ".psd", ".jxl", ".dng", ".raw", ".cr2", ".nef", ".arw":
		return fmt.Sprintf("%s is a format browsers do not all show and Storyfront does not convert: export it as JPEG (a photo) or PNG",
			strings.ToUpper(ext[1:]))
	}
	return ""
}

func (e *imageEntry) String() string { return fmt.Sprintf("image %s", e.rel) }

// imagesHold reports whether the images a converted page showed are the
// same files as when it was converted.
func (b *Builder) imagesHold(e *mdEntry) bool {
	for rel, h := range e.imageHashes {
		cur := ""
		if ent := b.img.byRel[rel]; ent != nil {
			cur = ent.set.Hash
		}
		if cur != h {
			return false
		}
	}
	return true
}
