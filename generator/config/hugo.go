package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	toml "github.com/pelletier/go-toml/v2"

	"github.com/storyfront/storyfront/generator/diag"
)

// HugoDir is the folder of Hugo's split config (config/_default/...).
const HugoDir = "config"

// hugoRootNames are the config files Hugo looks for in a site folder, in
// the order it prefers them.
func hugoRootNames() []string {
	return []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
		"config.toml", "config.yaml", "config.yml", "config.json"}
}

// IsConfigPath reports whether a path relative to the site folder
// (slash-separated) is part of the site's config: site.yaml, a Hugo root
// config file or a file under config/.
func IsConfigPath(rel string) bool {
	if rel == FileName || slices.Contains(hugoRootNames(), rel) {
		return true
	}
	return strings.HasPrefix(rel, HugoDir+"/")
}

// HugoConfig is a Hugo site's config read and mapped onto site.yaml's keys.
type HugoConfig struct {
	// File is the main config file (the root file, or the first of
	// config/_default/).
	File string
	// Files are every file read, in merge order.
	Files []string
	// Settings is the config as site.yaml keys, ready to marshal.
	Settings map[string]any
	// Ignored lists each Hugo setting that has no Storyfront meaning, once,
	// located in its file.
	Ignored []*diag.Error

	lines map[string]keyPlace // lower-case dotted key path -> where it is set

	// others are the site's other languages' configs, made like this one
	// with their languages.KEY block over the root settings; order is
	// every language's key in Hugo's order (weight, then key), nil for a
	// site with one language (hugo_languages.go).
	others   []*HugoConfig
	order    []string
	disabled []string // the languages disabled
	// langKeys are the keys this config's language block sets, found under
	// langPrefix ("languages.fr."); quiet leaves out the warnings of root
	// settings, which the default language's config gives once.
	langKeys   map[string]bool
	langPrefix string
	quiet      bool
	// mounts are module.mounts of the site and the theme (nil: none).
	mounts []Mount
	// raw is the config merged with its keys as written (a language
	// block's keys are its .Site.Params, whose case templates keep).
	raw map[string]any
	// envKeys are the lower-case key paths a HUGO_* variable sets, with
	// its name (hugo_env.go).
	envKeys map[string]string
	// view is the settings as translated: the root's with this
	// language's block over them (Config.HugoSetting).
	view map[string]any
	// theme is the theme the config names, in themes/ or _vendor/.
	theme themeRef
}

type keyPlace struct {
	file string
	line int
	orig string // the key path as the file spells it
}

// ReadHugo reads the Hugo config of dir with Hugo's merge rules (see
// hugoFiles and dirKeyPath): the root file (hugo.toml, hugo.yaml,
// hugo.json, config.toml...), then config/_default/, then
// config/production/. Keys are case-insensitive, as in Hugo, except those
// under params.
func ReadHugo(dir string) (*HugoConfig, error) {
	return ReadHugoWith(dir, LoadOptions{})
}

// ReadHugoWith is ReadHugo in an environment: o.Environment picks the
// config/<environment>/ folder, and o.Environ's HUGO_* variables override
// settings as hugo's do.
func ReadHugoWith(dir string, o LoadOptions) (*HugoConfig, error) {
	files := hugoFiles(dir, o.environment())
	if len(files) == 0 {
		return nil, diag.Errors{diag.Errorf(FileName, 0, 0, "not found: no site.yaml and no Hugo config")}
	}
	h := &HugoConfig{File: files[0], Files: files, lines: map[string]keyPlace{}, raw: map[string]any{}}
	merged := map[string]any{}
	var errs diag.Errors
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			errs = append(errs, diag.Errorf(f, 0, 0, "%w", err))
			continue
		}
		m, err := decodeConfigFile(f, src)
		if err != nil {
			errs = append(errs, err.(*diag.Error))
			continue
		}
		m = underKeyPath(m, dirKeyPath(f)) // config/_default/params.toml is params:
		h.place(f, src, m, "", "")
		mergeConfig(merged, lowerKeys(m, ""))
		mergeConfig(h.raw, deepCopy(m))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	// HUGO_* variables, before the theme's config (HUGO_THEME names it)
	// as hugo applies them first.
	h.applyEnv(merged, hugoEnvSettings(o.Environ))
	h.theme = resolveTheme(dir, merged)
	theme, err := h.themeConfig(dir, o.environment(), merged)
	if err != nil {
		return nil, err
	}
	mounts, err := h.readMounts(dir, merged, theme)
	if err != nil {
		return nil, diag.Errors{err.(*diag.Error)}
	}
	h.Settings = map[string]any{"hugo": true}
	if errs := h.languages(merged); len(errs) > 0 {
		return nil, errs
	}
	h.mounts = mounts
	for _, o := range h.others {
		o.mounts = mounts
	}
	for _, c := range append([]*HugoConfig{h}, h.others...) {
		if _, ok := c.Settings["enableRobotsTXT"]; !ok {
			c.Settings["enableRobotsTXT"] = false // Hugo's default
		}
	}
	return h, nil
}

