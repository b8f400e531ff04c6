package lambda_test

import (
	"context"
	"encoding/base64"
	"net/http"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/lambda"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink/webhook"
	"github.com/storyfront/storyfront/capture/statushook"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

// The scheduled sweep runs OnSweep (the weekly digest) even without a worker.
func TestSweepRunsOnSweep(t *testing.T) {
	calls := 0
	f := lambda.New(nil, nil, lambda.Options{OnSweep: func(context.Context) { calls++ }})
	if _, err := f.Invoke(context.Background(), fixture(t, "scheduled-sweep.json")); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Errorf("OnSweep ran %d times, want 1", calls)
	}
}

// A CRM's signed status update reaches the handler through a Function URL
// event, as on AWS; the same call replayed is refused.
func TestStatusWebhookThroughFunction(t *testing.T) {
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
	key := []byte("0123456789abcdef0123456789abcdef")
	status, err := statushook.New(statushook.Config{Store: st, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	h, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: st, Status: status})
	if err != nil {
		t.Fatal(err)
	}
	f := lambda.New(h, nil, lambda.Options{})
	l := &capture.Lead{ID: "01JLAMBDASTATUS00000000001", Form: "contact", Fields: map[string]string{"email": "ann@customer.example"}, CreatedAt: time.Now().UTC()}
	if _, _, err := st.Save(ctx, l, nil); err != nil {
		t.Fatal(err)
	}
	body := `{"lead": "` + l.ID + `", "status": "won", "value": "12,000", "currency": "EUR"}`
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	call := func(ev *events.APIGatewayV2HTTPRequest) {
		ev.RawPath = "/_status"
		ev.Body, ev.IsBase64Encoded = base64.StdEncoding.EncodeToString([]byte(body)), true
		ev.Headers = map[string]string{"content-type": "application/json", "host": ev.Headers["host"],
			"webhook-id": "msg_lambda_1", "webhook-timestamp": ts, "webhook-signature": webhook.Sign(key, "msg_lambda_1", ts, []byte(body))}
	}
	if r := invoke(t, f, "function-url-post.json", call); r.StatusCode != http.StatusOK {
		t.Fatalf("signed status update: %d %s", r.StatusCode, r.Body)
	}
	got, err := st.Get(ctx, l.ID)
	if err != nil || got.Outcome.State() != capture.StatusWon || got.Outcome.Value != 1200000 {
		t.Fatalf("after the update: %+v, %v", got.Outcome, err)
	}
	if r := invoke(t, f, "function-url-post.json", call); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("replayed update: %d, want 401", r.StatusCode)
	}
}
