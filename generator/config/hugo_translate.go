package config

import (
	"fmt"
	"path"
	"reflect"
	"strconv"
	"strings"

	"github.com/storyfront/storyfront/generator/outputs"
)

// Why a Hugo setting is ignored, as the warning says it.
const (
	notSupported    = "not supported"
	notMultilingual = "multilingual sites are not supported yet"
	sameAsDefault   = "Storyfront reads the standard folder"
)

// translate maps merged (lower-case keys) onto site.yaml's keys in
// h.Settings, recording every setting it cannot map.
func (h *HugoConfig) translate(merged map[string]any) {
	h.view = merged
	out := h.Settings
	set := func(v any, keys ...string) {
		m := out
		for _, k := range keys[:len(keys)-1] {
			sub, ok := m[k].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[k] = sub
			}
			m = sub
		}
		m[keys[len(keys)-1]] = v
	}
	for _, k := range sortedKeys(merged) {
		v := merged[k]
		switch k {
		case "baseurl":
			s, _ := v.(string)
			if CheckBaseURL(s) != nil && !IsPathBaseURL(s) {
				if s != "" {
					h.ignore(k, fmt.Sprintf("%q is neither an absolute http(s) URL nor a path from the root (/ or /docs/); pass --base-url", s))
				}
				continue
			}
			set(s, "baseURL")
		case "title", "copyright", "description":
			set(fmt.Sprint(v), k)
		case "author":
			if _, ok := v.(map[string]any); ok {
				set(v, "author")
			} else if !isFalsy(v) {
				// Hugo's .Site.Author is a map; a plain author = "Name"
				// leaves it empty there too.
				h.ignore(k, "not a map: .Site.Author is a map such as [author] name = \"...\"")
			}
		case "languagecode":
			set(fmt.Sprint(v), "language")
			set(fmt.Sprint(v), "languageCode")
		case "defaultcontentlanguage":
			if _, ok := merged["languagecode"]; !ok {
				set(fmt.Sprint(v), "language")
			}
			set(fmt.Sprint(v), "defaultContentLanguage")
		case "timezone":
			set(fmt.Sprint(v), "timeZone")
		case "urls":
			// Storyfront's own setting (Hugo ignores it): urls = "storyfront".
			set(fmt.Sprint(v), "urls")
		case "theme":
			// Set from h.theme below.
			if t, ok := v.([]any); ok && len(t) > 1 && !h.theme.fromImports {
				h.ignore(k, "only the first theme is used; theme components are not supported")
			}
		case "params":
			set(v, "params")
		case "menu", "menus":
			h.menus(k, v)
		case "sectionpagesmenu":
			set(fmt.Sprint(v), "sectionPagesMenu")
		case "taxonomies":
			m, _ := v.(map[string]any)
			tax := map[string]any{}
			for sing, plural := range m {
				tax[sing] = fmt.Sprint(plural)
			}
			set(tax, "taxonomies")
		case "permalinks":
			h.permalinks(k, v)
		case "ignorefiles":
			list := []any{}
			for _, pat := range asList(v) {
				list = append(list, pat)
			}
			set(list, "ignoreFiles")
		case "disablekinds":
			set(hugoDisableKinds(asList(v)), "disableKinds")
		case "paginate":
			set(v, "pagination", "pagerSize")
		case "paginatepath":
			set(v, "pagination", "path")
		case "pagination":
			m, _ := v.(map[string]any)
			for _, pk := range sortedKeys(m) {
				switch pk {
				case "pagersize":
					set(m[pk], "pagination", "pagerSize")
				case "path":
					set(m[pk], "pagination", "path")
				default:
					h.ignore(k+"."+pk, notSupported)
				}
			}
		case "summarylength":
			// hugo 0.111.3 counts words up to the first space for 0 (or
			// less) as for 1: the summary is the first sentence. Storyfront's
			// 0 is "unset", so it is written as 1.
			if n, err := weightOf(v); err == nil && n < 1 {
				v = 1
			}
			set(v, "summaryLength")
		case "uglyurls":
			switch v := v.(type) {
			case bool:
				set(v, "uglyURLs")
			case string:
				set(v == "true", "uglyURLs")
			case map[string]any:
				// Per section, as hugo 0.111.3: {post = true}.
				sections := map[string]any{}
				for sec, on := range v {
					if b, ok := on.(bool); ok && b || on == "true" {
						sections[sec] = true
					}
				}
				set(sections, "uglySections")
			default:
				h.ignore(k, "neither true or false nor a table of sections")
			}
		case "disablepathtolower":
			set(v, "disablePathToLower")
		case "canonifyurls":
			set(truthy(v), "canonifyURLs")
		case "relativeurls":
			set(truthy(v), "relativeURLs")
		case "enablegitinfo":
			set(v, "enableGitInfo")
		case "enableemoji":
			set(v, "enableEmoji")
		case "enableinlineshortcodes":
			set(v, "enableInlineShortcodes")
		case "enablerobotstxt":
			set(v, "enableRobotsTXT")
		case "enablemissingtranslationplaceholders":
			set(v, "enableMissingTranslationPlaceholders")
		case "builddrafts", "buildfuture", "buildexpired":
			set(v, "build", strings.TrimPrefix(k, "build"))
		case "frontmatter":
			h.frontMatter(k, v)
		case "markup":
			if m, ok := v.(map[string]any); ok {
				set(h.canonical(k, m, reflect.TypeFor[Markup]()), "markup")
			}
		case "pygmentsuseclasses", "pygmentscodefences", "pygmentscodefencesguesssyntax", "pygmentsstyle":
			// Hugo's settings from before markup.highlight, used where it
			// leaves the value unset ("markup" comes first in this loop).
			field := map[string]string{"pygmentsuseclasses": "noClasses", "pygmentscodefences": "codeFences",
				"pygmentscodefencesguesssyntax": "guessSyntax", "pygmentsstyle": "style"}[k]
			if str, ok := v.(string); ok && k != "pygmentsstyle" {
				if b, err := strconv.ParseBool(str); err == nil {
					v = b // "true", as hugo's cast reads it
				}
			}
			if b, ok := v.(bool); ok && k == "pygmentsuseclasses" {
				v = !b
			}
			markup, _ := out["markup"].(map[string]any)
			hl, _ := markup["highlight"].(map[string]any)
			if _, given := hl[field]; !given {
				set(v, "markup", "highlight", field)
			}
		case "ignoreerrors":
			if str, ok := v.(string); ok {
				v = strings.Fields(str) // one string (HUGO_IGNOREERRORS) is a list, as hugo reads it
			}
			set(v, "ignoreErrors")
		case "privacy":
			if m, ok := v.(map[string]any); ok {
				set(h.canonical(k, m, reflect.TypeFor[Privacy]()), "privacy")
			}
		case "rsslimit":
			set(v, "feed", "limit")
		case "services":
			m, _ := v.(map[string]any)
			for _, sk := range sortedKeys(m) {
				if rss, ok := m[sk].(map[string]any); ok && sk == "rss" {
					for _, rk := range sortedKeys(rss) {
						if rk == "limit" {
							if n, ok := rss[rk].(int64); ok && n > 0 {
								set(n, "feed", "limit")
							}
							continue
						}
						h.ignore(k+"."+sk+"."+rk, notSupported)
					}
					continue
				}
				h.ignoreChildren(k+"."+sk, m[sk], notSupported)
			}
		case "languages":
			// After the loop: the default language's settings win.
		case "defaultcontentlanguageinsubdir":
			b, _ := v.(bool)
			set(b, "defaultContentLanguageInSubdir")
		case "contentdir":
			// The folder that holds the content (content/en, content_en...);
			// one outside the site is a warning.
			if _, err := contentRoot(fmt.Sprint(v)); err != nil {
				h.ignore(k, fmt.Sprintf("%s content/", sameAsDefault))
				continue
			}
			set(strings.TrimSuffix(fmt.Sprint(v), "/"), "contentDir")
		case "assetdir", "staticdir", "staticdir0", "staticdir1", "staticdir2", "staticdir3", "staticdir4",
			"staticdir5", "staticdir6", "staticdir7", "staticdir8", "staticdir9", "staticdir10":
			// Mounted as assets/ and static/ (legacyDirMounts).
		case "layoutdir", "themesdir", "datadir", "publishdir":
			def := map[string]string{"layoutdir": "layouts", "themesdir": "themes", "datadir": "data", "publishdir": "public"}[k]
			if s := fmt.Sprint(v); s != def && s != def+"/" {
				h.ignore(k, fmt.Sprintf("%s %s/", sameAsDefault, def))
			}
		case "outputs":
			set(hugoOutputKinds(v), "outputs")
		case "outputformats":
			if m, ok := v.(map[string]any); ok {
				out := map[string]any{}
				for _, name := range sortedKeys(m) {
					if f, ok := m[name].(map[string]any); ok {
						out[name] = h.canonical(k+"."+name, f, reflect.TypeFor[outputs.FormatConfig]())
					}
				}
				set(out, "outputFormats")
			}
		case "mediatypes":
			if m, ok := v.(map[string]any); ok {
				out := map[string]any{}
				for _, name := range sortedKeys(m) {
					if f, ok := m[name].(map[string]any); ok {
						out[name] = h.canonical(k+"."+name, f, reflect.TypeFor[outputs.MediaTypeConfig]())
					}
				}
				set(out, "mediaTypes")
			}
		case "imaging":
			// Hugo's image processing defaults: the same ones in images:.
			m, _ := v.(map[string]any)
			for _, ik := range sortedKeys(m) {
				switch strings.ToLower(ik) {
				case "quality":
					set(map[string]any{"jpeg": m[ik], "webp": m[ik]}, "images", "quality")
				case "resamplefilter":
					set(strings.ToLower(fmt.Sprint(m[ik])), "images", "resampleFilter")
				case "anchor":
					set(strings.ToLower(fmt.Sprint(m[ik])), "images", "anchor")
				case "bgcolor":
					set(strings.ToLower(fmt.Sprint(m[ik])), "images", "background")
				default:
					h.ignoreChildren(k+"."+ik, m[ik], notSupported)
				}
			}
		case "googleanalytics", "disqusshortname":
			if !isFalsy(v) {
				h.ignore(k, "Storyfront loads nothing from other sites: the _internal/google_analytics.html and _internal/disqus.html templates render nothing")
			}
		case "sitemap":
			m, _ := v.(map[string]any)
			for _, sk := range sortedKeys(m) {
				switch sk {
				case "changefreq":
					set(fmt.Sprint(m[sk]), "sitemap", "changeFreq")
				case "priority":
					switch n := m[sk].(type) {
					case float64, int64:
						set(n, "sitemap", "priority")
					default:
						h.ignore(k+"."+sk, "not a number")
					}
				case "filename":
					set(fmt.Sprint(m[sk]), "sitemap", "filename")
				default:
					h.ignore(k+"."+sk, notSupported)
				}
			}
		case "module":
			m, _ := v.(map[string]any)
			for _, sk := range sortedKeys(m) {
				switch sk {
				case "mounts", "hugoversion":
					// Mounts: readMounts; the version range: any hugo is this one.
				case "imports":
					switch {
					case !h.theme.fromImports:
						h.ignore(k+"."+sk, "Hugo Modules are not fetched: vendor them into _vendor/ (hugo mod vendor), or put the theme's folder under themes/ and name it in theme: (its module.mounts are followed)")
					case len(h.theme.unused) > 0:
						h.ignore(k+"."+sk, fmt.Sprintf("only the first module found is used, as the theme (%s); %s not read", h.theme.dir, strings.Join(h.theme.unused, ", ")))
					}
				default:
					h.ignore(k+"."+sk, notSupported)
				}
			}
		case "security":
			m, _ := v.(map[string]any)
			for _, sk := range sortedKeys(m) {
				funcs, ok := m[sk].(map[string]any)
				if sk != "funcs" || !ok {
					h.ignoreChildren(k+"."+sk, m[sk], notSupported)
					continue
				}
				for _, fk := range sortedKeys(funcs) {
					if fk != "getenv" {
						h.ignoreChildren(k+"."+sk+"."+fk, funcs[fk], notSupported)
						continue
					}
					list := []any{}
					for _, pat := range asList(funcs[fk]) {
						list = append(list, pat)
					}
					set(list, "getenv")
				}
			}
		case "related", "minify",
			"caches", "cascade", "build", "server", "deployment", "segments":
			h.ignoreChildren(k, v, notSupported)
		default:
			// Switches left at Hugo's default change nothing: no warning.
			if isFalsy(v) {
				continue
			}
			h.ignore(k, notSupported)
		}
	}
	if h.theme.dir != "" {
		set(h.theme.name, "theme")
		if h.theme.dir != path.Join("themes", h.theme.name) {
			set(h.theme.dir, "themeDir") // a module vendored in _vendor/
		}
	}
}

