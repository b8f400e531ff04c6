package statushook_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink/webhook"
	"github.com/storyfront/storyfront/capture/statushook"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

const siteYAML = `baseURL: https://bridgework.example/
forms:
  contact:
    thankYou: /thanks/
    fields:
      - {name: email, type: email, required: true}
sales:
  statusWebhook: {secretEnv: TEST_STATUS_SECRET}
`

type fixture struct {
	url    string
	key    []byte
	store  *sqlite.Store
	leadID string
}

func setup(t *testing.T) *fixture {
	t.Helper()
	site, err := schema.Parse("site.yaml", []byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	raw := make([]byte, 32)
	rand.Read(raw)
	secret := "whsec_" + base64.StdEncoding.EncodeToString(raw)
	status, err := statushook.FromSite(site, st, func(k string) string {
		if k == "TEST_STATUS_SECRET" {
			return secret
		}
		return ""
	}, nil)
	if err != nil || status == nil {
		t.Fatalf("FromSite = %v, %v", status, err)
	}
	h, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: st, Status: status})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.StripPrefix("/api/leads", h))
	t.Cleanup(srv.Close)
	l := &capture.Lead{ID: "01JSTATUSHOOK0000000000001", Form: "contact", Fields: map[string]string{"email": "ann@customer.example"}, CreatedAt: time.Now().UTC()}
	if _, _, err := st.Save(context.Background(), l, nil); err != nil {
		t.Fatal(err)
	}
	return &fixture{url: srv.URL + "/api/leads/_status", key: raw, store: st, leadID: l.ID}
}

