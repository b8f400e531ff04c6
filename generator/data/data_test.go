package data

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"themes/t/data/brand.yaml":  "color: red\nfont: serif\n",
		"themes/t/data/only.json":   `{"theme": true}`,
		"data/brand.yaml":           "color: blue\n",
		"data/team/jane.toml":       "name = \"Jane\"\nage = 40\n",
		"data/team/sub/joe.json":    `{"name": "Joe", "tags": ["a", "b"]}`,
		"data/prices.csv":           "plan,price\nbasic,10\n",
		"data/list.yaml":            "- 1\n- two\n",
		"data/.hidden.yaml":         "x: 1\n",
		"data/notes.txt":            "not data",
		"data/nested/deep/map.yaml": "a:\n  b: c\n",
	})
	got, err := Load(dir, "themes/t/data", "data")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"brand":  map[string]any{"color": "blue", "font": "serif"},
		"only":   map[string]any{"theme": true},
		"team":   map[string]any{"jane": map[string]any{"name": "Jane", "age": 40}, "sub": map[string]any{"joe": map[string]any{"name": "Joe", "tags": []any{"a", "b"}}}},
		"prices": [][]string{{"plan", "price"}, {"basic", "10"}},
		"list":   []any{1, "two"},
		"nested": map[string]any{"deep": map[string]any{"map": map[string]any{"a": map[string]any{"b": "c"}}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load =\n%#v\nwant\n%#v", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"data/a.yaml": "ok: 1\nbad: [1, 2\n",
		"data/b.toml": "x = 1\ny = \n",
		"data/c.json": "{\n  \"x\": 1,\n  oops\n}",
		"data/d.csv":  "a,b\n\"unclosed,c\n",
		"data/e.yaml": "fine: true\n",
	})
	_, err := Load(dir, "data")
	want := "data/a.yaml:2:6: " // goccy's message follows
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, w := range []string{want, "data/b.toml:2:5: ", "data/c.json:3:3: invalid character 'o'", "data/d.csv:2:"} {
		if !strings.Contains(msg, w) {
			t.Errorf("errors =\n%s\nwant one starting %q", msg, w)
		}
	}
}
