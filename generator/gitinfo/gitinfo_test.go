package gitinfo

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	rec := func(hash, subject, date string, files ...string) string {
		s := "\x1e" + hash + "\x1f" + hash[:3] + "\x1f" + subject + "\x1fAnn\x1fann@ex.org\x1f" + date + "\x1f" + date + "\n\n"
		for _, f := range files {
			s += f + "\n"
		}
		return s
	}
	out := rec("bbbbbb", "newer", "2024-02-01T00:00:00Z", "site/content/a.md") +
		rec("aaaaaa", "older", "2023-01-01T10:00:00+02:00", "site/content/a.md", "site/content/b.md", "other/x.md")
	m := parse([]byte(out), "site")
	if len(m) != 2 {
		t.Fatalf("parse gave %d files, want 2 (other/ is outside the site): %v", len(m), m)
	}
	if a := m["content/a.md"]; a == nil || a.Subject != "newer" || a.AbbreviatedHash != "bbb" {
		t.Errorf("content/a.md = %+v, want the newer commit", a)
	}
	b := m["content/b.md"]
	want := time.Date(2023, 1, 1, 10, 0, 0, 0, time.FixedZone("", 2*3600))
	if b == nil || b.Subject != "older" || !b.AuthorDate.Equal(want) || b.AuthorName != "Ann" {
		t.Errorf("content/b.md = %+v, want the older commit at %v", b, want)
	}
	if m := parse([]byte(out), "."); m["site/content/a.md"] == nil {
		t.Errorf("a site at the repository's top: paths kept whole, got %v", m)
	}
}
