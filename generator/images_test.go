package generator

import (
	"bytes"
	"context"
	"image"
	_ "image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// imageSite is a site with real image files from generator/images/testdata:
// a phone photo with EXIF orientation and GPS as a bundle's cover and in
// its text, a PNG with alpha, an animated GIF.
func imageSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml": "title: Pics\nbaseURL: https://pics.example/\ntheme: t\nbrand: {name: Pics}\n" +
			"images: {widths: [32, 48], formats: [webp, original]}\n",
		"content/stories/p/index.md": "---\ntitle: P\ndate: 2024-01-05\nimage: photo.jpg\nimageAlt: Hills\n---\n" +
			"![A photo](photo.jpg)\n\n![](alpha.png)\n\n![\"\"](anim.gif)\n",
		"content/about.md":                      "---\ntitle: About\n---\nNo pictures.\n",
		"themes/t/layouts/_default/baseof.html": `{{ with .ShareImage }}<meta property="og:image" content="{{ .URL }}" data-size="{{ .Width }}x{{ .Height }}" data-alt="{{ .Alt }}">{{ end }}{{ block "main" . }}{{ end }}`,
		"themes/t/layouts/_default/single.html": `{{ define "main" }}{{ with .Image }}{{ picture . (dict "alt" $.ImageAlt "sizes" "100vw" "priority" true) }}{{ end }}{{ .Content }}{{ end }}`,
		"themes/t/layouts/_default/list.html":   `{{ define "main" }}{{ range .Pages }}{{ .Title }}{{ end }}{{ end }}`,
	})
	for name, from := range map[string]string{"photo.jpg": "exif-001.jpg", "alpha.png": "alpha.png", "anim.gif": "animated.gif"} {
		copyFile(t, filepath.Join("images", "testdata", from), filepath.Join(dir, "content/stories/p", name))
	}
	return dir
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImagesInBuild(t *testing.T) {
	ctx := context.Background()
	dir := imageSite(t)
	b := NewBuilder(Options{Source: dir})
	out, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := out.Lookup("/stories/p/")
	html := string(page.Data)
	// The cover: a high-priority <picture>; the photo is 64x96 upright, so
	// widths 32 and 48 and its own 64 (never wider).
	cover := regexp.MustCompile(`^.*?<picture><source type="image/webp" srcset="/stories/p/photo_32x48_[0-9a-f]{10}\.webp 32w, /stories/p/photo_48x72_[0-9a-f]{10}\.webp 48w" sizes="100vw"><img src="/stories/p/photo_48x72_[0-9a-f]{10}\.jpg" srcset="[^"]+ 32w, [^"]+ 48w" sizes="100vw" width="48" height="72" alt="Hills" fetchpriority="high" decoding="async"></picture>`)
	if !cover.MatchString(html) {
		t.Errorf("cover markup wrong:\n%s", html)
	}
	// The Markdown photo: lazy (the cover is the page's main image).
	if !regexp.MustCompile(`<img src="/stories/p/photo_48x72_[0-9a-f]{10}\.jpg" [^>]*alt="A photo" loading="lazy" decoding="async"></picture>`).MatchString(html) {
		t.Errorf("Markdown image markup wrong:\n%s", html)
	}
	// PNG keeps PNG as its fallback; the animated GIF is published as it is.
	if !regexp.MustCompile(`<img src="/stories/p/alpha_40x30_[0-9a-f]{10}\.png"`).MatchString(html) {
		t.Errorf("PNG markup wrong:\n%s", html)
	}
	if !strings.Contains(html, `<img src="/stories/p/anim.gif" width="24" height="16" alt="" loading="lazy" decoding="async">`) {
		t.Errorf("GIF markup wrong:\n%s", html)
	}
	gif, ok := out.Lookup("/stories/p/anim.gif")
	orig, _ := os.ReadFile(filepath.Join(dir, "content/stories/p/anim.gif"))
	if !ok || !bytes.Equal(gif.Data, orig) {
		t.Error("the animated GIF is not published as it is")
	}
	// Every srcset candidate is published.
	for _, m := range regexp.MustCompile(`/stories/p/[a-z]+_\d+x\d+_[0-9a-f]{10}\.[a-z]+`).FindAllString(html, -1) {
		if _, ok := out.Lookup(m); !ok {
			t.Errorf("%s is in the markup but not published", m)
		}
	}
	// The original's URL serves an upright JPEG without EXIF (no GPS), as
	// wide as the widest version.
	f, ok := out.Lookup("/stories/p/photo.jpg")
	if !ok {
		t.Fatal("photo.jpg not published")
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(f.Data))
	if err != nil || format != "jpeg" || cfg.Width != 48 || cfg.Height != 72 || bytes.Contains(f.Data, []byte("Exif")) {
		t.Errorf("photo.jpg: %s %dx%d exif=%v err=%v", format, cfg.Width, cfg.Height, bytes.Contains(f.Data, []byte("Exif")), err)
	}
	// The share image: the cover filled to 1200x630, a JPEG; a page
	// without a cover gets a drawn PNG card.
	og := regexp.MustCompile(`og:image" content="https://pics.example/(stories/p/photo_1200x630_[0-9a-f]{10}\.jpg)" data-size="1200x630" data-alt="Hills"`).FindStringSubmatch(html)
	if og == nil {
		t.Fatalf("og:image wrong:\n%s", html)
	}
	if f, ok := out.Lookup("/" + og[1]); !ok {
		t.Error("og:image not published")
	} else if c, format, err := image.DecodeConfig(bytes.NewReader(f.Data)); err != nil || format != "jpeg" || c.Width != 1200 || c.Height != 630 {
		t.Errorf("og:image is %s %dx%d", format, c.Width, c.Height)
	}
	about, _ := out.Lookup("/about/")
	if !regexp.MustCompile(`og:image" content="https://pics.example/about/card_[0-9a-f]{10}\.png" data-size="1200x630" data-alt="About"`).Match(about.Data) {
		t.Errorf("about og:image wrong: %s", about.Data)
	}
	// The missing alt text is a warning at its line; `![""]` is not.
	ws := out.Warnings().Error()
	if !strings.Contains(ws, "content/stories/p/index.md:9:1: image alpha.png has no alt text") || strings.Contains(ws, "anim.gif") {
		t.Errorf("warnings:\n%s", ws)
	}
	// A second builder reads the cache: same bytes.
	again, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffOutputs(out, again); diff != "" {
		t.Errorf("a cached build differs:\n%s", diff)
	}
}