// decodeConfigFile decodes a TOML, YAML or JSON config file into a map.
func decodeConfigFile(file string, src []byte) (map[string]any, error) {
	if err := diag.CheckUTF8(file, src); err != nil {
		return nil, err
	}
	m := map[string]any{}
	if len(bytes.TrimSpace(src)) == 0 {
		return m, nil
	}
	switch path.Ext(file) {
	case ".toml":
		if err := toml.Unmarshal(src, &m); err != nil {
			var de *toml.DecodeError
			if errors.As(err, &de) {
				line, col := de.Position()
				return nil, &diag.Error{File: file, Line: line, Col: col, Msg: strings.TrimPrefix(de.Error(), "toml: "), Err: err}
			}
			return nil, diag.Errorf(file, 1, 1, "%w", err)
		}
	case ".json":
		if err := json.Unmarshal(src, &m); err != nil {
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			off := int64(0)
			switch {
			case errors.As(err, &se):
				off = se.Offset - 1 // the offset is just after the bad byte
			case errors.As(err, &te):
				off = te.Offset
			}
			line, col := lineCol(src, off)
			return nil, &diag.Error{File: file, Line: line, Col: col, Msg: err.Error(), Err: err}
		}
	default:
		if err := UnmarshalHugoYAML(file, 0, src, &m); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func lineCol(src []byte, off int64) (int, int) {
	if off > int64(len(src)) {
		off = int64(len(src))
	}
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// place records where each key path of m is set in file, found by a plain
// scan for the key at the start of a line (or a TOML table header).
func (h *HugoConfig) place(file string, src []byte, m map[string]any, lowerPath, origPath string) {
	for k, v := range m {
		lp := strings.TrimPrefix(lowerPath+"."+strings.ToLower(k), ".")
		op := strings.TrimPrefix(origPath+"."+k, ".")
		h.lines[lp] = keyPlace{file: file, line: findKeyLine(src, k), orig: op}
		if sub, ok := v.(map[string]any); ok {
			h.place(file, src, sub, lp, op)
		}
	}
}

// findKeyLine returns the first line that sets key (key = , key:, "key":,
// [a.key] or [[a.key]]), or 1.
func findKeyLine(src []byte, key string) int {
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		t = strings.TrimLeft(t, "[\"'")
		if j := strings.LastIndexByte(t, '.'); strings.HasPrefix(strings.TrimSpace(l), "[") && j >= 0 {
			t = t[j+1:]
		}
		if !strings.HasPrefix(strings.ToLower(t), strings.ToLower(key)) {
			continue
		}
		rest := strings.TrimLeft(t[len(key):], "\"' \t")
		if rest == "" || rest[0] == '=' || rest[0] == ':' || rest[0] == ']' {
			return i + 1
		}
	}
	return 1
}

// lowerKeys returns m with keys lower-cased (Hugo's keys are
// case-insensitive), except under params, whose keys templates read as
// written.
func lowerKeys(m map[string]any, parent string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		lk := strings.ToLower(k)
		if parent == "params" {
			out[k] = v
			continue
		}
		switch v := v.(type) {
		case map[string]any:
			out[lk] = lowerKeys(v, lk)
		case []any:
			items := make([]any, len(v))
			for i, it := range v {
				if im, ok := it.(map[string]any); ok {
					items[i] = lowerKeys(im, lk)
				} else {
					items[i] = it
				}
			}
			out[lk] = items
		default:
			out[lk] = v
		}
	}
	return out
}

// mergeConfig merges src into dst: maps deeply, anything else replaced.
func mergeConfig(dst, src map[string]any) {
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok {
			if dm, ok := dst[k].(map[string]any); ok {
				mergeConfig(dm, sm)
				continue
			}
		}
		dst[k] = v
	}
}

// LoadHugo reads dir's Hugo config (ReadHugo) into a Config, with defaults
// as Hugo has them, and validates it. Ignored settings are its Warnings.
func LoadHugo(dir string) (*Config, error) {
	return LoadHugoWith(dir, LoadOptions{})
}

// LoadHugoWith is LoadHugo in an environment (ReadHugoWith).
func LoadHugoWith(dir string, o LoadOptions) (*Config, error) {
	h, err := ReadHugoWith(dir, o)
	if err != nil {
		return nil, err
	}
	return h.Config()
}

