package config

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// themeRef is the theme of a Hugo config: its name and its folder,
// relative to the site folder and slash-separated.
type themeRef struct {
	name, dir string
	// fromImports: found through module.imports (Hugo Modules).
	fromImports bool
	// unused are the other imports and themes, which Storyfront does not
	// read (one theme per site).
	unused []string
}

// resolveTheme finds a Hugo config's theme as hugo 0.111.3 finds a
// module: each of module.imports (not disabled), then each of theme, is
// looked for in _vendor/ (when _vendor/modules.txt lists it, as `hugo mod
// vendor` writes it), else in themes/; the first found is the theme. With
// none found, the first theme names themes/NAME (its missing folder is
// then reported where layouts are read).
func resolveTheme(dir string, merged map[string]any) themeRef {
	var imports, themes []string
	if module, ok := merged["module"].(map[string]any); ok {
		list, _ := module["imports"].([]any)
		for _, it := range list {
			imp, ok := it.(map[string]any)
			if !ok || isTrue(imp["disable"]) {
				continue
			}
			if p := strings.TrimSpace(toStr(imp["path"])); p != "" {
				imports = append(imports, p)
			}
		}
	}
	switch t := merged["theme"].(type) {
	case string:
		if t != "" {
			themes = append(themes, t)
		}
	case []any:
		for _, it := range t {
			themes = append(themes, toStr(it))
		}
	}
	vendored := vendoredModules(dir)
	exists := func(rel string) bool {
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		return err == nil && st.IsDir()
	}
	var ref themeRef
	for i, p := range append(imports, themes...) {
		found := ""
		switch {
		case vendored[p]:
			found = path.Join("_vendor", p)
		case exists(path.Join("themes", p)):
			found = path.Join("themes", p)
		}
		if found == "" || ref.dir != "" {
			if found != "" || i >= len(imports) {
				ref.unused = append(ref.unused, p)
			}
			continue
		}
		ref = themeRef{name: p, dir: found, fromImports: i < len(imports), unused: ref.unused}
	}
	if ref.dir == "" && len(themes) > 0 {
		ref = themeRef{name: themes[0], dir: path.Join("themes", themes[0]), unused: themes[1:]}
	}
	if ref.fromImports {
		ref.name = path.Base(ref.name)
	}
	return ref
}

// vendoredModules are the module paths _vendor/modules.txt lists ("#
// github.com/gohugoio/gohugoioTheme v0.0.0-2023..." lines).
func vendoredModules(dir string) map[string]bool {
	src, err := os.ReadFile(filepath.Join(dir, "_vendor", "modules.txt"))
	if err != nil {
		return nil
	}
	out := map[string]bool{}
	for _, l := range strings.Split(string(src), "\n") {
		f := strings.Fields(strings.TrimLeft(strings.TrimSpace(l), "# "))
		if len(f) == 2 {
			out[f[0]] = true
		}
	}
	return out
}

// themeConfig reads the theme's own config (themes/NAME/hugo.toml or
// config.toml..., then its config/_default/ and config/<env>/) and
// merges it under the site's as hugo 0.111.3 does: params deeply (the
// theme's keys the site lacks, at every level), outputFormats, mediaTypes
// and menus shallowly (the formats, types and menus the site lacks), and,
// in each language the site has, its params and menus the same way; the
// theme's other settings are its own (its module.mounts among them) and
// are returned, lower-cased, for the mounts.
func (h *HugoConfig) themeConfig(dir, env string, merged map[string]any) (map[string]any, error) {
	themeDir := h.theme.dir
	if themeDir == "" {
		return nil, nil
	}
	files := hugoFiles(filepath.Join(dir, filepath.FromSlash(themeDir)), env)
	if len(files) == 0 {
		return nil, nil
	}
	theme, raw := map[string]any{}, map[string]any{}
	saved := h.lines
	h.lines = map[string]keyPlace{}
	var errs diag.Errors
	for _, f := range files {
		rel := path.Join(themeDir, f)
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			errs = append(errs, diag.Errorf(rel, 0, 0, "%w", err))
			continue
		}
		m, err := decodeConfigFile(rel, src)
		if err != nil {
			errs = append(errs, err.(*diag.Error))
			continue
		}
		m = underKeyPath(m, dirKeyPath(f))
		h.place(rel, src, m, "", "")
		mergeConfig(theme, lowerKeys(m, ""))
		mergeConfig(raw, deepCopy(m))
	}
	// The site's places win; the theme's keys are placed in its files.
	for k, v := range saved {
		h.lines[k] = v
	}
	if len(errs) > 0 {
		return nil, errs
	}
	mergeThemeRoot(merged, theme)
	mergeThemeRoot(h.raw, raw)
	return theme, nil
}

