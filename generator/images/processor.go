package images

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Options configure a Processor.
type Options struct {
	// CacheDir is the folder processed images are cached in; "" caches
	// nothing on disk.
	CacheDir string
	// MaxPixels refuses larger images (decompression bombs); 0 is
	// DefaultMaxPixels.
	MaxPixels int64
	// Filter is the default resampling filter ("" is Box, Hugo's default).
	Filter string
	// Anchor is where Fill and Crop cut when a spec names no anchor and
	// has no focal point ("" is smart, Hugo's default).
	Anchor string
	// Quality is the default quality per format (0 or absent: the
	// package defaults).
	Quality map[Format]int
	// Hugo, when set, names processed images as hugo 0.111.3 does
	// ("x_hu<md5>_<size>_300x0_resize_q75_box.jpg", with these
	// [imaging] settings) and keeps a GIF a GIF, for Hugo sites; nil
	// gives Storyfront's names.
	Hugo *HugoDefaults
}

// Processor processes images, caching results on disk and in memory. It
// is safe for concurrent use; one Processor lives as long as a site's
// builder, so the dev server reuses what it knows.
type Processor struct {
	dir       string
	maxPixels int64
	filter    Filter
	quality   map[Format]int
	anchor    string
	workers   int
	hugo      HugoDefaults
	hugoNames bool

	mu      sync.Mutex
	sources map[string]sourceEntry // by file path

	processed, reused atomic.Int64
	savedBytes        atomic.Int64
}

// New returns a Processor.
func New(opts Options) (*Processor, error) {
	f, err := ParseFilter(opts.Filter)
	if err != nil {
		return nil, err
	}
	anchor := strings.ToLower(opts.Anchor)
	if anchor == "" {
		anchor = "smart"
	}
	if !isAnchor(anchor) {
		return nil, fmt.Errorf("unknown anchor %q", opts.Anchor)
	}
	p := &Processor{dir: opts.CacheDir, maxPixels: opts.MaxPixels, filter: f, quality: opts.Quality, anchor: anchor,
		workers: runtime.GOMAXPROCS(0), sources: map[string]sourceEntry{}}
	if opts.Hugo != nil {
		p.hugo, p.hugoNames = opts.Hugo.withDefaults(), true
	}
	if p.maxPixels <= 0 {
		p.maxPixels = DefaultMaxPixels
	}
	p.loadIndex()
	return p, nil
}

// Source is one image file.
type Source struct {
	Name string // how errors name it (relative to the site folder)
	Path string // where to read it
}

// Stat returns the source's format, size and content hash, reading the
// file only when its size or modification time changed since the
// processor last read it.
func (p *Processor) Stat(src Source) (Info, string, error) {
	e, err := p.stat(src)
	return e.Info, e.Hash, err
}

// stat returns what the processor knows of src, read again when its size
// or modification time changed.
func (p *Processor) stat(src Source) (sourceEntry, error) {
	st, err := os.Stat(src.Path)
	if err != nil {
		return sourceEntry{}, fmt.Errorf("%s: %w", src.Name, err)
	}
	p.mu.Lock()
	e, ok := p.sources[src.Name]
	p.mu.Unlock()
	if ok && e.Size == st.Size() && e.ModTime == st.ModTime().UnixNano() && e.MD5Fast != "" {
		return p.asStored(e), nil
	}
	data, err := os.ReadFile(src.Path)
	if err != nil {
		return sourceEntry{}, fmt.Errorf("%s: %w", src.Name, err)
	}
	info, err := Inspect(data, p.maxPixels)
	if err != nil {
		return sourceEntry{Info: info}, fmt.Errorf("%s: %w", src.Name, err)
	}
	sum := sha256.Sum256(data)
	e = sourceEntry{Size: st.Size(), ModTime: st.ModTime().UnixNano(), Hash: hex.EncodeToString(sum[:]), Info: info,
		MD5Fast: hugoMD5Fast(data)}
	p.mu.Lock()
	p.sources[src.Name] = e
	p.mu.Unlock()
	return p.asStored(e), nil
}

// asStored is e for a processor with Hugo's names: hugo 0.111.3 processes
// the pixels as stored, without turning them by the EXIF orientation, so
// its sizes are the stored ones. The hash says so, so cache entries of
// both kinds never mix.
func (p *Processor) asStored(e sourceEntry) sourceEntry {
	if !p.hugoNames {
		return e
	}
	if swapsAxes(e.Info.Orientation) {
		e.Info.Width, e.Info.Height = e.Info.Height, e.Info.Width
	}
	if e.Info.Orientation != 1 {
		e.Info.Orientation = 1
		e.Hash += "-as-stored"
	}
	return e
}

// Result is one processed image.
type Result struct {
	Spec   Spec
	Format Format
	Width  int
	Height int
	Data   []byte
	// Key identifies the result (content hash of the source and spec); it
	// goes into the published file name.
	Key string
}

