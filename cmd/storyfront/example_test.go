package main

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html"
	"image"
	_ "image/jpeg"
	_ "image/png"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/capture/schema"
)

// exampleBaseURL is site.yaml's baseURL: canonical URLs must start with it.
const exampleBaseURL = "https://bridgework.example"

// buildExample builds the repository's example site (site.yaml, content/,
// themes/default) with the real CLI into a temporary folder and returns it.
func buildExample(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	err = NewMain(&stdout, &stderr).Run(context.Background(), []string{"build", "-s", src, "-d", out})
	if err != nil {
		t.Fatalf("storyfront build: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	return out
}

func readExampleOut(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("output %s: %v", rel, err)
	}
	return string(b)
}

// exampleTagRE matches one start tag; exampleAttrRE one attribute of it.
var (
	exampleTagRE  = regexp.MustCompile(`(?is)<(input|select|textarea|label|form|link|script|img|meta|a|div|button|source|iframe)\b([^>]*)>`)
	exampleAttrRE = regexp.MustCompile(`(?s)([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?`)
)

// htmlElement is a start tag with its attributes (entities decoded).
type htmlElement struct {
	name  string
	attrs map[string]string
}

func (e htmlElement) has(name string) bool { _, ok := e.attrs[name]; return ok }

// htmlElements returns the start tags named name (or all known ones for "") in doc.
func htmlElements(doc, name string) []htmlElement {
	var els []htmlElement
	for _, m := range exampleTagRE.FindAllStringSubmatch(doc, -1) {
		tag := strings.ToLower(m[1])
		if name != "" && tag != name {
			continue
		}
		attrs := map[string]string{}
		for _, a := range exampleAttrRE.FindAllStringSubmatch(m[2], -1) {
			attrs[strings.ToLower(a[1])] = html.UnescapeString(a[2] + a[3] + a[4])
		}
		els = append(els, htmlElement{tag, attrs})
	}
	return els
}

// htmlMeta returns the content of the <meta> whose name or property is key.
func htmlMeta(doc, key string) (string, bool) {
	for _, m := range htmlElements(doc, "meta") {
		if m.attrs["name"] == key || m.attrs["property"] == key {
			return m.attrs["content"], true
		}
	}
	return "", false
}

// htmlSection returns the text of doc from the start tag matching open up to the
// closing tag that ends it (first one after it).
func htmlSection(t *testing.T, doc, open, closing string) string {
	t.Helper()
	i := strings.Index(doc, open)
	if i < 0 {
		t.Fatalf("no %q in document", open)
	}
	j := strings.Index(doc[i:], closing)
	if j < 0 {
		t.Fatalf("no %q after %q", closing, open)
	}
	return doc[i : i+j+len(closing)]
}

func TestExampleSitePages(t *testing.T) {
	t.Parallel()
	out := buildExample(t)
	for _, rel := range []string{
		"index.html",
		"404.html",
		"about/index.html",
		"product/index.html",
		"contact/index.html",
		"thank-you/index.html",
		"stories/index.html",
		"stories/marketing-vs-sales/index.html",
		"stories/mapping-the-handoff/index.html",
		"stories/mapping-the-handoff/handoff-map.svg",
		"tags/index.html",
		"tags/alignment/index.html",
		"sitemap.xml",
		"index.xml",
		"stories/index.xml",
		"robots.txt",
		"favicon.svg",
		"images/logo.svg",
	} {
		if _, err := os.Stat(filepath.Join(out, rel)); err != nil {
			t.Errorf("missing output %s: %v", rel, err)
		}
	}

	stories := 0
	entries, err := os.ReadDir(filepath.Join(out, "stories"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(out, "stories", e.Name(), "index.html")); e.IsDir() && e.Name() != "page" && err == nil {
			stories++
		}
	}
	if stories < 6 {
		t.Errorf("%d stories published, want at least 6", stories)
	}

	// The draft is left out everywhere: its page, the list, the feed, the sitemap.
	const draft = "a-hundred-discovery-calls"
	if _, err := os.Stat(filepath.Join(out, "stories", draft)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("draft story published: stat err = %v", err)
	}
	for _, rel := range []string{"stories/index.html", "index.xml", "sitemap.xml", "index.html"} {
		if strings.Contains(readExampleOut(t, out, rel), draft) {
			t.Errorf("%s mentions the draft %s", rel, draft)
		}
	}

	story := readExampleOut(t, out, "stories/marketing-vs-sales/index.html")
	for _, want := range []string{"<h2", "<table", "<blockquote", "<ol", "Two jobs, two speeds"} {
		if !strings.Contains(story, want) {
			t.Errorf("marketing-vs-sales lacks %q", want)
		}
	}
	home := readExampleOut(t, out, "index.html")
	if !strings.Contains(home, `href="/stories/marketing-vs-sales/"`) || !strings.Contains(home, `class="button" href="/contact/"`) {
		t.Errorf("home page lacks the hero calls to action")
	}
	about := readExampleOut(t, out, "about/index.html")
	if !regexp.MustCompile(`<a href="/about/"\s+aria-current="page"`).MatchString(about) {
		t.Errorf("about page: main menu does not mark About with aria-current")
	}
	if !strings.Contains(about, `href="/product/"`) {
		t.Errorf("about page: link to product.md not resolved to /product/")
	}
	for _, landmark := range []string{`<header`, `<nav`, `<main id="main"`, `<footer`, `class="skip-link" href="#main"`} {
		if !strings.Contains(about, landmark) {
			t.Errorf("about page lacks landmark %q", landmark)
		}
	}
}

func TestExampleSiteHead(t *testing.T) {
	t.Parallel()
	out := buildExample(t)
	pages := map[string]string{
		"index.html":                            "/",
		"stories/marketing-vs-sales/index.html": "/stories/marketing-vs-sales/",
		"contact/index.html":                    "/contact/",
		"tags/index.html":                       "/tags/",
	}
	for rel, path := range pages {
		doc := readExampleOut(t, out, rel)
		if !regexp.MustCompile(`<title>[^<]*\S[^<]*</title>`).MatchString(doc) {
			t.Errorf("%s: no <title>", rel)
		}
		canonical := ""
		for _, l := range htmlElements(doc, "link") {
			if l.attrs["rel"] == "canonical" {
				canonical = l.attrs["href"]
			}
		}
		if want := exampleBaseURL + path; canonical != want {
			t.Errorf("%s: canonical %q, want %q", rel, canonical, want)
		}
		for _, key := range []string{"description", "og:title", "og:description", "og:url", "og:type", "twitter:card", "twitter:title"} {
			if v, ok := htmlMeta(doc, key); !ok || strings.TrimSpace(v) == "" {
				t.Errorf("%s: meta %s missing or empty", rel, key)
			}
		}
		if v, _ := htmlMeta(doc, "og:url"); v != exampleBaseURL+path {
			t.Errorf("%s: og:url %q", rel, v)
		}
		checkExampleAssets(t, out, rel, doc)
	}
	if v, _ := htmlMeta(readExampleOut(t, out, "stories/marketing-vs-sales/index.html"), "og:type"); v != "article" {
		t.Errorf("story og:type = %q, want article", v)
	}
	for _, rel := range []string{"thank-you/index.html", "404.html"} {
		if v, _ := htmlMeta(readExampleOut(t, out, rel), "robots"); v != "noindex" {
			t.Errorf("%s: robots meta %q, want noindex", rel, v)
		}
	}
	bundle := readExampleOut(t, out, "stories/mapping-the-handoff/index.html")
	if v, _ := htmlMeta(bundle, "og:image"); !strings.HasPrefix(v, exampleBaseURL+"/stories/mapping-the-handoff/sunrise_1200x630_") || !strings.HasSuffix(v, ".jpg") {
		t.Errorf("bundle story og:image = %q, want its cover cut to 1200x630", v)
	}
	checkShareImages(t, out)
	if !strings.Contains(bundle, `alt="A diagram of a lead`) {
		t.Errorf("bundle story image lacks its alt text")
	}
}

// checkExampleAssets verifies that every stylesheet and script the page links is
// published under the linked path and matches its integrity hash.
func checkExampleAssets(t *testing.T, out, rel, doc string) {
	t.Helper()
	var linked []htmlElement
	for _, l := range htmlElements(doc, "link") {
		if l.attrs["rel"] == "stylesheet" {
			linked = append(linked, htmlElement{"link", map[string]string{"url": l.attrs["href"], "integrity": l.attrs["integrity"]}})
		}
	}
	for _, s := range htmlElements(doc, "script") {
		if src, ok := s.attrs["src"]; ok {
			if !s.has("defer") {
				t.Errorf("%s: script %s is not deferred", rel, src)
			}
			linked = append(linked, htmlElement{"script", map[string]string{"url": src, "integrity": s.attrs["integrity"]}})
		}
	}
	if len(linked) < 2 {
		t.Errorf("%s: %d stylesheets and scripts linked, want the theme's CSS and JS", rel, len(linked))
	}
	for _, a := range linked {
		u := a.attrs["url"]
		if !strings.HasPrefix(u, "/assets/") {
			t.Errorf("%s: %s %q is not a published asset", rel, a.name, u)
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(u, "/"))))
		if err != nil {
			t.Errorf("%s: %s: %v", rel, u, err)
			continue
		}
		sum := sha512.Sum384(b)
		if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); a.attrs["integrity"] != want {
			t.Errorf("%s: %s integrity %q, want %q", rel, u, a.attrs["integrity"], want)
		}
	}
}