func asList(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, it := range v {
			out = append(out, fmt.Sprint(it))
		}
		return out
	}
	return nil
}

// menus maps Hugo's menus: {main: [{name, url, pageRef, weight, ...}]}.
func (h *HugoConfig) menus(key string, v any) {
	m, _ := v.(map[string]any)
	menus, _ := h.Settings["menus"].(map[string]any)
	if menus == nil {
		menus = map[string]any{}
	}
	for _, name := range sortedKeys(m) {
		entries, _ := menus[name].([]any) // menu: and menus: both add
		list, ok := m[name].([]any)
		if !ok {
			h.ignore(key+"."+name, "a menu is a list of entries")
			continue
		}
		for _, it := range list {
			e, _ := it.(map[string]any)
			out := map[string]any{}
			for _, ek := range sortedKeys(e) {
				val := e[ek]
				switch ek {
				case "name", "url", "identifier", "parent", "pre", "post", "title":
					out[ek] = fmt.Sprint(val)
				case "pageref":
					out["page"] = fmt.Sprint(val)
				case "weight":
					out[ek] = val
				case "params":
					out[ek] = val
				default:
					h.ignore(key+"."+name+"."+ek, notSupported)
				}
			}
			entries = append(entries, out)
		}
		menus[name] = entries
	}
	h.Settings["menus"] = menus
}