// Process applies every spec to src and returns the results in order.
// Results already in the cache are read from it; the source is decoded
// once for all the others. Its errors name src.
func (p *Processor) Process(ctx context.Context, src Source, specs []Spec) ([]Result, error) {
	info, hash, err := p.Stat(src)
	if err != nil {
		return nil, err
	}
	if info.Format == SVG || info.Animated {
		return nil, fmt.Errorf("%s: a %s cannot be processed (it is published as it is)", src.Name, describe(info))
	}
	out := make([]Result, len(specs))
	var todo []int
	for i, sp := range specs {
		sp.Format = p.outFormat(sp.Format, info.Format)
		out[i] = Result{Spec: sp, Format: sp.Format, Key: cacheKey(hash, sp.key(p.filter.Name))}
		out[i].Width, out[i].Height = p.size(sp, info)
		if data := p.readCache(out[i].Key, sp.Format); data != nil {
			out[i].Data = data
			p.reused.Add(1)
			continue
		}
		todo = append(todo, i)
	}
	if len(todo) == 0 {
		return out, nil
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
			r := &out[i]
			enc, err := p.apply(pyr, r.Spec)
			if err != nil {
				errs[n] = fmt.Errorf("%s: %w", src.Name, err)
				return
			}
			r.Data = enc
			p.processed.Add(1)
			p.savedBytes.Add(orig - int64(len(enc)))
			if err := p.writeCache(r.Key, r.Format, enc); err != nil {
				errs[n] = err
			}
		}()
		// Bound the encoders in flight for one source (each holds a
		// WebAssembly instance).
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

// size returns the size a spec gives an image of info, without pixels.
func (p *Processor) size(sp Spec, info Info) (int, int) {
	w, h := info.Width, info.Height
	if sp.Rotate == 90 || sp.Rotate == 270 {
		w, h = h, w
	}
	_, ow, oh := sp.geometry(w, h, func(rw, rh int) image.Point { return image.Point{} })
	return ow, oh
}

func (p *Processor) outFormat(f, src Format) Format {
	if f != "" {
		return f
	}
	if src == GIF && !p.hugoNames {
		return PNG // a still GIF keeps its colours as PNG
	}
	return src
}

// apply makes one result from the decoded, upright source.
func (p *Processor) apply(pyr *pyramid, sp Spec) ([]byte, error) {
	out, err := p.transform(pyr, sp)
	if err != nil {
		return nil, err
	}
	return encode(out, sp.Format, p.qualityOf(sp))
}

// transform applies a spec's geometry (turn, cut, scale) to the decoded
// image.
func (p *Processor) transform(pyr *pyramid, sp Spec) (*image.RGBA, error) {
	f := p.filter
	if sp.Filter != "" {
		var err error
		if f, err = ParseFilter(sp.Filter); err != nil {
			return nil, err
		}
	}
	m := rotate(pyr.base(), sp.Rotate)
	r, ow, oh := sp.geometry(m.Rect.Dx(), m.Rect.Dy(), func(rw, rh int) image.Point { return smartCrop(m, rw, rh) })
	if sp.Rotate == 0 && r == m.Rect {
		if ow == m.Rect.Dx() && oh == m.Rect.Dy() {
			return m, nil
		}
		return resize(pyr.forSize(ow, oh, f), ow, oh, f, p.workers), nil
	}
	if ow == r.Dx() && oh == r.Dy() {
		return crop(m, r), nil
	}
	return resize(crop(m, r), ow, oh, f, p.workers), nil
}

func (p *Processor) qualityOf(sp Spec) int {
	if sp.Quality > 0 {
		return sp.Quality
	}
	if q := p.quality[sp.Format]; q > 0 {
		return q
	}
	if sp.Format == AVIF {
		return DefaultAVIFQuality
	}
	return DefaultQuality
}

// Stats are the counts since the processor was made.
type Stats struct {
	Processed  int64 // images encoded
	Reused     int64 // images read from the cache
	SavedBytes int64 // source bytes minus encoded bytes, over the processed ones
}

// Stats returns the counts so far.
func (p *Processor) Stats() Stats {
	return Stats{Processed: p.processed.Load(), Reused: p.reused.Load(), SavedBytes: p.savedBytes.Load()}
}

func describe(info Info) string {
	if info.Format == SVG {
		return "SVG"
	}
	return "animated " + string(info.Format)
}

// openPyramid reads and decodes a source into the pyramid its versions are
// made from, and returns the source's size in bytes.
func (p *Processor) openPyramid(src Source, info Info) (*pyramid, int64, error) {
	data, err := os.ReadFile(src.Path)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", src.Name, err)
	}
	m, err := decode(data, info, p.workers)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", src.Name, err)
	}
	return newPyramid(m, p.workers), int64(len(data)), nil
}
