package content

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
)

// decoder maps a decoded front matter map onto FrontMatter, collecting
// located errors and warnings.
type decoder struct {
	file   string
	src    []byte
	format string // "yaml", "toml", "json"
	errs   diag.List
	warns  []*diag.Error
	// badDates are the date keys whose value is not a date.
	badDates []*diag.Error
}

// knownKeys are the front matter keys FrontMatter has a field for (lower
// case), with the aliases Hugo accepts.
func knownKeys() []string {
	return []string{"title", "linktitle", "description", "summary", "date", "publishdate", "pubdate", "published",
		"lastmod", "modified", "expirydate", "unpublishdate", "draft", "weight", "slug", "url", "aliases", "type",
		"layout", "keywords", "tags", "categories", "menu", "menus", "resources", "outputs", "sitemap", "build",
		"_build", "cascade", "headless", "markup", "iscjklanguage", "translationkey", "image", "imagealt", "imagefocus", "author", "params"}
}

// notTypos are keys Hugo sites often use that are one edit away from a
// known key but mean something else.
func notTypos() []string {
	return []string{"images", "authors", "videos", "series", "pages", "types", "tag", "category"}
}

func (d *decoder) line(key string) (int, int) {
	lines := strings.Split(string(d.src), "\n")
	first := 2
	if len(d.src) > 0 && d.src[0] == '{' {
		first = 1
	}
	if i := keyIndex(lines, key, first == 1); i >= 0 {
		return i + first, 1
	}
	return 1, 1
}

// nestedLine finds the line of key below the top-level key parent.
func (d *decoder) nestedLine(parent, key string) (int, int) {
	line, _ := d.line(parent)
	lines := strings.Split(string(d.src), "\n")
	first := 2
	if len(d.src) > 0 && d.src[0] == '{' {
		first = 1
	}
	for i := line - first; i >= 0 && i < len(lines); i++ {
		if j := strings.Index(strings.ToLower(lines[i]), strings.ToLower(key)); j >= 0 && (i > line-first || j > len(parent)) {
			return i + first, j + 1
		}
	}
	return line, 1
}

// unknownNested warns about a key Hugo would ignore inside parent, with a
// suggestion when it is one edit away from one of allowed.
func (d *decoder) unknownNested(parent, key string, allowed ...string) {
	line, col := d.nestedLine(parent, key)
	for _, a := range allowed {
		if oneEdit(strings.ToLower(key), strings.ToLower(a)) {
			d.warns = append(d.warns, diag.Errorf(d.file, line, col, "%s.%s: did you mean %s?", parent, key, a))
			return
		}
	}
	d.warns = append(d.warns, diag.Errorf(d.file, line, col, "%s.%s: unknown key, ignored (known: %s)", parent, key, strings.Join(allowed, ", ")))
}

func (d *decoder) errorf(key, format string, args ...any) {
	line, col := d.line(key)
	d.errs.Add(d.file, diag.Errorf(d.file, line, col, format, args...))
}

func (d *decoder) frontMatter(m map[string]any) FrontMatter {
	var f FrontMatter
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		switch strings.ToLower(k) {
		case "title":
			f.Title = d.str(k, v)
		case "linktitle":
			f.LinkTitle = d.str(k, v)
		case "description":
			f.Description = d.str(k, v)
		case "summary":
			f.Summary = d.str(k, v)
		case "date":
			f.Date = d.date(k, v)
		case "publishdate", "pubdate", "published":
			f.PublishDate = d.date(k, v)
		case "lastmod", "modified":
			f.Lastmod = d.date(k, v)
		case "expirydate", "unpublishdate":
			f.ExpiryDate = d.date(k, v)
		case "draft":
			f.Draft = d.bool(k, v)
		case "headless":
			f.Headless = d.bool(k, v)
		case "iscjklanguage":
			f.IsCJKLanguage = d.bool(k, v)
		case "weight":
			f.Weight = d.int(k, v)
		case "slug":
			f.Slug = d.str(k, v)
		case "url":
			f.URL = d.str(k, v)
		case "type":
			if isCollection(v) {
				// Hugo reads a list or map here as no type.
				line, col := d.line(k)
				d.warns = append(d.warns, diag.Errorf(d.file, line, col, "%s: must be text, not %s: ignored, as Hugo does", k, describe(v)))
				continue
			}
			f.Type = d.str(k, v)
		case "layout":
			f.Layout = d.str(k, v)
		case "markup":
			f.Markup = d.str(k, v)
		case "translationkey":
			f.TranslationKey = d.str(k, v)
		case "image":
			d.image(&f, k, v)
		case "imagealt":
			f.ImageAlt = d.str(k, v)
		case "imagefocus":
			f.ImageFocus = d.focus(k, v)
		case "author":
			if isCollection(v) {
				// Themes read a map or list of authors from .Params.author.
				f.setParam(k, v)
				continue
			}
			f.Author = d.str(k, v)
		case "aliases":
			f.Aliases = d.list(k, v)
		case "keywords":
			f.Keywords = d.list(k, v)
		case "tags":
			f.Tags = d.list(k, v)
		case "categories":
			f.Categories = d.list(k, v)
		case "outputs":
			f.Outputs = d.list(k, v)
		case "menu", "menus":
			f.Menus = d.menus(k, v)
		case "resources":
			f.Resources = d.resources(k, v)
		case "sitemap":
			f.Sitemap = d.sitemap(k, v)
		case "build", "_build":
			f.Build = d.build(k, v)
		case "cascade":
			f.Cascade = d.cascade(k, v)
		case "params":
			pm, ok := v.(map[string]any)
			if !ok {
				d.errorf(k, "%s: must be a map of values, not %s", k, describe(v))
				continue
			}
			for pk, pv := range pm {
				f.setParam(pk, pv)
			}
		default:
			// Hugo keeps any other key in .Params (a bare yes/no is a
			// boolean to Hugo's YAML decoder).
			if b, ok := d.unquotedYAMLBool(k, v); ok {
				v = b
			}
			f.setParam(k, v)
			d.typo(k)
		}
	}
	return f
}