// permalinks maps {section: pattern}, and Hugo's newer {page: {section:
// pattern}} form for regular pages and {term: {taxonomy: pattern}}.
func (h *HugoConfig) permalinks(key string, v any) {
	m, _ := v.(map[string]any)
	out := map[string]any{}
	for _, k := range sortedKeys(m) {
		switch val := m[k].(type) {
		case string:
			out[k] = val
		case map[string]any:
			if k != "page" && k != "term" {
				h.ignoreChildren(key+"."+k, val, "only page and term permalinks are supported")
				continue
			}
			for _, s := range sortedKeys(val) {
				out[s] = fmt.Sprint(val[s])
			}
		default:
			h.ignore(key+"."+k, "a permalink is a pattern string")
		}
	}
	h.Settings["permalinks"] = out
}

// frontMatter maps frontmatter: {date: [...], lastmod: [...], ...}.
func (h *HugoConfig) frontMatter(key string, v any) {
	m, _ := v.(map[string]any)
	out := map[string]any{}
	names := map[string]string{"date": "date", "lastmod": "lastmod", "publishdate": "publishDate",
		"pubdate": "publishDate", "expirydate": "expiryDate", "unpublishdate": "expiryDate"}
	for _, k := range sortedKeys(m) {
		name, ok := names[k]
		if !ok {
			h.ignore(key+"."+k, notSupported)
			continue
		}
		out[name] = asList(m[k])
	}
	h.Settings["frontmatter"] = out
}

