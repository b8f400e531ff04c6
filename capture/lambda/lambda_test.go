package lambda_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/lambda"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

// newFunction is the Function in-process, on a real SQLite store and
// without delivery (the emulator test covers delivery).
func newFunction(t *testing.T, o lambda.Options) *lambda.Function {
	t.Helper()
	site, err := schema.Load("testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	return lambda.New(h, nil, o)
}

func invoke(t *testing.T, f *lambda.Function, name string, edit func(*events.APIGatewayV2HTTPRequest)) events.APIGatewayV2HTTPResponse {
	t.Helper()
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(fixture(t, name), &ev); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&ev)
	}
	payload, _ := json.Marshal(ev)
	out, err := f.Invoke(context.Background(), payload)
	if err != nil {
		t.Fatal(err)
	}
	var resp events.APIGatewayV2HTTPResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestPaths(t *testing.T) {
	f := newFunction(t, lambda.Options{})
	for _, path := range []string{"/contact", "/api/leads/contact", "/any/prefix/contact/"} {
		r := invoke(t, f, "function-url-post-base64.json", func(ev *events.APIGatewayV2HTTPRequest) {
			ev.RawPath = path
			ev.Headers["idempotency-key"] = "paths-" + path
		})
		if r.StatusCode != http.StatusCreated {
			t.Errorf("%s: %d %s", path, r.StatusCode, r.Body)
		}
	}
	if r := invoke(t, f, "function-url-post.json", func(ev *events.APIGatewayV2HTTPRequest) { ev.RawPath = "/nosuchform" }); r.StatusCode != http.StatusNotFound {
		t.Errorf("unknown form: %d", r.StatusCode)
	}

	pf := newFunction(t, lambda.Options{PathPrefix: "/api/leads/"})
	if r := invoke(t, pf, "apigw-v2-post.json", nil); r.StatusCode != http.StatusSeeOther {
		t.Errorf("stage prod + prefix: %d %s", r.StatusCode, r.Body)
	}
	if r := invoke(t, pf, "function-url-post.json", nil); r.StatusCode != http.StatusNotFound {
		t.Errorf("outside the prefix: %d, want 404", r.StatusCode)
	}
}

func TestResponseTranslation(t *testing.T) {
	f := newFunction(t, lambda.Options{})
	r := invoke(t, f, "function-url-post.json", func(ev *events.APIGatewayV2HTTPRequest) {
		ev.Body = strings.Replace(ev.Body, "email=ann%40customer.example", "email=nope", 1)
	})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(r.Headers["Content-Type"], "text/html") ||
		r.IsBase64Encoded || !strings.Contains(r.Body, "<li>") {
		t.Errorf("422 page: %d %v base64=%v\n%s", r.StatusCode, r.Headers, r.IsBase64Encoded, r.Body)
	}
	if _, err := f.Invoke(context.Background(), []byte(`{"hello":"world"}`)); err == nil {
		t.Error("an unknown event was accepted")
	}
	if _, err := f.Invoke(context.Background(), []byte(`not json`)); err == nil {
		t.Error("a non-JSON event was accepted")
	}
	out, err := f.Invoke(context.Background(), fixture(t, "scheduled-sweep.json"))
	if err != nil || !strings.Contains(string(out), `"Delivered":0`) {
		t.Errorf("sweep without a worker: %s %v", out, err)
	}
}

