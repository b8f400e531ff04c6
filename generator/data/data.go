// Package data reads a site's data/ folder (and its theme's) into Hugo's
// .Site.Data: each YAML, TOML, JSON or CSV file is a key named after the
// file, nested folders are nested maps (data/team/jane.yaml is
// .Site.Data.team.jane). The site's files win over the theme's, key by key.
package data

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// Dir is the data folder's name in a site or theme.
const Dir = "data"

// Load reads the data folders roots (relative to siteDir, lowest priority
// first: the theme's, then the site's). Missing folders are fine. Its error
// is a diag.Errors of every file that cannot be read, located.
func Load(siteDir string, roots ...string) (map[string]any, error) {
	out := map[string]any{}
	var errs diag.List
	for _, root := range roots {
		// Links inside the site are followed, those leaving it refused.
		var files []sitefs.File
		err := sitefs.Walk(siteDir, root, func(name string, _ bool) bool { return strings.HasPrefix(name, ".") },
			func(f sitefs.File) error { files = append(files, f); return nil })
		if err != nil {
			errs.Add(root, err)
		}
		sort.Slice(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
		for _, f := range files {
			rel := f.Rel
			file := path.Join(root, rel)
			ext := strings.ToLower(path.Ext(rel))
			if !Supported(ext) {
				continue
			}
			b, err := os.ReadFile(f.Path)
			if err != nil {
				errs.Add(file, err)
				continue
			}
			v, err := decode(file, ext, b)
			if err != nil {
				errs.Add(file, err)
				continue
			}
			keys := strings.Split(strings.TrimSuffix(rel, path.Ext(rel)), "/")
			put(out, keys, v)
		}
	}
	return out, errs.Err()
}

// Supported reports whether a data file extension is read.
func Supported(ext string) bool {
	switch ext {
	case ".yaml", ".yml", ".toml", ".json", ".csv":
		return true
	}
	return false
}

// put sets keys in m to v, merging maps: what is already there (a theme's
// value) gives way to v key by key.
func put(m map[string]any, keys []string, v any) {
	for _, k := range keys[:len(keys)-1] {
		next, ok := m[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[k] = next
		}
		m = next
	}
	last := keys[len(keys)-1]
	if old, ok := m[last].(map[string]any); ok {
		if nv, ok := v.(map[string]any); ok {
			merge(old, nv)
			return
		}
	}
	m[last] = v
}

func merge(dst, src map[string]any) {
	for k, v := range src {
		if d, ok := dst[k].(map[string]any); ok {
			if s, ok := v.(map[string]any); ok {
				merge(d, s)
				continue
			}
		}
		dst[k] = v
	}
}

func decode(file, ext string, b []byte) (any, error) {
	switch ext {
	case ".yaml", ".yml":
		var v any
		if err := config.UnmarshalHugoYAML(file, 0, b, &v); err != nil {
			return nil, err
		}
		return config.PlainNumbers(normalize(v)), nil
	case ".toml":
		var v map[string]any
		if err := toml.Unmarshal(b, &v); err != nil {
			var de *toml.DecodeError
			if errors.As(err, &de) {
				line, col := de.Position()
				return nil, &diag.Error{File: file, Line: line, Col: col, Msg: strings.TrimPrefix(de.Error(), "toml: "), Err: err}
			}
			return nil, &diag.Error{File: file, Line: 1, Col: 1, Msg: err.Error(), Err: err}
		}
		return config.PlainNumbers(v), nil
	case ".json":
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			off := int64(0)
			switch {
			case errors.As(err, &se):
				off = max(se.Offset-1, 0) // the offset is after the bad byte
			case errors.As(err, &te):
				off = te.Offset
			}
			line, col := diag.Position(b, int(off))
			return nil, &diag.Error{File: file, Line: line, Col: col, Msg: err.Error(), Err: err}
		}
		return v, nil
	case ".csv":
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &diag.Error{File: file, Line: pe.Line, Col: pe.Column, Msg: pe.Err.Error(), Err: err}
			}
			return nil, &diag.Error{File: file, Line: 1, Col: 1, Msg: err.Error(), Err: err}
		}
		return rows, nil
	}
	return nil, fmt.Errorf("unsupported data file %s", file)
}

// normalize turns YAML's map[any]any... into map[string]any so templates
// index them by name.
func normalize(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = normalize(x)
		}
		return t
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[fmt.Sprint(k)] = normalize(x)
		}
		return m
	case []any:
		for i, x := range t {
			t[i] = normalize(x)
		}
		return t
	}
	return v
}

// Decode reads a data file's bytes by its extension (".yaml", ".yml",
// ".toml", ".json", ".csv") as Load does; errors name file and line. It is
// what transform.Unmarshal and the i18n/ files use.
func Decode(file, ext string, b []byte) (any, error) { return decode(file, ext, b) }
