package config

import (
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// languageOwnKeys are the keys of a languages.X block that describe the
// language itself; every other key is a site setting the language sets
// for itself over the root one (title, params, menus, taxonomies...).
var languageOwnKeys = map[string]bool{"languagename": true, "languagedirection": true, "weight": true,
	"contentdir": true, "disabled": true}

// hugoLanguage is one language of a Hugo config's languages: block.
type hugoLanguage struct {
	key    string
	own    map[string]any // the languages.KEY block, lower-case keys
	raw    map[string]any // the same block, keys as written
	weight int
}

// languages reads Hugo's languages: block as hugo 0.111.3 does. The
// default language (defaultContentLanguage, else "en" or the lightest) is
// h itself: its block's settings apply over the root ones. Each other
// enabled language gets its own HugoConfig (h.others), made the same way
// from the root settings and its block; a language with disabled = true
// is left out. A languages: value, or a language's, that is not a table
// is an error at its line.
func (h *HugoConfig) languages(merged map[string]any) diag.Errors {
	raw, present := merged["languages"]
	if !present {
		h.translate(merged)
		return nil
	}
	langs, ok := raw.(map[string]any)
	if !ok {
		file, line := h.where("languages")
		h.translate(merged)
		return diag.Errors{diag.Errorf(file, line, 1, "languages: a table of languages (languages.en, languages.fr...), not %s", describe(raw))}
	}
	var errs diag.Errors
	var list []hugoLanguage
	for _, key := range sortedKeys(langs) {
		own, ok := langs[key].(map[string]any)
		if !ok && langs[key] != nil {
			file, line := h.where("languages." + key)
			errs = append(errs, diag.Errorf(file, line, 1, "languages.%s: a table of the language's settings, not %s", key, describe(langs[key])))
			continue
		}
		if isTrue(own["disabled"]) {
			h.disabled = append(h.disabled, key)
			continue
		}
		w, err := weightOf(own["weight"])
		if err != nil {
			file, line := h.where("languages." + key + ".weight")
			errs = append(errs, diag.Errorf(file, line, 1, "languages.%s.weight: %v", key, err))
		}
		list = append(list, hugoLanguage{key: key, own: own, raw: h.rawLanguage(key), weight: w})
	}
	if len(errs) > 0 {
		h.translate(merged)
		return errs
	}
	if len(list) == 0 {
		h.translate(merged)
		return nil
	}
	// Hugo's order of languages: by weight (0 last), then by key.
	sort.SliceStable(list, func(i, j int) bool {
		wi, wj := list[i].weight, list[j].weight
		if (wi == 0) != (wj == 0) {
			return wj == 0
		}
		if wi != wj {
			return wi < wj
		}
		return list[i].key < list[j].key
	})
	def := strings.ToLower(fmt.Sprint(merged["defaultcontentlanguage"]))
	found := false
	for _, l := range list {
		found = found || l.key == def
	}
	if merged["defaultcontentlanguage"] == nil || !found {
		def = lightest(list)
	}
	for _, l := range list {
		if l.key == def {
			h.applyLanguage(merged, l, def)
			continue
		}
		o := &HugoConfig{File: h.File, Files: h.Files, lines: h.lines, quiet: true, envKeys: h.envKeys, theme: h.theme}
		o.applyLanguage(merged, l, def)
		h.others = append(h.others, o)
	}
	if len(list) > 1 {
		h.order = make([]string, len(list))
		for i, l := range list {
			h.order[i] = l.key
		}
	}
	return nil
}

// rawLanguage is the languages.KEY block with its keys as written.
func (h *HugoConfig) rawLanguage(key string) map[string]any {
	langs, _ := lookupFold(h.raw, "languages").(map[string]any)
	m, _ := lookupFold(langs, key).(map[string]any)
	return m
}

// lookupFold is m[key] with the key's case ignored.
func lookupFold(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

// applyLanguage makes h's settings those of language l: the root settings
// with l's block over them (params merged key by key, anything else
// replaced), and the language's own keys.
func (h *HugoConfig) applyLanguage(merged map[string]any, l hugoLanguage, def string) {
	view := make(map[string]any, len(merged))
	for k, v := range merged {
		if k != "languages" {
			view[k] = v
		}
	}
	h.langKeys = map[string]bool{}
	h.langPrefix = "languages." + l.key + "."
	// hugo 0.111.3 puts each key of the language's block in its
	// .Site.Params too (title, weight, languagename, params itself...),
	// with the block's params over them.
	params := map[string]any{}
	if root, ok := view["params"].(map[string]any); ok {
		mergeConfig(params, deepCopy(root))
	}
	raw := l.raw
	if raw == nil {
		raw = l.own
	}
	for k, v := range raw {
		if strings.EqualFold(k, "params") {
			params["params"] = v
			continue
		}
		params[k] = v // as written: FoldParams adds the lower-case keys
	}
	if m, ok := l.own["params"].(map[string]any); ok {
		mergeConfig(params, deepCopy(m))
	}
	if len(l.own) > 0 {
		view["params"] = params
	}
	for k, v := range l.own {
		if languageOwnKeys[k] {
			continue
		}
		h.langKeys[k] = true
		if k != "params" {
			view[k] = v
		}
	}
	// A language's menus replace the root's; menu: and menus: are one key.
	if _, ok := l.own["menus"]; ok {
		delete(view, "menu")
	}
	if _, ok := l.own["menu"]; ok {
		delete(view, "menus")
	}
	if h.Settings == nil {
		h.Settings = map[string]any{"hugo": true}
	}
	h.translate(view)
	h.Settings["defaultContentLanguage"] = def
	h.Settings["languageKey"] = l.key
	if _, ok := view["languagecode"]; !ok {
		h.Settings["language"] = l.key
	}
	lp := "languages." + l.key
	for _, k := range sortedKeys(l.own) {
		v := l.own[k]
		switch k {
		case "languagename":
			h.Settings["languageName"] = fmt.Sprint(v)
		case "languagedirection":
			h.Settings["languageDirection"] = fmt.Sprint(v)
		case "weight":
			h.Settings["languageWeight"] = l.weight
		case "contentdir":
			h.Settings["contentDir"] = strings.TrimSuffix(fmt.Sprint(v), "/")
			if _, err := contentRoot(fmt.Sprint(v)); err != nil {
				h.warn(lp+"."+k, err.Error())
			}
		}
	}
}

// deepCopy copies a config map and the maps in it, so one language's
// merge does not change another's.
func deepCopy(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			v = deepCopy(sub)
		}
		out[k] = v
	}
	return out
}