// mergeThemeRoot merges a theme's config (src) under a site's (dst) with
// hugo 0.111.3's default strategies (see themeConfig). Keys match without
// regard to case, as Hugo's do.
func mergeThemeRoot(dst, src map[string]any) {
	for k, v := range src {
		sub, isMap := v.(map[string]any)
		if !isMap {
			continue // the theme's own setting
		}
		lk := strings.ToLower(k)
		dk, found := findKey(dst, k)
		if lk == "menu" || lk == "menus" { // one setting under two names
			lk = "menus"
			if dk, found = findKey(dst, "menus"); !found {
				dk, found = findKey(dst, "menu")
			}
		}
		switch lk {
		case "params":
			if !found {
				dst[k] = deepCopy(sub)
			} else if dm, ok := dst[dk].(map[string]any); ok {
				mergeDeep(dm, sub)
			}
		case "outputformats", "mediatypes", "menus":
			if !found {
				dst[k] = deepCopy(sub)
			} else if dm, ok := dst[dk].(map[string]any); ok {
				mergeShallow(dm, sub)
			}
		case "languages":
			langs, ok := dst[dk].(map[string]any)
			if !found || !ok {
				continue
			}
			for lang, lv := range sub {
				tl, ok := lv.(map[string]any)
				if !ok {
					continue
				}
				slk, found := findKey(langs, lang)
				sl, ok := langs[slk].(map[string]any)
				if !found || !ok {
					continue // a language the site does not have
				}
				for key, strategy := range map[string]func(dst, src map[string]any){"params": mergeDeep, "menus": mergeShallow} {
					tk, found := findKey(tl, key)
					tm, ok := tl[tk].(map[string]any)
					if !found || !ok {
						continue
					}
					sk, found := findKey(sl, key)
					if !found {
						sl[tk] = deepCopy(tm)
						continue
					}
					if sm, ok := sl[sk].(map[string]any); ok {
						strategy(sm, tm)
					}
				}
			}
		}
	}
}

// mergeDeep adds src's keys that dst lacks, at every level.
func mergeDeep(dst, src map[string]any) {
	for k, v := range src {
		dk, found := findKey(dst, k)
		if !found {
			if m, ok := v.(map[string]any); ok {
				v = deepCopy(m)
			}
			dst[k] = v
			continue
		}
		dm, ok1 := dst[dk].(map[string]any)
		sm, ok2 := v.(map[string]any)
		if ok1 && ok2 {
			mergeDeep(dm, sm)
		}
	}
}

// mergeShallow adds src's keys that dst lacks, at its first level only.
func mergeShallow(dst, src map[string]any) {
	for k, v := range src {
		if _, found := findKey(dst, k); !found {
			if m, ok := v.(map[string]any); ok {
				v = deepCopy(m)
			}
			dst[k] = v
		}
	}
}

// findKey finds k among m's keys without regard to case.
func findKey(m map[string]any, k string) (string, bool) {
	if _, ok := m[k]; ok {
		return k, true
	}
	for mk := range m {
		if strings.EqualFold(mk, k) {
			return mk, true
		}
	}
	return "", false
}