// Config decodes the mapped settings into a Config and validates it.
func (h *HugoConfig) Config() (*Config, error) {
	src, err := yaml.Marshal(h.Settings)
	if err != nil {
		return nil, diag.Errors{diag.Errorf(h.File, 1, 1, "%w", err)}
	}
	var c Config
	if err := yaml.Unmarshal(src, &c); err != nil {
		msg := yamlError(h.File, 0, err).Msg
		if names := h.envNames(); names != "" {
			msg += " (settings from the environment: " + names + ")"
		}
		return nil, diag.Errors{diag.Errorf(h.File, 1, 1, "%v", msg)}
	}
	c.origin = h.File
	c.hugoView = h.view
	c.locate = h.locate
	if len(h.envKeys) > 0 {
		c.envOf = func(p string) string { return h.envName(hugoKeyOf(p)) }
	}
	c.disabled = h.disabled
	c.mounts = h.mounts
	c.Warnings = h.Ignored
	v := &validator{cfg: &c}
	c.applyDefaults()
	c.validate(v)
	if len(v.errs) > 0 {
		return nil, v.errs.Sort()
	}
	if len(h.order) == 0 {
		return &c, nil
	}
	// A multilingual site: each language's config, in Hugo's order.
	byKey := map[string]*Config{c.LanguageKey: &c}
	var errs diag.Errors
	for _, o := range h.others {
		oc, err := o.Config()
		if err != nil {
			errs = append(errs, err.(diag.Errors)...)
			continue
		}
		c.Warnings = append(c.Warnings, oc.Warnings...)
		oc.Warnings = nil
		byKey[oc.LanguageKey] = oc
	}
	if len(errs) > 0 {
		return nil, errs.Sort()
	}
	for _, k := range h.order {
		c.Languages = append(c.Languages, byKey[k])
	}
	for _, l := range c.Languages {
		l.Languages = c.Languages
	}
	return &c, nil
}

// locate finds a site.yaml key path ("$.pagination.pagerSize") among the
// Hugo files: the line of its Hugo key, or of its nearest parent.
func (h *HugoConfig) locate(p string) (int, int) {
	lp := hugoKeyOf(p)
	if top, _, _ := strings.Cut(lp, "."); h.langKeys[top] {
		lp = h.langPrefix + lp
	}
	_, line := h.where(lp)
	return line, 1
}

// where returns the file and line of a lower-case Hugo key path, or of its
// nearest parent; the main file's line 1 when it is not found.
func (h *HugoConfig) where(lp string) (string, int) {
	for lp != "" {
		if kp, ok := h.lines[lp]; ok {
			return kp.file, kp.line
		}
		i := strings.LastIndexByte(lp, '.')
		if i < 0 {
			break
		}
		lp = lp[:i]
	}
	return h.File, 1
}

// hugoKeyOf turns a site.yaml path into the Hugo key path it came from.
func hugoKeyOf(p string) string {
	p = strings.TrimPrefix(strings.TrimPrefix(p, "$"), ".")
	if i := strings.IndexByte(p, '['); i >= 0 {
		p = p[:i]
	}
	switch {
	case p == "language":
		return "languagecode"
	case p == "pagination.pagerSize":
		return "paginate"
	case strings.HasPrefix(p, "build."):
		return "build" + strings.ToLower(strings.TrimPrefix(p, "build."))
	}
	return strings.ToLower(p)
}

// ignore records a Hugo setting that is not used, with why.
func (h *HugoConfig) ignore(lp, why string) {
	if name := h.envName(lp); name != "" {
		// Set by a HUGO_* variable: hugo takes any key (CI services set
		// HUGO_VERSION...), so an unknown one is no news; the why of
		// another may show the value, which may be a secret.
		if why != notSupported && !h.quiet {
			h.Ignored = append(h.Ignored, diag.Errorf("$"+name, 0, 0, "ignored Hugo setting %s: its value (not shown) is not one Storyfront can use", lp))
		}
		return
	}
	top, _, _ := strings.Cut(lp, ".")
	if h.langKeys[top] && top == lp && why == notSupported {
		return // a language's own key is one of its .Site.Params (hugo_languages.go)
	}
	if h.langKeys[top] {
		lp = h.langPrefix + lp // set in the language's block
	} else if h.quiet {
		return // the default language's config warns about it
	}
	h.warn(lp, why)
}

// warn records an ignored setting at lp, a lower-case key path.
func (h *HugoConfig) warn(lp, why string) {
	file, line := h.where(lp)
	name := lp
	if kp, ok := h.lines[lp]; ok {
		name = kp.orig
	}
	h.Ignored = append(h.Ignored, diag.Errorf(file, line, 1, "ignored Hugo setting %s (%s)", name, why))
}

// ignoreChildren records each key of a map setting, or the setting itself.
func (h *HugoConfig) ignoreChildren(lp string, v any, why string) {
	if m, ok := v.(map[string]any); ok && len(m) > 0 {
		for _, k := range sortedKeys(m) {
			h.ignore(lp+"."+k, why)
		}
		return
	}
	h.ignore(lp, why)
}

// isFalsy reports whether a setting's value is Hugo's default for most
// switches (false, 0, ""): setting it changes nothing, so ignoring it
// needs no warning.
// truthy is a setting read as a boolean as Hugo's GetBool reads it: a
// bool, a number not 0, or a string strconv.ParseBool reads as true.
func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		b, _ := strconv.ParseBool(v)
		return b
	case int64:
		return v != 0
	case float64:
		return v != 0
	case uint64:
		return v != 0
	}
	return false
}

func isFalsy(v any) bool {
	switch v := v.(type) {
	case bool:
		return !v
	case string:
		return v == ""
	case int64:
		return v == 0
	case float64:
		return v == 0
	case uint64:
		return v == 0
	case nil:
		return true
	}
	return false
}
