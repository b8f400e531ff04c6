package generator

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// templateImageSite is a site whose layouts use Hugo's image methods on a
// bundle's resources, with a front matter focal point on its cover.
func templateImageSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml": "title: T\nbaseURL: https://t.example/\ntheme: t\nimages: {widths: [200], formats: [webp, original]}\n",
		"content/stories/p/index.md": "---\ntitle: P\ndate: 2024-01-05\n" +
			"image: {src: land.jpg, alt: Hills, focus: [0, 0]}\n---\nText of P.\n",
		"content/stories/q.md":                  "---\ntitle: Q\ndate: 2024-01-06\n---\nText of Q.\n",
		"themes/t/layouts/_default/baseof.html": `{{ with .ShareImage }}<meta property="og:image" content="{{ .URL }}">{{ end }}{{ block "main" . }}{{ end }}`,
		"themes/t/layouts/_default/single.html": `{{ define "main" }}{{ with .Resources.GetMatch "land.jpg" }}` +
			`<img src="{{ (.Resize "120x webp").RelPermalink }}" class="r">` +
			`<img src="{{ (.Fill "100x100").RelPermalink }}" class="focus">` +
			`<img src="{{ (.Fill "100x100 TopLeft").RelPermalink }}" class="top">` +
			`<img src="{{ (.Fill "100x100 Center").RelPermalink }}" class="center">` +
			`<img src="{{ (.Fill "1200x630 Center").RelPermalink }}" class="cardcenter">` +
			`<img src="{{ (.Fill "1200x630 Top").RelPermalink }}" class="cardtop">` +
			`<img src="{{ ((.Crop "200x200 TopLeft").Filter images.Grayscale).RelPermalink }}" class="g">` +
			`{{ end }}{{ .Content }}{{ end }}`,
		"themes/t/layouts/_default/list.html": `{{ define "main" }}{{ range .Pages }}{{ .Title }}{{ end }}{{ end }}`,
	})
	copyFile(t, filepath.Join("images", "testdata", "landscape.jpg"), filepath.Join(dir, "content/stories/p/land.jpg"))
	return dir
}

func imgSrc(t *testing.T, html, class string) string {
	t.Helper()
	m := regexp.MustCompile(`<img src="([^"]+)" class="` + class + `">`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no img %s in\n%s", class, html)
	}
	return m[1]
}

// The images templates ask for are published; a Fill without an anchor
// keeps the front matter focal point in view (here the top), and so does
// the share card; a second build from the cache gives the same bytes.
func TestTemplateImages(t *testing.T) {
	ctx := context.Background()
	dir := templateImageSite(t)
	out, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := out.Lookup("/stories/p/")
	html := string(page.Data)
	load := func(u string) []byte {
		f, ok := out.Lookup(u)
		if !ok {
			t.Fatalf("%s is not published", u)
		}
		return f.Data
	}
	r := decodeImage(t, "resize", load(imgSrc(t, html, "r")))
	if r.Bounds().Dx() != 120 || r.Bounds().Dy() != 80 {
		t.Errorf("Resize 120x: %v", r.Bounds())
	}
	focus := decodeImage(t, "focus", load(imgSrc(t, html, "focus")))
	top := decodeImage(t, "top", load(imgSrc(t, html, "top")))
	center := decodeImage(t, "center", load(imgSrc(t, html, "center")))
	if d := meanDiff(focus, top); d > 1 {
		t.Errorf("Fill with the focal point at the top left differs from Fill TopLeft by %.1f", d)
	}
	if d := meanDiff(focus, center); d < 3 {
		t.Errorf("Fill with the focal point at the top left is like Fill Center (%.1f apart): the test image cannot tell", d)
	}
	m := regexp.MustCompile(`<meta property="og:image" content="https://t\.example(/[^"]+)">`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no og:image in\n%s", html)
	}
	card := decodeImage(t, "card", load(m[1]))
	cardTop := decodeImage(t, "card top", load(imgSrc(t, html, "cardtop")))
	if d := meanDiff(card, cardTop); d > 2 {
		t.Errorf("the share card with the focal point at the top differs from Fill 1200x630 Top by %.1f", d)
	}
	if d := meanDiff(card, decodeImage(t, "card center", load(imgSrc(t, html, "cardcenter")))); d < 3 {
		t.Errorf("the share card is like Fill 1200x630 Center (%.1f apart): the focal point is not used", d)
	}
	g := decodeImage(t, "grayscale", load(imgSrc(t, html, "g")))
	if g.Bounds().Dx() != 200 || g.Bounds().Dy() != 200 {
		t.Errorf("Crop 200x200 then Filter: %v", g.Bounds())
	}
	if cr, cg, cb, _ := g.At(50, 50).RGBA(); cr>>8 != cg>>8 || cg>>8 != cb>>8 {
		t.Errorf("grayscale pixel is %d,%d,%d", cr>>8, cg>>8, cb>>8)
	}
	// The cache: a new builder (as a second storyfront build) reads the
	// bytes back, the same.
	again, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffOutputs(out, again); diff != "" {
		t.Errorf("a build from the cache differs:\n%s", diff)
	}
}

