package config

import (
	"sort"

	"github.com/goccy/go-yaml"

	"github.com/storyfront/storyfront/generator/diag"
)

// yamlLanguages makes the languages of a site.yaml with languages: (what
// `storyfront import hugo` writes for a multilingual Hugo site): each
// language's config is site.yaml with its block over the root settings
// (params merged key by key, anything else replaced), its key as
// languageKey; the default language (defaultContentLanguage, else "en",
// else the first) is the config returned. Only a hugo: true site has
// languages; an error in a block is located at the block.
func (c *Config) yamlLanguages(src []byte, parseErr error) (*Config, error) {
	if !c.Hugo {
		line, col := locate(c.file, "$.languages")
		return nil, diag.Errors{diag.Errorf(FileName, line, col, "languages: a site with several languages follows Hugo's rules: add hugo: true")}
	}
	var root map[string]any
	if err := yaml.Unmarshal(src, &root); err != nil {
		return nil, diag.Errors{yamlError(FileName, 0, err)}
	}
	delete(root, "languages")
	keys := make([]string, 0, len(c.LanguageBlocks))
	for k := range c.LanguageBlocks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var langs []*Config
	var errs diag.Errors
	var disabled []string
	for _, key := range keys {
		if isTrue(c.LanguageBlocks[key]["disabled"]) {
			disabled = append(disabled, key)
			continue
		}
		m := deepCopy(root)
		for k, v := range c.LanguageBlocks[key] {
			if sub, ok := v.(map[string]any); ok && k == "params" {
				params, _ := m[k].(map[string]any)
				if params == nil {
					params = map[string]any{}
				}
				mergeConfig(params, deepCopy(sub))
				m[k] = params
				continue
			}
			m[k] = v
		}
		m["languageKey"] = key
		b, err := yaml.Marshal(m)
		if err == nil {
			var lc *Config
			lc, err = parseOne(b)
			if lc != nil && err == nil {
				lc.file = c.file
				langs = append(langs, lc)
				continue
			}
		}
		line, col := locate(c.file, "$.languages."+key)
		errs = append(errs, diag.Errorf(FileName, line, col, "languages.%s: %v", key, err))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	sort.SliceStable(langs, func(i, j int) bool {
		wi, wj := langs[i].LanguageWeight, langs[j].LanguageWeight
		if (wi == 0) != (wj == 0) {
			return wj == 0
		}
		return wi < wj
	})
	def := c.DefaultContentLanguage
	found := false
	for _, l := range langs {
		found = found || l.LanguageKey == def
	}
	if !found {
		list := make([]hugoLanguage, len(langs))
		for i, l := range langs {
			list[i] = hugoLanguage{key: l.LanguageKey}
		}
		def = lightest(list)
	}
	var out *Config
	for _, l := range langs {
		l.DefaultContentLanguage = def
		l.disabled = disabled
		if l.LanguageKey == def {
			out = l
		}
	}
	if len(langs) > 1 {
		for _, l := range langs {
			l.Languages = langs
		}
	}
	return out, parseErr
}
