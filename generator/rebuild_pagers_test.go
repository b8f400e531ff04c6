package generator

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// TestRebuildPaginationStartsAndStops: a list page has pager pages only
// when its rendering calls .Paginator or .Paginate, so an edit can make a
// layout start or stop paginating: by front matter, by the page's text
// (the fast path, which gives up then), by a layout edit, by .Paginate of
// a list of the template's own. Each rebuild gives exactly what a full
// build of the same files gives, and the pager pages come and go.
func TestRebuildPaginationStartsAndStops(t *testing.T) {
	story := func(title string, day int, show bool) string {
		return fmt.Sprintf("---\ntitle: %s\ndate: 2024-01-%02d\nshow: %v\n---\nText of %s.\n", title, day, show, title)
	}
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"hugo.toml":                    "baseURL = \"https://p.example/\"\ntitle = \"P\"\npaginate = 2\ndisableKinds = [\"taxonomy\", \"term\"]\n",
		"content/posts/_index.md":      "---\ntitle: Posts\nprofile: true\n---\nAbout.\n",
		"content/posts/a.md":           story("A", 1, true),
		"content/posts/b.md":           story("B", 2, false),
		"content/posts/c.md":           story("C", 3, true),
		"content/posts/d.md":           story("D", 4, true),
		"content/posts/e.md":           story("E", 5, true),
		"content/picks/_index.md":      "---\ntitle: Picks\n---\n",
		"content/picks/p.md":           story("P", 6, true),
		"content/news/n.md":            story("N", 7, true),
		"layouts/_default/single.html": `{{ .Title }}`,
		"layouts/_default/list.html": `{{ .Title }} {{ if .Params.profile }}profile{{ else if in (string .Content) "paged" }}` +
			`{{ with .Paginator }}{{ .PageNumber }}/{{ .TotalPages }}{{ range .Pages }} {{ .Title }}{{ end }}{{ end }}{{ else }}plain{{ end }}`,
		"layouts/picks/list.html": `{{ $p := .Paginate (where site.RegularPages "Params.show" true) 3 }}{{ .Title }} {{ $p.PageNumber }}/{{ $p.TotalPages }}{{ range $p.Pages }} {{ .Title }}{{ end }}`,
		"layouts/index.html":      `home`,
	})
	ctx := context.Background()
	b := NewBuilder(Options{Source: dir})
	first, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := first.Lookup("/posts/page/1/"); ok {
		t.Fatal("posts/page/1/ written for a list that does not paginate")
	}
	steps := []struct {
		name  string
		edit  map[string]string
		has   []string // pager pages the output has after the step
		hasnt []string // and has not
	}{
		{"front matter starts it", map[string]string{"content/posts/_index.md": "---\ntitle: Posts\n---\npaged\n"},
			[]string{"/posts/page/1/", "/posts/page/3/"}, nil},
		{"a story of page 2 retitled", map[string]string{"content/posts/c.md": story("C2", 3, true)},
			[]string{"/posts/page/2/"}, nil},
		{"an older story keeps the count", map[string]string{"content/posts/z.md": "---\ntitle: Z\ndate: 2023-12-01\nshow: true\n---\nZ.\n"},
			[]string{"/posts/page/3/"}, []string{"/posts/page/4/"}},
		{"a story elsewhere", map[string]string{"content/news/m.md": story("M", 8, true)},
			[]string{"/posts/page/3/"}, nil},
		{"text stops it (fast path)", map[string]string{"content/posts/_index.md": "---\ntitle: Posts\n---\nflat\n"},
			nil, []string{"/posts/page/1/", "/posts/page/2/"}},
		{"text starts it (fast path)", map[string]string{"content/posts/_index.md": "---\ntitle: Posts\n---\npaged again\n"},
			[]string{"/posts/page/1/", "/posts/page/2/"}, nil},
		{"a story's body", map[string]string{"content/posts/d.md": "---\ntitle: D\ndate: 2024-01-04\nshow: true\n---\nNew text.\n"},
			[]string{"/posts/page/2/"}, nil},
		{"the template's own list grows", map[string]string{"content/posts/b.md": story("B", 2, true)},
			[]string{"/picks/page/3/"}, []string{"/picks/page/4/"}}, // 9 shown, by 3
		{"the template's own list shrinks", map[string]string{"content/posts/a.md": story("A", 1, false), "content/posts/b.md": story("B", 2, false),
			"content/posts/c.md": story("C2", 3, false)},
			[]string{"/picks/page/2/"}, []string{"/picks/page/3/"}},
		{"layout stops it", map[string]string{"layouts/_default/list.html": `{{ .Title }} {{ len .Pages }}`},
			nil, []string{"/posts/page/1/", "/posts/page/2/"}},
		{"layout starts it", map[string]string{"layouts/_default/list.html": `{{ .Title }}{{ range .Paginator.Pages }} {{ .Title }}{{ end }}`},
			[]string{"/posts/page/2/", "/news/page/1/"}, nil},
	}
	for _, st := range steps {
		var changed []string
		for p, c := range st.edit {
			changed = append(changed, filepath.Join(dir, filepath.FromSlash(p)))
			writeSite(t, dir, map[string]string{p: c})
		}
		out, err := b.Rebuild(ctx, changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		full, err := NewBuilder(Options{Source: dir}).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if d := diffOutputs(out, full); d != "" {
			t.Errorf("%s: rebuild and full build differ:\n%s", st.name, d)
		}
		for _, u := range st.has {
			if _, ok := out.Lookup(u); !ok {
				t.Errorf("%s: no %s", st.name, u)
			}
		}
		for _, u := range st.hasnt {
			if _, ok := out.Lookup(u); ok {
				t.Errorf("%s: %s is still there", st.name, u)
			}
		}
		if len(out.Changed()) == 0 {
			t.Errorf("%s: nothing changed", st.name)
		}
	}
}

// TestRebuildKeptListSplitsNewGraph: a list page that is not rendered
// again keeps paginating its own list, split from the new site graph: an
// older story that leaves page 1 and the page count as they were still
// lands on the last pager page, and only that one is rendered again.
func TestRebuildKeptListSplitsNewGraph(t *testing.T) {
	dir := t.TempDir()
	files := baseSite()
	files["site.yaml"] = "title: Deps\nbaseURL: https://deps.example/\ntheme: t\npagination: {pagerSize: 2}\n"
	files["themes/t/layouts/_default/list.html"] = `{{ define "main" }}{{ range .Paginator.Pages }}{{ .Title }}{{ end }}{{ end }}`
	writeSite(t, dir, files)
	ctx := context.Background()
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	writeSite(t, dir, map[string]string{"content/stories/old.md": "---\ntitle: Old\ndate: 2020-01-01\n---\nOld.\n"})
	out, err := b.Rebuild(ctx, []string{"content/stories/old.md"})
	if err != nil {
		t.Fatal(err)
	}
	full, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffOutputs(out, full); d != "" {
		t.Errorf("rebuild and full build differ:\n%s", d)
	}
	if got := out.Changed(); !slices.Contains(got, "stories/page/2/index.html") || slices.Contains(got, "stories/index.html") {
		t.Errorf("Changed() = %v, want stories/page/2/ and not stories/", got)
	}
}
