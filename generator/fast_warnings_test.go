package generator

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestFastPathWarnings: a text edit on the fast path keeps the warnings
// of quiet pages without gathering them again, and still shows a warning
// the edit adds (raw HTML left out) and drops it when the edit is undone.
func TestFastPathWarnings(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeSite(t, dir, baseSite())
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	story := filepath.Join(dir, "content", "stories", "a.md")
	warned := func(out *Output) bool {
		for _, w := range out.Warnings() {
			if strings.Contains(w.Error(), "raw HTML is left out") {
				return true
			}
		}
		return false
	}
	for i, tt := range []struct {
		body string
		warn bool
	}{
		{"First para of A.\n\nQuiet edit.\n", false},
		{"First para of A.\n\n<div>raw</div>\n", true},
		{"First para of A.\n\n<div>still raw</div>\n", true},
		{"First para of A.\n\nQuiet again.\n", false},
	} {
		writeSite(t, dir, map[string]string{"content/stories/a.md": "---\ntitle: A\ndate: 2024-01-01\ntags: [x]\n---\n" + tt.body})
		out, err := b.Rebuild(ctx, []string{story})
		if err != nil {
			t.Fatal(err)
		}
		if got := warned(out); got != tt.warn {
			t.Errorf("edit %d: raw HTML warning %v, want %v (warnings: %v)", i, got, tt.warn, out.Warnings())
		}
		if got := warned(&Output{warnings: b.Warnings()}); got != tt.warn {
			t.Errorf("edit %d: Builder.Warnings raw HTML %v, want %v", i, got, tt.warn)
		}
	}
}
