package render

import (
	"bytes"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"html/template"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"
	ttemplate "text/template"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// pipeFuncs adds Hugo Pipes: the resources namespace, the js and css
// namespaces and the short names (minify, fingerprint, toCSS, postCSS).
func (r *Renderer) pipeFuncs(m template.FuncMap) {
	ns := resourcesNS{r: r}
	m["resources"] = func() resourcesNS { return ns }
	m["minify"] = ns.Minify
	m["fingerprint"] = ns.Fingerprint
	m["toCSS"] = ns.ToCSS
	m["postCSS"] = ns.PostCSS
	m["babel"] = ns.Babel
	m["js"] = func() jsNS { return jsNS{r: r} }
	m["css"] = func() cssNS { return cssNS{ns: ns} }
}

// pipeCache keeps each pipe's result for the build: a theme's head
// partial runs its pipes on every page, but each runs once.
type pipeCache struct {
	mu sync.Mutex
	m  map[string]*pipeEntry
}

type pipeEntry struct {
	once sync.Once
	res  *AssetResource
	err  error
}

// cached runs make once per key (concurrent callers wait for it).
func (r *Renderer) pipe(key string, make func() (*AssetResource, error)) (*AssetResource, error) {
	c := &r.assets.pipes
	c.mu.Lock()
	if c.m == nil {
		c.m = map[string]*pipeEntry{}
	}
	e := c.m[key]
	if e == nil {
		e = &pipeEntry{}
		c.m[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		e.res, e.err = make()
		if e.res != nil {
			e.res.key = key
		}
	})
	return e.res, e.err
}

func hashKey(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// resourcesNS is Hugo's resources namespace.
type resourcesNS struct{ r *Renderer }

// Get returns the assets/ file at name (the site's, else the theme's), or
// nil when there is none (as in Hugo: {{ with resources.Get "x" }}).
func (n resourcesNS) Get(name any) (*AssetResource, error) {
	s := fmt.Sprint(name)
	if rel := path.Clean(s); rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return nil, nil // no file of assets/ (LoveIt asks for "../x"), as in Hugo
	}
	clean := path.Clean("/" + s)[1:]
	res, err := n.r.pipe("get:"+clean, func() (*AssetResource, error) {
		b, file, err := n.r.readAsset(clean)
		var located *diag.Error
		if errors.As(err, &located) {
			return nil, err // a link that leaves the site, not a missing file
		}
		if err != nil {
			return nil, nil
		}
		return &AssetResource{r: n.r, name: clean, data: b, origin: clean, file: file}, nil
	})
	if res == nil {
		return nil, err
	}
	return res, err
}

// assetNames lists every file of the site's and the theme's assets/ (and
// whatever module.mounts puts there), relative to assets/, in Hugo's
// order: folder by folder, the theme's entries that the site does not
// replace first, then the site's, each sorted (a site's file hides the
// theme's of the same path).
func (r *Renderer) assetNames() ([]string, error) {
	ms := r.cfg.Mounts(AssetsDir)
	var order []string
	for i := len(ms) - 1; i >= 0; i-- { // the lowest layer first
		m := ms[i]
		at := strings.TrimPrefix(strings.TrimPrefix(m.Target, AssetsDir), "/")
		st, err := sitefs.Stat(r.siteDir, m.Source)
		if err != nil {
			continue
		}
		var layer []string
		if !st.IsDir() {
			layer = []string{at}
		} else {
			err = sitefs.Walk(r.siteDir, m.Source, func(name string, isDir bool) bool {
				return strings.HasPrefix(name, ".")
			}, func(f sitefs.File) error {
				layer = append(layer, path.Join(at, f.Rel))
				return nil
			})
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
		order = mergedOrder(order, layer)
	}
	return order, nil
}

// mergedOrder lists the files of two layers as Hugo's union of folders
// walks them (see assetNames).
func mergedOrder(lower, upper []string) []string {
	type entries map[string]map[string]bool // folder -> entry names
	index := func(files []string) (entries, map[string]bool) {
		e, isFile := entries{}, map[string]bool{}
		for _, f := range files {
			isFile[f] = true
			for p := f; p != "."; p = path.Dir(p) {
				dir := path.Dir(p)
				if e[dir] == nil {
					e[dir] = map[string]bool{}
				}
				e[dir][path.Base(p)] = true
			}
		}
		return e, isFile
	}
	le, lf := index(lower)
	ue, uf := index(upper)
	sorted := func(m map[string]bool) []string {
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	var out []string
	var walk func(dir string)
	walk = func(dir string) {
		var names []string
		for _, n := range sorted(le[dir]) {
			if !ue[dir][n] {
				names = append(names, n)
			}
		}
		names = append(names, sorted(ue[dir])...)
		for _, n := range names {
			p := path.Join(dir, n)
			if dir == "." {
				p = n
			}
			if uf[p] || lf[p] && !ue[dir][n] {
				out = append(out, p)
			} else {
				walk(p)
			}
		}
	}
	walk(".")
	return out
}

// Match returns the assets/ files whose path matches a glob pattern
// (Hugo's: * within a folder, ** across folders, case-insensitive),
// sorted by path.
func (n resourcesNS) Match(pattern any) ([]*AssetResource, error) {
	re, err := globRE(fmt.Sprint(pattern))
	if err != nil {
		return nil, fmt.Errorf("resources.Match: %w", err)
	}
	names, err := n.r.assetNames()
	if err != nil {
		return nil, fmt.Errorf("resources.Match: %w", err)
	}
	var out []*AssetResource
	for _, name := range names {
		if !re.MatchString(strings.ToLower(name)) {
			continue
		}
		res, err := n.Get(name)
		if err != nil {
			return nil, err
		}
		if res != nil {
			out = append(out, res)
		}
	}
	return out, nil
}

// GetMatch returns the first assets/ file Match finds, or nil.
func (n resourcesNS) GetMatch(pattern any) (*AssetResource, error) {
	all, err := n.Match(pattern)
	if err != nil || len(all) == 0 {
		return nil, err
	}
	return all[0], nil
}

// FromString makes a resource at target path with content.
func (n resourcesNS) FromString(target, content any) (*AssetResource, error) {
	t, err := targetPath("resources.FromString", fmt.Sprint(target))
	if err != nil {
		return nil, err
	}
	c := []byte(toString(content))
	return n.r.pipe("fromstring:"+t+":"+hashKey(c), func() (*AssetResource, error) {
		return &AssetResource{r: n.r, name: t, data: c}, nil
	})
}

// ExecuteAsTemplate runs a resource's content as a template (Go
// text/template with the template functions) with data, giving a new
// resource at target. As in Hugo, the result is kept by target path: the
// first execution's data wins for the build.
func (n resourcesNS) ExecuteAsTemplate(target, data, res any) (*AssetResource, error) {
	t, err := targetPath("resources.ExecuteAsTemplate", fmt.Sprint(target))
	if err != nil {
		return nil, err
	}
	in, err := asResource(n.r, res, "resources.ExecuteAsTemplate")
	if err != nil {
		return nil, err
	}
	return n.r.pipe("exec:"+t+":"+in.key, func() (*AssetResource, error) {
		tmpl, err := ttemplate.New(in.name).Funcs(ttemplate.FuncMap(n.r.funcs)).Parse(string(in.data))
		if err != nil {
			return nil, n.r.templateError(in.file, err)
		}
		var b bytes.Buffer
		if err := tmpl.Execute(&b, data); err != nil {
			return nil, n.r.templateError(in.file, err)
		}
		return &AssetResource{r: n.r, name: t, data: b.Bytes(), file: in.file}, nil
	})
}

// resourceList turns a slice of resources (slice ...) into resources.
func resourceList(r *Renderer, v any, fn string) ([]*AssetResource, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return nil, fmt.Errorf("%s: want a list of resources, not %T", fn, v)
	}
	out := make([]*AssetResource, 0, rv.Len())
	for i := range rv.Len() {
		res, err := asResource(r, rv.Index(i).Interface(), fmt.Sprintf("%s: item %d", fn, i))
		if err != nil {
			return nil, err
		}
		out = append(out, res)
	}
	return out, nil
}

// Concat joins resources of one media type into one at target; scripts
// are joined with "\n;\n" so that one cannot run into the next, as in Hugo.
func (n resourcesNS) Concat(target, list any) (*AssetResource, error) {
	t, err := targetPath("resources.Concat", fmt.Sprint(target))
	if err != nil {
		return nil, err
	}
	all, err := resourceList(n.r, list, "resources.Concat")
	if err != nil {
		return nil, err
	}
	keys := make([]string, len(all))
	for i, a := range all {
		keys[i] = a.key
	}
	return n.r.pipe("concat:"+t+":"+strings.Join(keys, "|"), func() (*AssetResource, error) {
		out := &AssetResource{r: n.r, name: t}
		mt := out.MediaType()
		js := mt.SubType == "javascript"
		var b bytes.Buffer
		for i, a := range all {
			if am := a.MediaType(); am.Type != mt.Type && !(js && am.SubType == "javascript") {
				return nil, fmt.Errorf("resources.Concat %q: %s is %s, not %s: the resources must be of one media type", t, a.name, am.Type, mt.Type)
			}
			if i > 0 && js {
				b.WriteString("\n;\n")
			}
			b.Write(a.data)
		}
		out.data = b.Bytes()
		return out, nil
	})
}

// Copy gives a resource another target path.
func (n resourcesNS) Copy(target, res any) (*AssetResource, error) {
	t, err := targetPath("resources.Copy", fmt.Sprint(target))
	if err != nil {
		return nil, err
	}
	in, err := asResource(n.r, res, "resources.Copy")
	if err != nil {
		return nil, err
	}
	return n.r.pipe("copy:"+t+":"+in.key, func() (*AssetResource, error) {
		c := *in
		c.name, c.origin = t, ""
		return &c, nil
	})
}

// Minify shrinks CSS, JS, JSON, SVG, XML and HTML resources
// (tdewolff/minify, as Hugo); other types are returned as they are.
func (n resourcesNS) Minify(res any) (*AssetResource, error) {
	in, err := asResource(n.r, res, "minify")
	if err != nil {
		return nil, err
	}
	return n.r.pipe("minify:"+in.key, func() (*AssetResource, error) {
		data, err := n.r.minifier.pipe(in.file, in.MediaType().Type, in.data)
		if err != nil {
			return nil, err
		}
		out := &AssetResource{r: n.r, name: in.name, data: data, file: in.file}
		// Hugo names every minified resource x.min.ext (book's
		// en.search-data.min.json).
		switch ext := path.Ext(in.name); ext {
		case ".css", ".js", ".json", ".svg", ".xml", ".html", ".htm":
			out.name = strings.TrimSuffix(in.name, ext) + ".min" + ext
		}
		return out, nil
	})
}

// Fingerprint adds the hash of a resource's content to its name
// (main.css → main.<sha256 hex>.css) and sets .Data.Integrity
// ("sha256-<base64>") for Subresource Integrity. The algorithm may be
// given first: sha256 (default), sha384, sha512, md5.
func (n resourcesNS) Fingerprint(args ...any) (*AssetResource, error) {
	alg := "sha256"
	switch len(args) {
	case 1:
	case 2:
		alg = strings.ToLower(fmt.Sprint(args[0]))
	default:
		return nil, errors.New("fingerprint: want [ALGORITHM] RESOURCE")
	}
	in, err := asResource(n.r, args[len(args)-1], "fingerprint")
	if err != nil {
		return nil, err
	}
	var h hash.Hash
	switch alg {
	case "sha256":
		h = sha256.New()
	case "sha384":
		h = sha512.New384()
	case "sha512":
		h = sha512.New()
	case "md5":
		h = md5.New()
	case "sha1":
		h = sha1.New()
	default:
		return nil, fmt.Errorf("fingerprint: unknown algorithm %q (sha256, sha384, sha512, md5)", alg)
	}
	return n.r.pipe("fingerprint:"+alg+":"+in.key, func() (*AssetResource, error) {
		h.Write(in.data)
		sum := h.Sum(nil)
		ext := path.Ext(in.name)
		out := &AssetResource{r: n.r, name: strings.TrimSuffix(in.name, ext) + "." + hex.EncodeToString(sum) + ext,
			data: in.data, file: in.file, integrity: alg + "-" + base64.StdEncoding.EncodeToString(sum), img: imageOf(in)}
		return out, nil
	})
}

// Babel is not supported: js.Build (esbuild) transpiles and bundles
// without a Node tool.
func (n resourcesNS) Babel(args ...any) (*AssetResource, error) {
	return nil, errors.New("js.Babel (babel) is not supported: use js.Build, which bundles and transpiles with esbuild")
}

// ToCSS is css.Sass under its older name.
func (n resourcesNS) ToCSS(args ...any) (*AssetResource, error) { return cssNS{ns: n}.Sass(args...) }

// cssNS is Hugo's css namespace.
type cssNS struct{ ns resourcesNS }

// PostCSS runs postcss-cli (see resourcesNS.PostCSS).
func (c cssNS) PostCSS(args ...any) (*AssetResource, error) { return c.ns.PostCSS(args...) }

// TailwindCSS is not supported: hugo 0.111.3 has no css.TailwindCSS
// (0.128 added it); Tailwind runs as a PostCSS plugin (css.PostCSS).
func (c cssNS) TailwindCSS(args ...any) (*AssetResource, error) {
	return nil, errors.New("css.TailwindCSS is not supported: run Tailwind as a PostCSS plugin (resources.Get \"css/main.css\" | css.PostCSS, with tailwindcss in postcss.config.js), as Hugo 0.111 sites do")
}

// globRE compiles a Hugo glob: * within one folder, ** across folders, ?
// one character, {a,b} alternatives; matched case-insensitively.
func globRE(pattern string) (*regexpMatcher, error) {
	return compileGlob(strings.ToLower(strings.TrimPrefix(pattern, "/")))
}
