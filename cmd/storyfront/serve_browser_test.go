package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/sqlite"
	"github.com/storyfront/storyfront/internal/testpart"
)

// saveAtomically writes a file the way editors do: a temporary file in the
// same folder, renamed over the original.
func saveAtomically(t *testing.T, name, body string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".swp")
	if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

func readText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// waitFor polls a JavaScript condition in the page for up to 15s. Unlike
// chromedp.Poll it survives the page reloading or navigating meanwhile.
func waitFor(ctx context.Context, cond string) error {
	deadline := time.Now().Add(15 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		actx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(actx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return nil
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s: still false after 15s (last error: %v)", cond, last)
}

// openLive opens url and waits until its live-reload connection is up.
func openLive(ctx context.Context, url string) error {
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return err
	}
	return waitFor(ctx, `window.__storyfront !== undefined && window.__storyfront.connected`)
}

// TestServeBrowserLiveReload is the marketer's loop in a real browser: a
// saved story shows up in the open page by itself; a broken template shows
// the error overlay with file and line, on open pages and on pages opened
// while broken; fixing it clears the overlay; a stylesheet edit restyles
// the page without reloading it.
func TestServeBrowserLiveReload(t *testing.T) {
	ctx := testpart.Chromium(t, 2*time.Minute)
	dir := copyExampleSite(t)
	s := startServe(t, dir, "--db", filepath.Join(t.TempDir(), "leads.db"))
	story := filepath.Join(dir, "content", "stories", "marketing-vs-sales.md")
	page := s.url + "/stories/marketing-vs-sales/"
	fail := func(step string, err error) {
		t.Helper()
		t.Fatalf("%s: %v\nserve stdout:\n%s\nserve stderr:\n%s", step, err, s.stdout, s.stderr)
	}

	// 1. Save a story: the open page shows the change without any action.
	err := openLive(ctx, page)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.sfMarker = "before the save"; true`))
	}
	if err != nil {
		fail("open the story", err)
	}
	const added = "A sentence written while the page was open."
	saveAtomically(t, story, readText(t, story)+"\n"+added+"\n")
	if err := waitFor(ctx, `document.body.innerText.includes(`+jsString(added)+`)`); err != nil {
		fail("the saved sentence never appeared", err)
	}
	if marker, err := chromedp.Run(ctx, chromedp.Evaluate[string](`String(window.sfMarker)`)); err != nil || marker != "undefined" {
		t.Errorf("window.sfMarker = %q, %v: the page was not reloaded", marker, err)
	}

	// 2. Break a template: the overlay names the file and line.
	layout := filepath.Join(dir, "themes", "default", "layouts", "_default", "single.html")
	good := readText(t, layout)
	lines := strings.Split(good, "\n")
	const at = 2 // a line of our own, whatever the theme holds
	lines = slices.Insert(lines, at-1, "{{ if }}")
	saveAtomically(t, layout, strings.Join(lines, "\n"))
	where := "themes/default/layouts/_default/single.html:" + strconv.Itoa(at) + ":"
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`#storyfront-error-overlay`)); err != nil {
		fail("no overlay after breaking the template", err)
	}
	overlay, err := chromedp.Run(ctx, chromedp.Text(`#storyfront-error-overlay pre`))
	if err != nil {
		fail("overlay text", err)
	}
	t.Logf("overlay: %s", overlay)
	if !strings.Contains(overlay, where) {
		t.Errorf("overlay says %q, want it to locate the error at %s", overlay, where)
	}
	if !strings.Contains(s.stderr.String(), where) {
		t.Errorf("terminal did not get the error at %s:\n%s", where, s.stderr)
	}
	if hint, err := chromedp.Run(ctx, chromedp.Text(`#storyfront-error-overlay p`)); err != nil || !strings.Contains(hint, "shows the last good build") {
		t.Errorf("overlay hint = %q, %v; want it to say the page is the last good build", hint, err)
	}
	// A page opened while the site is broken shows the overlay too, over
	// the last good build.
	err = chromedp.Do(ctx, chromedp.Navigate(s.url+"/"), chromedp.WaitVisible(`#storyfront-error-overlay`))
	if err != nil {
		fail("no overlay on a page opened while broken", err)
	}

	// 3. Fix it: the overlay goes away by itself.
	saveAtomically(t, layout, good)
	if err := waitFor(ctx, `document.readyState === "complete" && !document.getElementById("storyfront-error-overlay")`); err != nil {
		fail("the overlay stayed after the fix", err)
	}

	// 4. Edit the stylesheet: the page is restyled in place, scroll kept.
	err = openLive(ctx, page)
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`window.scrollTo(0, 300); window.sfMarker = "kept"; true`))
	}
	if err != nil {
		fail("reopen the story", err)
	}
	css := filepath.Join(dir, "themes", "default", "assets", "css", "main.css")
	saveAtomically(t, css, readText(t, css)+"\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
	if err := waitFor(ctx, `getComputedStyle(document.body).outlineWidth === "7px"`); err != nil {
		fail("the stylesheet edit never showed", err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.sfMarker + " " + Math.round(window.scrollY)`))
	if err != nil {
		fail("page state after the stylesheet edit", err)
	}
	if state != "kept 300" {
		t.Errorf("after a stylesheet edit: marker and scroll = %q, want %q (no reload)", state, "kept 300")
	}
}

// TestServeBrowserFirstBuildBroken starts serve on a site whose first
// build fails: the overlay shows the error and does not claim to show a
// last good build (there is none); fixing the file shows the site.
func TestServeBrowserFirstBuildBroken(t *testing.T) {
	ctx := testpart.Chromium(t, 2*time.Minute)
	dir := copyExampleSite(t)
	layout := filepath.Join(dir, "themes", "default", "layouts", "_default", "single.html")
	good := readText(t, layout)
	saveAtomically(t, layout, "{{ if }}\n"+good)
	s := startServe(t, dir, "--db", filepath.Join(t.TempDir(), "leads.db"))
	fail := func(step string, err error) {
		t.Helper()
		t.Fatalf("%s: %v\nserve stdout:\n%s\nserve stderr:\n%s", step, err, s.stdout, s.stderr)
	}
	if err := openLive(ctx, s.url+"/stories/marketing-vs-sales/"); err != nil {
		fail("open a page while the first build is broken", err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible(`#storyfront-error-overlay`)); err != nil {
		fail("no overlay", err)
	}
	hint, err := chromedp.Run(ctx, chromedp.Text(`#storyfront-error-overlay p`))
	if err != nil {
		fail("overlay hint", err)
	}
	if strings.Contains(hint, "last good build") || !strings.Contains(hint, "No build has succeeded yet") {
		t.Errorf("overlay hint = %q: want it to say no build has succeeded, not that a last good build is shown", hint)
	}
	saveAtomically(t, layout, good)
	if err := waitFor(ctx, `document.readyState === "complete" && !document.getElementById("storyfront-error-overlay") && !!document.querySelector("article")`); err != nil {
		fail("the site never showed after the fix", err)
	}
}

// TestServeBrowserContactForm submits the example site's contact form in
// Chromium through `storyfront serve`, with JavaScript (fetch) and without
// (plain post, 303), and finds both leads, with their attribution, in the
// dev server's lead store and in `storyfront leads list`.
func TestServeBrowserContactForm(t *testing.T) {
	ctx := testpart.Chromium(t, 2*time.Minute)
	dir := copyExampleSite(t)
	db := filepath.Join(t.TempDir(), "leads.db")
	s := startServe(t, dir, "--db", db)
	fail := func(step string, err error) {
		t.Helper()
		t.Fatalf("%s: %v\nserve stdout:\n%s\nserve stderr:\n%s", step, err, s.stdout, s.stderr)
	}

	// With JavaScript: the visit lands on a story from a campaign link.
	landing := s.url + "/stories/the-first-hour/?utm_source=newsletter&utm_medium=email&utm_campaign=spring-launch"
	err := chromedp.Do(ctx,
		chromedp.Navigate(landing),
		chromedp.WaitReady(`article[data-story]`),
		chromedp.Navigate(s.url+"/contact/"),
		chromedp.WaitVisible(`#form-contact-name`),
		chromedp.SendKeys(`#form-contact-name`, "Grace Hopper"),
		chromedp.SendKeys(`#form-contact-email`, "grace@cobol.example"),
		chromedp.SetValue(`#form-contact-interest`, "Enterprise plan"),
		chromedp.Click(`#form-contact-consent`),
		chromedp.Sleep(2500*time.Millisecond), // a person takes longer than capture.minSeconds (2s) to fill it
		chromedp.Click(`#form-contact button[type=submit]`),
	)
	if err != nil {
		fail("fill the form with JavaScript", err)
	}
	if err := waitFor(ctx, `location.pathname === "/thank-you/"`); err != nil {
		fail("no thank-you page after the fetch submission", err)
	}

	// Without JavaScript, in a new tab: a plain post and the 303.
	plain, cancel := chromedp.NewContext(ctx)
	defer cancel()
	err = chromedp.Do(plain,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(s.url+"/contact/"),
		chromedp.WaitVisible(`#form-contact-name`),
		chromedp.SendKeys(`#form-contact-name`, "Alan Kay"),
		chromedp.SendKeys(`#form-contact-email`, "alan@smalltalk.example"),
		chromedp.SetValue(`#form-contact-interest`, "Story audit"),
		chromedp.Click(`#form-contact-consent`),
		chromedp.Click(`#form-contact button[type=submit]`),
		chromedp.WaitNotPresent(`#form-contact`),
	)
	if err != nil {
		fail("fill the form without JavaScript", err)
	}
	if loc, err := chromedp.Run(plain, chromedp.Location()); err != nil || loc != s.url+"/thank-you/" {
		t.Errorf("after the plain post: at %q (%v), want %s/thank-you/", loc, err, s.url)
	}

	// The leads, read back from the dev server's store.
	leads := storedLeads(t, db)
	byEmail := map[string]*capture.Lead{}
	for _, l := range leads {
		byEmail[l.Fields["email"]] = l
	}
	js, nojs := byEmail["grace@cobol.example"], byEmail["alan@smalltalk.example"]
	if js == nil || nojs == nil || len(leads) != 2 {
		t.Fatalf("store holds %d leads (%v), want Grace's and Alan's", len(leads), slices.Collect(maps.Keys(byEmail)))
	}
	wantJS := capture.Attribution{Page: "/contact/", Story: "The first hour", Landing: landing,
		UTMSource: "newsletter", UTMMedium: "email", UTMCampaign: "spring-launch"}
	got := js.Attribution
	got.Referrer = ""
	if j := got.Journey; j == nil || j.First == nil || j.First.Campaign != "spring-launch" || len(j.Stories) != 1 || j.Stories[0].Title != "The first hour" {
		t.Errorf("lead sent with JavaScript: journey %+v", j)
	}
	got.Journey = nil // checked above
	if got != wantJS || js.Form != "contact" || !js.Consent || js.Fields["interest"] != "Enterprise plan" {
		t.Errorf("lead sent with JavaScript: form %q consent %v fields %v\nattribution %+v\nwant        %+v",
			js.Form, js.Consent, js.Fields, js.Attribution, wantJS)
	}
	if nojs.Attribution.Page != "/contact/" || nojs.Form != "contact" || !nojs.Consent || nojs.Fields["name"] != "Alan Kay" {
		t.Errorf("lead sent without JavaScript: %+v", nojs)
	}

	// The marketer's view: `storyfront leads list` on the same file.
	var stdout, stderr bytes.Buffer
	if err := NewMain(&stdout, &stderr).Run(context.Background(), []string{"leads", "list", "--db", db}); err != nil {
		t.Fatalf("storyfront leads list: %v\n%s", err, stderr.String())
	}
	for _, want := range []string{js.ID, nojs.ID, "spring-launch", "The first hour"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("leads list does not show %q:\n%s", want, stdout.String())
		}
	}
}

func storedLeads(t *testing.T, db string) []*capture.Lead {
	t.Helper()
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	leads, err := store.List(context.Background(), capture.Query{})
	if err != nil {
		t.Fatal(err)
	}
	return leads
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
