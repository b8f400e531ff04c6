package config

import (
	"fmt"
	"sort"
	"strings"
)

// languages reads Hugo's languages: setting. Storyfront builds one
// language: the default one (defaultContentLanguage, else the lightest
// weight, else "en"), whose own settings (title, languageCode, params,
// menus, copyright) apply over the root ones as in Hugo. The other
// languages are listed in contentLanguages, so their content files
// (x.fr.md) are left out, and each gets one warning.
func (h *HugoConfig) languages(merged map[string]any) {
	langs, _ := merged["languages"].(map[string]any)
	if len(langs) == 0 {
		return
	}
	def := strings.ToLower(fmt.Sprint(merged["defaultcontentlanguage"]))
	if _, ok := langs[def]; !ok || merged["defaultcontentlanguage"] == nil {
		def = lightest(langs)
	}
	h.Settings["defaultContentLanguage"] = def
	var others []any
	for _, key := range sortedKeys(langs) {
		if key == def {
			continue
		}
		others = append(others, key)
		h.ignore("languages."+key, fmt.Sprintf("%s: only the default language %s is built, and content in %s is left out", notMultilingual, def, key))
	}
	if len(others) > 0 {
		h.Settings["contentLanguages"] = others
	}
	own, _ := langs[def].(map[string]any)
	lp := "languages." + def
	for _, k := range sortedKeys(own) {
		v := own[k]
		switch k {
		case "title", "copyright", "description":
			h.Settings[k] = fmt.Sprint(v)
		case "languagecode":
			h.Settings["language"] = fmt.Sprint(v)
			h.Settings["languageCode"] = fmt.Sprint(v)
		case "params":
			m, _ := v.(map[string]any)
			params, _ := h.Settings["params"].(map[string]any)
			if params == nil {
				params = map[string]any{}
			}
			for pk, pv := range m {
				params[pk] = pv
			}
			h.Settings["params"] = params
		case "menu", "menus":
			h.menus(lp+"."+k, v)
		case "languagename":
			h.Settings["languageName"] = fmt.Sprint(v)
		case "languagedirection":
			h.Settings["languageDirection"] = fmt.Sprint(v)
		case "weight":
			// The order of languages: one is built.
		case "contentdir":
			if s := strings.TrimSuffix(fmt.Sprint(v), "/"); s != "content" {
				h.ignore(lp+"."+k, "a language's own content folder is not supported; Storyfront reads content/")
			}
		default:
			if !isFalsy(v) {
				h.ignore(lp+"."+k, notSupported)
			}
		}
	}
	if _, ok := h.Settings["language"]; !ok {
		h.Settings["language"] = def
	}
}

// lightest is the default language when defaultContentLanguage names
// none of them: "en" when it is one (Hugo's default), else the lightest.
func lightest(langs map[string]any) string {
	if _, ok := langs["en"]; ok {
		return "en"
	}
	keys := sortedKeys(langs)
	weight := func(k string) int64 {
		m, _ := langs[k].(map[string]any)
		w, _ := m["weight"].(int64)
		return w
	}
	sort.SliceStable(keys, func(i, j int) bool { return weight(keys[i]) < weight(keys[j]) })
	return keys[0]
}
