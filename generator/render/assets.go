package render

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/storyfront/storyfront/generator/sitefs"
)

// SyntaxCSS is the asset name of the generated chroma stylesheet.
const SyntaxCSS = "css/syntax.css"

// Asset is a published asset, as the asset function returns it.
type Asset struct {
	RelPermalink string // "/assets/css/main.1a2b3c4d.css"
	Permalink    string
	Integrity    string // "sha384-..." ("" with unhashed assets)
	// OutPath is the output file, Data its bytes, Source its file
	// (relative to the site folder; "" when generated).
	OutPath string
	Data    []byte
	Source  string
}

type assets struct {
	r  *Renderer
	mu sync.Mutex
	m  map[string]*Asset
	// pipes are the Hugo Pipes results of the build (pipes.go).
	pipes pipeCache
}

func newAssets(r *Renderer) *assets { return &assets{r: r, m: map[string]*Asset{}} }

// asset publishes assets/NAME (the site's, else the theme's).
func (r *Renderer) asset(name string) (*Asset, error) {
	a := r.assets
	a.mu.Lock()
	defer a.mu.Unlock()
	if got := a.m[name]; got != nil {
		return got, nil
	}
	clean := path.Clean("/" + name)[1:]
	if clean == "" || strings.Contains(name, "..") {
		return nil, fmt.Errorf("asset %q: not a file under assets/", name)
	}
	data, src, err := r.readAsset(clean)
	if err != nil {
		return nil, err
	}
	ext := path.Ext(clean)
	if data, err = r.minifier.asset(src, ext, data); err != nil {
		return nil, err
	}
	out := "assets/" + clean
	as := &Asset{Data: data, Source: src}
	if !r.opts.UnhashedAssets {
		// The name's hash and the SRI are of the published (minified) bytes.
		sum := sha256.Sum256(data)
		out = "assets/" + strings.TrimSuffix(clean, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		sri := sha512.Sum384(data)
		as.Integrity = "sha384-" + base64.StdEncoding.EncodeToString(sri[:])
	}
	as.OutPath = out
	as.RelPermalink = r.site.RelURL(out)
	as.Permalink = r.site.AbsURL(out)
	a.m[name] = as
	return as, nil
}

func (r *Renderer) readAsset(name string) ([]byte, string, error) {
	file, err := FindAsset(r.siteDir, r.cfg, name)
	if err == nil {
		b, err := sitefs.ReadFile(r.siteDir, file)
		return b, file, err
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, "", err
	}
	if name == SyntaxCSS {
		return r.syntaxCSS(), "", nil
	}
	return nil, "", fmt.Errorf("asset %q: no assets/%s in the site or theme %q", name, name, r.cfg.Theme)
}

// syntaxCSS is the stylesheet of the chroma classes in the highlight style.
func (r *Renderer) syntaxCSS() []byte {
	var b bytes.Buffer
	st := styles.Get(r.cfg.Markdown.HighlightStyle)
	_ = html.New(html.WithClasses(true)).WriteCSS(&b, st)
	return b.Bytes()
}

// Assets returns the assets published so far, sorted by output path.
func (r *Renderer) Assets() []*Asset {
	a := r.assets
	a.mu.Lock()
	defer a.mu.Unlock()
	out := make([]*Asset, 0, len(a.m))
	for _, as := range a.m {
		out = append(out, as)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].OutPath < out[j].OutPath })
	return out
}

// ReloadAssets reads every published asset again, keeping their names.
// With unhashed assets their URLs do not change, so pages need not be
// rendered again after an asset edit.
func (r *Renderer) ReloadAssets() error {
	a := r.assets
	a.mu.Lock()
	names := make([]string, 0, len(a.m))
	for name := range a.m {
		names = append(names, name)
	}
	a.mu.Unlock()
	sort.Strings(names)
	r.assets = newAssets(r)
	var errs []error
	for _, name := range names {
		if _, err := r.asset(name); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
