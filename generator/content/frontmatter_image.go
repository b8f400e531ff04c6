package content

import (
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// image reads the image key: a path ("cover.jpg"), or a map with src,
// alt and focus (image: {src: cover.jpg, alt: The team, focus: [0.3, 0.6]}).
func (d *decoder) image(f *FrontMatter, k string, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		f.Image = d.str(k, v)
		return
	}
	for mk, mv := range m {
		switch strings.ToLower(mk) {
		case "src":
			s, ok := mv.(string)
			if !ok {
				d.nestedErrorf(k, mk, "%s.%s: must be text, not %s", k, mk, describe(mv))
			}
			f.Image = s
		case "alt":
			f.ImageAlt, _ = mv.(string)
		case "focus":
			f.ImageFocus = d.focusAt(k, mk, mv)
		default:
			d.nestedErrorf(k, mk, "%s.%s: unknown key (src, alt, focus)", k, mk)
		}
	}
	if _, ok := m["src"]; !ok {
		d.errorf(k, "%s: the map needs src (the image's path)", k)
	}
}

// focus reads a focal point: two numbers from 0 to 1, [x, y] from the
// top left.
func (d *decoder) focus(k string, v any) []float64 {
	return d.focusAt(k, "", v)
}

// nestedErrorf adds an error at key below parent.
func (d *decoder) nestedErrorf(parent, key, format string, args ...any) {
	line, col := d.nestedLine(parent, key)
	d.errs.Add(d.file, diag.Errorf(d.file, line, col, format, args...))
}

// focusAt reads a focal point at parent (or parent.key when key is not "").
func (d *decoder) focusAt(parent, key string, v any) []float64 {
	k := parent
	fail := func(format string, args ...any) {
		if key == "" {
			d.errorf(parent, format, args...)
		} else {
			d.nestedErrorf(parent, key, format, args...)
		}
	}
	if key != "" {
		k = parent + "." + key
	}
	l, ok := v.([]any)
	if !ok || len(l) != 2 {
		fail("%s: must be two numbers from 0 to 1, [x, y] from the top left (as [0.5, 0.3])", k)
		return nil
	}
	out := make([]float64, 2)
	for i, e := range l {
		var n float64
		switch e := e.(type) {
		case int:
			n = float64(e)
		case int64:
			n = float64(e)
		case uint64:
			n = float64(e)
		case float64:
			n = e
		default:
			fail("%s: must be two numbers from 0 to 1, not %s", k, describe(e))
			return nil
		}
		if n < 0 || n > 1 {
			fail("%s: %g is not from 0 to 1 (fractions of the width and height)", k, n)
			return nil
		}
		out[i] = n
	}
	return out
}
