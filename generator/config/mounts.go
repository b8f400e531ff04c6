package config

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// Mount is a folder (or file) of the site or its theme that Hugo sees in
// one of its component folders (module.mounts): Docsy mounts the theme's
// node_modules/bootstrap as assets/vendor/bootstrap.
type Mount struct {
	// Source is relative to the site folder, slash-separated
	// ("themes/docsy/node_modules/bootstrap").
	Source string
	// Target is a component folder or a folder inside one
	// ("assets/vendor/bootstrap").
	Target string
}

// components are Hugo's component folders, the targets a mount may have.
var components = []string{"archetypes", "assets", "content", "data", "i18n", "layouts", "static"}

// mountedComponents are those whose mounts Storyfront follows; the others
// are read from their own folders of the site and the theme.
var mountedComponents = []string{"assets", "static"}

// Mounts lists where component's files ("assets", "static") come from, in
// lookup order: a file of an earlier mount hides the same path of a later
// one. They are the site's mounts, then the theme's; without
// module.mounts, the component's folder in the site, then in the theme.
func (c *Config) Mounts(component string) []Mount {
	if c.mounts == nil {
		out := []Mount{{Source: component, Target: component}}
		if c.Theme != "" {
			out = append(out, Mount{Source: path.Join(c.ThemeFolder(), component), Target: component})
		}
		return out
	}
	var out []Mount
	for _, m := range c.mounts {
		if m.Target == component || strings.HasPrefix(m.Target, component+"/") {
			out = append(out, m)
		}
	}
	return out
}

// readMounts reads the site's and the theme's module.mounts (theme is the
// theme's own config, lower-cased) as hugo 0.111.3 does: the site's own
// folders stay mounted for each component its mounts do not name; a theme
// with mounts has only those, else its component folders; a mount whose
// source does not exist is left out. It returns nil when neither sets
// mounts (the default folders, see Config.Mounts).
func (h *HugoConfig) readMounts(dir string, site, theme map[string]any) ([]Mount, error) {
	siteMounts, err := h.mountList(site, "module.mounts", "")
	if err != nil {
		return nil, err
	}
	siteMounts = append(siteMounts, h.legacyDirMounts(site, siteMounts)...)
	themeDir := h.theme.dir
	name := themeDir
	var themeMounts []Mount
	if name != "" {
		if themeMounts, err = h.mountList(theme, "module.mounts", themeDir); err != nil {
			return nil, err
		}
	}
	if siteMounts == nil && themeMounts == nil {
		return nil, nil
	}
	exists := func(rel string) bool {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		return err == nil
	}
	var out []Mount
	for _, c := range components {
		named := false
		for _, m := range siteMounts {
			if m.Target == c || strings.HasPrefix(m.Target, c+"/") {
				named = true
				if exists(m.Source) {
					out = append(out, m)
				}
			}
		}
		if !named {
			out = append(out, Mount{Source: c, Target: c})
		}
	}
	if name != "" {
		if themeMounts == nil {
			for _, c := range components {
				themeMounts = append(themeMounts, Mount{Source: path.Join(themeDir, c), Target: c})
			}
		}
		for _, m := range themeMounts {
			if exists(m.Source) {
				out = append(out, m)
			}
		}
	}
	for _, m := range out {
		comp, _, _ := strings.Cut(m.Target, "/")
		if slices.Contains(mountedComponents, comp) {
			continue
		}
		if m.Target == comp && (m.Source == comp || name != "" && m.Source == path.Join(themeDir, comp)) {
			continue // the folder Storyfront reads anyway
		}
		h.warn("module.mounts", fmt.Sprintf("%s mounted at %s: Storyfront follows mounts into %s only; %s/ is read from the site's and the theme's own folders",
			m.Source, m.Target, strings.Join(mountedComponents, " and "), comp))
	}
	return out, nil
}

