package webhook_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/sink"
	"github.com/storyfront/storyfront/capture/sink/webhook"
)

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// TestSignVector checks Sign against the Standard Webhooks specification's
// published example.
func TestSignVector(t *testing.T) {
	key, err := webhook.DecodeSecret(secret)
	if err != nil {
		t.Fatal(err)
	}
	got := webhook.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", []byte(`{"test": 2432232314}`))
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}

// receiver verifies each request the way the docs tell receivers to, with
// its own HMAC code rather than the package's.
type receiver struct {
	mu      sync.Mutex
	status  int
	got     []sink.Payload
	headers []http.Header
	bodies  [][]byte
	errs    []string
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	id, ts, sig := r.Header.Get("webhook-id"), r.Header.Get("webhook-timestamp"), r.Header.Get("webhook-signature")
	key, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + ts + "." + string(body)))
	want := "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if sig != want {
		rc.errs = append(rc.errs, "bad signature "+sig)
	}
	sec, _ := strconv.ParseInt(ts, 10, 64)
	if d := time.Since(time.Unix(sec, 0)); d > 5*time.Minute || d < -5*time.Minute {
		rc.errs = append(rc.errs, "stale timestamp "+ts)
	}
	var p sink.Payload
	if err := json.Unmarshal(body, &p); err != nil {
		rc.errs = append(rc.errs, err.Error())
	}
	rc.got = append(rc.got, p)
	rc.headers = append(rc.headers, r.Header.Clone())
	rc.bodies = append(rc.bodies, body)
	if rc.status != 0 {
		w.WriteHeader(rc.status)
		io.WriteString(w, `{"error":"bad request"}`)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func lead() *capture.Lead {
	return &capture.Lead{ID: "01JWEBHOOK0000000000000000", Form: "contact",
		Fields:      map[string]string{"email": "ann@customer.example", "message": "<b>hi</b>"},
		Attribution: capture.Attribution{Story: "Marketing vs Sales", UTMCampaign: "spring"},
		CreatedAt:   time.Now()}
}

func TestSendSignedAndVerified(t *testing.T) {
	rc := &receiver{}
	srv := httptest.NewServer(rc)
	defer srv.Close()
	s, err := webhook.New(webhook.Options{Name: "crm", URL: srv.URL + "/hooks/leads", Secret: secret})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(context.Background(), sink.Message{Lead: lead()}); err != nil {
		t.Fatal(err)
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.errs) > 0 || len(rc.got) != 1 {
		t.Fatalf("receiver: %d posts, errors %v", len(rc.got), rc.errs)
	}
	p := rc.got[0]
	if p.Type != "lead.created" || p.Data.ID != "01JWEBHOOK0000000000000000" || p.Data.Fields["message"] != "<b>hi</b>" ||
		p.Data.Attribution.Story != "Marketing vs Sales" || p.Data.Attribution.UTMCampaign != "spring" {
		t.Errorf("payload = %+v", p)
	}
	if rc.headers[0].Get("webhook-id") != p.Data.ID {
		t.Errorf("webhook-id %q is not the lead id", rc.headers[0].Get("webhook-id"))
	}
	// The package's own Verify agrees with the receiver, and refuses a
	// tampered body.
	key, _ := webhook.DecodeSecret(secret)
	if err := webhook.Verify(key, rc.headers[0], rc.bodies[0], time.Now(), 5*time.Minute); err != nil {
		t.Errorf("Verify refused the delivered body: %v", err)
	}
	tampered := []byte(strings.Replace(string(rc.bodies[0]), "ann@", "eve@", 1))
	if err := webhook.Verify(key, rc.headers[0], tampered, time.Now(), 5*time.Minute); err == nil {
		t.Error("Verify accepted a tampered body")
	}
}

func TestVerify(t *testing.T) {
	key, _ := webhook.DecodeSecret(secret)
	body := []byte(`{"type":"lead.created"}`)
	now := time.Unix(1_800_000_000, 0)
	h := http.Header{}
	h.Set("webhook-id", "01JX")
	h.Set("webhook-timestamp", "1800000000")
	h.Set("webhook-signature", "v1,bm90IGl0 "+webhook.Sign(key, "01JX", "1800000000", body))
	if err := webhook.Verify(key, h, body, now, 5*time.Minute); err != nil {
		t.Errorf("valid signature (second of two) refused: %v", err)
	}
	if err := webhook.Verify(key, h, body, now.Add(10*time.Minute), 5*time.Minute); err == nil {
		t.Error("replay 10 minutes later accepted")
	}
	if err := webhook.Verify(key, h, append(body, ' '), now, 5*time.Minute); err == nil {
		t.Error("tampered body accepted")
	}
}

func TestStatusClassification(t *testing.T) {
	for _, tc := range []struct {
		status    int
		permanent bool
	}{{400, true}, {401, true}, {410, true}, {408, false}, {429, false}, {500, false}, {503, false}} {
		rc := &receiver{status: tc.status}
		srv := httptest.NewServer(rc)
		s, _ := webhook.New(webhook.Options{Name: "crm", URL: srv.URL + "/secret-token-in-path", Secret: secret})
		err := s.Send(context.Background(), sink.Message{Lead: lead()})
		srv.Close()
		if err == nil || sink.IsPermanent(err) != tc.permanent {
			t.Errorf("HTTP %d: err = %v, permanent = %v, want %v", tc.status, err, sink.IsPermanent(err), tc.permanent)
		}
		if err != nil && strings.Contains(err.Error(), "secret-token") {
			t.Errorf("HTTP %d: error quotes the URL: %v", tc.status, err)
		}
	}
}

func TestDownIsRetriedWithoutURL(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/secret-token-in-path"
	srv.Close()
	s, _ := webhook.New(webhook.Options{Name: "crm", URL: url, Secret: secret})
	err := s.Send(context.Background(), sink.Message{Lead: lead()})
	if err == nil || sink.IsPermanent(err) || strings.Contains(err.Error(), "secret-token") {
		t.Fatalf("err = %v, want a retryable error that does not quote the URL", err)
	}
}

func TestBadSecret(t *testing.T) {
	for _, s := range []string{"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_!!!", "whsec_c2hvcnQ="} {
		if _, err := webhook.New(webhook.Options{Name: "crm", URL: "http://127.0.0.1:1/", Secret: s}); err == nil {
			t.Errorf("secret %q accepted", s)
		} else if strings.Contains(err.Error(), s) {
			t.Errorf("error quotes the secret: %v", err)
		}
	}
}
