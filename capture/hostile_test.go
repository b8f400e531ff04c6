package capture_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
)

// postBody sends body with content type ctype from the site's origin,
// asking for JSON, and returns the status and the field errors.
func postBody(t *testing.T, f *fixture, ctype, body string) (int, map[string]string, string) {
	t.Helper()
	r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(body))
	r.RemoteAddr = "203.0.113.5:1234"
	r.Header.Set("Content-Type", ctype)
	r.Header.Set("Origin", "https://www.example.com")
	r.Header.Set("Accept", "application/json")
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	var res struct {
		ID     string
		Errors map[string]string
	}
	json.Unmarshal(w.Body.Bytes(), &res)
	return w.Code, res.Errors, res.ID
}

// Only an explicit yes/on/true/1 is consent (issue 14, item 7); a checkbox
// field sent as no/false/0/off is unchecked, not "yes".
func TestConsentNeedsAnExplicitYes(t *testing.T) {
	f := newFixture(t, nil)
	for _, v := range []string{"no", "false", "0", "off", "No", " ", "maybe", "nein"} {
		code, errs, _ := postBody(t, f, formType, with(valid(), "_consent", v).Encode())
		if code != 422 || errs["_consent"] == "" {
			t.Errorf("_consent=%q: %d %v, want 422 with a _consent error", v, code, errs)
		}
	}
	for _, v := range []string{"yes", "on", "true", "1", "YES", " On "} {
		code, errs, id := postBody(t, f, formType, with(valid(), "_consent", v).Encode())
		if code != 201 {
			t.Errorf("_consent=%q: %d %v, want 201", v, code, errs)
			continue
		}
		if l, err := f.store.Get(context.Background(), id); err != nil || !l.Consent {
			t.Errorf("_consent=%q: lead consent %v (%v), want true", v, l != nil && l.Consent, err)
		}
	}
	// JSON false is no consent either.
	body := `{"name":"Ada","email":"ada@example.com","interest":"Demo","_consent":false,"_started":"` + valid().Get("_started") + `"}`
	if code, errs, _ := postBody(t, f, "application/json", body); code != 422 || errs["_consent"] == "" {
		t.Errorf("JSON _consent false: %d %v", code, errs)
	}
	// A form without consent text stores consent only for an explicit yes.
	g := newFixture(t, func(s *schema.Site) { s.Forms["contact"].Consent = "" })
	code, errs, id := postBody(t, g, formType, with(valid(), "_consent", "no", "news", "false").Encode())
	if code != 201 {
		t.Fatalf("form without consent text: %d %v", code, errs)
	}
	l, err := g.store.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if l.Consent {
		t.Error("_consent=no stored as consent")
	}
	if v, ok := l.Fields["news"]; ok {
		t.Errorf("checkbox news=false stored as %q, want unchecked (absent)", v)
	}
}

// A JSON body with a repeated key is refused like a repeated form field:
// 422 with an error naming the key (issue 14, item 8).
func TestJSONDuplicateKeys(t *testing.T) {
	f := newFixture(t, nil)
	started := valid().Get("_started")
	base := `"name":"Ada","interest":"Demo","_consent":"yes","_started":"` + started + `"`
	for _, tc := range []struct{ body, key string }{
		{`{` + base + `,"email":"ada@example.com","email":"eve@evil.example"}`, "email"},
		{`{` + base + `,"email":"ada@example.com","news":true,"news":false}`, "news"},
		{`{` + base + `,"email":"ada@example.com","news":null,"news":null}`, "news"},
		{`{` + base + `,"email":"ada@example.com","_consent":"yes"}`, "_consent"},
		{`{` + base + `,"email":"ada@example.com","_page":"/a/","_page":"/b/"}`, "_page"},
		{`{` + base + `,"email":"ada@example.com","_started":"1"}`, "_started"},
		{`{` + base + `,"email":"ada@example.com","_idempotency":"a","_idempotency":"b"}`, "_idempotency"},
		// Keys are compared after JSON unescaping.
		{`{` + base + `,"email":"ada@example.com","em\u0061il":"eve@evil.example"}`, "email"},
	} {
		code, errs, _ := postBody(t, f, "application/json", tc.body)
		if code != 422 || errs[tc.key] == "" {
			t.Errorf("%s: %d %v, want 422 naming %q", tc.body, code, errs, tc.key)
		} else if !strings.Contains(errs[tc.key], "more than once") {
			t.Errorf("%s: error %q", tc.body, errs[tc.key])
		}
	}
	// The same metadata repeated in a form body is refused the same way.
	v := valid()
	v.Add("_page", "/other/")
	if code, errs, _ := postBody(t, f, formType, v.Encode()); code != 422 || errs["_page"] == "" {
		t.Errorf("form with _page twice: %d %v", code, errs)
	}
	if n := len(f.leads(t)); n != 0 {
		t.Errorf("%d leads stored from refused bodies", n)
	}
}

