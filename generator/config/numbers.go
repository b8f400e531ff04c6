package config

import "math"

// PlainNumbers turns the whole numbers of decoded data (int64 from TOML,
// uint64 from YAML) into int, at any depth, so that template functions
// taking an int accept them, as Hugo's do (substr s 0
// .Site.Params.length). It changes maps and lists in place and returns v.
func PlainNumbers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = PlainNumbers(x)
		}
	case []any:
		for i, x := range t {
			t[i] = PlainNumbers(x)
		}
	case int64:
		if t >= math.MinInt && t <= math.MaxInt {
			return int(t)
		}
	case uint64:
		if t <= math.MaxInt {
			return int(t)
		}
	}
	return v
}
