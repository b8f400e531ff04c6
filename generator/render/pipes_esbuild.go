package render

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/storyfront/storyfront/generator/diag"
)

// jsNS is Hugo's js namespace.
type jsNS struct{ r *Renderer }

// jsOptions are js.Build's options, as Hugo names them.
type jsOptions struct {
	TargetPath string
	Params     any
	Minify     bool
	Target     string // esnext (default), es5, es2015... es2022
	Format     string // iife (default), cjs, esm
	Externals  []string
	Defines    map[string]string
	Inject     []string
	SourceMap  string // "", inline, external
	JSX        string // transform (default), preserve, automatic
	JSXImport  string
	// JSXFactory and JSXFragment replace React.createElement and
	// React.Fragment (hugo 0.111's names for esbuild's options).
	JSXFactory, JSXFragment string
	// Shims maps an import to a file under assets/ to import instead.
	Shims map[string]string
}

// Build bundles a script and what it imports into one file with esbuild
// (github.com/evanw/esbuild's Go API, the bundler Hugo uses): TypeScript
// and JSX are compiled, "@params" imports the params option as JSON. An
// import is looked up as Hugo does: a relative one beside the importer in
// the site's, then the theme's, assets/; a bare one ("js/util") under
// assets/, then in node_modules/ of the site, then of the theme.
// Arguments: [OPTIONS (dict) | TARGET PATH] RESOURCE.
func (n jsNS) Build(args ...any) (*AssetResource, error) {
	if len(args) == 0 || len(args) > 2 {
		return nil, errors.New("js.Build: want [OPTIONS] RESOURCE")
	}
	in, err := asResource(n.r, args[len(args)-1], "js.Build")
	if err != nil {
		return nil, err
	}
	var o jsOptions
	if len(args) == 2 {
		switch a := args[0].(type) {
		case string:
			o.TargetPath = a
		case map[string]any:
			if err := decodeJSOptions(a, &o); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("js.Build: options must be a dict or a target path, not %T", args[0])
		}
	}
	optKey, _ := json.Marshal(o)
	return n.r.pipe("js:"+in.key+":"+string(optKey), func() (*AssetResource, error) { return n.build(in, o) })
}

func decodeJSOptions(m map[string]any, o *jsOptions) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	str := func(k string) string { return fmt.Sprint(m[k]) }
	list := func(k string) []string {
		switch v := m[k].(type) {
		case []string:
			return v
		case []any:
			out := make([]string, len(v))
			for i, x := range v {
				out[i] = fmt.Sprint(x)
			}
			return out
		}
		return []string{str(k)}
	}
	for _, k := range keys {
		switch strings.ToLower(k) {
		case "targetpath":
			o.TargetPath = str(k)
		case "params":
			o.Params = m[k]
		case "minify":
			b, _ := m[k].(bool)
			o.Minify = b
		case "target":
			o.Target = strings.ToLower(str(k))
		case "format":
			o.Format = strings.ToLower(str(k))
		case "externals":
			o.Externals = list(k)
		case "inject":
			o.Inject = list(k)
		case "sourcemap":
			o.SourceMap = strings.ToLower(str(k))
		case "jsx":
			o.JSX = strings.ToLower(str(k))
		case "jsximportsource":
			o.JSXImport = str(k)
		case "defines":
			d, ok := m[k].(map[string]any)
			if !ok {
				return fmt.Errorf("js.Build: defines must be a dict")
			}
			o.Defines = map[string]string{}
			for dk, dv := range d {
				o.Defines[dk] = fmt.Sprint(dv)
			}
		case "jsxfactory":
			o.JSXFactory = str(k)
		case "jsxfragment":
			o.JSXFragment = str(k)
		case "shims":
			d, ok := m[k].(map[string]any)
			if !ok {
				return fmt.Errorf("js.Build: shims must be a dict")
			}
			o.Shims = map[string]string{}
			for dk, dv := range d {
				o.Shims[dk] = fmt.Sprint(dv)
			}
		case "avoidtdz", "sourcescontent":
			// avoidTDZ has no effect in Hugo 0.111 either; sources are
			// always in the source map.
		default:
			return fmt.Errorf("js.Build: unknown option %q (targetPath, params, minify, target, format, externals, defines, shims, inject, sourceMap, JSXFactory, JSXFragment, jsx, jsxImportSource)", k)
		}
	}
	return nil
}

var jsTargets = map[string]api.Target{"": api.ESNext, "esnext": api.ESNext, "es5": api.ES5, "es6": api.ES2015, "es2015": api.ES2015,
	"es2016": api.ES2016, "es2017": api.ES2017, "es2018": api.ES2018, "es2019": api.ES2019, "es2020": api.ES2020,
	"es2021": api.ES2021, "es2022": api.ES2022, "es2023": api.ES2023, "es2024": api.ES2024}