// The Host header is the client's to set, so an Origin equal to it proves
// nothing: only the configured origins and the handler's own (SelfOrigins)
// are trusted (issue 14, item 10).
func TestForgedHostIsNotSameOrigin(t *testing.T) {
	f := newFixture(t, nil)
	for _, tc := range []struct {
		host, origin, referer string
	}{
		{"evil.example", "https://evil.example", ""},
		{"evil.example", "http://evil.example", ""},
		{"evil.example:8443", "https://evil.example:8443", ""},
		{"evil.example", "", "https://evil.example/contact/"},
	} {
		r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(valid().Encode()))
		r.Host = tc.host
		r.Header.Set("Content-Type", formType)
		if tc.origin != "" {
			r.Header.Set("Origin", tc.origin)
		}
		if tc.referer != "" {
			r.Header.Set("Referer", tc.referer)
		}
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, r)
		if w.Code != 403 {
			t.Errorf("Host %s, Origin %q, Referer %q: %d (Location %q), want 403", tc.host, tc.origin, tc.referer, w.Code, w.Header().Get("Location"))
		}
	}
	if n := len(f.leads(t)); n != 0 {
		t.Errorf("%d leads stored with a forged Host", n)
	}
	// The handler's own origin (configured) is same-origin even when the
	// Host header says something else.
	r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(valid().Encode()))
	r.Host = "elsewhere.example"
	r.Header.Set("Content-Type", formType)
	r.Header.Set("Origin", "https://"+capHost)
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	if w.Code != 303 || w.Header().Get("Location") != "/thank-you/" || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("own origin: %d Location %q ACAO %q, want 303 to /thank-you/ without CORS", w.Code, w.Header().Get("Location"), w.Header().Get("Access-Control-Allow-Origin"))
	}
}

func TestSelfOriginsAreChecked(t *testing.T) {
	site, err := schema.Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"leads.example.net", "ftp://x.example", "https://x.example/path"} {
		if _, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: newFixture(t, nil).store, SelfOrigins: []string{bad}}); err == nil {
			t.Errorf("SelfOrigins %q accepted", bad)
		}
	}
}

// The time trap (issue 14, item 11): a post from the site's own pages must
// carry _started, as the theme's script sets it (Unix ms) or as the
// generator renders it for a browser without JavaScript
// (schema.StartedNoScript). Absent, garbled or far in the future, it is a
// spam signal; posts from other allowed origins (partner pages, API
// clients) may leave it out.
func TestTimeTrap(t *testing.T) {
	f := newFixture(t, nil)
	send := func(origin string, v url.Values) bool {
		t.Helper()
		r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(v.Encode()))
		r.RemoteAddr = "203.0.113.9:1234"
		r.Header.Set("Content-Type", formType)
		r.Header.Set("Origin", origin)
		r.Header.Set("Accept", "application/json")
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, r)
		id := idOf(t, w) // spam is answered like success
		l, err := f.store.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		return l.Spam
	}
	const site, partner, self = "https://www.example.com", "https://partner.example.org", "https://" + capHost
	ms := func(d time.Duration) string { return fmt.Sprint(now.Add(d).UnixMilli()) }
	for _, tc := range []struct {
		name, origin, started string // started "\x00delete": not sent
		spam                  bool
	}{
		{"script: 30 s on the page", site, ms(-30 * time.Second), false},
		{"script: 0.5 s on the page", site, ms(-500 * time.Millisecond), true},
		{"no script: the rendered marker", site, schema.StartedNoScript, false},
		{"no script, served by the dev server", self, schema.StartedNoScript, false},
		{"missing", site, "\x00delete", true},
		{"missing, from the dev server", self, "\x00delete", true},
		{"empty", site, "", true},
		{"garbled", site, "soon", true},
		{"a marker it does not know", site, "noscript2", true},
		{"a client clock a minute fast", site, ms(time.Minute), false},
		{"two days in the future", site, ms(48 * time.Hour), true},
		{"partner page without _started", partner, "\x00delete", false},
		{"partner page, garbled", partner, "soon", true},
	} {
		if got := send(tc.origin, with(valid(), "_started", tc.started, "_idempotency", strings.ReplaceAll(tc.name, " ", "-"))); got != tc.spam {
			t.Errorf("%s: spam = %v, want %v", tc.name, got, tc.spam)
		}
	}
	// minSeconds: 0 turns the whole trap off.
	f = newFixture(t, func(s *schema.Site) { s.Capture.MinSeconds = 0 })
	if send(site, with(valid(), "_started", "\x00delete")) {
		t.Error("minSeconds 0: a post without _started is spam")
	}
}
