package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml"
)

// transformNS is Hugo's transform namespace, as far as Storyfront has it.
type transformNS struct{}

// Unmarshal reads YAML or JSON text (a string, or a shortcode's .Inner)
// into maps and lists, as Hugo's transform.Unmarshal does: the brand
// blocks take their items this way ({{< stats >}} - value: 3× ...).
func (transformNS) Unmarshal(v any) (any, error) {
	var src string
	switch s := v.(type) {
	case string:
		src = s
	case template.HTML:
		src = string(s)
	default:
		return nil, fmt.Errorf("transform.Unmarshal: want text, got %T", v)
	}
	if strings.TrimSpace(src) == "" {
		return map[string]any{}, nil
	}
	var out any
	if err := yaml.Unmarshal([]byte(deindentText(src)), &out); err != nil {
		return nil, fmt.Errorf("transform.Unmarshal: %s", yaml.FormatError(err, false, false))
	}
	return out, nil
}

// deindentText removes the indentation every non-blank line shares (an
// indented shortcode body is still one YAML document).
func deindentText(s string) string {
	lines := strings.Split(s, "\n")
	prefix, first := "", true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = ind, false
			continue
		}
		for !strings.HasPrefix(ind, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if prefix == "" {
		return s
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, prefix)
	}
	return strings.Join(lines, "\n")
}

// appendList is Hugo's append: {{ $list = $list | append ITEM... }} is a
// new list of the list's items then the ITEMs (the list comes last, as a
// pipeline puts it; nil is an empty list).
func appendList(args ...any) ([]any, error) {
	if len(args) < 2 {
		return nil, fmt.Errorf("append: want items and a list, got %d arguments", len(args))
	}
	var out []any
	if last := args[len(args)-1]; last != nil {
		rv, err := listOf(last)
		if err != nil {
			return nil, fmt.Errorf("append: %w", err)
		}
		for i := 0; i < rv.Len(); i++ {
			out = append(out, rv.Index(i).Interface())
		}
	}
	return append(out, args[:len(args)-1]...), nil
}

// cond is Hugo's cond: a when control is truthy, else b.
func cond(control, a, b any) any {
	if truth(control) {
		return a
	}
	return b
}

// truth is template truthiness: not zero, empty or nil.
func truth(v any) bool {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return false
	}
	return !rv.IsZero() && !(rv.Kind() == reflect.Slice || rv.Kind() == reflect.Map || rv.Kind() == reflect.String) || rv.Len() > 0
}

// inList is Hugo's in: whether a list holds v, or a string contains it.
func inList(set, v any) (bool, error) {
	if s, ok := set.(string); ok {
		return strings.Contains(s, fmt.Sprint(v)), nil
	}
	rv, err := listOf(set)
	if err != nil {
		return false, fmt.Errorf("in: %w", err)
	}
	for i := 0; i < rv.Len(); i++ {
		if fmt.Sprint(rv.Index(i).Interface()) == fmt.Sprint(v) {
			return true, nil
		}
	}
	return false, nil
}