// canonical renames the keys of m to the yaml tags of struct t (matched
// without case), recording keys t has no field for.
func (h *HugoConfig) canonical(lp string, m map[string]any, t reflect.Type) map[string]any {
	out := map[string]any{}
	for _, k := range sortedKeys(m) {
		v := m[k]
		f, ok := fieldFold(t, k)
		if !ok {
			if !isFalsy(v) {
				h.ignore(lp+"."+k, notSupported)
			}
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft == reflect.TypeFor[Typographer]() {
			if b, ok := v.(bool); ok {
				v = map[string]any{"disable": !b}
			}
		}
		if ft == reflect.TypeFor[ParserAttrs]() {
			// A bare boolean before Hugo 0.81: attributes on headings only.
			if b, ok := v.(bool); ok {
				v = map[string]any{"title": b}
			}
		}
		if sub, ok := v.(map[string]any); ok && ft.Kind() == reflect.Struct {
			v = h.canonical(lp+"."+k, sub, ft)
		}
		out[name] = v
	}
	return out
}

func fieldFold(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if strings.EqualFold(name, key) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// hugoOutputKinds renames the kinds of outputs from before Hugo 0.73 as
// hugo 0.111.3 does: when "taxonomyTerm" is a key, it is the taxonomy's
// own page and "taxonomy" is a term's.
func hugoOutputKinds(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	old := false
	for k := range m {
		old = old || strings.EqualFold(k, "taxonomyTerm")
	}
	if !old {
		return v
	}
	out := map[string]any{}
	for k, f := range m {
		switch strings.ToLower(k) {
		case "taxonomyterm":
			out["taxonomy"] = f
		case "taxonomy":
			out["term"] = f
		default:
			out[k] = f
		}
	}
	return out
}

// hugoDisableKinds reads disableKinds as hugo 0.111.3 does: the kind names
// from before Hugo 0.73 ("taxonomyTerm" for the taxonomy's own page, then
// "taxonomy" for a term's) are turned into today's when "taxonomyTerm" is
// in the list.
func hugoDisableKinds(kinds []string) []any {
	old, taxonomy := false, false
	for _, k := range kinds {
		old = old || k == "taxonomyTerm"
		taxonomy = taxonomy || k == "taxonomy"
	}
	list := []any{}
	for _, k := range kinds {
		if old && k == "taxonomyTerm" {
			continue
		}
		list = append(list, k)
	}
	if old {
		if taxonomy {
			list = append(list, "term")
		} else {
			list = append(list, "taxonomy")
		}
	}
	return list
}
