package capture_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

// now is the handler's clock in these tests.
var now = time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)

const capHost = "leads.example.net"

type fixture struct {
	h      *capture.Handler
	store  *sqlite.Store
	stored []string // ids passed to OnStored
}

func newFixture(t testing.TB, edit func(*schema.Site)) *fixture {
	t.Helper()
	site, err := schema.Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(site)
	}
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	f := &fixture{store: store}
	f.h, err = capture.NewHandler(capture.HandlerConfig{
		Site:     site,
		Store:    store,
		Route:    func(*capture.Lead) []string { return []string{"inbox"} },
		OnStored: func(_ context.Context, id string) { f.stored = append(f.stored, id) },
		IPSalt:   []byte("test salt"),
		Now:      func() time.Time { return now },
		// The endpoint's own origin, as `storyfront serve` passes its address.
		SelfOrigins: []string{"https://" + capHost},
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) leads(t *testing.T) []*capture.Lead {
	t.Helper()
	ls, err := f.store.List(context.Background(), capture.Query{IncludeSpam: true})
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

// valid returns a complete, valid contact submission.
func valid() url.Values {
	return url.Values{
		"name":          {"Ada Lovelace"},
		"email":         {"ada@example.com"},
		"interest":      {"Demo"},
		"phone":         {"+44 20 7946 0958"},
		"website":       {"https://ada.example"},
		"code":          {"ABC"},
		"message":       {"Hello,\r\nwe sell engines."},
		"news":          {"on"},
		"_consent":      {"yes"},
		"_page":         {"/stories/engines/"},
		"_story":        {"Engines that think"},
		"_referrer":     {"https://news.example/"},
		"_landing":      {"https://www.example.com/stories/engines/?utm_source=news"},
		"_utm_source":   {"news"},
		"_utm_campaign": {"autumn"},
		"_started":      {fmt.Sprint(now.Add(-30 * time.Second).UnixMilli())},
		"_unknown":      {"ignored"},
		"favourite":     {"ignored too"},
	}
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "\x00delete" {
			out.Del(kv[i])
			continue
		}
		out.Set(kv[i], kv[i+1])
	}
	return out
}

const formType = "application/x-www-form-urlencoded"

func multipartBody(t *testing.T, v url.Values, file bool) (string, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range v {
		for _, s := range vs {
			if err := mw.WriteField(k, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	if file {
		fw, err := mw.CreateFormFile("cv", "cv.pdf")
		if err != nil {
			t.Fatal(err)
		}
		fw.Write([]byte("%PDF-1.7"))
	}
	mw.Close()
	return mw.FormDataContentType(), b.String()
}

func jsonBody(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandlerContract(t *testing.T) {
	mpType, mpBody := multipartBody(t, valid(), false)
	mpFileType, mpFileBody := multipartBody(t, valid(), true)
	jsonValid := map[string]any{"name": "Ada", "email": "ada@example.com", "interest": "Pricing", "news": true, "_consent": true, "_story": "S"}

	type tc struct {
		name    string
		method  string // default POST
		path    string // default /contact
		header  map[string]string
		ctype   string // default urlencoded
		body    string
		chunked bool // hide the length, as a streaming client does

		status   int
		headers  map[string]string // header: want value ("" = must be absent)
		contains []string          // substrings of the body
		errors   []string          // JSON field errors expected, exactly
		stored   int               // leads added
	}
	origin := map[string]string{"Origin": "https://www.example.com"}
	jsonAccept := map[string]string{"Origin": "https://www.example.com", "Accept": "application/json"}
	tests := []tc{
		{name: "urlencoded from the site: 303 to its thank-you page", header: origin, body: valid().Encode(),
			status: 303, headers: map[string]string{"Location": "https://www.example.com/thank-you/"}, stored: 1},
		{name: "same-origin post: relative redirect", header: map[string]string{"Origin": "https://" + capHost}, body: valid().Encode(),
			status: 303, headers: map[string]string{"Location": "/thank-you/", "Access-Control-Allow-Origin": ""}, stored: 1},
		{name: "allowed partner origin: redirect there, CORS header", header: map[string]string{"Origin": "https://partner.example.org"}, body: valid().Encode(),
			status: 303, headers: map[string]string{"Location": "https://partner.example.org/thank-you/", "Access-Control-Allow-Origin": "https://partner.example.org"}, stored: 1},
		{name: "no Origin but a matching Referer", header: map[string]string{"Referer": "https://www.example.com/contact/"}, body: valid().Encode(),
			status: 303, stored: 1},
		{name: "Accept json: 201 with id", header: jsonAccept, body: valid().Encode(),
			status: 201, contains: []string{`"id":"`}, stored: 1},
		{name: "multipart fields", header: jsonAccept, ctype: mpType, body: mpBody, status: 201, stored: 1},
		{name: "JSON body", header: origin, ctype: "application/json", body: jsonBody(t, jsonValid), status: 201, stored: 1},
		{name: "JSON body with charset utf-8", header: origin, ctype: "application/json; charset=UTF-8", body: jsonBody(t, jsonValid), status: 201, stored: 1},

		{name: "every field error at once, JSON", header: jsonAccept,
			body:   with(valid(), "name", "", "email", "ada@", "interest", "Lunch", "phone", "call me", "website", "javascript:alert(1)", "code", "abc", "_consent", "\x00delete").Encode(),
			status: 422, errors: []string{"name", "email", "interest", "phone", "website", "code", "_consent"}},
		{name: "errors as an escaped HTML page with a link back", header: map[string]string{"Origin": "https://www.example.com", "Referer": "https://www.example.com/contact/?a=<b>"},
			body:   with(valid(), "email", "<script>alert(1)</script>").Encode(),
			status: 422, headers: map[string]string{"Content-Type": "text/html; charset=utf-8"},
			contains: []string{"Work email is not a valid email address", `href="https://www.example.com/contact/?a=%3cb%3e"`}},
		{name: "HTML errors in the form's field order, consent last", header: origin,
			body:   with(valid(), "name", "", "email", "x", "code", "1", "_consent", "\x00delete").Encode(),
			status: 422, contains: []string{"<li>Your name is required</li>\n<li>Work email is not a valid email address</li>\n<li>Code is not in the expected format</li>\n<li>Your consent is required to send this form</li>"}},
		{name: "script in a text field is stored as text", header: jsonAccept, body: with(valid(), "name", "<b>x</b>").Encode(), status: 201, stored: 1},
		{name: "invalid UTF-8 names the field", header: jsonAccept, body: "name=%FF%FE&" + with(valid(), "name", "\x00delete").Encode(), status: 422, errors: []string{"name"}},
		{name: "control character names the field", header: jsonAccept, body: with(valid(), "name", "Ada\x1b[31m").Encode(), status: 422, errors: []string{"name"}},
		{name: "newline in a one-line field", header: jsonAccept, body: with(valid(), "name", "Ada\nBcc: x").Encode(), status: 422, errors: []string{"name"}},
		{name: "bidi override", header: jsonAccept, body: with(valid(), "name", "Ada\u202egnp.exe").Encode(), status: 422, errors: []string{"name"}},
		{name: "over-long field", header: jsonAccept, body: with(valid(), "name", strings.Repeat("a", 21)).Encode(), status: 422, errors: []string{"name"}},
		{name: "over-long textarea (type default 5000)", header: jsonAccept, body: with(valid(), "message", strings.Repeat("é", 5001)).Encode(), status: 422, errors: []string{"message"}},
		{name: "field sent twice", header: jsonAccept, body: valid().Encode() + "&email=b@example.com", status: 422, errors: []string{"email"}},

		{name: "malformed urlencoded", header: jsonAccept, body: "name=%zz", status: 400},
		{name: "malformed JSON", header: jsonAccept, ctype: "application/json", body: `{"name": `, status: 400},
		{name: "JSON array value", header: jsonAccept, ctype: "application/json", body: `{"name": ["a"]}`, status: 400},
		{name: "JSON trailing data", header: jsonAccept, ctype: "application/json", body: `{"name": "a"} {}`, status: 400},
		{name: "JSON invalid UTF-8", header: jsonAccept, ctype: "application/json", body: "{\"name\": \"\xff\"}", status: 400},
		{name: "multipart with a file", header: jsonAccept, ctype: mpFileType, body: mpFileBody, status: 400, contains: []string{"file uploads are not accepted"}},
		{name: "multipart without boundary", header: jsonAccept, ctype: "multipart/form-data", body: "x", status: 400},
		{name: "bad idempotency key", header: map[string]string{"Origin": "https://www.example.com", "Accept": "application/json", "Idempotency-Key": strings.Repeat("k", 201)}, body: valid().Encode(), status: 400},

		{name: "body over 64 KiB", header: jsonAccept, body: with(valid(), "message", strings.Repeat("a", 70<<10)).Encode(), status: 413},
		{name: "body over 64 KiB without Content-Length", header: jsonAccept, chunked: true, body: with(valid(), "message", strings.Repeat("a", 70<<10)).Encode(), status: 413},
		{name: "text/plain", header: jsonAccept, ctype: "text/plain", body: "hello", status: 415},
		{name: "no content type", header: jsonAccept, ctype: "-", body: valid().Encode(), status: 415},
		{name: "latin-1 charset", header: jsonAccept, ctype: formType + "; charset=ISO-8859-1", body: valid().Encode(), status: 415},

		{name: "GET is 405 with Allow", method: "GET", header: origin, status: 405, headers: map[string]string{"Allow": "POST, OPTIONS"}},
		{name: "PUT is 405", method: "PUT", header: jsonAccept, body: valid().Encode(), status: 405},
		{name: "unknown form", path: "/nope", header: jsonAccept, body: valid().Encode(), status: 404},
		{name: "empty form name", path: "/", header: jsonAccept, body: valid().Encode(), status: 404},
		{name: "nested path", path: "/contact/x", header: jsonAccept, body: valid().Encode(), status: 404},

		{name: "foreign origin", header: map[string]string{"Origin": "https://evil.example", "Accept": "application/json"}, body: valid().Encode(),
			status: 403, headers: map[string]string{"Access-Control-Allow-Origin": ""}},
		{name: "no Origin and no Referer", header: map[string]string{"Accept": "application/json"}, body: valid().Encode(), status: 403},
		{name: "Origin null", header: map[string]string{"Origin": "null"}, body: valid().Encode(), status: 403},
		{name: "foreign Referer: link back to the site, not to it", header: map[string]string{"Referer": "https://evil.example/x"}, body: valid().Encode(),
			status: 403, contains: []string{`href="https://www.example.com/"`}},
		{name: "preflight from the site", method: "OPTIONS", header: map[string]string{"Origin": "https://www.example.com", "Access-Control-Request-Method": "POST"},
			status: 204, headers: map[string]string{"Access-Control-Allow-Origin": "https://www.example.com", "Access-Control-Allow-Methods": "POST"}},
		{name: "preflight from elsewhere", method: "OPTIONS", header: map[string]string{"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
			status: 403, headers: map[string]string{"Access-Control-Allow-Origin": ""}},

		{name: "honeypot: answered like success", header: origin, body: with(valid(), "_gotcha", "http://spam.example").Encode(),
			status: 303, headers: map[string]string{"Location": "https://www.example.com/thank-you/"}, stored: 1},
		{name: "time trap: answered like success", header: jsonAccept, body: with(valid(), "_started", fmt.Sprint(now.Add(-500*time.Millisecond).UnixMilli())).Encode(),
			status: 201, stored: 1},
		{name: "spam with invalid fields still looks like success", header: jsonAccept, body: with(valid(), "_gotcha", "x", "email", "nope").Encode(),
			status: 201, stored: 1},
		{name: "a future _started (fast client clock) is not spam", header: jsonAccept, body: with(valid(), "_started", fmt.Sprint(now.Add(time.Minute).UnixMilli())).Encode(),
			status: 201, stored: 1},
	}
	f := newFixture(t, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method, path, ctype := tt.method, tt.path, tt.ctype
			if method == "" {
				method = "POST"
			}
			if path == "" {
				path = "/contact"
			}
			if ctype == "" {
				ctype = formType
			}
			var body io.Reader = strings.NewReader(tt.body)
			if tt.chunked {
				body = io.MultiReader(body)
			}
			r := httptest.NewRequest(method, "https://"+capHost+path, body)
			r.RemoteAddr = "192.0.2.7:5555"
			if ctype != "-" {
				r.Header.Set("Content-Type", ctype)
			}
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			before := len(f.leads(t))
			w := httptest.NewRecorder()
			f.h.ServeHTTP(w, r)
			res := w.Result()
			got := w.Body.String()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d; body:\n%s", res.StatusCode, tt.status, got)
			}
			for k, v := range tt.headers {
				if res.Header.Get(k) != v {
					t.Errorf("header %s = %q, want %q", k, res.Header.Get(k), v)
				}
			}
			for _, s := range tt.contains {
				if !strings.Contains(got, s) {
					t.Errorf("body lacks %q:\n%s", s, got)
				}
			}
			if strings.Contains(got, "<script>") {
				t.Errorf("body echoes markup unescaped:\n%s", got)
			}
			if tt.errors != nil {
				var e struct {
					Error  string
					Errors map[string]string
				}
				if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
					t.Fatalf("422 body is not JSON: %v\n%s", err, got)
				}
				if len(e.Errors) != len(tt.errors) || e.Error == "" {
					t.Errorf("errors = %v, want exactly %v", e.Errors, tt.errors)
				}
				for _, name := range tt.errors {
					if e.Errors[name] == "" {
						t.Errorf("no error for %s in %v", name, e.Errors)
					}
				}
			}
			if n := len(f.leads(t)) - before; n != tt.stored {
				t.Errorf("%d leads stored, want %d", n, tt.stored)
			}
			if tt.status >= 400 && res.Header.Get("Content-Type") == "" {
				t.Error("error response without Content-Type")
			}
		})
	}
}

// post sends a valid contact form as JSON-accepting client from the site.
func post(t *testing.T, h http.Handler, v url.Values, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(v.Encode()))
	r.RemoteAddr = "198.51.100.9:4000"
	r.Header.Set("Content-Type", formType)
	r.Header.Set("Origin", "https://www.example.com")
	r.Header.Set("Accept", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func idOf(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	var body struct{ ID string }
	if w.Code != 201 || json.Unmarshal(w.Body.Bytes(), &body) != nil || body.ID == "" {
		t.Fatalf("want 201 with an id, got %d %s", w.Code, w.Body)
	}
	return body.ID
}

func TestStoredLead(t *testing.T) {
	f := newFixture(t, nil)
	id := idOf(t, post(t, f.h, valid(), "User-Agent", "Mozilla/5.0 "+strings.Repeat("x", 400)))
	l, err := f.store.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	wantFields := map[string]string{"name": "Ada Lovelace", "email": "ada@example.com", "interest": "Demo", "phone": "+44 20 7946 0958",
		"website": "https://ada.example", "code": "ABC", "message": "Hello,\nwe sell engines.", "news": "yes"}
	if fmt.Sprint(l.Fields) != fmt.Sprint(wantFields) {
		t.Errorf("fields = %v\nwant %v", l.Fields, wantFields)
	}
	wantAttr := capture.Attribution{Page: "/stories/engines/", Story: "Engines that think", Referrer: "https://news.example/",
		Landing: "https://www.example.com/stories/engines/?utm_source=news", UTMSource: "news", UTMCampaign: "autumn"}
	if l.Attribution != wantAttr {
		t.Errorf("attribution = %+v\nwant %+v", l.Attribution, wantAttr)
	}
	if !l.Consent || l.Spam || l.Form != "contact" || !l.CreatedAt.Equal(now) || len([]rune(l.UserAgent)) != 256 {
		t.Errorf("lead = %+v", l)
	}
	if l.IPHash == "" || strings.Contains(l.IPHash, "198.51") {
		t.Errorf("IP hash = %q", l.IPHash)
	}
	ds, err := f.store.Deliveries(context.Background(), id)
	if err != nil || len(ds) != 1 || ds[0].Sink != "inbox" {
		t.Errorf("deliveries = %+v, %v", ds, err)
	}
	if len(f.stored) != 1 || f.stored[0] != id {
		t.Errorf("OnStored got %v, want [%s]", f.stored, id)
	}
}

func TestSpamIsStoredButNeverRouted(t *testing.T) {
	f := newFixture(t, nil)
	id := idOf(t, post(t, f.h, with(valid(), "_gotcha", "buy pills")))
	l, err := f.store.Get(context.Background(), id)
	if err != nil || !l.Spam {
		t.Fatalf("lead = %+v, %v; want stored as spam", l, err)
	}
	ds, err := f.store.Deliveries(context.Background(), id)
	if err != nil || len(ds) != 0 {
		t.Errorf("spam deliveries = %+v, %v; want none", ds, err)
	}
	if len(f.stored) != 0 {
		t.Errorf("OnStored called for spam: %v", f.stored)
	}
	if ls, _ := f.store.List(context.Background(), capture.Query{}); len(ls) != 0 {
		t.Errorf("spam listed without IncludeSpam")
	}
}

func TestIdempotency(t *testing.T) {
	f := newFixture(t, nil)
	a := idOf(t, post(t, f.h, with(valid(), "_idempotency", "form-key-1")))
	b := idOf(t, post(t, f.h, with(valid(), "_idempotency", "form-key-1", "name", "Changed")))
	c := idOf(t, post(t, f.h, valid(), "Idempotency-Key", "hdr-key-1"))
	d := idOf(t, post(t, f.h, with(valid(), "_idempotency", "other"), "Idempotency-Key", "hdr-key-1"))
	if a != b || c != d || a == c {
		t.Fatalf("ids %s %s %s %s: want a == b, c == d, a != c", a, b, c, d)
	}
	if n := len(f.leads(t)); n != 2 {
		t.Fatalf("%d leads, want 2", n)
	}
	if len(f.stored) != 2 {
		t.Errorf("OnStored called %d times, want 2", len(f.stored))
	}
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, func(s *schema.Site) { s.Capture.RateLimit = 3 })
	for i := range 3 {
		if w := post(t, f.h, valid()); w.Code != 201 {
			t.Fatalf("post %d: %d", i, w.Code)
		}
	}
	w := post(t, f.h, valid())
	if w.Code != 429 || w.Header().Get("Retry-After") == "" {
		t.Fatalf("4th post: %d (Retry-After %q), want 429", w.Code, w.Header().Get("Retry-After"))
	}
	// Another client is not affected.
	r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(valid().Encode()))
	r.RemoteAddr = "[2001:db8::1]:443"
	r.Header.Set("Content-Type", formType)
	r.Header.Set("Origin", "https://www.example.com")
	w = httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	if w.Code != 303 {
		t.Fatalf("other client: %d, want 303", w.Code)
	}
}

func TestStoreFailureIs503(t *testing.T) {
	f := newFixture(t, nil)
	if err := f.store.Close(); err != nil {
		t.Fatal(err)
	}
	w := post(t, f.h, valid())
	var body struct {
		Error string
		Retry bool
	}
	if w.Code != 503 || json.Unmarshal(w.Body.Bytes(), &body) != nil || !body.Retry || body.Error == "" {
		t.Fatalf("got %d %s, want 503 with retry", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), "closed") || strings.Contains(w.Body.String(), "sqlite") {
		t.Errorf("internal error leaked: %s", w.Body)
	}
	r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(valid().Encode()))
	r.Header.Set("Content-Type", formType)
	r.Header.Set("Origin", "https://www.example.com")
	hw := httptest.NewRecorder()
	f.h.ServeHTTP(hw, r)
	if hw.Code != 503 || !strings.Contains(hw.Body.String(), "try again") {
		t.Fatalf("plain post: %d %s, want a 503 page", hw.Code, hw.Body)
	}
}

func TestRestartKeepsEveryAnsweredLead(t *testing.T) {
	site, err := schema.Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "leads.db")
	var ids []string
	for round := range 2 {
		store, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		h, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: store})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		for i := range 20 {
			v := with(valid(), "_started", schema.StartedNoScript, "_idempotency", fmt.Sprintf("r%d-%d", round, i))
			req, _ := http.NewRequest("POST", srv.URL+"/contact", strings.NewReader(v.Encode()))
			req.Header.Set("Content-Type", formType)
			req.Header.Set("Origin", "https://www.example.com")
			req.Header.Set("Accept", "application/json")
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body struct{ ID string }
			json.NewDecoder(res.Body).Decode(&body)
			res.Body.Close()
			if res.StatusCode != 201 {
				t.Fatalf("status %d", res.StatusCode)
			}
			ids = append(ids, body.ID)
		}
		srv.Close()
		if err := store.Close(); err != nil {
			t.Fatal(err)
		}
	}
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, id := range ids {
		if _, err := store.Get(context.Background(), id); err != nil {
			t.Errorf("answered lead %s missing after restart: %v", id, err)
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}
