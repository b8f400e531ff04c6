package render

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/bep/godartsass/v2"

	"github.com/storyfront/storyfront/generator/diag"
)

// sassOptions are css.Sass's options, as Hugo names them.
type sassOptions struct {
	TargetPath   string
	OutputStyle  string // expanded (default), compressed; nested and compact read as expanded
	IncludePaths []string
	Vars         map[string]string
	SourceMap    bool
	Transpiler   string // libsass (Hugo's default) or dartsass
}

// sassInstall says how to get Dart Sass, in the error when it is missing.
const sassInstall = "css.Sass (toCSS) needs Dart Sass: install its `sass` executable on PATH " +
	"(npm install -g sass-embedded, or a release from https://github.com/sass/dart-sass/releases)"

// Sass compiles SCSS or Sass (indented, .sass) to CSS with Dart Sass, run
// through its embedded protocol (github.com/bep/godartsass, as Hugo). Its
// `sass` executable must be on PATH; without it the error says how to
// install it. @import and @use look beside the file, then under the
// site's and the theme's assets/, then in includePaths; vars are
// @use "hugo:vars". Arguments: [OPTIONS (dict)] RESOURCE.
func (c cssNS) Sass(args ...any) (*AssetResource, error) {
	if len(args) == 0 || len(args) > 2 {
		return nil, errors.New("css.Sass: want [OPTIONS] RESOURCE")
	}
	r := c.ns.r
	in, err := asResource(r, args[len(args)-1], "css.Sass")
	if err != nil {
		return nil, err
	}
	var o sassOptions
	if len(args) == 2 {
		m, ok := args[0].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("css.Sass: options must be a dict, not %T", args[0])
		}
		if err := decodeSassOptions(m, &o); err != nil {
			return nil, err
		}
	}
	return r.pipe(fmt.Sprintf("sass:%s:%+v", in.key, o), func() (*AssetResource, error) { return r.sass(in, o) })
}

func decodeSassOptions(m map[string]any, o *sassOptions) error {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		switch strings.ToLower(k) {
		case "targetpath":
			o.TargetPath = fmt.Sprint(v)
		case "outputstyle":
			o.OutputStyle = strings.ToLower(fmt.Sprint(v))
		case "includepaths":
			switch l := v.(type) {
			case []string:
				o.IncludePaths = l
			case []any:
				for _, x := range l {
					o.IncludePaths = append(o.IncludePaths, fmt.Sprint(x))
				}
			default:
				return fmt.Errorf("css.Sass: includePaths must be a list")
			}
		case "vars":
			d, ok := v.(map[string]any)
			if !ok {
				return fmt.Errorf("css.Sass: vars must be a dict")
			}
			o.Vars = map[string]string{}
			for dk, dv := range d {
				o.Vars[dk] = fmt.Sprint(dv)
			}
		case "enablesourcemap":
			o.SourceMap, _ = v.(bool)
		case "transpiler":
			// libsass or dartsass: Dart Sass is the one there is; for
			// libsass it reads .sass files as LibSass (libsassIndent).
			o.Transpiler = strings.ToLower(fmt.Sprint(v))
		case "precision", "sourcemapincludesources", "silencedeprecations", "usefilepathsimports":
		default:
			return fmt.Errorf("css.Sass: unknown option %q (targetPath, outputStyle, includePaths, vars, enableSourceMap, transpiler)", k)
		}
	}
	return nil
}

// sassBinary finds Dart Sass's executable: `sass` on PATH, else one that
// npm installed into the site's node_modules (sass-embedded).
func (r *Renderer) sassBinary() (string, error) {
	if p, err := exec.LookPath("sass"); err == nil {
		return p, nil
	}
	matches, _ := filepath.Glob(filepath.Join(r.siteDir, "node_modules", "sass-embedded-*", "dart-sass", "sass"))
	if len(matches) > 0 {
		return matches[0], nil
	}
	return "", errNoSass
}

