package config

import "github.com/goccy/go-yaml"

// UnmarshalHugoYAML decodes YAML as Hugo does: a key given twice in one
// map is not an error, the last value wins, and the unquoted YAML 1.1
// words yes, no, on, off... are booleans (yaml11Bools). An error is
// located in file, whose lines start after lineOffset lines.
func UnmarshalHugoYAML(file string, lineOffset int, src []byte, v any) error {
	if err := yaml.UnmarshalWithOptions(src, v, yaml.AllowDuplicateMapKey()); err != nil {
		return yamlError(file, lineOffset, err)
	}
	yaml11Bools(src, v)
	return nil
}