// exampleJSONLD returns the decoded JSON-LD object of doc.
func exampleJSONLD(t *testing.T, rel, doc string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(doc)
	if m == nil {
		t.Fatalf("%s: no JSON-LD script", rel)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("%s: JSON-LD does not parse: %v\n%s", rel, err, m[1])
	}
	return v
}

func TestExampleSiteJSONLD(t *testing.T) {
	t.Parallel()
	out := buildExample(t)
	home := exampleJSONLD(t, "index.html", readExampleOut(t, out, "index.html"))
	if home["@context"] != "https://schema.org" && home["@context"] != "http://schema.org" {
		t.Errorf("home JSON-LD @context = %v", home["@context"])
	}
	if home["@type"] != "Organization" || home["name"] != "Bridgework" {
		t.Errorf("home JSON-LD = %v, want an Organization named Bridgework", home)
	}
	story := exampleJSONLD(t, "story", readExampleOut(t, out, "stories/marketing-vs-sales/index.html"))
	if story["@type"] != "Article" && story["@type"] != "BlogPosting" {
		t.Errorf("story JSON-LD @type = %v, want Article", story["@type"])
	}
	if h, _ := story["headline"].(string); !strings.HasPrefix(h, "Marketing vs Sales") {
		t.Errorf("story JSON-LD headline = %q", h)
	}
	if d, _ := story["datePublished"].(string); !strings.HasPrefix(d, "2026-10-14") {
		t.Errorf("story JSON-LD datePublished = %q", d)
	}
}

