package config

import (
	"slices"
	"strconv"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// envSetting is one HUGO_* variable as a config key path.
type envSetting struct {
	name  string   // the variable's name, "HUGO_PARAMS_X"
	keys  []string // the lower-case key path, [params x]
	value string
}

// hugoEnvSettings reads the HUGO_* variables of environ as hugo 0.111.3
// does: the character after HUGO is the delimiter of the key path
// (HUGO_PARAMS_X is params.x, HUGOxPARAMSxY is params.y), keys without
// regard to case.
func hugoEnvSettings(environ []string) []envSetting {
	var out []envSetting
	for _, kv := range environ {
		name, value, _ := strings.Cut(kv, "=")
		rest, ok := strings.CutPrefix(name, "HUGO")
		if !ok || len(rest) < 2 {
			continue
		}
		keys := strings.Split(rest[1:], rest[:1]) // the delimiter's case counts
		for i, k := range keys {
			keys[i] = strings.ToLower(k)
		}
		if hasEmpty(keys) {
			continue
		}
		out = append(out, envSetting{name: name, keys: keys, value: value})
	}
	return out
}

func hasEmpty(keys []string) bool {
	for _, k := range keys {
		if k == "" {
			return true
		}
	}
	return false
}

// applyEnv overrides merged (lower-case keys but under params) with the
// HUGO_* variables, as hugo 0.111.3 does: a value replaces a setting of
// the same kind (a string, a number, true or false, a list as YAML); a
// variable whose value does not fit the setting it names, or that names a
// table (which hugo 0.111.3 does not replace either), is left out, with a warning that names it but not its value
// (it may be a secret). A setting the config lacks is set as a string.
// Each setting's place is the variable ($HUGO_X).
func (h *HugoConfig) applyEnv(merged map[string]any, settings []envSetting) {
	for _, e := range settings {
		owner := merged
		for _, k := range e.keys[:len(e.keys)-1] {
			fk, found := findKey(owner, k)
			sub, ok := owner[fk].(map[string]any)
			if !found || !ok {
				sub = map[string]any{}
				owner[k] = sub
				fk = k
			}
			owner = sub
		}
		last := e.keys[len(e.keys)-1]
		key, found := findKey(owner, last)
		if !found {
			owner[last] = newEnvValue(e)
			h.envPlace(e)
			continue
		}
		v, ok := envValue(e.value, owner[key])
		if !ok {
			h.Ignored = append(h.Ignored, diag.Errorf("$"+e.name, 0, 0,
				"ignored: its value (not shown) does not fit the Hugo setting %s it overrides", strings.Join(e.keys, ".")))
			continue
		}
		owner[key] = v
		h.envPlace(e)
	}
}

// envPlace records that the variable sets its key path, so warnings and
// errors about the setting point at it.
func (h *HugoConfig) envPlace(e envSetting) {
	if h.envKeys == nil {
		h.envKeys = map[string]string{}
	}
	lp := strings.Join(e.keys, ".")
	h.envKeys[lp] = e.name
	h.lines[lp] = keyPlace{file: "$" + e.name, line: 0, orig: lp}
}

// envValue converts a variable's value to the kind of the setting it
// replaces, as hugo 0.111.3's UnmarshalStringTo; ok is false when it
// does not fit or the kind is not one hugo converts (a table among them).
func envValue(s string, old any) (any, bool) {
	s = strings.TrimSpace(s)
	switch old.(type) {
	case string:
		return s, true
	case bool:
		b, err := strconv.ParseBool(s)
		return b, err == nil
	case int, int64, uint64:
		t := s // "2.0" is 2, as hugo's cast reads it
		if i := strings.IndexByte(t, '.'); i >= 0 && strings.Trim(t[i+1:], "0") == "" {
			t = t[:i]
		}
		n, err := strconv.ParseInt(t, 0, 64)
		return n, err == nil
	case float64:
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	case []any:
		var v any
		if err := UnmarshalHugoYAML("", 0, []byte(s), &v); err != nil {
			return nil, false
		}
		return v, true
	}
	return nil, false
}

// envName is the variable that sets the lower-case key path lp or one of
// its parents, "" for none.
func (h *HugoConfig) envName(lp string) string {
	for lp != "" {
		if name, ok := h.envKeys[lp]; ok {
			return name
		}
		i := strings.LastIndexByte(lp, '.')
		if i < 0 {
			break
		}
		lp = lp[:i]
	}
	return ""
}

// newEnvValue is the value of a variable that sets a key the config
// lacks: a string, as in hugo 0.111.3, for a param (templates see
// "42"); for a site setting, which hugo reads with the type it wants
// (HUGO_PAGINATE=5), a number or true/false when it reads as one.
func newEnvValue(e envSetting) any {
	if e.keys[0] == "params" || len(e.keys) > 1 && e.keys[0] == "languages" {
		return e.value
	}
	s := strings.TrimSpace(e.value)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	if b, err := strconv.ParseBool(s); err == nil {
		return b
	}
	return e.value
}

// envNames lists the HUGO_* variables that set settings, sorted.
func (h *HugoConfig) envNames() string {
	var names []string
	for _, n := range h.envKeys {
		names = append(names, "$"+n)
	}
	slices.Sort(names)
	return strings.Join(slices.Compact(names), ", ")
}
