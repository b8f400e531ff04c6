package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyfront/storyfront/generator/diag"
)

// postcssOptions are css.PostCSS's options, as Hugo names them.
type postcssOptions struct {
	Config                    string // the config file (postcss.config.js by default)
	NoMap                     bool   // --no-map
	InlineImports             bool   // @import "x.css" lines inlined before postcss runs
	SkipInlineImportsNotFound bool   // an @import of no file stays as it is
	Use                       string // --use PLUGIN... (space-separated)
	Parser                    string // --parser
	Stringifier               string // --stringifier
	Syntax                    string // --syntax
}

// postcssInstall says how to get postcss-cli, in the error when it is missing.
const postcssInstall = "css.PostCSS (postCSS) needs postcss-cli: none in the site's or the theme's node_modules/.bin, " +
	"nor `postcss` on PATH; in the site folder run: npm i -D postcss postcss-cli autoprefixer"

// postcssTimeout bounds one postcss run (Tailwind on a large site takes
// seconds; a plugin that hangs must not hang the build).
const postcssTimeout = 2 * time.Minute

// PostCSS runs a CSS resource through the postcss executable of
// postcss-cli, as Hugo does: the site's (or the theme's)
// node_modules/.bin/postcss, else `postcss` on PATH, with the CSS on
// stdin, --config naming the site's postcss.config.js (else the theme's),
// in the site folder, with Hugo's environment (HUGO_ENVIRONMENT, NODE_PATH,
// HUGO_FILE_POSTCSS_CONFIG_JS...). Arguments: [OPTIONS (dict)] RESOURCE.
func (n resourcesNS) PostCSS(args ...any) (*AssetResource, error) {
	if len(args) == 0 || len(args) > 2 {
		return nil, errors.New("css.PostCSS: want [OPTIONS] RESOURCE")
	}
	in, err := asResource(n.r, args[len(args)-1], "css.PostCSS")
	if err != nil {
		return nil, err
	}
	var o postcssOptions
	if len(args) == 2 && args[0] != nil {
		m, ok := args[0].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("css.PostCSS: options must be a dict, not %T", args[0])
		}
		if o, err = decodePostCSSOptions(m); err != nil {
			return nil, err
		}
	}
	return n.r.pipe(fmt.Sprintf("postcss:%s:%+v", in.key, o), func() (*AssetResource, error) { return n.r.postcss(in, o) })
}

func decodePostCSSOptions(m map[string]any) (postcssOptions, error) {
	var o postcssOptions
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		s := toString(v)
		switch strings.ToLower(k) {
		case "config":
			o.Config = s
		case "nomap", "no-map":
			b, err := optionBool(v)
			if err != nil {
				return o, fmt.Errorf("css.PostCSS: %s: %w", k, err)
			}
			o.NoMap = o.NoMap || b
		case "inlineimports":
			b, err := optionBool(v)
			if err != nil {
				return o, fmt.Errorf("css.PostCSS: %s: %w", k, err)
			}
			o.InlineImports = b
		case "skipinlineimportsnotfound":
			b, err := optionBool(v)
			if err != nil {
				return o, fmt.Errorf("css.PostCSS: %s: %w", k, err)
			}
			o.SkipInlineImportsNotFound = b
		case "use":
			o.Use = s
		case "parser":
			o.Parser = s
		case "stringifier":
			o.Stringifier = s
		case "syntax":
			o.Syntax = s
		default:
			return o, fmt.Errorf("css.PostCSS: unknown option %q (config, noMap, inlineImports, skipInlineImportsNotFound, use, parser, stringifier, syntax)", k)
		}
	}
	return o, nil
}

// optionBool reads a switch as Hugo's weak decoding does: a bool, or a
// string or number that says one.
func optionBool(v any) (bool, error) {
	switch b := v.(type) {
	case bool:
		return b, nil
	case string:
		if b == "" {
			return false, nil
		}
		return strconv.ParseBool(b)
	case int:
		return b != 0, nil
	case int64:
		return b != 0, nil
	case float64:
		return b != 0, nil
	}
	return false, fmt.Errorf("want true or false, not %T", v)
}

