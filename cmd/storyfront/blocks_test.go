package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/blocks/golden/*.html and the screenshots in testdata/screenshots/")

// buildBlocksSite builds testdata/blocks/site with the repository's
// default theme into a temporary folder and returns its public folder.
func buildBlocksSite(t *testing.T) string {
	t.Helper()
	src := t.TempDir()
	if err := os.CopyFS(src, os.DirFS(filepath.Join("testdata", "blocks", "site"))); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(src, "themes", "default"), os.DirFS(filepath.Join("..", "..", "themes", "default"))); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if err := NewMain(&stdout, &stderr).Run(context.Background(), []string{"build", "-s", src, "-d", out}); err != nil {
		t.Fatalf("storyfront build: %v\n%s", err, stderr.String())
	}
	return out
}

// TestBlocksGolden renders every block of the default theme (one page per
// block in testdata/blocks/site/content) and compares its HTML with
// testdata/blocks/golden/NAME.html. A change to a block's markup is a
// deliberate golden update: go test ./cmd/storyfront -run TestBlocksGolden -update.
func TestBlocksGolden(t *testing.T) {
	t.Parallel()
	out := buildBlocksSite(t)
	pages, err := filepath.Glob(filepath.Join("testdata", "blocks", "site", "content", "*.md"))
	if err != nil || len(pages) < 15 {
		t.Fatalf("block pages: %v (%d)", err, len(pages))
	}
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".md")
		got, err := os.ReadFile(filepath.Join(out, name, "index.html"))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		golden := filepath.Join("testdata", "blocks", "golden", name+".html")
		if *updateGolden {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: %v (go test ./cmd/storyfront -run TestBlocksGolden -update writes it)", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("block %s: the HTML differs from %s (-update rewrites it after a deliberate change); got:\n%s", name, golden, got)
		}
	}
}

// TestBlocksMarkup checks what the goldens must keep saying, so that an
// -update cannot quietly lose it: FAQPage JSON-LD, no request to YouTube
// or Vimeo before the click, the image pipeline's <picture> in galleries.
func TestBlocksMarkup(t *testing.T) {
	t.Parallel()
	out := buildBlocksSite(t)
	read := func(name string) string { return readExampleOut(t, out, name+"/index.html") }
	faq := read("faq")
	for _, want := range []string{`<script type="application/ld+json">{"@context":"https://schema.org","@type":"FAQPage","mainEntity":[{"@type":"Question","acceptedAnswer":{"@type":"Answer","text":"\u003cp\u003eNo: it \u003cem\u003efeeds\u003c/em\u003e it.\u003c/p\u003e"},"name":"Does it replace our CRM?"}`,
		`<summary>Does it replace our CRM?</summary>`} {
		if !strings.Contains(faq, want) {
			t.Errorf("faq lacks %s", want)
		}
	}
	video := read("video")
	for _, e := range htmlElements(video, "") {
		for _, attr := range []string{"src", "srcset", "poster"} {
			if v := e.attrs[attr]; strings.Contains(v, "youtube") || strings.Contains(v, "vimeo") {
				t.Errorf("video: <%s %s=%q> loads from the video site before a click", e.name, attr, v)
			}
		}
	}
	for _, want := range []string{`data-embed-src="https://www.youtube-nocookie.com/embed/abc123?autoplay=1&amp;start=30"`,
		`href="https://www.youtube.com/watch?v=abc123&amp;t=30s"`, `data-embed-src="https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1"`,
		`<video class="video-file" controls preload="none"`, `<track kind="captions" src="/demo.vtt"`} {
		if !strings.Contains(video, want) {
			t.Errorf("video lacks %s", want)
		}
	}
	if !strings.Contains(read("hero"), `<h1 id="hero-0" class="hero-title">A heading</h1>`) {
		t.Errorf("hero level=1 is not an h1")
	}
}