// contentRoot returns the folder, relative to content/, that a contentDir
// names: "content/fr" is "fr", "content" is "", and a folder of the site
// outside content/ ("content_fr", "i18n/fr") is "../content_fr", so that
// joined to content/ it is that folder, as hugo reads any folder of the
// site. A folder outside the site is an error.
func contentRoot(dir string) (string, error) {
	d := strings.Trim(strings.TrimPrefix(strings.TrimPrefix(dir, "./"), "/"), "/")
	if d == "content" || d == "" {
		return "", nil
	}
	clean := path.Clean(d)
	if strings.HasPrefix(dir, "/") || clean == ".." || strings.HasPrefix(clean, "../") || clean == "." {
		return "", fmt.Errorf("a language's content folder must be a folder of the site, not %s", dir)
	}
	if rest, ok := strings.CutPrefix(clean, "content/"); ok {
		return rest, nil
	}
	return "../" + clean, nil
}

// ContentDirs are the folders of the site outside content/ that hold
// content: the contentDir of the site or of its languages when it is not
// under content/ ("content_fr"), relative to the site folder.
func (c *Config) ContentDirs() []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range append([]*Config{c}, c.Languages...) {
		if r, ok := strings.CutPrefix(l.ContentRoot(), "../"); ok && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return out
}

// lightest is the default language when defaultContentLanguage names
// none of them: "en" when it is one (Hugo's default), else the first in
// Hugo's order.
func lightest(list []hugoLanguage) string {
	for _, l := range list {
		if l.key == "en" {
			return "en"
		}
	}
	return list[0].key
}

func weightOf(v any) (int, error) {
	switch w := v.(type) {
	case nil:
		return 0, nil
	case int64:
		return int(w), nil
	case uint64:
		return int(w), nil
	case float64:
		return int(w), nil
	case int:
		return w, nil
	}
	return 0, fmt.Errorf("a number, not %s", describe(v))
}

func isTrue(v any) bool {
	b, ok := v.(bool)
	return ok && b
}

// describe names a config value's type as a user reads it.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", v)
	case []any:
		return "a list"
	case bool:
		return fmt.Sprintf("%v", v)
	case nil:
		return "nothing"
	}
	return fmt.Sprintf("%v", v)
}

// DisabledLanguages are the keys of the languages a Hugo config disables
// (languages.X.disabled = true): their content files are left out.
func (c *Config) DisabledLanguages() []string { return c.disabled }

// Multilingual reports whether the site has more than one language.
func (c *Config) Multilingual() bool { return len(c.Languages) > 1 }

// ContentRoot is the folder under content/ that holds this language's
// content ("fr" for contentDir content/fr), "" when it is content/ itself
// (or a folder Storyfront does not read, which is warned about).
func (c *Config) ContentRoot() string {
	r, _ := contentRoot(c.ContentDir)
	return r
}

// Default returns the default language's config: c itself unless c is
// another language's.
func (c *Config) Default() *Config {
	for _, l := range c.Languages {
		if l.LanguageKey == c.DefaultContentLanguage {
			return l
		}
	}
	return c
}

// LanguageDir is the folder of this language's pages in the output and
// in URLs: "" for the default language (unless
// defaultContentLanguageInSubdir), else its key.
func (c *Config) LanguageDir() string {
	if !c.Multilingual() || c.LanguageKey == c.DefaultContentLanguage && !c.DefaultContentLanguageInSubdir {
		return ""
	}
	return c.LanguageKey
}

// LanguageBlocks are a multilingual Hugo config's languages as site.yaml's
// languages: writes them (what `storyfront import hugo` writes): for each
// language, the settings in which it differs from the default language's
// (h.Settings, site.yaml's root); nil for a site of one language.
func (h *HugoConfig) LanguageBlocks() map[string]map[string]any {
	if len(h.order) == 0 {
		return nil
	}
	out := map[string]map[string]any{}
	def, _ := h.Settings["languageKey"].(string)
	out[def] = map[string]any{}
	for _, o := range h.others {
		key, _ := o.Settings["languageKey"].(string)
		block := map[string]any{}
		for k, v := range o.Settings {
			if !reflect.DeepEqual(v, h.Settings[k]) {
				block[k] = v
			}
		}
		for k, v := range h.Settings {
			if _, ok := o.Settings[k]; !ok {
				block[k] = emptyLike(v) // the default's own, which this language has not
			}
		}
		out[key] = block
	}
	for _, key := range h.disabled {
		out[key] = map[string]any{"disabled": true}
	}
	return out
}

// emptyLike is the empty value of v's kind.
func emptyLike(v any) any {
	switch v.(type) {
	case map[string]any:
		return map[string]any{}
	case []any:
		return []any{}
	case string:
		return ""
	case bool:
		return false
	case int, int64, float64, uint64:
		return 0
	}
	return nil
}