// args are postcss-cli's flags for the options (Hugo's order).
func (o postcssOptions) args() []string {
	var args []string
	if o.NoMap {
		args = append(args, "--no-map")
	}
	if o.Use != "" {
		args = append(args, "--use")
		args = append(args, strings.Fields(o.Use)...)
	}
	if o.Parser != "" {
		args = append(args, "--parser", o.Parser)
	}
	if o.Stringifier != "" {
		args = append(args, "--stringifier", o.Stringifier)
	}
	if o.Syntax != "" {
		args = append(args, "--syntax", o.Syntax)
	}
	return args
}

// absSiteDir is the site folder as an absolute path (what Node tools are
// given and run in).
func (r *Renderer) absSiteDir() string {
	if dir, err := filepath.Abs(r.siteDir); err == nil {
		return dir
	}
	return r.siteDir
}

// jsConfigRoots are the folders whose JS config files (postcss.config.js,
// tailwind.config.js, babel.config.js, package.json) Hugo mounts under
// assets/_jsconfig: the site's, then the theme's.
func (r *Renderer) jsConfigRoots() []string {
	dir := r.absSiteDir()
	roots := []string{dir}
	if r.cfg.Theme != "" {
		roots = append(roots, filepath.Join(dir, filepath.FromSlash(ThemeDir(r.cfg))))
	}
	return roots
}

// jsConfigFile matches the file names Hugo mounts under assets/_jsconfig.
var jsConfigFile = regexp.MustCompile(`^((babel|postcss|tailwind)\.config\.js|package\.json|package\.hugo\.json)$`)

