package generator

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeSite writes files (path -> content) under dir.
func writeSite(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// baseSite is a small site whose layouts show neighbours, related pages,
// lists and menus: enough for every dependency edge.
func baseSite() map[string]string {
	return map[string]string{
		"site.yaml": "title: Deps\nbaseURL: https://deps.example/\ntheme: t\n" +
			"menus:\n  main:\n    - {name: About, page: about.md}\n",
		"content/about.md":                "---\ntitle: About\n---\nAbout us.\n",
		"content/stories/a.md":            "---\ntitle: A\ndate: 2024-01-01\ntags: [x]\n---\nFirst para of A.\n\nMore of A.\n",
		"content/stories/b.md":            "---\ntitle: B\ndate: 2024-01-02\ntags: [x, y]\n---\nFirst para of B.\n\nMore of B.\n",
		"content/stories/c.md":            "---\ntitle: C\ndate: 2024-01-03\ntags: [y]\n---\nFirst para of C.\n\nSee [A](a.md).\n",
		"content/news/n.md":               "---\ntitle: N\ndate: 2024-01-04\n---\nNews.\n",
		"themes/t/assets/css/main.css":    "body{color:red}\n",
		"themes/t/static/robots-note.txt": "static\n",
		"themes/t/layouts/_default/baseof.html": `<link href="{{ (asset "css/main.css").RelPermalink }}">` +
			`{{ range .Site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}{{ block "main" . }}{{ end }}`,
		"themes/t/layouts/_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}` +
			`{{ with .Prev }}prev={{ .Title }}{{ end }}{{ with .Next }}next={{ .Title }}{{ end }}` +
			`{{ range .Related }}rel={{ .Title }}{{ end }}{{ end }}`,
		"themes/t/layouts/_default/list.html": `{{ define "main" }}{{ range .Pages }}{{ .Title }}:{{ .Summary }}{{ end }}{{ end }}`,
	}
}

// TestRebuildDependencies edits one thing at a time and checks both what
// Rebuild reports as changed and that its output is exactly what a full
// build of the same files gives.
func TestRebuildDependencies(t *testing.T) {
	tests := []struct {
		name   string
		edit   map[string]string // files to write; "" removes
		unhash bool
		want   []string // Changed(), exactly
		most   int      // at most this many outputs rendered
	}{
		{name: "story body below the summary", edit: map[string]string{
			"content/stories/b.md": "---\ntitle: B\ndate: 2024-01-02\ntags: [x, y]\n---\nFirst para of B.\n\nEdited.\n"},
			want: []string{"stories/b/index.html"}, most: 12},
		{name: "story title", edit: map[string]string{
			"content/stories/a.md": "---\ntitle: A2\ndate: 2024-01-01\ntags: [x]\n---\nFirst para of A.\n\nMore of A.\n"},
			want: []string{"index.xml", "stories/a/index.html", "stories/b/index.html",
				"stories/index.html", "stories/index.xml", "tags/x/index.html"}, most: 12},
		{name: "story summary", edit: map[string]string{
			"content/news/n.md": "---\ntitle: N\ndate: 2024-01-04\n---\nNew news.\n"},
			want: []string{"index.xml", "news/index.html", "news/index.xml", "news/n/index.html"}, most: 10},
		{name: "linked page moves", edit: map[string]string{
			"content/stories/a.md": "---\ntitle: A\nslug: moved\ndate: 2024-01-01\ntags: [x]\n---\nFirst para of A.\n\nMore of A.\n"},
			want: []string{"index.xml", "sitemap.xml", "stories/a/index.html", "stories/c/index.html", "stories/index.xml", "stories/moved/index.html"}},
		{name: "new story", edit: map[string]string{
			"content/stories/d.md": "---\ntitle: D\ndate: 2024-01-05\ntags: [y]\n---\nD.\n"},
			want: []string{"index.xml", "sitemap.xml", "stories/b/index.html", "stories/c/index.html", "stories/d/index.html",
				"stories/index.html", "stories/index.xml", "tags/y/index.html"}},
		{name: "removed story", edit: map[string]string{"content/news/n.md": ""},
			want: []string{"index.html", "index.xml", "news/index.html", "news/index.xml", "news/n/index.html", "sitemap.xml"}},
		{name: "menu page title is not in the menu", edit: map[string]string{
			"content/about.md": "---\ntitle: About us\n---\nAbout us.\n"},
			want: []string{"about/index.html", "index.html", "index.xml"}},
		{name: "page leaves the sitemap", edit: map[string]string{
			"content/about.md": "---\ntitle: About\nsitemap: {disable: true}\n---\nAbout us.\n"},
			want: []string{"sitemap.xml"}},
		{name: "css only, unhashed", unhash: true, edit: map[string]string{"themes/t/assets/css/main.css": "body{color:blue}\n"},
			want: []string{"assets/css/main.css"}},
		{name: "static file", edit: map[string]string{"themes/t/static/robots-note.txt": "changed\n"},
			want: []string{"robots-note.txt"}, most: 0},
		{name: "template", edit: map[string]string{
			"themes/t/layouts/_default/list.html": `{{ define "main" }}LIST{{ range .Pages }}{{ .Title }}{{ end }}{{ end }}`},
			want: []string{"index.html", "news/index.html", "stories/index.html", "tags/index.html", "tags/x/index.html", "tags/y/index.html"}},
		{name: "list layout without text", edit: map[string]string{
			"themes/t/layouts/_default/list.html":   `{{ define "main" }}{{ range .Pages }}{{ .Title }}{{ end }}{{ end }}`,
			"themes/t/layouts/_default/single.html": `{{ define "main" }}{{ .Content }}{{ end }}`},
			want: []string{"about/index.html", "index.html", "news/index.html", "news/n/index.html", "stories/a/index.html",
				"stories/b/index.html", "stories/c/index.html", "stories/index.html", "tags/index.html", "tags/x/index.html", "tags/y/index.html"}},
		{name: "site.yaml", edit: map[string]string{
			"site.yaml": "title: Deps\nbaseURL: https://deps.example/\ntheme: t\n"},
			want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			writeSite(t, dir, baseSite())
			b := NewBuilder(Options{Source: dir, UnhashedAssets: tt.unhash})
			if _, err := b.Build(ctx); err != nil {
				t.Fatal(err)
			}
			var paths []string
			for p, c := range tt.edit {
				full := filepath.Join(dir, filepath.FromSlash(p))
				if c == "" {
					if err := os.Remove(full); err != nil {
						t.Fatal(err)
					}
				} else {
					writeSite(t, dir, map[string]string{p: c})
				}
				paths = append(paths, full)
			}
			out, err := b.Rebuild(ctx, paths)
			if err != nil {
				t.Fatal(err)
			}
			got := out.Changed()
			if tt.name == "site.yaml" {
				// The menu went away: every HTML page changed.
				if len(got) == 0 || !slices.Contains(got, "stories/a/index.html") {
					t.Errorf("Changed() = %v, want every page", got)
				}
			} else if !slices.Equal(got, tt.want) {
				t.Errorf("Changed() = %v\nwant        %v", got, tt.want)
			}
			if tt.unhash && out.Stats().Rendered != 0 {
				t.Errorf("an unhashed asset edit rendered %d outputs, want none", out.Stats().Rendered)
			}
			if tt.most > 0 && out.Stats().Rendered > tt.most {
				t.Errorf("rendered %d outputs, want at most %d", out.Stats().Rendered, tt.most)
			}
			fresh, err := NewBuilder(Options{Source: dir, UnhashedAssets: tt.unhash}).Build(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := diffOutputs(out, fresh); diff != "" {
				t.Errorf("rebuild differs from a full build:\n%s", diff)
			}
		})
	}
}

func diffOutputs(a, b *Output) string {
	var d strings.Builder
	for _, p := range a.Paths() {
		fa, _ := a.files[p], 0
		fb, ok := b.files[p]
		if !ok {
			fmt.Fprintf(&d, "only in rebuild: %s\n", p)
		} else if !bytes.Equal(fa.Data, fb.Data) {
			fmt.Fprintf(&d, "differs: %s\n  rebuild: %s\n  full:    %s\n", p, fa.Data, fb.Data)
		}
	}
	for _, p := range b.Paths() {
		if _, ok := a.files[p]; !ok {
			fmt.Fprintf(&d, "only in full build: %s\n", p)
		}
	}
	return d.String()
}

// TestRebuildAfterError: a broken edit fails with its location, and
// fixing it brings the site back.
func TestRebuildAfterError(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeSite(t, dir, baseSite())
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content/stories/a.md")
	writeSite(t, dir, map[string]string{"content/stories/a.md": "---\ntitle: [x\n---\n"})
	_, err := b.Rebuild(ctx, []string{p})
	if err == nil || !strings.HasPrefix(err.Error(), "content/stories/a.md:2:") {
		t.Fatalf("Rebuild error = %v, want one at content/stories/a.md:2", err)
	}
	// c.md links to a.md: the broken story is reported once, not also as
	// a link to no page.
	if strings.Contains(err.Error(), "link to a.md") {
		t.Errorf("Rebuild error = %v: a false error for the link to the broken story", err)
	}
	writeSite(t, dir, map[string]string{"content/stories/a.md": "---\ntitle: Fixed\ndate: 2024-01-01\n---\nok\n"})
	out, err := b.Rebuild(ctx, []string{p})
	if err != nil {
		t.Fatal(err)
	}
	f, ok := out.Lookup("/stories/a/")
	if !ok || !bytes.Contains(f.Data, []byte("<h1>Fixed</h1>")) {
		t.Fatalf("Lookup(/stories/a/) = %q, %v", f.Data, ok)
	}
	if f, ok := out.Lookup("/stories/c/"); !ok || !bytes.Contains(f.Data, []byte(`href="/stories/a/"`)) {
		t.Errorf("Lookup(/stories/c/) = %q, %v: the link to the fixed story is lost", f.Data, ok)
	}
}

// TestRebuildFolders: a folder added or removed as a whole (one event for
// the folder) adds or removes its pages; paths outside the site's sources
// change nothing.
func TestRebuildFolders(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeSite(t, dir, baseSite())
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir, map[string]string{
		"content/events/e1.md":         "---\ntitle: E1\ndate: 2024-02-01\n---\nE1.\n",
		"content/events/pic/index.md":  "---\ntitle: Pic\ndate: 2024-02-02\n---\nPic.\n",
		"content/events/pic/photo.txt": "photo",
	})
	out, err := b.Rebuild(ctx, []string{filepath.Join(dir, "content/events")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"events/e1/index.html", "events/pic/index.html", "events/pic/photo.txt", "events/index.html"} {
		if !slices.Contains(out.Changed(), p) {
			t.Errorf("Changed() lacks %s: %v", p, out.Changed())
		}
	}
	if err := os.RemoveAll(filepath.Join(dir, "content/events")); err != nil {
		t.Fatal(err)
	}
	out, err = b.Rebuild(ctx, []string{"content/events"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.Lookup("/events/pic/photo.txt"); ok {
		t.Error("a removed folder's file is still published")
	}
	fresh, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffOutputs(out, fresh); diff != "" {
		t.Errorf("rebuild differs from a full build:\n%s", diff)
	}
	out, err = b.Rebuild(ctx, []string{filepath.Join(dir, "public/index.html"), filepath.Join(dir, "content/stories/.a.md.swp")})
	if err != nil || len(out.Changed()) != 0 || out.Stats().Pages != fresh.Stats().Pages {
		t.Errorf("unrelated paths: Changed() = %v, err %v", out.Changed(), err)
	}
}

// TestRebuildPagerPages: pager pages 2..N show their list page's text, so
// an edit of the section's _index.md renders them too (fast path).
func TestRebuildPagerPages(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := baseSite()
	files["site.yaml"] = "title: Deps\nbaseURL: https://deps.example/\ntheme: t\npagination: {pagerSize: 1}\n"
	files["content/stories/_index.md"] = "---\ntitle: Stories\n---\nIntro.\n"
	files["themes/t/layouts/_default/list.html"] = `{{ define "main" }}{{ .Content }}{{ range .Paginator.Pages }}{{ .Title }}{{ end }}{{ end }}`
	writeSite(t, dir, files)
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir, map[string]string{"content/stories/_index.md": "---\ntitle: Stories\n---\nNew intro.\n"})
	out, err := b.Rebuild(ctx, []string{"content/stories/_index.md"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"stories/index.html", "stories/page/2/index.html", "stories/page/3/index.html"}
	if got := out.Changed(); !slices.Equal(got, want) {
		t.Errorf("Changed() = %v, want %v", got, want)
	}
	fresh, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffOutputs(out, fresh); diff != "" {
		t.Errorf("rebuild differs from a full build:\n%s", diff)
	}
	// Pager pages depend on their own part of the list and on the count:
	// retitle a story, then add one that shifts every pager page.
	for _, edit := range []map[string]string{
		{"content/stories/b.md": "---\ntitle: B2\ndate: 2024-01-02\ntags: [x, y]\n---\nFirst para of B.\n"},
		{"content/stories/z.md": "---\ntitle: Z\ndate: 2025-01-01\n---\nNewest.\n"},
	} {
		writeSite(t, dir, edit)
		var paths []string
		for p := range edit {
			paths = append(paths, p)
		}
		out, err := b.Rebuild(ctx, paths)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := NewBuilder(Options{Source: dir}).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := diffOutputs(out, fresh); diff != "" {
			t.Errorf("after %v: rebuild differs from a full build:\n%s", paths, diff)
		}
		if len(out.Changed()) == 0 {
			t.Errorf("after %v: nothing changed", paths)
		}
	}
}

// TestRebuildSiteWideText: a layout reading site-wide lists is rendered
// again on a text edit only if it shows site-wide text.
func TestRebuildSiteWideText(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := baseSite()
	files["themes/t/layouts/_default/single.html"] = `{{ define "main" }}{{ .Content }}` +
		`{{ range .Tags }}{{ range where $.Site.Tags "Name" . }}<a href="{{ .RelPermalink }}">{{ .Name }}</a>{{ end }}{{ end }}{{ end }}`
	files["themes/t/layouts/index.html"] = `{{ range first 2 .Site.RegularPages }}{{ .Summary }}{{ end }}`
	writeSite(t, dir, files)
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	// n.md is the newest page: the home page shows its summary.
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"---\ntitle: N\ndate: 2024-01-04\n---\nNews, edited.\n", []string{"index.html", "index.xml", "news/index.html", "news/index.xml", "news/n/index.html"}},
		{"---\ntitle: N\ndate: 2024-01-04\n---\nNews, edited.\n\nA second paragraph.\n", []string{"news/n/index.html"}},
	} {
		writeSite(t, dir, map[string]string{"content/news/n.md": tt.src})
		out, err := b.Rebuild(ctx, []string{"content/news/n.md"})
		if err != nil {
			t.Fatal(err)
		}
		if got := out.Changed(); !slices.Equal(got, tt.want) {
			t.Errorf("Changed() = %v, want %v", got, tt.want)
		}
		if out.Stats().Rendered > 6 {
			t.Errorf("rendered %d outputs; the stories reading .Site.Tags should not be", out.Stats().Rendered)
		}
		fresh, err := NewBuilder(Options{Source: dir}).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := diffOutputs(out, fresh); diff != "" {
			t.Errorf("rebuild differs from a full build:\n%s", diff)
		}
	}
}

// TestRebuildBundleImage: a bundle page's relative image becomes the
// resource's URL once the file is there, and goes back when it is removed;
// the page and the lists showing it follow.
func TestRebuildBundleImage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := baseSite()
	files["content/stories/p/index.md"] = "---\ntitle: P\ndate: 2024-01-05\nimage: cover.svg\n---\nP.\n"
	files["themes/t/layouts/_default/single.html"] = `{{ define "main" }}<img src="{{ .Image }}">{{ .JSONLD }}{{ end }}`
	files["themes/t/layouts/_default/list.html"] = `{{ define "main" }}{{ range .Pages }}{{ .Title }}={{ .Image }};{{ end }}{{ end }}`
	writeSite(t, dir, files)
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	cover := filepath.Join(dir, "content/stories/p/cover.svg")
	for _, step := range []string{"add", "remove"} {
		if step == "add" {
			writeSite(t, dir, map[string]string{"content/stories/p/cover.svg": "<svg/>"})
		} else if err := os.Remove(cover); err != nil {
			t.Fatal(err)
		}
		out, err := b.Rebuild(ctx, []string{cover})
		if err != nil {
			t.Fatal(err)
		}
		f, _ := out.Lookup("/stories/p/")
		if has := bytes.Contains(f.Data, []byte(`src="/stories/p/cover.svg"`)); has != (step == "add") {
			t.Errorf("%s: page = %s", step, f.Data)
		}
		fresh, err := NewBuilder(Options{Source: dir}).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := diffOutputs(out, fresh); diff != "" {
			t.Errorf("%s: rebuild differs from a full build:\n%s", step, diff)
		}
	}
}

