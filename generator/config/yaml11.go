package config

import (
	"bytes"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// YAML11Bool reads the YAML 1.1 boolean words (yes, no, on, off, y, n in
// their three spellings) that Hugo's YAML decoder (YAML 1.1) takes as
// true or false when they are not quoted; the YAML 1.2 decoder here
// leaves them strings.
func YAML11Bool(s string) (value, ok bool) {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON":
		return true, true
	case "n", "N", "no", "No", "NO", "off", "Off", "OFF":
		return false, true
	}
	return false, false
}

// yaml11Bools makes the unquoted YAML 1.1 boolean words of src true and
// false in v, what src decoded to (a *any or a *map[string]any), at any
// depth: the values of maps and the items of lists, as Hugo reads them
// (`supported: yes` in a data file is a boolean there). A word with a tag
// (!!str yes) stays a string.
func yaml11Bools(src []byte, v any) {
	if !mayHoldYAML11Bool(src) {
		return
	}
	f, err := parser.ParseBytes(src, 0)
	if err != nil || len(f.Docs) == 0 || f.Docs[0] == nil {
		return
	}
	body := f.Docs[0].Body
	switch t := v.(type) {
	case *any:
		*t = yaml11Fix(body, *t)
	case *map[string]any:
		yaml11Fix(body, *t)
	}
}

// mayHoldYAML11Bool is a quick test that src has one of the words.
func mayHoldYAML11Bool(src []byte) bool {
	for _, w := range [...]string{"y", "Y", "n", "N", "on", "On", "ON", "ff", "FF"} {
		if bytes.Contains(src, []byte(w)) {
			return true
		}
	}
	return false
}

func yaml11Fix(n ast.Node, v any) any {
	if a, ok := n.(*ast.AnchorNode); ok {
		n = a.Value
	}
	switch n := n.(type) {
	case *ast.MappingNode:
		if m, ok := v.(map[string]any); ok {
			yaml11Map(n.Values, m)
		}
	case *ast.MappingValueNode:
		if m, ok := v.(map[string]any); ok {
			yaml11Map([]*ast.MappingValueNode{n}, m)
		}
	case *ast.SequenceNode:
		if l, ok := v.([]any); ok {
			for i, e := range n.Values {
				if i < len(l) {
					l[i] = yaml11Fix(e, l[i])
				}
			}
		}
	case *ast.StringNode:
		if s, ok := v.(string); ok && n.Token != nil && n.Token.Type == token.StringType && s == n.Value {
			if b, ok := YAML11Bool(s); ok {
				return b
			}
		}
	}
	return v
}

// yaml11Map fixes the values of m from its pairs; of a key given twice,
// the last pair is the value (as the decoder keeps it).
func yaml11Map(pairs []*ast.MappingValueNode, m map[string]any) {
	seen := map[string]bool{}
	for i := len(pairs) - 1; i >= 0; i-- {
		k, ok := pairs[i].Key.(*ast.StringNode)
		if !ok || seen[k.Value] {
			continue
		}
		seen[k.Value] = true
		if old, ok := m[k.Value]; ok {
			m[k.Value] = yaml11Fix(pairs[i].Value, old)
		}
	}
}
