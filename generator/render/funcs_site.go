package render

import (
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"os"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/site"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// HugoVersion is the Hugo version whose template API Storyfront follows:
// what hugo.Version reports, so themes' version checks pass.
const HugoVersion = "0.111.3"

// Version is hugo.Version (and .Site.Hugo.Version).
func (h hugoInfo) Version() string { return HugoVersion }

// Generator is the generator meta tag, naming Storyfront.
func (h hugoInfo) Generator() template.HTML {
	return `<meta name="generator" content="Storyfront">`
}

// IsExtended is true: Storyfront does what Hugo extended does (Sass
// through Dart Sass when installed, WebP).
func (h hugoInfo) IsExtended() bool { return true }

// IsServer reports whether the dev server builds the site.
func (h hugoInfo) IsServer() bool { return h.s.IsServer() }

// CommitHash is "" (Storyfront is not Hugo).
func (h hugoInfo) CommitHash() string { return "" }

// BuildDate is "".
func (h hugoInfo) BuildDate() string { return "" }

// GoVersion is the Go version Storyfront was built with.
func (h hugoInfo) GoVersion() string { return runtime.Version() }

// WorkingDir is "": templates get no host paths.
func (h hugoInfo) WorkingDir() string { return "" }

func (r *Renderer) siteFuncs(m template.FuncMap) {
	m["site"] = func() *site.Site { return r.site }
	u := urlsNS{r: r}
	m["urls"] = func() urlsNS { return u }
	m["absLangURL"] = u.AbsLangURL
	m["relLangURL"] = u.RelLangURL
	m["anchorize"] = u.Anchorize
	o := osNS{r: r}
	m["os"] = func() osNS { return o }
	m["getJSON"] = r.GetJSON
	m["getCSV"] = r.GetCSV
	d := dataNS{r: r}
	m["data"] = func() dataNS { return d }
	m["getenv"] = o.Getenv
	m["readFile"] = o.ReadFile
	m["fileExists"] = o.FileExists
	m["readDir"] = o.ReadDir
	m["cond"] = cond
}

// cond is Hugo's cond CONTROL A B: A when CONTROL is true(ish), else B.
func cond(control, a, b any) any {
	if isEmpty(control) {
		return b
	}
	if c, ok := control.(bool); ok && !c {
		return b
	}
	return a
}

// urlsNS is Hugo's urls namespace.
type urlsNS struct{ r *Renderer }

// AbsURL is absURL.
func (u urlsNS) AbsURL(s any) string { return u.r.site.AbsURL(toString(s)) }

// RelURL is relURL.
func (u urlsNS) RelURL(s any) string { return u.r.site.RelURL(toString(s)) }

// AbsLangURL is absURL with the language's folder (/fr) in front.
func (u urlsNS) AbsLangURL(s any) string { return u.r.site.AbsLangURL(toString(s)) }

// RelLangURL is relURL with the language's folder in front.
func (u urlsNS) RelLangURL(s any) string { return u.r.site.RelLangURL(toString(s)) }

// Anchorize makes s a heading ID as the site's Markdown does.
func (u urlsNS) Anchorize(s any) string {
	return string(markdown.HeadingID(nil, []byte(toString(s)), u.r.mdOpts.HeadingIDs))
}

// URLize is urlize.
func (u urlsNS) URLize(s any) string {
	if u.r.cfg.HugoURLs() {
		return site.HugoURLize(toString(s))
	}
	return site.Urlize(toString(s))
}

// Parse parses a URL (.Scheme, .Host, .Path, .Query...).
func (urlsNS) Parse(s any) (*url.URL, error) {
	p, err := url.Parse(toString(s))
	if err != nil {
		return nil, fmt.Errorf("urls.Parse: %w", err)
	}
	return p, nil
}

// JoinPath joins a base URL and elements.
func (urlsNS) JoinPath(elems ...any) (string, error) {
	if len(elems) == 0 {
		return "", errors.New("urls.JoinPath: want a base")
	}
	parts := flatStrings(elems)
	out, err := url.JoinPath(parts[0], parts[1:]...)
	if err != nil {
		return "", fmt.Errorf("urls.JoinPath: %w", err)
	}
	return out, nil
}

// Ref is ref PAGE PATH.
func (u urlsNS) Ref(p any, target any) (string, error) { return u.r.ref(p, target, true) }

// RelRef is relref PAGE PATH.
func (u urlsNS) RelRef(p any, target any) (string, error) { return u.r.ref(p, target, false) }

// osNS is Hugo's os namespace, limited to the site's folder, and getenv to
// Hugo's default allowed variables (HUGO_*, CI).
type osNS struct{ r *Renderer }

// getenvDefault is Hugo's default security.funcs.getenv.
var getenvDefault = []string{`^HUGO_`, `^CI$`}

// Getenv returns an environment variable that Hugo's security.funcs.getenv
// allows (by default a name starting with HUGO_, or CI); any other is an
// error, as in Hugo, so a template cannot print the build's secrets.
func (o osNS) Getenv(name any) (string, error) {
	n := toString(name)
	allowed := getenvDefault
	if o.r.cfg != nil && len(o.r.cfg.Getenv) > 0 {
		allowed = o.r.cfg.Getenv
	}
	for _, pat := range allowed {
		if pat == "none" {
			break
		}
		if re, err := regexp.Compile(pat); err == nil && re.MatchString(n) {
			return os.Getenv(n), nil
		}
	}
	return "", fmt.Errorf("getenv %q: not allowed by security.funcs.getenv (%s)", n, strings.Join(allowed, ", "))
}

// sitePath resolves a template's file name inside the site folder.
func (o osNS) sitePath(fn string, name any) (string, error) {
	n := toString(name)
	clean := path.Clean("/" + strings.ReplaceAll(n, "\\", "/"))[1:]
	if clean == "" || strings.Contains(n, "..") || path.IsAbs(n) && !strings.HasPrefix(n, "/") {
		return "", fmt.Errorf("%s %q: not a file inside the site folder", fn, n)
	}
	return clean, nil
}

// ReadFile reads a file of the site folder (never outside it).
func (o osNS) ReadFile(name any) (string, error) {
	rel, err := o.sitePath("readFile", name)
	if err != nil {
		return "", err
	}
	b, err := sitefs.ReadFile(o.r.siteDir, o.contentFirst(rel))
	if err != nil {
		return "", fmt.Errorf("readFile %q: %w", rel, err)
	}
	return string(b), nil
}

// FileExists reports whether the site folder has the file.
func (o osNS) FileExists(name any) (bool, error) {
	rel, err := o.sitePath("fileExists", name)
	if err != nil {
		return false, err
	}
	_, err = sitefs.Stat(o.r.siteDir, o.contentFirst(rel))
	return err == nil, nil
}

// contentFirst is where a Hugo site's readFile, fileExists and os.Stat
// find rel: in a content folder when it is there (Hugo lays its content
// folders over the site folder for them), else in the site folder.
func (o osNS) contentFirst(rel string) string {
	if o.r.cfg == nil || !o.r.cfg.FromHugo() {
		return rel
	}
	for _, dir := range o.contentDirs() {
		in := path.Join(dir, rel)
		if _, err := sitefs.Stat(o.r.siteDir, in); err == nil {
			return in
		}
	}
	return rel
}

// contentDirs are a Hugo site's content folders, relative to the site
// folder, in the order hugo 0.111.3's content filesystem finds a file in
// them (whatever the page's language): the other languages' from the
// heaviest down, then the default language's, then content/.
func (o osNS) contentDirs() []string {
	cfg := o.r.cfg
	var dirs []string
	add := func(d string) {
		d = path.Clean(d)
		if d == "." {
			d = "content"
		}
		if strings.HasPrefix(d, "..") || path.IsAbs(d) || slices.Contains(dirs, d) {
			return
		}
		dirs = append(dirs, d)
	}
	for i := len(cfg.Languages) - 1; i >= 0; i-- {
		if l := cfg.Languages[i]; l.LanguageKey != cfg.DefaultContentLanguage {
			add(l.ContentDir)
		}
	}
	add(cfg.Default().ContentDir)
	add("content")
	return dirs
}

// DirEntry is one entry of os.ReadDir.
type DirEntry struct {
	Name  string
	IsDir bool
	Size  int64
}

// ReadDir lists a folder of the site.
func (o osNS) ReadDir(name any) ([]DirEntry, error) {
	rel, err := o.sitePath("readDir", name)
	if err != nil {
		return nil, err
	}
	es, err := sitefs.ReadDir(o.r.siteDir, rel)
	if err != nil {
		return nil, fmt.Errorf("readDir %q: %w", rel, err)
	}
	out := make([]DirEntry, 0, len(es))
	for _, e := range es {
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, DirEntry{Name: e.Name(), IsDir: e.IsDir(), Size: info.Size()})
	}
	return out, nil
}

// Stat is os.Stat: .Name, .IsDir, .Size of a site file.
func (o osNS) Stat(name any) (DirEntry, error) {
	rel, err := o.sitePath("os.Stat", name)
	if err != nil {
		return DirEntry{}, err
	}
	info, err := sitefs.Stat(o.r.siteDir, o.contentFirst(rel))
	if err != nil {
		return DirEntry{}, fmt.Errorf("os.Stat %q: %w", rel, err)
	}
	return DirEntry{Name: info.Name(), IsDir: info.IsDir(), Size: info.Size()}, nil
}
