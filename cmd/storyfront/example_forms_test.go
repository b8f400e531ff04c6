package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/internal/testpart"
)

// scriptedPost is one submission the test endpoint received.
type scriptedPost struct {
	accept string
	values url.Values
}

// scriptedLeads serves the built site and, at /api/leads/contact, answers
// posts with the scripted statuses in order, as the capture contract says
// (422 with {"error", "errors"}, 503, then 201 {"id"} or 303 for plain posts).
// It stands in for capture so the script's handling of each status is tested;
// capture's own end-to-end test runs the real handler.
type scriptedLeads struct {
	mu       sync.Mutex
	statuses []int
	posts    []scriptedPost
}

func (e *scriptedLeads) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	e.mu.Lock()
	status := http.StatusCreated
	if n := len(e.posts); n < len(e.statuses) {
		status = e.statuses[n]
	}
	e.posts = append(e.posts, scriptedPost{accept: r.Header.Get("Accept"), values: r.PostForm})
	e.mu.Unlock()
	jsonReply := strings.Contains(r.Header.Get("Accept"), "application/json")
	switch {
	case status == http.StatusCreated && !jsonReply:
		http.Redirect(w, r, "/thank-you/", http.StatusSeeOther)
	case status == http.StatusCreated:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(`{"id":"01JD7Q2W8N4ZK6T3B5R9XVYC0M"}`))
	case status == http.StatusUnprocessableEntity:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write([]byte(`{"error":"Some fields need attention","errors":{"_consent":"Your consent is required","email":"Work email is not a valid email address"}}`))
	default:
		http.Error(w, http.StatusText(status), status)
	}
}

func (e *scriptedLeads) received() []scriptedPost {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]scriptedPost(nil), e.posts...)
}

func serveExample(t *testing.T, lead *scriptedLeads) string {
	t.Helper()
	out := buildExample(t)
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(out)))
	mux.Handle("POST /api/leads/contact", lead)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestExampleSiteFormScript drives the contact form in headless Chromium:
