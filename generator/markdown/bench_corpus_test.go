package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkConvertCorpus converts the stories of a real corpus folder
// (STORYFRONT_BENCH_CONTENT, e.g. the content/ of the site
// bench/build/compare.sh --keep leaves: tables, links, code in five
// languages), the first 1,000, with the reference site's settings, and
// reports CPU time per page as BenchmarkConvert does:
//
//	STORYFRONT_BENCH_CONTENT=/dev/shm/storyfront-compare-10000/sf/content \
//	    go test ./generator/markdown -run '^$' -bench ConvertCorpus -benchtime 2000x
func BenchmarkConvertCorpus(b *testing.B) {
	dir := os.Getenv("STORYFRONT_BENCH_CONTENT")
	if dir == "" {
		b.Skip("STORYFRONT_BENCH_CONTENT names no content folder")
	}
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.md"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no Markdown files in %s/*/ (%v)", dir, err)
	}
	var pages [][]byte
	for _, f := range files[:min(len(files), 1000)] {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		// The body: after the front matter's closing "---" line.
		if rest, ok := bytes.CutPrefix(src, []byte("---\n")); ok {
			if i := bytes.Index(rest, []byte("\n---\n")); i >= 0 {
				src = rest[i+5:]
			}
		}
		pages = append(pages, src)
	}
	benchConvertPages(b, NewConverter(Options{Typographer: true}), pages)
}
