package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
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

// trackedSite is the example site served as a CDN would (the built
// public/) with `storyfront capture serve` behind /api/leads on the same
// origin, delivering to a real Mailpit.
type trackedSite struct {
	url  string
	db   string
	site string
	mail *testpart.Mailbox
	cs   *dlvServer
}

func startTrackedSite(t *testing.T) *trackedSite {
	t.Helper()
	dir := copyExampleSite(t)
	// The team's mail goes to Mailpit, in plain SMTP.
	yml, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	patched := strings.Replace(string(yml), "      hostEnv: SMTP_HOST              # e.g. smtp.example.com:587\n      usernameEnv: SMTP_USERNAME\n      passwordEnv: SMTP_PASSWORD\n",
		"      hostEnv: SMTP_HOST\n      tls: none\n", 1)
	// The site's pages are served from the test's own origin.
	mux := http.NewServeMux()
	srv := httptest.NewUnstartedServer(mux)
	origin := "http://" + srv.Listener.Addr().String()
	patched = strings.Replace(patched, "\ncapture:\n", "\ncapture:\n  allowedOrigins: ["+origin+"]\n", 1)
	if patched == string(yml) || !strings.Contains(patched, origin) {
		t.Fatal("site.yaml: the team-email sink or the capture section changed; update this test")
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(patched), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := runCLI(t, "build", "-s", dir, "-d", out); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr)
	}
	mail := testpart.Mailpit(t)
	bin := buildStoryfront(t, t.TempDir())
	db := filepath.Join(t.TempDir(), "leads.db")
	cs := dlvStart(t, bin, dir, db, "SMTP_HOST="+mail.SMTPAddr)
	target, err := url.Parse(cs.base)
	if err != nil {
		t.Fatal(err)
	}
	mux.Handle("/", http.FileServer(http.Dir(out)))
	mux.Handle("/api/leads/", http.StripPrefix("/api/leads", httputil.NewSingleHostReverseProxy(target)))
	srv.Start()
	t.Cleanup(srv.Close)
	return &trackedSite{url: srv.URL, db: db, site: dir, mail: mail, cs: cs}
}