// resolveJSConfig finds a JS config file (or folder: postcss-cli looks for
// postcss.config.js from there) by name as Hugo does: a relative name in
// the site folder, else in the theme's; "" when there is none.
func (r *Renderer) resolveJSConfig(name string) string {
	name = filepath.Clean(filepath.FromSlash(name))
	if filepath.IsAbs(name) {
		return name
	}
	for _, root := range r.jsConfigRoots() {
		p := filepath.Join(root, name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// postcssBinary finds postcss-cli's executable: the site's
// node_modules/.bin/postcss, the theme's, else `postcss` on PATH.
func (r *Renderer) postcssBinary() (string, error) {
	for _, root := range r.jsConfigRoots() {
		p := filepath.Join(root, "node_modules", ".bin", "postcss")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	return exec.LookPath("postcss")
}

// osEnvAllowed is Hugo's default security.exec.osEnv: the variables of
// Storyfront's own environment that a Node tool is given (no secrets).
var osEnvAllowed = regexp.MustCompile(`(?i)^((HTTPS?|NO)_PROXY|PATH(EXT)?|APPDATA|TE?MP|TERM|GO\w+)$`)

// nodeEnv is the environment Hugo gives the Node tools it runs: the
// allowed variables of Storyfront's, then NODE_PATH, PWD,
// HUGO_ENVIRONMENT, HUGO_ENV, HUGO_PUBLISHDIR and HUGO_FILE_<NAME> for
// each JS config file (HUGO_FILE_TAILWIND_CONFIG_JS...).
func (r *Renderer) nodeEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if osEnvAllowed.MatchString(k) {
			env = append(env, kv)
		}
	}
	dir := r.absSiteDir()
	nodePath := filepath.Join(dir, "node_modules")
	if np := os.Getenv("NODE_PATH"); np != "" {
		// As hugo 0.111.3: the site folder itself, then the user's.
		nodePath = dir + string(os.PathListSeparator) + np
	}
	environment := "production"
	if r.site != nil && r.site.Environment != "" {
		environment = r.site.Environment
	}
	env = append(env, "NODE_PATH="+nodePath, "PWD="+dir,
		"HUGO_ENVIRONMENT="+environment, "HUGO_ENV="+environment,
		"HUGO_PUBLISHDIR="+filepath.Join(dir, "public"))
	seen := map[string]bool{}
	for _, root := range r.jsConfigRoots() {
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			if e.IsDir() || !jsConfigFile.MatchString(e.Name()) || seen[e.Name()] {
				continue
			}
			seen[e.Name()] = true
			key := "HUGO_FILE_" + strings.ReplaceAll(strings.ToUpper(e.Name()), ".", "_")
			env = append(env, key+"="+filepath.Join(root, e.Name()))
		}
	}
	return env
}

func (r *Renderer) postcss(in *AssetResource, o postcssOptions) (*AssetResource, error) {
	where := cmpOr(in.file, in.name)
	configFile := "postcss.config.js"
	if o.Config != "" {
		configFile = o.Config
	}
	resolved := r.resolveJSConfig(configFile)
	if resolved == "" && o.Config != "" {
		return nil, fmt.Errorf("css.PostCSS: config %q not found in the site folder or the theme's", o.Config)
	}
	var args []string
	if resolved != "" {
		args = append(args, "--config", resolved)
	}
	args = append(args, o.args()...)

	src := in.data
	imp := &cssImports{r: r, skipMissing: o.SkipInlineImportsNotFound, seen: map[string]bool{}}
	if o.InlineImports {
		var err error
		if src, err = imp.inline(in); err != nil {
			return nil, err
		}
	}

	bin, err := r.postcssBinary()
	if err != nil {
		return nil, fmt.Errorf("%s: %s", where, postcssInstall)
	}
	ctx, cancel := context.WithTimeout(context.Background(), postcssTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = r.absSiteDir()
	cmd.Env = r.nodeEnv()
	cmd.Stdin = bytes.NewReader(src)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: css.PostCSS: %s did not finish in %s", where, bin, postcssTimeout)
		}
		return nil, imp.locate(in, bin, err, stderr.String())
	}
	return &AssetResource{r: r, name: in.name, data: stdout.Bytes(), file: in.file}, nil
}

// postcssErrorLine finds the line postcss blames: "stdin:3:4: Unknown
// word" (the message), else its code frame's "> 3 |".
var (
	postcssErrorAt = regexp.MustCompile(`(?m)^(\w*Error): \S*?stdin:(\d+):(\d+): (.*)$`)
	postcssFrame   = regexp.MustCompile(`> (\d+) \|`)
)

// locate turns postcss's failure into an error at the line of the file it
// came from (through the inlined imports), else one that quotes postcss.
func (imp *cssImports) locate(in *AssetResource, bin string, runErr error, stderr string) error {
	out := strings.TrimSpace(ansiEscape.ReplaceAllString(stderr, ""))
	line, col, msg := 0, 0, out
	if m := postcssErrorAt.FindStringSubmatch(out); m != nil {
		line, _ = strconv.Atoi(m[2])
		col, _ = strconv.Atoi(m[3])
		msg = m[1] + ": " + m[4]
	} else if m := postcssFrame.FindStringSubmatch(out); m != nil {
		line, _ = strconv.Atoi(m[1])
	}
	file := ""
	if line > 0 {
		if imp.lines != nil {
			if at, ok := imp.lines[line]; ok {
				file, line = at.file, at.line
			}
		} else if in.origin != "" {
			file = in.file
		}
	}
	if file == "" {
		if out == "" {
			out = runErr.Error()
		}
		return fmt.Errorf("%s: css.PostCSS: %s failed: %s", cmpOr(in.file, in.name), bin, out)
	}
	return diag.Errorf(file, line, col, "css.PostCSS: %s", msg)
}

// ansiEscape matches terminal colour codes in a tool's output.
var ansiEscape = regexp.MustCompile("\x1b\\[[0-9;]*m")
