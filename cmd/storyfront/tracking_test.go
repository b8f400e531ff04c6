package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/storyfront/storyfront/internal/testpart"
)

// A site opts in to keeping the journey under Do Not Track / GPC with
// params.journey: always (or turns it off); the theme tells the script
// through data-journey on its tag. By default the attribute is absent
// and the script respects the signals.
func TestJourneySetting(t *testing.T) {
	for _, c := range []struct{ param, want string }{{"", ""}, {"always", `data-journey="always"`}, {"off", `data-journey="off"`}} {
		dir := copyExampleSite(t)
		yml, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if c.param != "" {
			yml = []byte(strings.Replace(string(yml), "\nparams:\n", "\nparams:\n  journey: "+c.param+"\n", 1))
			if !strings.Contains(string(yml), "journey: "+c.param) {
				t.Fatal("site.yaml has no params: section to add to")
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "site.yaml"), yml, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "public")
		if _, stderr, err := runCLI(t, "build", "-s", dir, "-d", out); err != nil {
			t.Fatalf("build: %v\n%s", err, stderr)
		}
		for _, page := range []string{"index.html", "stories/the-first-hour/index.html", "contact/index.html"} {
			b, err := os.ReadFile(filepath.Join(out, page))
			if err != nil {
				t.Fatal(err)
			}
			html := string(b)
			// The journey lives in the forms script, loaded on every page.
			at := strings.Index(html, `<script src="/assets/js/forms.`)
			if at < 0 {
				t.Fatalf("%s has no forms script", page)
			}
			tag := html[at:]
			tag = tag[:strings.Index(tag, ">")]
			if c.want == "" && strings.Contains(tag, "data-journey") || c.want != "" && !strings.Contains(tag, c.want) {
				t.Errorf("params.journey %q: %s script tag = %s", c.param, page, tag)
			}
		}
		contact, _ := os.ReadFile(filepath.Join(out, "contact", "index.html"))
		if !strings.Contains(string(contact), `<input type="hidden" name="_journey" value="">`) {
			t.Error("the contact form has no _journey field")
		}
		if c.param != "" {
			checkJourneyUnderGPC(t, out, c.param == "always")
		}
	}
}

// checkJourneyUnderGPC reads a story in Chromium with Global Privacy
// Control on and reports whether the script kept a journey: only a site
// that opted in (always) keeps one.
func checkJourneyUnderGPC(t *testing.T, out string, want bool) {
	t.Helper()
	ctx := testpart.Chromium(t, time.Minute)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: `Object.defineProperty(Navigator.prototype, "globalPrivacyControl", {get: () => true})`})
			return err
		}),
		chromedp.Navigate(srv.URL+"/stories/the-first-hour/?utm_campaign=may"),
		chromedp.WaitReady(`article[data-story]`),
	)
	if err != nil {
		t.Fatal(err)
	}
	kept, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`navigator.globalPrivacyControl === true && (JSON.parse(localStorage.getItem("sf:journey") || "{}").stories || []).length === 1`))
	if err != nil || kept != want {
		t.Errorf("under GPC with data-journey set: journey kept = %v (%v), want %v", kept, err, want)
	}
}
