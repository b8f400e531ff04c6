package schema

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// FileName is the site configuration file Load reads.
const FileName = "site.yaml"

// Load reads dir/site.yaml and returns its capture sections, with defaults
// applied and validated. Errors name the file as "site.yaml:line:col".
func Load(dir string) (*Site, error) {
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", FileName, err)
	}
	return Parse(FileName, data)
}

// Parse decodes the baseURL, forms, capture and sales sections of a
// site.yaml document (other keys belong to the generator and are skipped),
// strictly: an unknown key inside these sections is an error. It applies
// defaults and runs Validate. name is used in error messages. Every error
// returned is of type Errors.
func Parse(name string, data []byte) (*Site, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, Errors{yamlError(name, err)}
	}
	site := &Site{}
	var root *ast.MappingNode
	if len(file.Docs) > 0 && file.Docs[0] != nil && file.Docs[0].Body != nil {
		m, ok := unwrapNode(file.Docs[0].Body).(*ast.MappingNode)
		if !ok {
			return nil, Errors{nodeError(name, file.Docs[0].Body, "", "the document must be a mapping of keys to values")}
		}
		root = m
	}
	var errs Errors
	if root != nil {
		for _, kv := range root.Values {
			var target any
			switch kv.Key.String() {
			case "baseURL":
				target = &site.BaseURL
			case "forms":
				target = &site.Forms
			case "capture":
				target = &site.Capture
			case "sales":
				target = &site.Sales
			default:
				continue
			}
			if err := yaml.NodeToValue(kv.Value, target, yaml.DisallowUnknownField()); err != nil {
				errs = append(errs, yamlError(name, err))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	site.SetDefaults()
	if issues := site.check(); len(issues) > 0 {
		for _, is := range issues {
			e := &Error{File: name, Path: pathString(is.path), Msg: is.msg}
			if n := lookup(root, is.path); n != nil {
				tk := n.GetToken()
				e.Line, e.Col = tk.Position.Line, tk.Position.Column
			}
			errs = append(errs, e)
		}
		return nil, errs
	}
	return site, nil
}

// unwrapNode looks through tags and anchors to the value node.
func unwrapNode(n ast.Node) ast.Node {
	for {
		switch v := n.(type) {
		case *ast.TagNode:
			n = v.Value
		case *ast.AnchorNode:
			n = v.Value
		default:
			return n
		}
	}
}

// lookup finds the node at path (keys and indexes) below root; for a
// path that ends in a missing key it returns the key of the closest
// existing parent, which is where the missing key belongs.
func lookup(root *ast.MappingNode, path []any) ast.Node {
	if root == nil {
		return nil
	}
	var cur, lastKey ast.Node = root, nil
	for _, p := range path {
		next := ast.Node(nil)
		switch v := unwrapNode(cur).(type) {
		case *ast.MappingNode:
			key, _ := p.(string)
			for _, kv := range v.Values {
				if kv.Key.String() == key {
					next, lastKey = kv.Value, kv.Key
					break
				}
			}
		case *ast.SequenceNode:
			if i, ok := p.(int); ok && i >= 0 && i < len(v.Values) {
				next = v.Values[i]
			}
		}
		if next == nil {
			if lastKey != nil {
				return lastKey
			}
			return cur
		}
		cur = next
	}
	return cur
}

func yamlError(name string, err error) *Error {
	e := &Error{File: name, Msg: err.Error()}
	var ye yaml.Error
	if errors.As(err, &ye) {
		e.Msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil {
			e.Line, e.Col = tk.Position.Line, tk.Position.Column
		}
	}
	return e
}

func nodeError(name string, n ast.Node, path, msg string) *Error {
	e := &Error{File: name, Path: path, Msg: msg}
	if tk := n.GetToken(); tk != nil {
		e.Line, e.Col = tk.Position.Line, tk.Position.Column
	}
	return e
}
