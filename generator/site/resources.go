package site

import (
	"mime"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/storyfront/storyfront/generator/content"
)

// Resource is a file of a page bundle: Hugo's page resource.
type Resource struct {
	// Name is the path in the bundle ("images/a.jpg"), or the front matter
	// resources: name given to it. Title defaults to Name.
	Name, Title string
	Params      map[string]any
	// RelPermalink and Permalink are where it is published.
	RelPermalink, Permalink string
	// ResourceType is the first part of MediaType: "image", "text",
	// "application"...; MediaType is the full type ("image/jpeg").
	ResourceType string
	MediaType    MediaTypeName
	// Path is the file relative to content/.
	Path string
	src  string // the path in the bundle, which resources: src globs match
	read func(rel string) ([]byte, error)
	site *Site // for image processing (resource_image.go)
	page *Page // the bundle's page
}

// Content is the file's text.
func (r *Resource) Content() (string, error) {
	if r.read == nil {
		return "", nil
	}
	b, err := r.read(r.Path)
	return string(b), err
}

// Resources are a page's resources, in file order.
type Resources []*Resource

// Get returns the resource with the name (case-insensitive), or nil.
func (rs Resources) Get(name string) *Resource {
	for _, r := range rs {
		if strings.EqualFold(r.Name, name) {
			return r
		}
	}
	return nil
}

// GetMatch returns the first resource whose name matches the glob
// pattern ("images/*.jpg", "**.png"), or nil.
func (rs Resources) GetMatch(pattern string) *Resource {
	if len(rs) == 0 {
		return nil // most pages have none: no pattern to compile
	}
	re := globRegexp(pattern)
	for _, r := range rs {
		if re.MatchString(strings.ToLower(r.Name)) {
			return r
		}
	}
	return nil
}

// Match returns the resources whose names match the glob pattern.
func (rs Resources) Match(pattern string) Resources {
	if len(rs) == 0 {
		return nil
	}
	re := globRegexp(pattern)
	var out Resources
	for _, r := range rs {
		if re.MatchString(strings.ToLower(r.Name)) {
			out = append(out, r)
		}
	}
	return out
}

// ByType returns the resources of a type ("image", "page"...).
func (rs Resources) ByType(t string) Resources {
	var out Resources
	for _, r := range rs {
		if r.ResourceType == t {
			out = append(out, r)
		}
	}
	return out
}

// globRegexp compiles a Hugo glob, lower-cased: "*" is any run of
// characters but "/", "**" any run at all, "?" one character, {a,b} either.
func globRegexp(pattern string) *regexp.Regexp { return content.Glob(pattern) }

// AttachResources gives each bundle page its resources: a leaf bundle
// (x/index.md) the files under its folder (but not other bundles'), a
// branch bundle (x/_index.md) the files right in its folder. Front matter
// resources: entries name, title and params them (the first entry whose
// src matches sets each; :counter counts an entry's matches). files are
// the content files' Rel paths, sorted; read reads one.
func AttachResources(s *Site, files []string, read func(rel string) ([]byte, error)) {
	AttachResourcesIn(s, files, read, nil)
}

// AttachResourcesIn is AttachResources on a site of languages langs (their
// keys): a leaf bundle's file named for a language (x.fr.png) is a
// resource of that language's page only, and replaces x.png there, as in
// Hugo (BundleFileInLanguage).
func AttachResourcesIn(s *Site, files []string, read func(rel string) ([]byte, error), langs []string) {
	have := map[string]bool{}
	if len(langs) > 1 {
		for _, f := range files {
			have[f] = true
		}
	}
	lang := ""
	if s.Language != nil {
		lang = s.Language.Lang
	}
	// A page listed but not written (_build render: never) has its
	// resources too, as in Hugo (Congo's external links show a thumbnail).
	pages := append(append(Pages(nil), s.Pages...), s.unwritten...)
	leaf := map[string]bool{}
	for _, p := range pages {
		if p.Bundle != "" {
			leaf[p.Bundle+"/index.md"] = true
		}
	}
	// Each file once: to its leaf bundle, else to its folder.
	byBundle := map[string][]string{}
	byDir := map[string][]string{}
	for _, rel := range files {
		if dir := content.BundleDir(rel, leaf); dir != "" {
			byBundle[dir] = append(byBundle[dir], rel)
		} else {
			byDir[path.Dir(rel)] = append(byDir[path.Dir(rel)], rel)
		}
	}
	for _, p := range pages {
		if p.Source == nil {
			continue
		}
		var rs Resources
		switch {
		case p.Bundle != "":
			for _, rel := range byBundle[p.Bundle] {
				if len(langs) > 1 && !BundleFileInLanguage(rel, lang, langs, have) {
					continue
				}
				name := strings.TrimPrefix(rel, p.Bundle+"/")
				r := newResource(s, rel, name, s.BasePath+"/"+path.Join(dirOf(p.OutPath), name), read)
				r.page = p
				if s.hugo && content.IsMarkdown(rel) {
					pageResource(r, read)
				}
				rs = append(rs, r)
			}
		case p.Source.Kind != content.KindPage:
			// Published beside the page, in its language's folder, as
			// hugo 0.111.3 publishes a branch bundle's files for each
			// language whose list page has a file there.
			dir, out, _ := p.BranchDir()
			for _, rel := range byDir[dir] {
				rs = append(rs, newResource(s, rel, path.Base(rel), s.BasePath+"/"+path.Join(out, path.Base(rel)), read))
			}
		}
		if len(rs) == 0 {
			continue
		}
		applyMetadata(rs, p.Source.Front.Resources)
		// Hugo lists them by name, once resources: has named them.
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].Name < rs[j].Name })
		p.Resources = rs
	}
}

