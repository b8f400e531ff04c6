package publish

import (
	"reflect"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/generator/config"
)

func TestHeadersFor(t *testing.T) {
	ms, err := CompileMatchers([]config.DeployMatcher{
		{Pattern: `^fonts/`, CacheControl: "public, max-age=604800"},
		{Pattern: `\.txt$`, ContentType: "text/plain; charset=iso-8859-1", Gzip: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path string
		want Headers
	}{
		{"index.html", Headers{"text/html; charset=utf-8", CacheRevalidate, ""}},
		{"assets/css/main.f30d2737.css", Headers{"text/css; charset=utf-8", CacheImmutable, ""}},
		{"assets/js/forms.21e46874.js", Headers{"text/javascript; charset=utf-8", CacheImmutable, ""}},
		{"images/photo_hu3d03a6a7b8e2f7a1c0ffee12345678_1200_600x0_resize.jpg", Headers{"image/jpeg", CacheImmutable, ""}},
		{"images/logo.svg", Headers{"image/svg+xml", CacheStatic, ""}},
		{"index.xml", Headers{"application/xml", CacheRevalidate, ""}},
		{"manifest.webmanifest", Headers{"application/manifest+json", CacheRevalidate, ""}},
		{"fonts/a.woff2", Headers{"font/woff2", "public, max-age=604800", ""}},
		{"robots.txt", Headers{"text/plain; charset=iso-8859-1", CacheRevalidate, "gzip"}},
		{"blob.unknownext", Headers{"application/octet-stream", CacheStatic, ""}},
	}
	for _, tt := range tests {
		if got := headersFor(tt.path, ms); got != tt.want {
			t.Errorf("headersFor(%q) = %+v, want %+v", tt.path, got, tt.want)
		}
	}
}

func TestMakePlan(t *testing.T) {
	local := []*File{
		{Path: "a/index.html", Size: 3, MD5: "aaa"},
		{Path: "assets/x.css", Size: 2, MD5: "bbb"},
		{Path: "index.html", Size: 1, MD5: "ccc"},
		{Path: "sitemap.xml", Size: 5, MD5: "ddd"},
	}
	remote := []Object{
		{Path: "a/index.html", Size: 3, ETag: "AAA"}, // same (ETag case does not matter)
		{Path: "index.html", Size: 1, ETag: "zzz"},   // changed bytes
		{Path: "sitemap.xml", Size: 9, ETag: "ddd"},  // changed size
		{Path: "gone/index.html", Size: 1, ETag: "q"},
		{Path: "old.css", Size: 1, ETag: "q"},
	}
	p := MakePlan(local, remote, false)
	var got []string
	for _, u := range p.Uploads {
		got = append(got, u.Path+":"+string(u.Reason))
	}
	// Assets first, then pages, then the sitemap.
	if want := []string{"assets/x.css:new", "index.html:changed", "sitemap.xml:changed"}; !reflect.DeepEqual(got, want) {
		t.Errorf("uploads %v, want %v", got, want)
	}
	if want := []string{"gone/index.html", "old.css"}; !reflect.DeepEqual(p.Deletes, want) {
		t.Errorf("deletes %v, want %v", p.Deletes, want)
	}
	if p.Unchanged != 1 || p.UploadBytes != 8 {
		t.Errorf("unchanged %d, bytes %d", p.Unchanged, p.UploadBytes)
	}
	// New files need no invalidation; an index.html also invalidates its folder.
	if got, want := p.InvalidationPaths(), []string{"/", "/gone/", "/gone/index.html", "/index.html", "/old.css", "/sitemap.xml"}; !reflect.DeepEqual(got, want) {
		t.Errorf("invalidation %v, want %v", got, want)
	}
	if p := MakePlan(local, remote, true); len(p.Uploads) != 4 || p.Uploads[1].Reason != ReasonForced {
		t.Errorf("forced plan: %+v", p.Uploads)
	}

	// Many changes: one wildcard.
	var many []Object
	for i := range MaxInvalidationPaths + 1 {
		many = append(many, Object{Path: strings.Repeat("x", i+1) + ".css"})
	}
	if got := MakePlan(nil, many, false).InvalidationPaths(); !reflect.DeepEqual(got, []string{"/*"}) {
		t.Errorf("many paths: %v", got)
	}
	// Paths are escaped.
	if got := MakePlan(nil, []Object{{Path: "a b/ü.html"}}, false).InvalidationPaths(); !reflect.DeepEqual(got, []string{"/a%20b/%C3%BC.html"}) {
		t.Errorf("escaped: %v", got)
	}
}

func TestSummary(t *testing.T) {
	r := &Result{Uploaded: 2, Bytes: 12345, Deleted: 1, Unchanged: 9996, Invalidated: []string{"/a", "/b"}, InvalidationID: "I1"}
	want := "deployed to prod: uploaded 2 (12.3 kB), deleted 1, unchanged 9996 in 0.0 s; invalidated 2 paths (I1)"
	if got := r.Summary("prod"); got != want {
		t.Errorf("Summary =\n%s\nwant\n%s", got, want)
	}
	r.DryRun = true
	if got := r.Summary("prod"); !strings.HasPrefix(got, "dry run for prod: would upload 2") || !strings.HasSuffix(got, "would invalidate 2 paths") {
		t.Errorf("dry-run summary %q", got)
	}
}
