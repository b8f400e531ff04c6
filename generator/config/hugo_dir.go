package config

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Production is the environment a build has unless told otherwise, as
// hugo's: its config/production/ folder is merged over config/_default/.
const Production = "production"

// LoadOptions say how a site's config is read.
type LoadOptions struct {
	// Environment names the config/<environment>/ folder of a Hugo
	// config merged over config/_default/; "" is "production".
	Environment string
	// Environ is the process environment ("KEY=value" entries, as
	// os.Environ gives them): its HUGO_* variables override a Hugo
	// config's settings as hugo's do (hugo_env.go). nil: none.
	Environ []string
}

func (o LoadOptions) environment() string {
	if o.Environment == "" {
		return Production
	}
	return o.Environment
}

// HasHugoConfig reports whether dir holds a Hugo config: a hugo.* or
// config.* file, or a config/_default/ or config/production/ folder with
// a config file in it.
func HasHugoConfig(dir string) bool {
	return len(hugoFiles(dir, Production)) > 0
}

// hugoFiles lists the Hugo config files of dir in hugo 0.111.3's merge
// order (later override earlier), relative to dir and slash-separated:
// the first root file found (hugo.toml, hugo.yaml... config.json), then
// every config file under config/_default/, then under config/<env>/,
// each folder walked in name order with its sub-folders, as hugo walks
// them.
func hugoFiles(dir, env string) []string {
	var files []string
	for _, n := range hugoRootNames() {
		if st, err := os.Stat(filepath.Join(dir, n)); err == nil && st.Mode().IsRegular() {
			files = append(files, n)
			break
		}
	}
	envs := []string{"_default"}
	if env != "_default" {
		envs = append(envs, env)
	}
	for _, e := range envs {
		root := filepath.Join(dir, HugoDir, e)
		// WalkDir visits names in lexical order, as hugo's afero.Walk.
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isConfigFileName(d.Name()) {
				return nil // an unreadable or missing folder holds no config
			}
			rel, err := filepath.Rel(dir, p)
			if err == nil {
				files = append(files, filepath.ToSlash(rel))
			}
			return nil
		})
	}
	return files
}

// isConfigFileName reports whether a file under config/ is a config file:
// its extension (in any case) is toml, yaml, yml or json.
func isConfigFileName(name string) bool {
	ext := strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))
	return slices.Contains([]string{"toml", "yaml", "yml", "json"}, ext)
}

// dirKeyPath is where a config file of a config folder (rel, relative to
// the site or theme folder) puts its settings, as hugo 0.111.3 reads its
// name: hugo.* and config.* at the root; NAME.* under NAME
// (params.toml is params); NAME.LANG.* in the language's block
// (languages.LANG), under menus for menu(s).LANG and under params for
// params.LANG, anything else at the block's root (languages.en.toml is
// languages.en). A file outside config/ is at the root.
func dirKeyPath(rel string) []string {
	if !strings.HasPrefix(rel, HugoDir+"/") {
		return nil
	}
	base := path.Base(rel)
	base = strings.TrimSuffix(base, path.Ext(base))
	if base == "hugo" || base == "config" {
		return nil
	}
	i := strings.LastIndexByte(base, '.')
	if i < 0 {
		return []string{base}
	}
	name, lang := base[:i], base[i+1:]
	if lang == "" {
		return []string{name}
	}
	keys := []string{"languages", lang}
	switch name {
	case "menu", "menus":
		keys = append(keys, "menus")
	case "params":
		keys = append(keys, "params")
	}
	return keys
}

// underKeyPath nests m under keys: {a: {b: m}} for [a b].
func underKeyPath(m map[string]any, keys []string) map[string]any {
	for i := len(keys) - 1; i >= 0; i-- {
		m = map[string]any{keys[i]: m}
	}
	return m
}