func newResource(s *Site, rel, name, u string, read func(string) ([]byte, error)) *Resource {
	mt := mime.TypeByExtension(path.Ext(rel))
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = mt[:i]
	}
	typ, _, _ := strings.Cut(mt, "/")
	if mt == "" {
		typ = strings.TrimPrefix(path.Ext(rel), ".")
	}
	return &Resource{Name: name, Title: name, Params: map[string]any{}, RelPermalink: u, Permalink: s.absolute(u),
		ResourceType: typ, MediaType: MediaTypeName(mt), Path: rel, src: name, read: read, site: s}
}

// pageResource makes r a Markdown file of a leaf bundle as hugo 0.111.3
// has it: a resource of type "page", not published (no permalink), titled
// by its front matter's title.
func pageResource(r *Resource, read func(string) ([]byte, error)) {
	r.ResourceType, r.RelPermalink, r.Permalink, r.Title = "page", "", "", ""
	if src, err := read(r.Path); err == nil {
		if cs, err := content.Parse(r.Path, src); err == nil {
			r.Title = cs.Front.Title
		}
	}
}

// applyMetadata applies front matter resources: entries in order.
func applyMetadata(rs Resources, meta []content.Resource) {
	named := map[*Resource]bool{}
	titled := map[*Resource]bool{}
	for _, m := range meta {
		re := globRegexp(m.Src)
		counter := 0
		for _, r := range rs {
			if !re.MatchString(strings.ToLower(r.src)) {
				continue
			}
			counter++
			if m.Name != "" && !named[r] {
				r.Name = strings.ReplaceAll(m.Name, ":counter", strconv.Itoa(counter))
				named[r] = true
			}
			if m.Title != "" && !titled[r] {
				r.Title = strings.ReplaceAll(m.Title, ":counter", strconv.Itoa(counter))
				titled[r] = true
			}
			for k, v := range m.Params {
				if _, ok := r.Params[k]; !ok {
					r.Params[k] = v
				}
			}
		}
	}
	for _, r := range rs {
		if !titled[r] && named[r] {
			r.Title = r.Name
		}
	}
}

// BundleFileInLanguage reports whether the leaf bundle file rel is a
// resource of the bundle's page in language lang, on a site of languages
// langs, as hugo 0.111.3 picks them by name (x.txt, x.fr.txt are both "x"):
// the language's own file (x.fr.txt) first, then the file named for no
// language (x.txt), then another language's, the first in langs' order.
// have holds the content files.
func BundleFileInLanguage(rel, lang string, langs []string, have map[string]bool) bool {
	dir, base := path.Split(rel)
	ext := path.Ext(base)
	stem := strings.TrimSuffix(base, ext)
	fileLang := ""
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		for _, l := range langs {
			if stem[i+1:] == l {
				fileLang, stem = l, stem[:i]
				break
			}
		}
	}
	if fileLang == lang {
		return true
	}
	if have[dir+stem+"."+lang+ext] {
		return false // the language has its own
	}
	if fileLang == "" {
		return true
	}
	if have[dir+stem+ext] {
		return false // the file named for no language
	}
	for _, l := range langs {
		if have[dir+stem+"."+l+ext] {
			return l == fileLang
		}
	}
	return false
}

// BranchDir reports, for a list page made from a file (a branch bundle's
// _index.md), the folder of that file under content/ and the output
// folder its files are published in for this page: beside its own
// output. ok is false for any other page (and a list's later pager pages).
func (p *Page) BranchDir() (contentDir, outDir string, ok bool) {
	if p.Source == nil || p.Source.Kind == content.KindPage || p.Bundle != "" || (p.pager != nil && p.pager.PageNumber > 1) {
		return "", "", false
	}
	return path.Dir(p.Source.Rel), dirOf(p.OutPath), true
}