func (f *FrontMatter) setParam(k string, v any) {
	if f.Params == nil {
		f.Params = map[string]any{}
	}
	f.Params[k] = config.PlainNumbers(v)
}

// typo warns when an unknown key is one edit away from a known one.
func (d *decoder) typo(k string) {
	lk := strings.ToLower(k)
	if len(lk) < 3 || strings.Contains(lk, "_") {
		return
	}
	for _, n := range notTypos() {
		if lk == n {
			return
		}
	}
	for _, known := range knownKeys() {
		if known[0] != '_' && oneEdit(lk, known) {
			line, col := d.line(k)
			d.warns = append(d.warns, diag.Errorf(d.file, line, col, "%s: did you mean %s?", k, canonicalKey(known)))
			return
		}
	}
}

// canonicalKey spells a known key as Hugo's documentation does.
func canonicalKey(k string) string {
	switch k {
	case "linktitle":
		return "linkTitle"
	case "publishdate":
		return "publishDate"
	case "expirydate":
		return "expiryDate"
	case "imagealt":
		return "imageAlt"
	case "iscjklanguage":
		return "isCJKLanguage"
	case "translationkey":
		return "translationKey"
	case "pubdate":
		return "pubDate"
	case "unpublishdate":
		return "unpublishDate"
	}
	return k
}

// oneEdit reports whether a and b differ by one insertion, deletion,
// substitution or swap of two neighbours.
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		diff := -1
		for i := range la {
			if a[i] != b[i] {
				if diff >= 0 {
					// A swap of neighbours: "tilte" for "title".
					return i == diff+1 && a[diff] == b[i] && a[i] == b[diff] && a[i+1:] == b[i+1:]
				}
				diff = i
			}
		}
		return true
	case la == lb+1:
		a, b = b, a
		fallthrough
	case la+1 == lb:
		// b is a with one byte inserted.
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return a[i:] == b[i+1:]
	}
	return false
}

func isCollection(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

func describe(v any) string {
	switch v.(type) {
	case map[string]any:
		return "a map"
	case []any:
		return "a list"
	case nil:
		return "empty"
	}
	return fmt.Sprintf("%v", v)
}

func (d *decoder) str(k string, v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return ""
	case map[string]any, []any:
		d.errorf(k, "%s: must be text, not %s", k, describe(v))
		return ""
	}
	return fmt.Sprint(v)
}

func (d *decoder) bool(k string, v any) bool {
	if b, ok := d.unquotedYAMLBool(k, v); ok {
		return b
	}
	switch v := v.(type) {
	case bool:
		return v
	case string:
		if b, err := strconv.ParseBool(v); err == nil {
			return b
		}
	case nil:
		return false
	}
	d.errorf(k, "%s: must be true or false, not %s", k, describe(v))
	return false
}

func (d *decoder) int(k string, v any) int {
	switch v := v.(type) {
	case int:
		return v
	case int64:
		return int(v)
	case uint64:
		if v <= math.MaxInt32 {
			return int(v)
		}
	case float64:
		if v == math.Trunc(v) {
			return int(v)
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			return n
		}
	case nil:
		return 0
	}
	d.errorf(k, "%s: must be a whole number, not %s", k, describe(v))
	return 0
}

// date reads a date; one that is not a date is unset, kept in badDates
// for the site to judge (an error, or a warning on a Hugo site).
func (d *decoder) date(k string, v any) Date {
	t, err := dateValue(v)
	if err != nil {
		line, col := d.line(k)
		d.badDates = append(d.badDates, diag.Errorf(d.file, line, col, "%s: %v", k, err))
	}
	return t
}