// attribution from the visit's landing page, inline errors from a 422, a
// Retry button after a 503 that resends the same idempotency key, and the
// thank-you page after a 201.
func TestExampleSiteFormScript(t *testing.T) {
	lead := &scriptedLeads{statuses: []int{422, 503, 201}}
	base := serveExample(t, lead)
	ctx := testpart.Chromium(t, time.Minute)

	fail := func(step string, err error) {
		t.Helper()
		t.Fatalf("browser, %s: %v (posts so far: %d)", step, err, len(lead.received()))
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/stories/the-first-hour/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn"),
		chromedp.WaitReady(`article[data-story]`),
		// A call to action preselects the interest; metadata is never taken from the URL.
		chromedp.Navigate(base+"/contact/?interest=Enterprise+plan&role=Nonsense&_page=/elsewhere/"),
		chromedp.WaitVisible(`#form-contact-name`),
		chromedp.SendKeys(`#form-contact-name`, "Ines Carvalho"),
		chromedp.SendKeys(`#form-contact-email`, "ines@northwind.example"),
		chromedp.Click(`#form-contact-consent`),
		chromedp.Click(`#form-contact button[type=submit]`),
		chromedp.WaitVisible(`#form-contact-errors`),
	)
	if err != nil {
		fail("first submission", err)
	}
	errText, err := chromedp.Run(ctx, chromedp.Text(`#form-contact-email-error`))
	if err != nil {
		fail("error text", err)
	}
	invalid, err := chromedp.Run(ctx, chromedp.AttributeValue(`#form-contact-email`, "aria-invalid"))
	if err != nil {
		fail("aria-invalid", err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil {
		fail("focus", err)
	}
	summary, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#form-contact-errors li a"), a => a.getAttribute("href") + " " + a.textContent)`))
	if err != nil {
		fail("error summary", err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(`#form-contact button[type=submit]`),
		chromedp.WaitVisible(`#form-contact .form-status button`),
		chromedp.Click(`#form-contact .form-status button`),
	)
	if err != nil {
		fail("retry after 503", err)
	}
	// The 201 navigates away; poll the location from Go, as an in-page
	// poll would be cut short by the navigation.
	var path string
	for i := 0; i < 100 && path != "/thank-you/"; i++ {
		time.Sleep(100 * time.Millisecond)
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil {
			if u, err := url.Parse(loc); err == nil {
				path = u.Path
			}
		}
	}
	if errText != "Work email is not a valid email address" || invalid.Value != "true" {
		t.Errorf("after 422: email error %q, aria-invalid %q", errText, invalid.Value)
	}
	if focused != "form-contact-errors" {
		t.Errorf("after 422: focus on %q, want the error summary", focused)
	}
	wantSummary := []string{"#form-contact-email Work email is not a valid email address", "#form-contact-consent Your consent is required"}
	if strings.Join(summary, "\n") != strings.Join(wantSummary, "\n") {
		t.Errorf("after 422: error summary %q, want %q (links to the fields, in page order)", summary, wantSummary)
	}
	if path != "/thank-you/" {
		t.Errorf("after 201: at %q, want /thank-you/", path)
	}

	posts := lead.received()
	if len(posts) != 3 {
		t.Fatalf("endpoint got %d posts, want 3 (422, 503, retry)", len(posts))
	}
	v := posts[0].values
	if posts[0].accept != "application/json" {
		t.Errorf("Accept = %q", posts[0].accept)
	}
	want := map[string]string{
		"name": "Ines Carvalho", "email": "ines@northwind.example", "interest": "Enterprise plan", "_consent": "yes",
		"role": "", "_page": "/contact/", "_story": "The first hour", "_gotcha": "",
		"_utm_source": "newsletter", "_utm_medium": "email", "_utm_campaign": "autumn", "_utm_term": "",
	}
	for k, w := range want {
		if got := v.Get(k); got != w {
			t.Errorf("posted %s = %q, want %q", k, got, w)
		}
	}
	if l := v.Get("_landing"); l != base+"/stories/the-first-hour/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn" {
		t.Errorf("posted _landing = %q", l)
	}
	started, err := strconv.ParseInt(v.Get("_started"), 10, 64)
	if age := time.Since(time.UnixMilli(started)); err != nil || age < 0 || age > time.Minute {
		t.Errorf("posted _started = %q (age %v)", v.Get("_started"), age)
	}
	key := v.Get("_idempotency")
	if len(key) < 16 {
		t.Errorf("posted _idempotency = %q", key)
	}
	if k1, k2 := posts[1].values.Get("_idempotency"), posts[2].values.Get("_idempotency"); k1 != key || k2 != key {
		t.Errorf("retry changed the idempotency key: %q, %q, %q", key, k1, k2)
	}
}

// TestExampleSiteFormWithoutScript submits the contact form with JavaScript
// disabled: a plain post that lands on the thank-you page through the 303.
func TestExampleSiteFormWithoutScript(t *testing.T) {
	lead := &scriptedLeads{}
	base := serveExample(t, lead)
	ctx := testpart.Chromium(t, time.Minute)

	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(base+"/contact/"),
		chromedp.WaitVisible(`#form-contact-name`),
		chromedp.SendKeys(`#form-contact-name`, "Ines Carvalho"),
		chromedp.SendKeys(`#form-contact-email`, "ines@northwind.example"),
		chromedp.SetValue(`#form-contact-interest`, "Story audit"),
		chromedp.Click(`#form-contact-consent`),
		chromedp.Click(`#form-contact button[type=submit]`),
		chromedp.WaitNotPresent(`#form-contact`),
	)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	path, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	if !strings.HasSuffix(path, "/thank-you/") {
		t.Errorf("after a plain post: at %q, want the thank-you page", path)
	}
	posts := lead.received()
	if len(posts) != 1 {
		t.Fatalf("endpoint got %d posts, want 1", len(posts))
	}
	v := posts[0].values
	if strings.Contains(posts[0].accept, "application/json") || v.Get("email") != "ines@northwind.example" || v.Get("_page") != "/contact/" || v.Get("_started") != schema.StartedNoScript {
		t.Errorf("plain post: Accept %q, values %v", posts[0].accept, v)
	}
}