// TestTrackingStoryToDeal is the loop the issue asks for: a visitor comes
// from a campaign link, reads two stories and writes; the lead holds the
// journey, the email to sales says it, sales marks the lead won, and the
// HTML report shows the story with the won value.
func TestTrackingStoryToDeal(t *testing.T) {
	ctx := testpart.Chromium(t, 2*time.Minute)
	s := startTrackedSite(t)

	err := chromedp.Do(ctx,
		chromedp.Navigate(s.url+"/?utm_source=newsletter&utm_medium=email&utm_campaign=april"),
		chromedp.WaitReady(`body`),
		chromedp.Navigate(s.url+"/stories/marketing-vs-sales/"),
		chromedp.WaitReady(`article[data-story]`),
		chromedp.Sleep(1200*time.Millisecond),
		chromedp.Navigate(s.url+"/stories/the-first-hour/"),
		chromedp.WaitReady(`article[data-story]`),
		chromedp.Navigate(s.url+"/contact/"),
		chromedp.WaitVisible(`#form-contact-name`),
		chromedp.SendKeys(`#form-contact-name`, "Grace Hopper"),
		chromedp.SendKeys(`#form-contact-email`, "grace@cobol.example"),
		chromedp.SendKeys(`#form-contact-company`, "Cobol Ltd"),
		chromedp.SetValue(`#form-contact-interest`, "Story audit"),
		chromedp.Click(`#form-contact-consent`),
		chromedp.Sleep(2200*time.Millisecond), // longer than capture.minSeconds
		chromedp.Click(`#form-contact button[type=submit]`),
	)
	if err != nil {
		t.Fatalf("the visit: %v", err)
	}
	if err := waitFor(ctx, `location.pathname === "/thank-you/"`); err != nil {
		t.Fatalf("no thank-you page: %v", err)
	}

	// The lead holds the journey.
	leads := storedLeads(t, s.db)
	if len(leads) != 1 {
		t.Fatalf("%d leads stored, want 1", len(leads))
	}
	l := leads[0]
	j := l.Attribution.Journey
	if j == nil || j.First == nil || j.First.Campaign != "april" || j.First.Source != "newsletter" || j.First.Page != "/" {
		t.Fatalf("journey's first touch = %+v", j)
	}
	if len(j.Stories) != 2 || j.Stories[0].Title != "Marketing vs Sales: two halves of one promise" || j.Stories[1].Title != "The first hour" ||
		j.Stories[0].Page != "/stories/marketing-vs-sales/" || j.Stories[0].Seconds%10 != 0 {
		t.Fatalf("journey's stories = %+v", j.Stories)
	}
	if l.Attribution.Story != "The first hour" {
		t.Errorf("lead's story = %q, want the last one read", l.Attribution.Story)
	}

	// The email in Mailpit says it in a sentence.
	var text string
	deadline := time.Now().Add(30 * time.Second)
	for text == "" && time.Now().Before(deadline) {
		var list struct{ Messages []struct{ ID string } }
		s.mail.Get(t, "/api/v1/messages", &list)
		if len(list.Messages) > 0 {
			var msg struct{ Text string }
			s.mail.Get(t, "/api/v1/message/"+list.Messages[0].ID, &msg)
			text = msg.Text
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	want := "Journey:   Read before writing: Marketing vs Sales: two halves of one promise → The first hour; first came from the april campaign (newsletter / email), moments before writing."
	if !strings.Contains(text, want) {
		t.Fatalf("the email lacks %q:\n%s\ncapture serve:\n%s", want, text, s.cs.logs)
	}

	// Sales marks it won.
	if out, stderr, err := runCLI(t, "leads", "status", l.ID, "won", "--value", "12000", "--db", s.db); err != nil || !strings.Contains(out, "won, 12,000 EUR") {
		t.Fatalf("leads status: %q %v\n%s", out, err, stderr)
	}
	checkStoryReport(t, ctx, s)

	// A browser that sends Global Privacy Control keeps no journey, and
	// forgets the one it kept before; the form still works.
	gpc, cancel := chromedp.NewContext(ctx)
	defer cancel()
	err = chromedp.Do(gpc,
		chromedp.Navigate(s.url+"/stories/the-first-hour/?utm_campaign=may"),
		chromedp.WaitReady(`article[data-story]`),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: `Object.defineProperty(Navigator.prototype, "globalPrivacyControl", {get: () => true})`})
			return err
		}),
		chromedp.Navigate(s.url+"/stories/marketing-vs-sales/"),
		chromedp.WaitReady(`article[data-story]`),
	)
	if err != nil {
		t.Fatalf("visit with GPC: %v", err)
	}
	kept, err := chromedp.Run(gpc, chromedp.Evaluate[bool](`navigator.globalPrivacyControl === true && localStorage.getItem("sf:journey") === null`))
	if err != nil || !kept {
		t.Errorf("with Global Privacy Control the journey is still in localStorage (%v)", err)
	}
	cookies, err := chromedp.Run(gpc, chromedp.Evaluate[string](`document.cookie`))
	if err != nil || cookies != "" {
		t.Errorf("the site set cookies: %q %v", cookies, err)
	}
}

// checkStoryReport writes the HTML report and finds the story with its
// won value in the page's text and in its SVG chart.
func checkStoryReport(t *testing.T, ctx context.Context, s *trackedSite) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "report.html")
	out, stderr, err := runCLI(t, "leads", "report", "--html", file, "--db", s.db)
	if err != nil {
		t.Fatalf("leads report --html: %v\n%s", err, stderr)
	}
	if !strings.Contains(out, "1      1          1          1    12,000 EUR  The first hour") {
		t.Errorf("the text report lacks the won story:\n%s", out)
	}
	tab, cancel := chromedp.NewContext(ctx)
	defer cancel()
	if err := chromedp.Do(tab, chromedp.Navigate("file://"+file), chromedp.WaitReady("svg")); err != nil {
		t.Fatalf("open the report: %v", err)
	}
	text, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil || !strings.Contains(text, "The first hour") || !strings.Contains(text, "12,000 EUR") {
		t.Errorf("the report page's text lacks the story or its won value (%v):\n%s", err, text)
	}
	// In the story chart's SVG, the story's row names it and its won value.
	svg, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("figure svg text"), t => t.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(svg, "\n")
	if !strings.Contains(joined, "The first hour\n1 lead, 1 won, 12,000 EUR") {
		t.Errorf("the SVG story chart lacks the story with its won value:\n%s", joined)
	}
}
