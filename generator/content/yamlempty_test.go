package content

import "testing"

// TestEmptySeqItems: a lone "-" whose next line is indented no further is
// a null entry, written out for goccy/go-yaml; an entry whose content is
// below it, and block scalar text, are left as they are.
func TestEmptySeqItems(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"tags:\n- \nseries:\n-\ncats:\n- x\n", "tags:\n- null\nseries:\n- null\ncats:\n- x\n"},
		{"l:\n  -\n  - b\n", "l:\n  - null\n  - b\n"},
		{"l:\n-\n  a: 1\n", "l:\n-\n  a: 1\n"},
		{"d: |\n  -\n  text\nk: v\n", "d: |\n  -\n  text\nk: v\n"},
		{"d: >-\n  -\n  -\n", "d: >-\n  -\n  -\n"},
		{"title: x\n", "title: x\n"},
	} {
		if got := string(emptySeqItems([]byte(c.in))); got != c.want {
			t.Errorf("%q: got %q, want %q", c.in, got, c.want)
		}
	}
}
