package content

import (
	"reflect"
	"testing"
)

// TestFastYAML checks the fast path decodes what it accepts exactly as
// the YAML decoder does, and leaves the rest to it.
func TestFastYAML(t *testing.T) {
	tests := []struct {
		src  string
		fast bool
	}{
		{"title: \"The year one customer turned feedback into a product\"\ndate: 2016-01-02T20:00:00Z\ntags: [\"strategy\", \"authenticity\", \"purpose\"]\ndescription: \"The launch protects everyday rituals.\"\n", true},
		{"title: Plain words, with a comma\ndate: 2024-03-01\ndraft: true\nweight: 3\ntags: [a, b c]\naliases: []\n", true},
		{"title: x\nslug: my-slug\nurl: \"/about-us/\"\nlayout: wide\nauthor: Ann\nimage: \"/i.png\"\nimageAlt: \"An image\"\nsummary: \"Short.\"\nlastmod: 2024-03-02\n", true},
		{"title: yes\n", false},
		{"title: 2024\n", false},
		{"title: a: b\n", false},
		{"title: x # comment\n", false},
		{"title: 'single'\n", false},
		{"title: \"esc\\\"aped\"\n", false},
		{"tags:\n  - a\n  - b\n", false},
		{"params:\n  x: 1\n", false},
		{"date: \"2024-01-01\"\n", false},
		{"date: 2024-01-01 10:00\n", false},
		{"weight: 01\n", false},
		{"title: x\ntitle: y\n", false},
		{"titel: x\n", false},
		{"draft: True\n", false},
		{"title: \"\r\"\n", false},          // YAML folds the CR into a space
		{"title: \"a\u2028b\"\n", false},    // a line separator
		{"title: \"Café\tcrème\"\n", false}, // tabs go to the decoder (it refuses some runs of them)
		{"title: \"Café crème\"\n", true},
	}
	for _, tt := range tests {
		var fast FrontMatter
		ok := fastYAML([]byte(tt.src), &fast)
		if ok != tt.fast {
			t.Errorf("fastYAML(%q) = %v, want %v", tt.src, ok, tt.fast)
			continue
		}
		if !ok {
			continue
		}
		slow, _, err := decodeFrontMatter("x.md", []byte(tt.src), "yaml")
		if err != nil {
			t.Errorf("decoder: %q: %v", tt.src, err)
			continue
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Errorf("%q:\nfast %+v\nyaml %+v", tt.src, fast, slow)
		}
	}
}

// FuzzFastYAML compares the fast path with the YAML decoder on every
// input: whatever the fast path accepts, the decoder must decode to the
// same front matter.
func FuzzFastYAML(f *testing.F) {
	for _, s := range []string{
		"title: \"The year one customer\"\ndate: 2016-01-02T20:00:00Z\ntags: [\"strategy\", \"purpose\"]\n",
		"title: Plain words, with a comma\ndate: 2024-03-01\ndraft: true\nweight: 3\ntags: [a, b c]\naliases: []\n",
		"title: x\nslug: my-slug\nurl: \"/about-us/\"\nlayout: wide\nsummary: \"Short.\"\nlastmod: 2024-03-02\n",
		"title: \"\r\"\n", "title: \"Café\"\n", "weight: -3\n", "description: \"a\tb\"\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var fast FrontMatter
		if !fastYAML([]byte(src), &fast) {
			return
		}
		slow, _, err := decodeFrontMatter("x.md", []byte(src), "yaml")
		if err != nil {
			t.Fatalf("fast path accepted %q, the decoder refuses it: %v", src, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q:\nfast %#v\nyaml %#v", src, fast, slow)
		}
	})
}