// Replacing an image changes its versions' names in the page that shows
// it (its Markdown is converted again), as a full build would.
func TestRebuildChangedImage(t *testing.T) {
	ctx := context.Background()
	dir := imageSite(t)
	b := NewBuilder(Options{Source: dir})
	before, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	photo := filepath.Join(dir, "content/stories/p/photo.jpg")
	copyFile(t, filepath.Join("images", "testdata", "photo.webp"), photo) // another picture under the same name
	out, err := b.Rebuild(ctx, []string{photo})
	if err != nil {
		t.Fatal(err)
	}
	p0, _ := before.Lookup("/stories/p/")
	p1, _ := out.Lookup("/stories/p/")
	if bytes.Equal(p0.Data, p1.Data) {
		t.Error("the page did not change with its image")
	}
	fresh, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffOutputs(out, fresh); diff != "" {
		t.Errorf("rebuild differs from a full build:\n%s", diff)
	}
}

// Bad images stop the build with errors naming the file, and the
// Markdown line that shows it when only its pixels are broken. A file
// named like an image that is none is published as it is, with a
// warning (Hugo copies it too).
func TestBadImages(t *testing.T) {
	dir := imageSite(t)
	writeSite(t, dir, map[string]string{"content/stories/q/index.md": "---\ntitle: Q\n---\nText.\n\n![Cut](cut.jpg)\n"})
	copyFile(t, filepath.Join("images", "testdata", "truncated.jpg"), filepath.Join(dir, "content/stories/q/cut.jpg"))
	copyFile(t, filepath.Join("images", "testdata", "bomb.png"), filepath.Join(dir, "content/stories/q/bomb.png"))
	copyFile(t, filepath.Join("images", "testdata", "notes.jpg"), filepath.Join(dir, "content/stories/q/notes.jpg"))
	_, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err == nil {
		t.Fatal("build succeeded")
	}
	msg := err.Error()
	if strings.Contains(msg, "notes.jpg") {
		t.Errorf("a file that is no image should not be an error:\n%s", msg)
	}
	writeSite(t, dir, map[string]string{"content/stories/q/index.md": "---\ntitle: Q\n---\nText.\n"})
	os.Remove(filepath.Join(dir, "content/stories/q/cut.jpg"))
	os.Remove(filepath.Join(dir, "content/stories/q/bomb.png"))
	b := NewBuilder(Options{Source: dir})
	out, err := b.Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := out.Lookup("/stories/q/notes.jpg"); !ok || string(f.Data) != "this is not an image\n" {
		t.Error("notes.jpg not published as it is")
	}
	if ws := out.Warnings().Error(); !strings.Contains(ws, "content/stories/q/notes.jpg:1:1: not an image format Storyfront reads (JPEG, PNG, GIF, WebP, SVG); published as it is") {
		t.Errorf("warnings:\n%s", ws)
	}
	for _, want := range []string{
		"content/stories/q/bomb.png:1:1: image larger than the pixel limit (images.maxPixels): 50000x50000",
		"content/stories/q/cut.jpg:1:1: corrupt jpeg",
		"content/stories/q/index.md:6:1: image stories/q/cut.jpg: ",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
}

// Markdown that shows a file no browser can be counted on to show (TIFF,
// HEIC...) or a file named like an image that is none is an error at its
// line. (A Hugo site renders Markdown images as Hugo does, silently.)
func TestUnshowableImagesInMarkdown(t *testing.T) {
	dir := imageSite(t)
	writeSite(t, dir, map[string]string{
		"content/stories/q/index.md":      "---\ntitle: Q\n---\nText.\n\n![Scan](scan.tiff)\n\n![Notes](notes.jpg)\n\n![Phone](IMG_0001.HEIC)\n",
		"content/stories/q/scan.tiff":     "II*\x00",
		"content/stories/q/IMG_0001.HEIC": "\x00\x00\x00\x18ftypheic",
	})
	copyFile(t, filepath.Join("images", "testdata", "notes.jpg"), filepath.Join(dir, "content/stories/q/notes.jpg"))
	_, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err == nil {
		t.Fatal("build succeeded")
	}
	for _, want := range []string{
		"content/stories/q/index.md:6:1: image scan.tiff: TIFF is a format browsers do not all show",
		"content/stories/q/index.md:8:1: image notes.jpg: the file is no JPEG, PNG, GIF, WebP or SVG",
		"content/stories/q/index.md:10:1: image IMG_0001.HEIC: HEIC is a format browsers do not all show",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}