var jsLoaders = map[string]api.Loader{".js": api.LoaderJS, ".mjs": api.LoaderJS, ".cjs": api.LoaderJS, ".jsx": api.LoaderJSX,
	".ts": api.LoaderTS, ".tsx": api.LoaderTSX, ".json": api.LoaderJSON, ".css": api.LoaderCSS}

// jsExtensions are tried, in order, for an import without one.
var jsExtensions = []string{".tsx", ".ts", ".jsx", ".js", ".mjs", ".json"}

func (n jsNS) build(in *AssetResource, o jsOptions) (*AssetResource, error) {
	r := n.r
	target := o.TargetPath
	if target == "" {
		target = strings.TrimSuffix(in.name, path.Ext(in.name)) + ".js"
	}
	target, err := targetPath("js.Build", target)
	if err != nil {
		return nil, err
	}
	tgt, ok := jsTargets[o.Target]
	if !ok {
		return nil, fmt.Errorf("js.Build: unknown target %q (esnext, es5, es2015 ... es2024)", o.Target)
	}
	format := map[string]api.Format{"": api.FormatIIFE, "iife": api.FormatIIFE, "cjs": api.FormatCommonJS, "esm": api.FormatESModule}[o.Format]
	if format == api.FormatDefault {
		return nil, fmt.Errorf("js.Build: unknown format %q (iife, cjs, esm)", o.Format)
	}
	loader, ok := jsLoaders[path.Ext(in.name)]
	if !ok {
		loader = api.LoaderJS
	}
	params := []byte("{}")
	if o.Params != nil {
		if params, err = json.Marshal(o.Params); err != nil {
			return nil, fmt.Errorf("js.Build: params: %w", err)
		}
	}
	siteDir, err := filepath.Abs(r.siteDir)
	if err != nil {
		return nil, fmt.Errorf("js.Build: %w", err)
	}
	roots := r.assetRoots()
	resolveDir := siteDir
	sourcefile := filepath.Join(siteDir, filepath.FromSlash(cmpOr(in.file, in.name)))
	if in.file != "" {
		resolveDir = filepath.Dir(sourcefile)
	}
	opts := api.BuildOptions{
		Stdin:         &api.StdinOptions{Contents: string(in.data), ResolveDir: resolveDir, Sourcefile: sourcefile, Loader: loader},
		Bundle:        true,
		Write:         false,
		AbsWorkingDir: siteDir,
		Target:        tgt,
		Format:        format,
		Platform:      api.PlatformBrowser,
		External:      o.Externals,
		Define:        o.Defines,
		LogLevel:      api.LogLevelSilent,
		NodePaths: []string{filepath.Join(siteDir, "node_modules"),
			filepath.Join(siteDir, filepath.FromSlash(ThemeDir(r.cfg)), "node_modules")},
		MinifyWhitespace:  o.Minify,
		MinifyIdentifiers: o.Minify,
		MinifySyntax:      o.Minify,
		JSXFactory:        o.JSXFactory,
		JSXFragment:       o.JSXFragment,
		Plugins:           []api.Plugin{assetsPlugin(siteDir, roots, params, o.Shims)},
	}
	for _, inj := range o.Inject {
		p, ok := findAsset(roots, "", inj)
		if !ok {
			return nil, fmt.Errorf("js.Build: inject %q: no such file under assets/", inj)
		}
		opts.Inject = append(opts.Inject, p)
	}
	switch o.SourceMap {
	case "":
	case "inline":
		opts.Sourcemap = api.SourceMapInline
	case "external":
		// As Hugo: the map is published beside the script at once, and
		// the script points at it.
		opts.Sourcemap = api.SourceMapExternal
	case "linked":
		opts.Sourcemap = api.SourceMapInline // kept in the file: one output per resource
	default:
		return nil, fmt.Errorf("js.Build: unknown sourceMap %q (inline, external)", o.SourceMap)
	}
	switch o.JSX {
	case "", "transform":
	case "preserve":
		opts.JSX = api.JSXPreserve
	case "automatic":
		opts.JSX = api.JSXAutomatic
		opts.JSXImportSource = o.JSXImport
	default:
		return nil, fmt.Errorf("js.Build: unknown jsx %q (transform, preserve, automatic)", o.JSX)
	}
	opts.Outfile = filepath.Join(siteDir, "out.js") // named, never written (Write: false)
	res := api.Build(opts)
	if len(res.Errors) > 0 {
		return nil, esbuildError(siteDir, res.Errors)
	}
	var data, sourceMap []byte
	for _, f := range res.OutputFiles {
		switch {
		case strings.HasSuffix(f.Path, ".js"):
			data = f.Contents
		case strings.HasSuffix(f.Path, ".js.map"):
			sourceMap = f.Contents
		}
	}
	if sourceMap != nil {
		if _, err := r.publish(&AssetResource{r: r, name: target + ".map", data: sourceMap, file: in.file}); err != nil {
			return nil, err
		}
		data = sourceMappingURL.ReplaceAll(data, []byte("//# sourceMappingURL="+path.Base(target)+".map\n"))
	}
	return &AssetResource{r: r, name: target, data: data, file: in.file}, nil
}

