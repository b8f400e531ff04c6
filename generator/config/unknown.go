package config

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/storyfront/storyfront/generator/diag"
)

// UnknownKeys lists every key of the YAML document src that the struct v
// points to has no field for (by yaml tag), with its place; lineOffset is
// added to lines. The YAML decoder stops at the first unknown key; this
// finds them all, so a writer fixes every typo in one go. Maps with string
// keys accept any key.
func UnknownKeys(file string, lineOffset int, src []byte, v any) diag.Errors {
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil
	}
	var errs diag.Errors
	for _, doc := range f.Docs {
		unknownIn(doc.Body, reflect.TypeOf(v), "", file, lineOffset, &errs)
	}
	return errs
}

func unknownIn(n ast.Node, t reflect.Type, path, file string, lineOffset int, errs *diag.Errors) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n == nil || t == nil {
		return
	}
	switch n := n.(type) {
	case *ast.MappingNode:
		for _, mv := range n.Values {
			unknownKey(mv, t, path, file, lineOffset, errs)
		}
	case *ast.MappingValueNode:
		unknownKey(n, t, path, file, lineOffset, errs)
	case *ast.SequenceNode:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, item := range n.Values {
				unknownIn(item, t.Elem(), fmt.Sprintf("%s[%d]", path, i), file, lineOffset, errs)
			}
		}
	}
}

func unknownKey(mv *ast.MappingValueNode, t reflect.Type, path, file string, lineOffset int, errs *diag.Errors) {
	key := strings.TrimSpace(mv.Key.String())
	switch t.Kind() {
	case reflect.Map:
		unknownIn(mv.Value, t.Elem(), path+"."+key, file, lineOffset, errs)
	case reflect.Struct:
		ft, ok := fieldByTag(t, key)
		if !ok {
			tok := mv.Key.GetToken()
			name := strings.TrimPrefix(path+"."+key, ".")
			*errs = append(*errs, diag.Errorf(file, tok.Position.Line+lineOffset, tok.Position.Column, "unknown key %q", name))
			return
		}
		unknownIn(mv.Value, ft, path+"."+key, file, lineOffset, errs)
	}
}

func fieldByTag(t reflect.Type, key string) (reflect.Type, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if name == key || name == "" && strings.EqualFold(f.Name, key) {
			return f.Type, true
		}
	}
	return nil, false
}