// mountList reads a module.mounts list of cfg (lower-cased), its sources
// relative to owner (the site folder when ""); nil when it has none.
func (h *HugoConfig) mountList(cfg map[string]any, key, owner string) ([]Mount, error) {
	module, _ := cfg["module"].(map[string]any)
	list, ok := module["mounts"].([]any)
	if !ok || len(list) == 0 {
		return nil, nil
	}
	file, line := h.where(key)
	out := []Mount{}
	for i, it := range list {
		m, ok := it.(map[string]any)
		if !ok {
			return nil, diag.Errorf(file, line, 1, "module.mounts[%d]: a table with source and target, not %T", i, it)
		}
		src, tgt := strings.TrimSpace(toStr(m["source"])), strings.TrimSpace(toStr(m["target"]))
		if src == "" || tgt == "" {
			return nil, diag.Errorf(file, line, 1, "module.mounts[%d]: both source and target must be set", i)
		}
		tgt = path.Clean(filepath.ToSlash(tgt))
		comp, _, _ := strings.Cut(tgt, "/")
		if !slices.Contains(components, comp) {
			return nil, diag.Errorf(file, line, 1, "module.mounts[%d]: target %q must be in one of %s", i, tgt, strings.Join(components, ", "))
		}
		if filepath.IsAbs(src) {
			return nil, diag.Errorf(file, line, 1, "module.mounts[%d]: source %q: Storyfront mounts folders inside the site folder only", i, src)
		}
		s := path.Join(owner, filepath.ToSlash(src))
		if s == ".." || strings.HasPrefix(s, "../") {
			return nil, diag.Errorf(file, line, 1, "module.mounts[%d]: source %q is outside the site folder", i, src)
		}
		for _, k := range []string{"lang", "includefiles", "excludefiles"} {
			if _, ok := m[k]; ok {
				h.warn(key, fmt.Sprintf("mount %s: %s is not supported: every file of the source is mounted", src, k))
			}
		}
		out = append(out, Mount{Source: s, Target: tgt})
	}
	return out, nil
}

// legacyDirMounts are the mounts Hugo makes of the older folder settings
// (assetDir = "src", staticDir = ["static", "shared"], staticDir0 ...
// staticDir10) for a component the site's module.mounts do not name, as
// hugo 0.111.3 does; a setting that names the default folder adds none,
// and a folder outside the site is left out with a warning.
func (h *HugoConfig) legacyDirMounts(site map[string]any, mounts []Mount) []Mount {
	named := func(c string) bool {
		return slices.ContainsFunc(mounts, func(m Mount) bool { return m.Target == c || strings.HasPrefix(m.Target, c+"/") })
	}
	dirs := func(v any) []string {
		var out []string
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, it := range v {
				out = append(out, toStr(it))
			}
		}
		return out
	}
	var out []Mount
	if d := dirs(site["assetdir"]); !named("assets") && len(d) == 1 && path.Clean(d[0]) != "assets" {
		out = append(out, Mount{Source: path.Clean(filepath.ToSlash(d[0])), Target: "assets"})
	}
	var static []string
	for i := -1; i <= 10; i++ {
		key := "staticdir"
		if i >= 0 {
			key = fmt.Sprintf("staticdir%d", i)
		}
		static = append(static, dirs(site[key])...)
	}
	if !named("static") && !(len(static) == 0 || len(static) == 1 && path.Clean(static[0]) == "static") {
		for _, d := range static {
			out = append(out, Mount{Source: path.Clean(filepath.ToSlash(d)), Target: "static"})
		}
	}
	inside := out[:0]
	for _, m := range out {
		if filepath.IsAbs(m.Source) || m.Source == ".." || strings.HasPrefix(m.Source, "../") {
			key := "assetDir"
			if m.Target == "static" {
				key = "staticDir"
			}
			h.warn(strings.ToLower(key), fmt.Sprintf("%s is outside the site folder: Storyfront reads folders inside it only", m.Source))
			continue
		}
		inside = append(inside, m)
	}
	return inside
}

func toStr(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}