// post sends body with the given webhook headers; sign computes a real
// Standard Webhooks signature with key unless it is nil.
func (f *fixture) post(t *testing.T, id string, ts time.Time, body string, key []byte) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", f.url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if id != "" {
		stamp := strconv.FormatInt(ts.Unix(), 10)
		req.Header.Set(webhook.HeaderID, id)
		req.Header.Set(webhook.HeaderTimestamp, stamp)
		if key != nil {
			req.Header.Set(webhook.HeaderSignature, "v1,bm90IHRoaXMgb25l "+webhook.Sign(key, id, stamp, []byte(body)))
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (f *fixture) outcome(t *testing.T) (capture.Outcome, int) {
	t.Helper()
	l, err := f.store.Get(context.Background(), f.leadID)
	if err != nil {
		t.Fatal(err)
	}
	h, err := f.store.History(context.Background(), f.leadID)
	if err != nil {
		t.Fatal(err)
	}
	return l.Outcome, len(h)
}

func TestStatusWebhook(t *testing.T) {
	f := setup(t)
	now := time.Now()
	won := fmt.Sprintf(`{"lead": %q, "status": "won", "value": 12000.5, "currency": "eur", "note": "HubSpot deal 42"}`, f.leadID)

	code, body := f.post(t, "msg_1", now, won, f.key)
	if code != http.StatusOK || !strings.Contains(body, `"status":"won"`) {
		t.Fatalf("signed update: %d %s", code, body)
	}
	o, n := f.outcome(t)
	if o.Status != capture.StatusWon || o.Value != 1200050 || o.Currency != "EUR" || n != 1 {
		t.Fatalf("after signed update: %+v, %d history entries", o, n)
	}
	h, _ := f.store.History(context.Background(), f.leadID)
	if h[0].Source != "webhook" || h[0].EventID != "msg_1" || h[0].Note != "HubSpot deal 42" {
		t.Errorf("history entry = %+v", h[0])
	}

	lost := fmt.Sprintf(`{"lead": %q, "status": "lost"}`, f.leadID)
	other := make([]byte, 32)
	rand.Read(other)
	refused := []struct {
		name string
		id   string
		ts   time.Time
		key  []byte
	}{
		{"unsigned", "", now, nil},
		{"no signature header", "msg_2", now, nil},
		{"signed with another secret", "msg_3", now, other},
		{"stale timestamp", "msg_4", now.Add(-6 * time.Minute), f.key},
		{"timestamp from the future", "msg_5", now.Add(6 * time.Minute), f.key},
		{"replayed webhook-id", "msg_1", now, f.key},
	}
	for _, tc := range refused {
		code, body := f.post(t, tc.id, tc.ts, lost, tc.key)
		if code != http.StatusUnauthorized {
			t.Errorf("%s: %d %s, want 401", tc.name, code, body)
		}
	}
	if o2, n2 := f.outcome(t); o2 != o || n2 != 1 {
		t.Errorf("refused calls changed the lead: %+v, %d entries", o2, n2)
	}
	// A body changed after signing does not verify.
	req := fmt.Sprintf(`{"lead": %q, "status": "won", "value": 1, "currency": "EUR"}`, f.leadID)
	stamp := strconv.FormatInt(now.Unix(), 10)
	sig := webhook.Sign(f.key, "msg_6", stamp, []byte(req))
	hr, _ := http.NewRequest("POST", f.url, strings.NewReader(strings.Replace(req, `"value": 1`, `"value": 9`, 1)))
	hr.Header.Set(webhook.HeaderID, "msg_6")
	hr.Header.Set(webhook.HeaderTimestamp, stamp)
	hr.Header.Set(webhook.HeaderSignature, sig)
	if resp, err := http.DefaultClient.Do(hr); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("tampered body: %v %v", resp.StatusCode, err)
	}

	bad := []struct{ body, want string }{
		{`{"lead": "01JNOSUCH", "status": "won"}`, "404"},
		{fmt.Sprintf(`{"lead": %q, "status": "maybe"}`, f.leadID), "422 unknown status"},
		{fmt.Sprintf(`{"lead": %q, "status": "won", "value": "12k", "currency": "EUR"}`, f.leadID), "422 amount"},
		{fmt.Sprintf(`{"lead": %q, "status": "won", "value": 5}`, f.leadID), "422 currency"},
		{fmt.Sprintf(`{"lead": %q, "status": "won", "value": -5, "currency": "EUR"}`, f.leadID), "422 amount"},
		{`not json`, "422 JSON"},
	}
	for i, tc := range bad {
		code, body := f.post(t, fmt.Sprintf("msg_bad_%d", i), now, tc.body, f.key)
		wantCode, wantText, _ := strings.Cut(tc.want, " ")
		if strconv.Itoa(code) != wantCode || !strings.Contains(body, wantText) {
			t.Errorf("%s: %d %s, want %s", tc.body, code, body, tc.want)
		}
	}
	if o2, n2 := f.outcome(t); o2 != o || n2 != 1 {
		t.Errorf("bad updates changed the lead: %+v, %d entries", o2, n2)
	}
	// GET is not accepted; a form post path still works beside it.
	if resp, err := http.Get(f.url); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /_status: %v %v", resp.StatusCode, err)
	}
}

// Without the secret in the environment the endpoint does not exist.
func TestStatusWebhookOffWithoutSecret(t *testing.T) {
	site, err := schema.Parse("site.yaml", []byte(siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	h, err := statushook.FromSite(site, st, func(string) string { return "" }, nil)
	if err != nil || h != nil {
		t.Fatalf("FromSite without secret = %v, %v; want nil, nil", h, err)
	}
	if _, err := statushook.FromSite(site, st, func(string) string { return "not-a-secret" }, nil); err == nil ||
		strings.Contains(err.Error(), "not-a-secret") {
		t.Errorf("malformed secret: %v (must fail, must not quote it)", err)
	}
	ch, _ := capture.NewHandler(capture.HandlerConfig{Site: site, Store: st})
	srv := httptest.NewServer(ch)
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/_status", "application/json", strings.NewReader(`{}`))
	if err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /_status without a status webhook: %v %v, want 404", resp.StatusCode, err)
	}
}
