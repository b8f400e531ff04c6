package lambda_test

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/storyfront/storyfront/capture"
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