// serve: a page that is not rendered again keeps its template images; a
// changed image gets new URLs everywhere; the result is the full build's.
func TestTemplateImagesRebuild(t *testing.T) {
	ctx := context.Background()
	dir := templateImageSite(t)
	b := NewBuilder(Options{Source: dir, UnhashedAssets: true})
	out, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := out.Lookup("/stories/p/")
	oldURL := imgSrc(t, string(page.Data), "r")
	writeSite(t, dir, map[string]string{"content/stories/q.md": "---\ntitle: Q\ndate: 2024-01-06\n---\nNew text of Q.\n"})
	out, err = b.Rebuild(ctx, []string{filepath.Join(dir, "content/stories/q.md")})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := out.Lookup(oldURL); !ok {
		t.Errorf("%s is gone after an edit of another page", oldURL)
	}
	copyFile(t, filepath.Join("images", "testdata", "alpha.png"), filepath.Join(dir, "content/stories/p/land.jpg"))
	out, err = b.Rebuild(ctx, []string{filepath.Join(dir, "content/stories/p/land.jpg")})
	if err != nil {
		t.Fatal(err)
	}
	page, _ = out.Lookup("/stories/p/")
	if u := imgSrc(t, string(page.Data), "r"); u == oldURL {
		t.Errorf("the resized image kept its URL %s after its source changed", u)
	}
	if _, ok := out.Lookup(oldURL); ok {
		t.Errorf("%s is still published after its source changed", oldURL)
	}
	fresh, err := NewBuilder(Options{Source: dir, UnhashedAssets: true}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := diffOutputs(out, fresh); diff != "" {
		t.Errorf("rebuild differs from a full build:\n%s", diff)
	}
}

// Wrong specs and files that are no images are template errors at the
// layout's line; a truncated file is an error naming it.
func TestTemplateImageErrors(t *testing.T) {
	for _, tc := range []struct{ call, want string }{
		{`(.Resources.GetMatch "land.jpg").Resize "abc"`, `Resize on content/stories/p/land.jpg: image spec "abc": unknown word "abc"`},
		{`(.Resources.GetMatch "land.jpg").Fill "300x"`, `fill needs a width and a height`},
		{`(.Resources.GetMatch "land.jpg").Resize "300x q0"`, `quality 0 is not in 1–100`},
		{`(.Resources.GetMatch "land.jpg").Filter "blur"`, `string is not an image filter`},
		{`(.Resources.GetMatch "notes.txt").Resize "10x"`, `notes.txt is not an image`},
		{`(.Resources.GetMatch "d.svg").Resize "10x"`, `content/stories/p/d.svg: an SVG or animated image cannot be processed`},
		{`images.GaussianBlur -1`, `sigma must not be negative`},
		{`images.Text "x" (dict "color" "red")`, `images.Text: color "red" is not #rrggbb or #rgb`},
		{`images.Overlay "logo.png" 1 2`, `images.Overlay: string is not an image`},
		{`(resources.Get "nope.jpg").Resize "10x"`, `nil pointer`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			dir := templateImageSite(t)
			writeSite(t, dir, map[string]string{
				// JPEG only: no WebP encoding (slow under -race) for errors.
				"site.yaml":                             "title: T\nbaseURL: https://t.example/\ntheme: t\nimages: {widths: [200], formats: [original]}\n",
				"content/stories/p/notes.txt":           "notes\n",
				"content/stories/p/d.svg":               `<svg xmlns="http://www.w3.org/2000/svg"/>`,
				"themes/t/layouts/_default/single.html": "{{ define \"main\" }}\n{{ " + tc.call + " }}\n{{ end }}",
			})
			_, err := NewBuilder(Options{Source: dir}).Build(context.Background())
			if err == nil {
				t.Fatal("build succeeded")
			}
			if !strings.Contains(err.Error(), "themes/t/layouts/_default/single.html:2:") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error lacks the layout's line or %q:\n%v", tc.want, err)
			}
		})
	}
	dir := templateImageSite(t)
	copyFile(t, filepath.Join("images", "testdata", "truncated.jpg"), filepath.Join(dir, "content/stories/p/land.jpg"))
	_, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err == nil || !strings.Contains(err.Error(), "content/stories/p/land.jpg:1:1: corrupt jpeg") {
		t.Errorf("truncated image: %v", err)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "public")); statErr == nil {
		t.Error("a failed build wrote public/")
	}
}

