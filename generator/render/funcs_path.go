package render

import (
	"html/template"
	"path"
	"strings"
)

// pathNS is Hugo's path namespace: slash-separated paths.
type pathNS struct{}

func pathFuncs(m template.FuncMap) { m["path"] = func() pathNS { return pathNS{} } }

// Base is the last element ("c.md" of "a/b/c.md").
func (pathNS) Base(p any) string { return path.Base(strings.ReplaceAll(toString(p), "\\", "/")) }

// BaseName is Base without its extension.
func (pathNS) BaseName(p any) string {
	b := path.Base(strings.ReplaceAll(toString(p), "\\", "/"))
	return strings.TrimSuffix(b, path.Ext(b))
}

// Clean is path.Clean.
func (pathNS) Clean(p any) string { return path.Clean(strings.ReplaceAll(toString(p), "\\", "/")) }

// Dir is all but the last element.
func (pathNS) Dir(p any) string { return path.Dir(strings.ReplaceAll(toString(p), "\\", "/")) }

// Ext is the extension with its dot.
func (pathNS) Ext(p any) string { return path.Ext(toString(p)) }

// Join joins elements (lists are flattened) with "/".
func (pathNS) Join(elems ...any) (string, error) {
	parts := flatStrings(elems)
	return path.Join(parts...), nil
}

// PathSplit is path.Split's result: .Dir and .File.
type PathSplit struct{ Dir, File string }

// Split splits after the last "/".
func (pathNS) Split(p any) PathSplit {
	d, f := path.Split(toString(p))
	return PathSplit{Dir: d, File: f}
}

// flatStrings is elems as strings, a list (other than a string) giving
// each of its items, as Hugo's path.Join and urls.JoinPath take them.
func flatStrings(elems []any) []string {
	var parts []string
	for _, e := range elems {
		if l, err := items(e); err == nil && e != nil {
			if _, isStr := e.(string); !isStr {
				for _, x := range l {
					parts = append(parts, toString(x))
				}
				continue
			}
		}
		parts = append(parts, toString(e))
	}
	return parts
}