// list reads a list of strings; a single string is a list of one, as in
// Hugo.
func (d *decoder) list(k string, v any) []string {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, it := range v {
			switch it.(type) {
			case map[string]any, []any:
				d.errorf(k, "%s: must be a list of text, not hold %s", k, describe(it))
				return nil
			}
			if it != nil {
				out = append(out, fmt.Sprint(it))
			}
		}
		return out
	}
	d.errorf(k, "%s: must be a list, not %s", k, describe(v))
	return nil
}

func (d *decoder) menus(k string, v any) map[string]MenuEntry {
	out := map[string]MenuEntry{}
	switch v := v.(type) {
	case string:
		out[v] = MenuEntry{}
	case []any:
		for _, name := range d.list(k, v) {
			out[name] = MenuEntry{}
		}
	case map[string]any:
		for name, ev := range v {
			em, ok := ev.(map[string]any)
			if !ok {
				if ev == nil {
					out[name] = MenuEntry{}
					continue
				}
				d.errorf(k, "%s.%s: must be a map (name, weight, parent...), not %s", k, name, describe(ev))
				continue
			}
			var e MenuEntry
			for ek, val := range em {
				switch strings.ToLower(ek) {
				case "name":
					e.Name = d.str(k, val)
				case "identifier":
					e.Identifier = d.str(k, val)
				case "parent":
					e.Parent = d.str(k, val)
				case "pre":
					e.Pre = d.str(k, val)
				case "post":
					e.Post = d.str(k, val)
				case "title":
					e.Title = d.str(k, val)
				case "weight":
					e.Weight = d.int(k, val)
				case "params":
					e.Params, _ = val.(map[string]any)
				default:
					d.unknownNested(k, ek, "name", "identifier", "parent", "pre", "post", "title", "weight", "params")
				}
			}
			out[name] = e
		}
	case nil:
		return nil
	default:
		d.errorf(k, "%s: must be a menu name, a list of them or a map, not %s", k, describe(v))
	}
	return out
}

func (d *decoder) resources(k string, v any) []Resource {
	list, ok := v.([]any)
	if !ok {
		if v != nil {
			d.errorf(k, "%s: must be a list of {src, name, title, params}, not %s", k, describe(v))
		}
		return nil
	}
	var out []Resource
	for _, it := range list {
		m, ok := it.(map[string]any)
		if !ok {
			d.errorf(k, "%s: each entry must be a map {src, name, title, params}, not %s", k, describe(it))
			continue
		}
		var r Resource
		for rk, rv := range m {
			switch strings.ToLower(rk) {
			case "src":
				r.Src = d.str(k, rv)
			case "name":
				r.Name = d.str(k, rv)
			case "title":
				r.Title = d.str(k, rv)
			case "params":
				r.Params, _ = rv.(map[string]any)
			}
		}
		out = append(out, r)
	}
	return out
}

func (d *decoder) sitemap(k string, v any) Sitemap {
	var s Sitemap
	m, ok := v.(map[string]any)
	if !ok {
		if v != nil {
			// Hugo reads it as an empty map: the site's sitemap defaults.
			line, col := d.line(k)
			d.warns = append(d.warns, diag.Errorf(d.file, line, col, "%s: not a map (disable, changefreq, priority) but %s: ignored, as Hugo does", k, describe(v)))
		}
		return s
	}
	for sk, sv := range m {
		switch strings.ToLower(sk) {
		case "disable":
			s.Disable = d.bool(k, sv)
		case "changefreq":
			s.ChangeFreq = d.str(k, sv)
		case "priority":
			s.HasPriority = true
			switch n := sv.(type) {
			case float64:
				s.Priority = n
			case int64:
				s.Priority = float64(n)
			case uint64:
				s.Priority = float64(n)
			default:
				d.errorf(k, "%s.priority: must be a number, not %s", k, describe(sv))
			}
		default:
			d.unknownNested(k, sk, "disable", "changefreq", "priority")
		}
	}
	return s
}

func (d *decoder) build(k string, v any) BuildOptions {
	var b BuildOptions
	m, ok := v.(map[string]any)
	if !ok {
		if v != nil {
			d.errorf(k, "%s: must be a map (render, list, publishResources), not %s", k, describe(v))
		}
		return b
	}
	// Hugo accepted true/false before always/never.
	word := func(key string, val any, allowed ...string) string {
		switch val := val.(type) {
		case bool:
			if val {
				return "always"
			}
			return "never"
		case string:
			for _, a := range allowed {
				if strings.EqualFold(val, a) {
					return a
				}
			}
		}
		d.errorf(k, "%s.%s: %v is not one of %s", k, key, val, strings.Join(allowed, ", "))
		return ""
	}
	for bk, bv := range m {
		switch strings.ToLower(bk) {
		case "render":
			b.Render = word(bk, bv, "always", "never", "link")
		case "list":
			b.List = word(bk, bv, "always", "never", "local")
		case "publishresources":
			on := d.bool(k, bv)
			b.PublishResources = &on
		default:
			d.unknownNested(k, bk, "render", "list", "publishResources")
		}
	}
	return b
}
