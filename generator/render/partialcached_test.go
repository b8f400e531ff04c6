package render

import (
	"bytes"
	"html/template"
	"strings"
	"sync"
	"testing"

	"github.com/storyfront/storyfront/generator/site"
)

// TestPartialCached: as Hugo's, the partial runs once per name and
// variants, whatever the data; other variants run it again; ResetCaches
// forgets every output.
func TestPartialCached(t *testing.T) {
	r := newTestRenderer(t, map[string]string{
		"layouts/partials/hello.html": "hello {{ . }}",
		"layouts/partials/page.html":  "{{ .Title }}",
	})
	run := func(src string, data any) string {
		t.Helper()
		tm, err := template.New("t").Funcs(r.funcMap()).Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := tm.Execute(&b, data); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		return b.String()
	}
	tests := []struct{ tmpl, want string }{
		// No variants: the first output stands for every call.
		{`{{ partialCached "hello" "a" }} {{ partialCached "hello.html" "b" }}`, "hello a hello a"},
		// Variants: one output per variant, the data of its first call.
		{`{{ partialCached "hello" "c" "x" }} {{ partialCached "hello" "d" "y" }} {{ partialCached "hello" "e" "x" }}`, "hello c hello d hello c"},
		// 1 and "1" are different variants; several variants make one key.
		{`{{ partialCached "hello" "f" 1 }} {{ partialCached "hello" "g" "1" }} {{ partialCached "hello" "h" 1 2 }} {{ partialCached "hello" "i" 1 2 }}`, "hello f hello g hello h hello h"},
		// The cache lives until ResetCaches: the first line's entry is still there.
		{`{{ partialCached "hello" "z" }}`, "hello a"},
	}
	for _, tt := range tests {
		if got := run(tt.tmpl, nil); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.tmpl, got, tt.want)
		}
	}
	r.ResetCaches()
	if got := run(`{{ partialCached "hello" "z" }}`, nil); got != "hello z" {
		t.Errorf("after ResetCaches: %q, want hello z", got)
	}
	// A page as variant stands for itself: two pages with one title.
	a, b := &site.Page{Title: "A", OutPath: "a/index.html"}, &site.Page{Title: "B", OutPath: "b/index.html"}
	src := `{{ partialCached "page" . . }}`
	if got := run(src, a) + run(src, b) + run(src, a); got != "ABA" {
		t.Errorf("pages as variants: %q, want ABA", got)
	}
	// A missing partial is an error naming it.
	if _, err := r.partialCached("none", nil); err == nil || !strings.Contains(err.Error(), "no layouts/partials/none.html") {
		t.Errorf("missing partial: %v", err)
	}
}

// TestPartialCachedConcurrent: workers asking for one key at once all get
// the output of the single run (run with -race).
func TestPartialCachedConcurrent(t *testing.T) {
	r := newTestRenderer(t, map[string]string{"layouts/partials/hello.html": "hello {{ . }}"})
	const n = 16
	outs := make([]any, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := r.partialCached("hello", i%4, i%2)
			if err != nil {
				t.Error(err)
			}
			outs[i] = out
		}()
	}
	wg.Wait()
	// Variant 0 came from some even i's data, variant 1 from an odd one's;
	// every caller with one variant saw the same output.
	for i := range n {
		if outs[i] != outs[i%2] {
			t.Errorf("caller %d got %q, caller %d %q", i, outs[i], i%2, outs[i%2])
		}
	}
	if outs[0] == outs[1] {
		t.Errorf("two variants share %q", outs[0])
	}
}

// TestPartialCachedIdents: a partial run through partialCached counts for
// the dependency model like one run through partial (a layout reaching
// .Paginator through it is paginated).
func TestPartialCachedIdents(t *testing.T) {
	r := newTestRenderer(t, map[string]string{
		"layouts/_default/list.html":       `{{ partialCached "pager.html" . .RelPermalink }}`,
		"layouts/_default/single.html":     `{{ range .Related }}{{ partialCached "card" . .RelPermalink }}{{ end }}`,
		"layouts/partials/pager.html":      `{{ with .Paginator }}{{ .PageNumber }}{{ end }}`,
		"layouts/partials/card.html":       `{{ .Summary }}`,
		"layouts/_default/baseof.html":     `{{ block "main" . }}{{ end }}`,
		"layouts/_default/terms.html":      `{{ define "main" }}x{{ end }}`,
		"layouts/_default/term.html":       `x`,
		"layouts/index.html":               `x`,
		"layouts/404.html":                 `x`,
		"layouts/partials/unused-one.html": `x`,
	})
	list, _ := r.Lookup(&site.Page{Kind: site.KindSection})
	if list == nil || !list.UsesPaginator {
		t.Errorf("list layout through partialCached: UsesPaginator = false (%+v)", list)
	}
	single, _ := r.Lookup(&site.Page{Kind: site.KindPage})
	if single == nil || !single.UsesContent || !single.UsesRelated {
		t.Errorf("single layout through partialCached: UsesContent/UsesRelated false (%+v)", single)
	}
}