// TestErrorAnswersFollowContract: the answers the Function gives before
// the form is known (a body that is not base64, a path outside the
// prefix) are the capture contract's: JSON when asked, an HTML page
// otherwise, CORS headers for an allowed origin and none for another.
func TestErrorAnswersFollowContract(t *testing.T) {
	f := newFunction(t, lambda.Options{PathPrefix: "/api/leads"})
	for _, tc := range []struct {
		name    string
		fixture string
		edit    func(*events.APIGatewayV2HTTPRequest)
		status  int
		json    bool
		cors    string
	}{
		{"bad base64, JSON", "function-url-bad-base64.json", func(ev *events.APIGatewayV2HTTPRequest) { ev.RawPath = "/api/leads/contact" },
			http.StatusBadRequest, true, "https://bridgework.example"},
		{"bad base64, plain post", "function-url-bad-base64.json", func(ev *events.APIGatewayV2HTTPRequest) {
			ev.RawPath = "/api/leads/contact"
			ev.Headers["accept"] = "text/html"
		}, http.StatusBadRequest, false, "https://bridgework.example"},
		{"outside the prefix, JSON", "function-url-post-base64.json", func(ev *events.APIGatewayV2HTTPRequest) { ev.RawPath = "/other/contact" },
			http.StatusNotFound, true, "https://bridgework.example"},
		{"outside the prefix, other origin", "function-url-post-base64.json", func(ev *events.APIGatewayV2HTTPRequest) {
			ev.RawPath = "/other/contact"
			ev.Headers["origin"] = "https://evil.example"
		}, http.StatusNotFound, true, ""},
		{"outside the prefix, plain", "function-url-post.json", nil, http.StatusNotFound, false, "https://bridgework.example"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := invoke(t, f, tc.fixture, tc.edit)
			if r.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", r.StatusCode, tc.status, r.Body)
			}
			ct := r.Headers["Content-Type"]
			if tc.json {
				var body struct{ Error string }
				if !strings.HasPrefix(ct, "application/json") || json.Unmarshal([]byte(r.Body), &body) != nil || body.Error == "" {
					t.Errorf("want a JSON error; Content-Type %q, body %s", ct, r.Body)
				}
			} else if !strings.HasPrefix(ct, "text/html") || !strings.Contains(r.Body, "<h1>") {
				t.Errorf("want the HTML error page; Content-Type %q, body %s", ct, r.Body)
			}
			if got := r.Headers["Access-Control-Allow-Origin"]; got != tc.cors {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tc.cors)
			}
		})
	}
}

// TestConcurrentInvocationsDeliverTheirOwnLeads runs 16 HTTP invocations
// at once, as aws-lambda-go does when the runtime allows it, against a
// slow CRM: each invocation's lead must be delivered when its own answer
// comes back. With one list of stored leads shared by all invocations,
// one invocation took the others' leads and they answered first, with
// their leads not yet delivered.
func TestConcurrentInvocationsDeliverTheirOwnLeads(t *testing.T) {
	var mu sync.Mutex
	got := map[string]int{}
	crm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		got[r.Header.Get("webhook-id")]++
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer crm.Close()
	ctx := context.Background()
	site, err := schema.Load("testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	senders, _ := delivery.Senders(ctx, site.Sales, delivery.SenderOptions{Getenv: func(k string) string {
		return map[string]string{"TEST_CRM_URL": crm.URL, "TEST_CRM_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}[k]
	}})
	w, err := delivery.NewWorker(delivery.Config{Store: st, Site: site, Senders: senders, Policy: delivery.PolicyFrom(site.Sales.Retry)})
	if err != nil {
		t.Fatal(err)
	}
	var f *lambda.Function
	h, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: st, Route: delivery.NewRouter(site.Sales).Route,
		OnStored: func(ctx context.Context, id string) { f.Stored(ctx, id) }})
	if err != nil {
		t.Fatal(err)
	}
	// The invocations overlap: each answer takes a while after its lead
	// is stored, as writing it out does on a busy machine.
	slow := http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(rw, r)
		time.Sleep(30 * time.Millisecond)
	})
	f = lambda.New(slow, w, lambda.Options{Budget: 10 * time.Second})

	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ev events.APIGatewayV2HTTPRequest
			if err := json.Unmarshal(fixture(t, "function-url-post.json"), &ev); err != nil {
				t.Error(err)
				return
			}
			ev.Headers["accept"] = "application/json"
			ev.RequestContext.HTTP.SourceIP = fmt.Sprintf("198.51.100.%d", i+1) // one client each: under the rate limit
			ev.Body = fmt.Sprintf("name=Ann&email=ann%d%%40customer.example&_idempotency=conc-%d", i, i)
			payload, _ := json.Marshal(ev)
			out, err := f.Invoke(ctx, payload)
			if err != nil {
				t.Error(err)
				return
			}
			var resp events.APIGatewayV2HTTPResponse
			var created struct{ ID string }
			if err := json.Unmarshal(out, &resp); err != nil || json.Unmarshal([]byte(resp.Body), &created) != nil || created.ID == "" {
				t.Errorf("invocation %d answered %s", i, out)
				return
			}
			mu.Lock()
			n := got[created.ID]
			mu.Unlock()
			if n != 1 {
				t.Errorf("invocation %d answered with its lead %s delivered %d times, want 1", i, created.ID, n)
			}
		}()
	}
	wg.Wait()
}