// A site's layouts/partials/share-card.html makes the cards: og:image and
// JSON-LD show what it printed; an SVG or a WebP is an error at the
// partial.
func TestShareCardPartial(t *testing.T) {
	ctx := context.Background()
	dir := templateImageSite(t)
	copyFile(t, filepath.Join("images", "testdata", "landscape.jpg"), filepath.Join(dir, "assets/card-bg.jpg"))
	copyFile(t, filepath.Join("images", "testdata", "alpha.png"), filepath.Join(dir, "assets/logo.png"))
	writeSite(t, dir, map[string]string{
		"themes/t/layouts/_default/baseof.html": `{{ with .ShareImage }}<meta property="og:image" content="{{ .URL }}" data-size="{{ .Width }}x{{ .Height }}" data-type="{{ .Type }}">{{ end }}` +
			`<script type="application/ld+json">{{ .JSONLD }}</script>{{ block "main" . }}{{ end }}`,
		"layouts/partials/share-card.html": `{{ with resources.Get "card-bg.jpg" }}` +
			`{{ $c := .Fill "1200x630 jpg" }}` +
			`{{ $c = $c.Filter (images.Text $.Title (dict "size" 96 "x" 80 "y" 120 "color" "#ff0000")) (images.Overlay (resources.Get "logo.png") 80 500) }}` +
			`{{ $c.Permalink }}{{ end }}`,
	})
	out, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := out.Lookup("/stories/q/")
	html := string(page.Data)
	m := regexp.MustCompile(`<meta property="og:image" content="https://t\.example(/assets/card-bg_1200x630_[0-9a-f]{10}\.jpg)" data-size="1200x630" data-type="image/jpeg">`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("og:image is not the partial's card:\n%s", html)
	}
	if !strings.Contains(html, `"image":"https://t.example`+m[1]+`"`) {
		t.Errorf("JSON-LD image is not the card:\n%s", html)
	}
	f, ok := out.Lookup(m[1])
	if !ok {
		t.Fatalf("%s is not published", m[1])
	}
	card := decodeImage(t, "card", f.Data)
	// The title is red type from 80,120 on a photo without red.
	red := 0
	for y := 120; y < 260; y++ {
		for x := 80; x < 400; x++ {
			if r, g, b, _ := card.At(x, y).RGBA(); r>>8 > 180 && g>>8 < 90 && b>>8 < 90 {
				red++
			}
		}
	}
	if red < 1000 {
		t.Errorf("the title is not drawn on the card: %d red pixels", red)
	}
	other, _ := out.Lookup("/stories/p/")
	if strings.Contains(string(other.Data), m[1]) {
		t.Error("two pages with different titles share one card")
	}
	for _, tc := range []struct{ partial, want string }{
		{`/img/x.svg`, "layouts/partials/share-card.html:1:1: for /stories/q/: /img/x.svg is an SVG, which LinkedIn, Facebook and X do not show"},
		{`{{ ((resources.Get "card-bg.jpg").Fill "1200x630 webp").RelPermalink }}`, "is webp: share images must be JPEG or PNG"},
		{`{{ (resources.Get "card-bg.jpg").Fill "1200x" }}`, "layouts/partials/share-card.html:1:"},
	} {
		writeSite(t, dir, map[string]string{"layouts/partials/share-card.html": tc.partial})
		_, err := NewBuilder(Options{Source: dir}).Build(ctx)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("partial %s: got %v, want %q", tc.partial, err, tc.want)
		}
	}
}