// sourceMappingURL is esbuild's comment naming an external source map.
var sourceMappingURL = regexp.MustCompile(`//# sourceMappingURL=.*\n?`)

// esbuildError reports esbuild's first error at its file (relative to
// the site folder), line and column, with how many more there are.
func esbuildError(siteDir string, msgs []api.Message) error {
	m := msgs[0]
	text := "js.Build: " + m.Text
	if len(msgs) > 1 {
		text += fmt.Sprintf(" (and %d more errors)", len(msgs)-1)
	}
	if m.Location == nil {
		return errors.New(text)
	}
	file := m.Location.File
	if rel, err := filepath.Rel(siteDir, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = filepath.ToSlash(rel)
	}
	return diag.Errorf(file, m.Location.Line, m.Location.Column+1, "%s", text)
}

// assetRoots are the absolute assets/ folders, the site's first.
func (r *Renderer) assetRoots() []string {
	dir, err := filepath.Abs(r.siteDir)
	if err != nil {
		dir = r.siteDir
	}
	var roots []string
	for _, m := range r.cfg.Mounts(AssetsDir) {
		if m.Target == AssetsDir { // a folder mounted inside assets/ is found by name (FindAsset)
			roots = append(roots, filepath.Join(dir, filepath.FromSlash(m.Source)))
		}
	}
	return roots
}

// findAsset resolves an import under the assets/ roots: rel is the
// importer's folder relative to its root ("" for a bare import), p the
// import. It tries p as it is, with each extension, and p/index.EXT.
func findAsset(roots []string, rel, p string) (string, bool) {
	name := path.Clean(path.Join(rel, p))
	if strings.HasPrefix(name, "..") || strings.HasPrefix(name, "/") {
		return "", false
	}
	for _, root := range roots {
		base := filepath.Join(root, filepath.FromSlash(name))
		cands := []string{base}
		for _, ext := range jsExtensions {
			cands = append(cands, base+ext)
		}
		for _, ext := range jsExtensions {
			cands = append(cands, filepath.Join(base, "index"+ext))
		}
		for _, c := range cands {
			if st, err := os.Stat(c); err == nil && !st.IsDir() {
				return c, true
			}
		}
	}
	return "", false
}

// assetsPlugin resolves "@params" and imports found under assets/ as
// Hugo does; a package is looked up from the site folder, as Hugo does
// (its node_modules/ first, even for a theme's script), then beside the
// importer and in the theme's node_modules/.
// A shim replaces an import by a file under assets/ (Hugo's shims option);
// one not found there is resolved as the import was written, as in Hugo.
func assetsPlugin(siteDir string, roots []string, params []byte, shims map[string]string) api.Plugin {
	return api.Plugin{Name: "storyfront-assets", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			if a.Path == "@params" {
				return api.OnResolveResult{Path: "@params", Namespace: "ns-params"}, nil
			}
			if a.Kind == api.ResolveEntryPoint {
				return api.OnResolveResult{}, nil
			}
			if shim, ok := shims[a.Path]; ok {
				if p, ok := findAsset(roots, "", shim); ok {
					return api.OnResolveResult{Path: p}, nil
				}
			}
			rel := ""
			relative := strings.HasPrefix(a.Path, "./") || strings.HasPrefix(a.Path, "../")
			if relative {
				// The importer's folder relative to the assets/ root it is in.
				found := false
				for _, root := range roots {
					if r, err := filepath.Rel(root, a.ResolveDir); err == nil && !strings.HasPrefix(r, "..") {
						rel, found = filepath.ToSlash(r), true
						break
					}
				}
				if !found {
					return api.OnResolveResult{}, nil
				}
			} else if strings.HasPrefix(a.Path, "/") {
				return api.OnResolveResult{}, nil
			}
			if p, ok := findAsset(roots, rel, a.Path); ok {
				return api.OnResolveResult{Path: p}, nil
			}
			if relative || a.PluginData == fromSite {
				return api.OnResolveResult{}, nil
			}
			res := b.Resolve(a.Path, api.ResolveOptions{ResolveDir: siteDir, Kind: a.Kind, Importer: a.Importer, PluginData: fromSite})
			if len(res.Errors) == 0 {
				return api.OnResolveResult{Path: res.Path, External: res.External, Namespace: res.Namespace, SideEffects: sideEffects(res.SideEffects)}, nil
			}
			return api.OnResolveResult{}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: "ns-params"}, func(api.OnLoadArgs) (api.OnLoadResult, error) {
			s := string(params)
			return api.OnLoadResult{Contents: &s, Loader: api.LoaderJSON}, nil
		})
	}}
}

// fromSite marks the plugin's own lookup from the site folder.
const fromSite = "storyfront: from the site folder"

func sideEffects(b bool) api.SideEffects {
	if b {
		return api.SideEffectsTrue
	}
	return api.SideEffectsFalse
}
