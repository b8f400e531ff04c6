package site

import (
	"fmt"
	"path"
	"strings"
)

// RefPage finds the page a ref or relref path names (the #fragment taken
// off), as hugo 0.111.3 does: a path without a leading slash is relative
// to the page's folder (a leaf bundle's is the folder it is in, unless the
// path starts with ".."), else from the content root; then, for any path,
// the one page whose file or folder has its last name ("installation" for
// docs/installation/index.md). The extension, a language suffix and a
// final /index or /_index may be given. It returns nil when no page
// matches, and an error when the name is ambiguous.
func (s *Site) RefPage(from *Page, ref string) (*Page, error) {
	ref = strings.ToLower(strings.TrimSpace(ref))
	in := ref
	if from != nil && !strings.HasPrefix(ref, "/") {
		base := strings.Trim(from.Dir, "/")
		if src := from.Source; src != nil {
			base = src.Dir
			if src.Bundle && strings.HasPrefix(ref, "..") {
				base = path.Join(base, src.Name)
			}
		}
		ref = path.Join("/", base, ref)
	}
	if p := s.refLookup(ref); p != nil {
		return p, nil
	}
	if !strings.HasPrefix(in, "/") {
		if p := s.refLookup("/" + in); p != nil {
			return p, nil
		}
	}
	return s.pageNamed(path.Base(s.refKey(ref)), in)
}

// pageNamed is the last resort of ref and of .Site.GetPage with a path of
// one name: the one page whose file or folder has that last name (nil when
// none), an error naming in when two pages have it.
func (s *Site) pageNamed(name, in string) (*Page, error) {
	if name == "" || name == "." || name == "/" || s.state == nil {
		return nil, nil
	}
	idx := &s.state.pages
	idx.nameOnce.Do(func() {
		idx.byName = map[string]*Page{}
		for _, p := range s.Pages {
			if p.IsHome || (p.pager != nil && p.pager.PageNumber > 1) {
				continue
			}
			k := path.Base(contentKey(p))
			if q, seen := idx.byName[k]; seen && q != p {
				idx.byName[k] = nil
				continue
			}
			idx.byName[k] = p
		}
	})
	p, seen := idx.byName[name]
	if seen && p == nil {
		return nil, fmt.Errorf("page reference %q is ambiguous", in)
	}
	return p, nil
}

// refKey is a ref path as a content key: without its extension, language
// suffix and a final index or _index.
func (s *Site) refKey(ref string) string {
	k := strings.Trim(path.Clean("/"+ref), "/")
	k = strings.TrimSuffix(k, path.Ext(k))
	if s.Language != nil && s.Language.Lang != "" {
		k = strings.TrimSuffix(k, "."+strings.ToLower(s.Language.Lang))
	}
	for _, idx := range []string{"index", "_index"} {
		if k == idx {
			return ""
		}
		k = strings.TrimSuffix(k, "/"+idx)
	}
	return k
}

func (s *Site) refLookup(ref string) *Page {
	p, _ := s.getPage(s.refKey(ref))
	return p
}