// TestRebuildTagsPages: content/tags/_index.md and content/tags/<tag>/_index.md
// added, edited (text only: the fast path; front matter) and removed.
func TestRebuildTagsPages(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := baseSite()
	files["themes/t/layouts/_default/list.html"] = `{{ define "main" }}{{ .Title }}{{ .Content }}{{ range .Pages }}{{ .Title }}:{{ .Summary }}{{ end }}{{ end }}`
	writeSite(t, dir, files)
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		file, src, want string // want: in the file's page
	}{
		{"content/tags/_index.md", "---\ntitle: Topics\n---\nAll topics.\n", "All topics."},
		{"content/tags/_index.md", "---\ntitle: Topics\n---\nEvery topic.\n", "Every topic."},
		{"content/tags/x/_index.md", "---\ntitle: Ex\n---\nAbout x.\n", "About x."},
		{"content/tags/x/_index.md", "---\ntitle: Ex2\n---\nAbout x.\n", "About x."},
		{"content/tags/x/_index.md", "", ""},
		{"content/tags/_index.md", "", ""},
	}
	for _, st := range steps {
		full := filepath.Join(dir, filepath.FromSlash(st.file))
		if st.src == "" {
			if err := os.Remove(full); err != nil {
				t.Fatal(err)
			}
		} else {
			writeSite(t, dir, map[string]string{st.file: st.src})
		}
		out, err := b.Rebuild(ctx, []string{full})
		if err != nil {
			t.Fatal(err)
		}
		if st.want != "" {
			u := "/" + strings.TrimSuffix(strings.TrimPrefix(st.file, "content/"), "_index.md")
			if f, ok := out.Lookup(u); !ok || !bytes.Contains(f.Data, []byte(st.want)) {
				t.Errorf("%s: %s lacks %q", st.file, u, st.want)
			}
		}
		fresh, err := NewBuilder(Options{Source: dir}).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := diffOutputs(out, fresh); diff != "" {
			t.Errorf("after %s: rebuild differs from a full build:\n%s", st.file, diff)
		}
	}
}