func TestExampleSiteContactForm(t *testing.T) {
	t.Parallel()
	out := buildExample(t)
	doc := readExampleOut(t, out, "contact/index.html")
	form := htmlSection(t, doc, `<form class="lead-form" id="form-contact"`, "</form>")
	els := htmlElements(form, "")
	f := els[0]
	if f.attrs["action"] != "/api/leads/contact" || f.attrs["method"] != "post" {
		t.Errorf("form action=%q method=%q, want /api/leads/contact post", f.attrs["action"], f.attrs["method"])
	}
	if f.attrs["data-thank-you"] != "/thank-you/" {
		t.Errorf("form data-thank-you = %q", f.attrs["data-thank-you"])
	}

	labels := map[string]bool{}
	ids := map[string]bool{}
	for _, e := range els {
		if e.name == "label" {
			labels[e.attrs["for"]] = true
		}
	}
	for _, m := range regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(form, -1) {
		ids[m[1]] = true
	}
	hidden := map[string]string{}
	fields := map[string]htmlElement{}
	for _, e := range els {
		if e.name != "input" && e.name != "select" && e.name != "textarea" {
			continue
		}
		name := e.attrs["name"]
		if e.attrs["type"] == "hidden" {
			hidden[name] = e.attrs["value"]
			continue
		}
		fields[name] = e
		if !labels[e.attrs["id"]] {
			t.Errorf("field %s (id %q) has no <label for>", name, e.attrs["id"])
		}
		for _, ref := range strings.Fields(e.attrs["aria-describedby"]) {
			if !ids[ref] {
				t.Errorf("field %s: aria-describedby names missing id %q", name, ref)
			}
		}
	}
	for _, name := range []string{"name", "email", "interest", "_consent"} {
		e, ok := fields[name]
		if !ok {
			t.Errorf("required field %s missing", name)
			continue
		}
		if !e.has("required") || e.attrs["aria-required"] != "true" {
			t.Errorf("field %s: not marked required and aria-required", name)
		}
	}
	for _, name := range []string{"company", "role", "message"} {
		if e, ok := fields[name]; !ok || e.has("required") {
			t.Errorf("optional field %s missing or marked required", name)
		}
	}
	if e := fields["email"]; e.attrs["type"] != "email" || e.attrs["autocomplete"] != "email" || e.attrs["maxlength"] != "254" {
		t.Errorf("email input attrs = %v", e.attrs)
	}
	if !strings.Contains(form, "Enterprise plan</option>") {
		t.Errorf("interest select lacks the Enterprise plan option")
	}
	if e := fields["email"]; !strings.Contains(e.attrs["aria-describedby"], "form-contact-email-help") {
		t.Errorf("email help text not tied with aria-describedby: %q", e.attrs["aria-describedby"])
	}
	if e := fields["_consent"]; e.attrs["type"] != "checkbox" || e.attrs["value"] != "yes" {
		t.Errorf("consent checkbox attrs = %v", e.attrs)
	}

	hp, ok := fields["_gotcha"]
	if !ok || hp.attrs["tabindex"] != "-1" || hp.attrs["autocomplete"] != "off" {
		t.Errorf("honeypot _gotcha missing or focusable: %v", hp.attrs)
	}
	if !regexp.MustCompile(`<div class="hp" aria-hidden="true">\s*<label[^>]*>[^<]*</label>\s*<input type="text" id="form-contact-_gotcha" name="_gotcha"`).MatchString(form) {
		t.Errorf("honeypot is not inside an aria-hidden, visually hidden container")
	}

	if hidden["_page"] != "/contact/" {
		t.Errorf("_page = %q, want /contact/", hidden["_page"])
	}
	for _, name := range []string{"_story", "_referrer", "_landing", "_utm_source", "_utm_medium", "_utm_campaign", "_utm_term", "_utm_content", "_idempotency"} {
		if v, ok := hidden[name]; !ok || v != "" {
			t.Errorf("hidden %s: present %v, value %q (want empty, for the script)", name, ok, v)
		}
	}
	// The time trap's field says "no script" until the script sets the time.
	if v, ok := hidden["_started"]; !ok || v != schema.StartedNoScript {
		t.Errorf("hidden _started: present %v, value %q, want %q", ok, v, schema.StartedNoScript)
	}

	// A story's call to action carries the story's title server-side.
	story := readExampleOut(t, out, "stories/the-first-hour/index.html")
	demo := htmlSection(t, story, `<form class="lead-form" id="form-demo"`, "</form>")
	if !strings.Contains(demo, `name="_story" value="The first hour"`) || !strings.Contains(demo, `name="_page" value="/stories/the-first-hour/"`) {
		t.Errorf("story call-to-action form lacks _story/_page:\n%s", demo)
	}
}