func (r *Renderer) sass(in *AssetResource, o sassOptions) (*AssetResource, error) {
	target := o.TargetPath
	if target == "" {
		target = strings.TrimSuffix(in.name, path.Ext(in.name)) + ".css"
	}
	target, err := targetPath("css.Sass", target)
	if err != nil {
		return nil, err
	}
	bin, err := r.sassBinary()
	if err != nil {
		return nil, fmt.Errorf("%s: %s", cmpOr(in.file, in.name), sassInstall)
	}
	// One Dart Sass process per compile: a pipe's result is kept for the
	// build, so this runs once per stylesheet, and nothing is left running.
	t, err := godartsass.Start(godartsass.Options{DartSassEmbeddedFilename: bin, Timeout: 2 * time.Minute, Stderr: os.Stderr})
	if err != nil {
		return nil, fmt.Errorf("%s: %s (%s did not start: %w)", cmpOr(in.file, in.name), sassInstall, bin, err)
	}
	defer t.Close()
	imp := sassImporter{vars: sassVars(o.Vars), libsass: o.Transpiler != "dartsass", r: r, base: r.sassBase(in)}
	// The entry has no URL, as in Hugo (its "hugostdin:"): with a file:
	// URL Dart Sass would resolve the entry's relative imports itself,
	// before sassImporter, and refuse `@import "main"` beside both
	// _main.scss and main.scss. Errors in it are located in in.file.
	args := godartsass.Args{Source: string(in.data), EnableSourceMap: o.SourceMap, ImportResolver: &imp}
	// Hugo's load paths start with the resource's folder in each assets/
	// (the site's, then the theme's), whether or not it is a file there
	// (a resources.Concat result's folder too).
	for _, root := range r.assetRoots() {
		rel := strings.TrimPrefix(imp.base, ".")
		args.IncludePaths = append(args.IncludePaths, filepath.Join(root, filepath.FromSlash(rel)))
	}
	if path.Ext(in.name) == ".sass" {
		args.SourceSyntax = godartsass.SourceSyntaxSASS
		if imp.libsass {
			args.Source, _ = libsassIndent(args.Source)
		}
	}
	switch o.OutputStyle {
	case "", "expanded", "nested", "compact":
		args.OutputStyle = godartsass.OutputStyleExpanded
	case "compressed":
		args.OutputStyle = godartsass.OutputStyleCompressed
	default:
		return nil, fmt.Errorf("css.Sass: unknown outputStyle %q (expanded, compressed)", o.OutputStyle)
	}
	args.IncludePaths = append(args.IncludePaths, r.assetRoots()...)
	for _, p := range o.IncludePaths {
		if filepath.IsAbs(p) {
			args.IncludePaths = append(args.IncludePaths, p)
			continue
		}
		// As Hugo's: a relative path is a folder of the site's and of the
		// theme's ("node_modules": the theme's own packages too).
		args.IncludePaths = append(args.IncludePaths, filepath.Join(r.siteDir, filepath.FromSlash(p)))
		if r.cfg.Theme != "" {
			d := filepath.Join(r.siteDir, filepath.FromSlash(ThemeDir(r.cfg)), filepath.FromSlash(p))
			if st, err := os.Stat(d); err == nil && st.IsDir() {
				args.IncludePaths = append(args.IncludePaths, d)
			}
		}
	}
	imp.dirs = args.IncludePaths
	res, err := t.Execute(args)
	if err != nil {
		var se godartsass.SassError
		if errors.As(err, &se) {
			return nil, r.sassError(in, se)
		}
		return nil, fmt.Errorf("%s: css.Sass: %w", cmpOr(in.file, in.name), err)
	}
	css := res.CSS
	if o.SourceMap && res.SourceMap != "" {
		// As Hugo: the map is published beside the stylesheet's target at
		// once, and the stylesheet points at it.
		if _, err := r.publish(&AssetResource{r: r, name: target + ".map", data: []byte(res.SourceMap), file: in.file}); err != nil {
			return nil, err
		}
		css += "\n\n/*# sourceMappingURL=" + path.Base(target) + ".map */"
	}
	return &AssetResource{r: r, name: target, data: []byte(css), file: in.file}, nil
}

// sassBase is the folder in assets/ that imports are relative to: that of
// the file the pipe started from, as Hugo's (its source path), even when
// an earlier step renamed the resource (Hermit's
// resources.ExecuteAsTemplate "css/style.css" before toCSS); else, for what
// a template made (resources.Concat), that of its name.
func (r *Renderer) sassBase(in *AssetResource) string {
	if in.file != "" {
		if abs, err := filepath.Abs(filepath.Join(r.siteDir, filepath.FromSlash(in.file))); err == nil {
			if dir, ok := r.assetPathOf(filepath.Dir(abs)); ok {
				return dir
			}
		}
	}
	return path.Dir(in.name)
}

// sassError locates a Sass error in its file, relative to the site folder.
func (r *Renderer) sassError(in *AssetResource, se godartsass.SassError) error {
	file := strings.TrimPrefix(se.Span.Url, "file://")
	src := in.data
	if file != "" {
		if b, err := os.ReadFile(file); err == nil {
			src = b
		}
		if rel, err := filepath.Rel(r.siteDir, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = filepath.ToSlash(rel)
		}
	} else {
		file = cmpOr(in.file, in.name)
	}
	line, col := diag.Position(src, se.Span.Start.Offset)
	return diag.Errorf(file, line, col, "css.Sass: %s", se.Message)
}

// sassVars serves vars as the module "hugo:vars" ($name: value;).
type sassVars map[string]string

func (v sassVars) CanonicalizeURL(url string) (string, error) {
	if url == "hugo:vars" {
		return url, nil
	}
	return "", nil // not ours: Dart Sass goes on looking
}

func (v sassVars) Load(url string) (godartsass.Import, error) {
	names := make([]string, 0, len(v))
	for k := range v {
		names = append(names, k)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, k := range names {
		fmt.Fprintf(&b, "$%s: %s;\n", strings.TrimPrefix(k, "$"), v[k])
	}
	return godartsass.Import{Content: b.String(), SourceSyntax: godartsass.SourceSyntaxSCSS}, nil
}
