package generator

import (
	"slices"
	"testing"
)

// TestLongFirst: the sitemap, the feeds and list pages are handed out
// first, each group in its order; every job once.
func TestLongFirst(t *testing.T) {
	jobs := []*job{
		{kind: jobPage, out: "a/index.html"},
		{kind: jobPage, out: "index.html", list: true},
		{kind: jobAlias, out: "old/index.html"},
		{kind: jobPage, out: "b/index.html"},
		{kind: jobFeed, out: "index.xml"},
		{kind: jobPage, out: "tags/x/index.html", list: true},
		{kind: jobSitemap, out: "sitemap.xml"},
		{kind: jobRobots, out: "robots.txt"},
	}
	var got []string
	for _, j := range longFirst(jobs) {
		got = append(got, j.out)
	}
	want := []string{"index.html", "index.xml", "tags/x/index.html", "sitemap.xml",
		"a/index.html", "old/index.html", "b/index.html", "robots.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("longFirst:\n got %q\nwant %q", got, want)
	}
}