// TestExampleSiteNoExternalHosts checks that pages load nothing from other
// hosts: no scripts, stylesheets, fonts, images or frames, in HTML or CSS.
func TestExampleSiteNoExternalHosts(t *testing.T) {
	t.Parallel()
	out := buildExample(t)
	external := regexp.MustCompile(`^(?i)(https?:)?//`)
	cssURL := regexp.MustCompile(`(?i)(url\(\s*['"]?|@import\s+['"])((https?:)?//[^'")\s]+)`)
	var cssBytes, blockBytes, jsBytes int64
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch filepath.Ext(path) {
		case ".html":
			for _, e := range htmlElements(string(b), "") {
				var u string
				switch e.name {
				case "script", "img", "iframe", "source":
					u = e.attrs["src"]
				case "link":
					if e.attrs["rel"] != "canonical" && e.attrs["rel"] != "alternate" && e.attrs["rel"] != "me" {
						u = e.attrs["href"]
					}
				}
				if external.MatchString(u) && !strings.HasPrefix(u, exampleBaseURL+"/") {
					t.Errorf("%s: <%s> loads %s from another host", rel, e.name, u)
				}
			}
			if m := cssURL.FindStringSubmatch(string(b)); m != nil {
				t.Errorf("%s: inline style loads %s", rel, m[2])
			}
		case ".css":
			if strings.HasPrefix(filepath.Base(path), "blocks.") {
				blockBytes += int64(len(b))
			}
			cssBytes += int64(len(b))
			if m := cssURL.FindStringSubmatch(string(b)); m != nil {
				t.Errorf("%s: loads %s", rel, m[2])
			}
		case ".js":
			if strings.HasPrefix(filepath.Base(path), "theme.") {
				jsBytes += int64(len(b))
			}
			if strings.Contains(string(b), "http://") || strings.Contains(string(b), "https://") {
				t.Errorf("%s: script names another host", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The budgets: the blocks' CSS at most 20 KB minified, the
	// theme's script beside forms.js at most 5 KB; the whole theme's CSS
	// (layout, blocks, syntax colours) stays small too.
	if blockBytes == 0 || blockBytes > 20_000 {
		t.Errorf("published blocks CSS is %d bytes, want 1..20,000", blockBytes)
	}
	if jsBytes == 0 || jsBytes > 5_000 {
		t.Errorf("published theme.js is %d bytes, want 1..5,000", jsBytes)
	}
	if cssBytes == 0 || cssBytes > 40<<10 {
		t.Errorf("published CSS is %d bytes, want 1..40 KiB", cssBytes)
	}
}

// TestDefaultThemeMinimalSite builds a site that sets almost nothing (no
// brand, menus, forms or params) with the default theme: the theme must not
// depend on the example site's settings.
func TestDefaultThemeMinimalSite(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := os.CopyFS(filepath.Join(src, "themes", "default"), os.DirFS(filepath.Join("..", "..", "themes", "default"))); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"site.yaml":            "title: Mini\nbaseURL: https://mini.example/\nparams:\n  mainSection: posts\n",
		"content/_index.md":    "---\ntitle: Mini\n---\nWelcome.\n",
		"content/posts/one.md": "---\ntitle: \"Q&A <one>\"\ndate: 2025-01-02\ntags: [notes]\n---\nFirst post.\n",
	}
	for name, body := range files {
		path := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if err := NewMain(&stdout, &stderr).Run(context.Background(), []string{"build", "-s", src, "-d", out}); err != nil {
		t.Fatalf("storyfront build: %v\n%s", err, stderr.String())
	}
	home := readExampleOut(t, out, "index.html")
	if strings.Contains(home, `class="actions"`) || !strings.Contains(home, `<h1 id="hero-title" class="hero-title">Mini</h1>`) {
		t.Errorf("home without a hero: want the site title and no empty actions")
	}
	if !strings.Contains(home, `href="/posts/one/"`) || !strings.Contains(home, `href="/posts/">All posts`) {
		t.Errorf("home does not feature params.mainSection (posts)")
	}
	post := readExampleOut(t, out, "posts/one/index.html")
	if !strings.Contains(post, "<title>Q&amp;A &lt;one&gt; · Mini</title>") || !strings.Contains(post, `data-story="Q&amp;A &lt;one&gt;"`) {
		t.Errorf("post title not escaped or not treated as a story")
	}
	if strings.Contains(post, "<form") {
		t.Errorf("a site without params.storyForm got a form on its posts")
	}
	checkExampleAssets(t, out, "posts/one/index.html", post)
}

// checkShareImages verifies that every page has an og:image that is a
// published 1200x630 PNG or JPEG (never an SVG), with the same
// twitter:image and an alt text.
func checkShareImages(t *testing.T, out string) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		doc := readExampleOut(t, out, filepath.ToSlash(rel))
		if strings.Contains(doc, `http-equiv="refresh"`) {
			return nil // an alias
		}
		u, _ := htmlMeta(doc, "og:image")
		tw, _ := htmlMeta(doc, "twitter:image")
		alt, _ := htmlMeta(doc, "og:image:alt")
		w, _ := htmlMeta(doc, "og:image:width")
		h, _ := htmlMeta(doc, "og:image:height")
		if u == "" || u != tw || alt == "" || w != "1200" || h != "630" {
			t.Errorf("%s: og:image %q, twitter:image %q, alt %q, size %sx%s", rel, u, tw, alt, w, h)
			return nil
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(u, exampleBaseURL+"/"))))
		if err != nil {
			t.Errorf("%s: og:image not published: %v", rel, err)
			return nil
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || (format != "png" && format != "jpeg") || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: og:image %s is %s %dx%d (%v), want a 1200x630 PNG or JPEG", rel, u, format, cfg.Width, cfg.Height, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
