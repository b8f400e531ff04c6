package generator

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
)

// benchSite writes a site of n stories in 10 sections, each about 600
// words with headings, a list, a link and a code block, 3 of 20 tags,
// with layouts like the Hugo reference site's (bench/build/site).
func benchSite(tb testing.TB, n int) string {
	dir := tb.TempDir()
	if d := os.Getenv("STORYFRONT_BENCH_DIR"); d != "" { // e.g. /dev/shm
		var err error
		if dir, err = os.MkdirTemp(d, "sfbench-"); err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { os.RemoveAll(dir) })
	}
	files := map[string]string{
		"site.yaml": "title: Brand stories\nbaseURL: https://example.com/\n",
		"layouts/_default/baseof.html": "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\n" +
			"<body><main>{{ block \"main\" . }}{{ end }}</main></body>\n</html>\n",
		"layouts/_default/list.html":   "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n<ul>\n{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>\n{{ end }}</ul>{{ end }}\n",
		"layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}{{ end }}\n",
	}
	writeSite(tb, dir, files)
	para := strings.Repeat("The studio shares *honest materials* with every customer and the **community** grows. ", 8)
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: \"Story %d\"\ndate: 2020-01-%02dT10:00:00Z\ntags: [\"t%d\", \"t%d\", \"t%d\"]\ndescription: \"About %d.\"\n---\n\n",
			i, i%28+1, i%20, (i+7)%20, (i+13)%20, i)
		for s := range 5 {
			fmt.Fprintf(&b, "%s\n\n## Part %d\n\n- one\n- two [link](/contact/)\n\n", para, s)
		}
		b.WriteString("```js\nconst x = document.querySelector('#f');\n```\n")
		p := filepath.Join(dir, "content", "s"+strconv.Itoa(i%10), fmt.Sprintf("story-%05d.md", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// BenchmarkRebuildOneStory measures an incremental rebuild after one
// story's body changed, on a 10,000-page site (in memory; not written),
// with layouts like Hugo's reference site (lists show titles).
func BenchmarkRebuildOneStory(b *testing.B) {
	benchRebuild(b, nil)
}

// BenchmarkRebuildOneStoryRich is the same with layouts that show more of
// other pages: paginated lists with summaries and reading times,
// previous/next and related stories on each story.
func BenchmarkRebuildOneStoryRich(b *testing.B) {
	benchRebuild(b, map[string]string{
		"site.yaml": "title: Brand stories\nbaseURL: https://example.com/\npagination: {pagerSize: 10}\n",
		"layouts/_default/list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ range .Paginator.Pages }}<article><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>" +
			"{{ .Summary }}<p>{{ .ReadingTime }} min</p></article>\n{{ end }}" +
			"{{ with .Paginator.Next }}<a href=\"{{ . }}\">Next</a>{{ end }}{{ end }}\n",
		"layouts/_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>\n{{ .Content }}" +
			"{{ with .Prev }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ with .Next }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}" +
			"{{ range .Related }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}{{ end }}\n",
	})
}

func benchRebuild(b *testing.B, layouts map[string]string) {
	ctx := context.Background()
	dir := benchSite(b, 10000)
	writeSite(b, dir, layouts)
	bl := NewBuilder(Options{Source: dir})
	if _, err := bl.Build(ctx); err != nil {
		b.Fatal(err)
	}
	story := filepath.Join(dir, "content", "s3", "story-04243.md")
	orig, err := os.ReadFile(story)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	rendered := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		edited := strings.Replace(string(orig), "## Part 1", "## Part 1, edit "+strconv.Itoa(i), 1)
		if err := os.WriteFile(story, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		out, err := bl.Rebuild(ctx, []string{story})
		if err != nil {
			b.Fatal(err)
		}
		rendered = out.Stats().Rendered
	}
	b.ReportMetric(float64(rendered), "outputs/op")
}

// BenchmarkBuild measures a full in-memory build of a 1,000-page site.
func BenchmarkBuild(b *testing.B) {
	ctx := context.Background()
	dir := benchSite(b, 1000)
	for b.Loop() {
		if _, err := NewBuilder(Options{Source: dir}).Build(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildSite measures a full in-memory build of the site folder
// named by STORYFRONT_BENCH_SITE (e.g. one bench/build/compare.sh --keep
// left behind), for profiling a real theme on a large corpus:
//
//	STORYFRONT_BENCH_SITE=/dev/shm/site go test ./generator -run '^$' \
//	    -bench BuildSite -benchtime 1x -cpuprofile cpu.out
func BenchmarkBuildSite(b *testing.B) {
	dir := os.Getenv("STORYFRONT_BENCH_SITE")
	if dir == "" {
		b.Skip("STORYFRONT_BENCH_SITE names no site folder")
	}
	ctx := context.Background()
	for b.Loop() {
		if _, err := NewBuilder(Options{Source: dir}).Build(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildSiteStreamed is BenchmarkBuildSite as `storyfront build`
// runs it: outputs streamed to a stage folder (beside the site, removed
// after each build). With STORYFRONT_BENCH_HEAP=FILE it writes a heap
// profile of what the builder keeps once the build is done, i.e. what a
// build holds for every page until its end; with STORYFRONT_BENCH_BUDGET=1
// it caps the heap as `storyfront build` does (Options.MemoryBudget):
//
//	STORYFRONT_BENCH_SITE=/dev/shm/site STORYFRONT_BENCH_HEAP=heap.out \
//	    go test ./generator -run '^$' -bench BuildSiteStreamed -benchtime 1x
func BenchmarkBuildSiteStreamed(b *testing.B) {
	dir := os.Getenv("STORYFRONT_BENCH_SITE")
	if dir == "" {
		b.Skip("STORYFRONT_BENCH_SITE names no site folder")
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		stage, err := NewStage(filepath.Join(dir, "public-bench"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		bl := NewBuilder(Options{Source: dir, StageDir: stage, Future: true, MemoryBudget: os.Getenv("STORYFRONT_BENCH_BUDGET") != ""})
		out, err := bl.Build(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if f := os.Getenv("STORYFRONT_BENCH_HEAP"); f != "" {
			runtime.GC()
			w, err := os.Create(f)
			if err != nil {
				b.Fatal(err)
			}
			if err := pprof.WriteHeapProfile(w); err != nil {
				b.Fatal(err)
			}
			w.Close()
		}
		runtime.KeepAlive(bl)
		runtime.KeepAlive(out)
		os.RemoveAll(stage)
		b.StartTimer()
	}
}

// BenchmarkRebuildSite measures the incremental rebuild after one story's
// body changed in the site folder named by STORYFRONT_BENCH_SITE (a copy:
// the story is edited), the story being STORYFRONT_BENCH_STORY (a path
// under content/).
func BenchmarkRebuildSite(b *testing.B) {
	dir, rel := os.Getenv("STORYFRONT_BENCH_SITE"), os.Getenv("STORYFRONT_BENCH_STORY")
	if dir == "" || rel == "" {
		b.Skip("STORYFRONT_BENCH_SITE and STORYFRONT_BENCH_STORY name no site and story")
	}
	ctx := context.Background()
	bl := NewBuilder(Options{Source: dir})
	if _, err := bl.Build(ctx); err != nil {
		b.Fatal(err)
	}
	story := filepath.Join(dir, "content", filepath.FromSlash(rel))
	orig, err := os.ReadFile(story)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(story, orig, 0o644) })
	rendered := 0
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		edited := string(orig) + "\nA closing paragraph, edit " + strconv.Itoa(i) + ".\n"
		if err := os.WriteFile(story, []byte(edited), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		out, err := bl.Rebuild(ctx, []string{story})
		if err != nil {
			b.Fatal(err)
		}
		rendered = out.Stats().Rendered
	}
	b.ReportMetric(float64(rendered), "outputs/op")
}
