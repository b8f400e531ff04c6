package lambda_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/sink/webhook"
	ddb "github.com/storyfront/storyfront/capture/store/dynamodb"
	"github.com/storyfront/storyfront/internal/testpart"
)

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// sesEmails returns the lead ids in the bodies of the emails SES received.
func sesEmails(t *testing.T, ses *testpart.SES) []string {
	t.Helper()
	var st struct {
		Emails []struct {
			Subject string
			ReplyTo []string
			Body    struct{ Text string }
		}
	}
	ses.Store(t, &st)
	var out []string
	for _, e := range st.Emails {
		if i := strings.Index(e.Body.Text, "Lead id:"); i >= 0 {
			out = append(out, strings.Fields(e.Body.Text[i+len("Lead id:"):])[0]+" "+strings.Join(e.ReplyTo, ","))
		}
	}
	return out
}

// bootstrap builds the real cmd/storyfront-lambda for this machine, with
// the test site's site.yaml next to it, as in the deployment zip.
func bootstrap(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-o", filepath.Join(dir, "bootstrap"), "github.com/storyfront/storyfront/cmd/storyfront-lambda")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	site, err := os.ReadFile("testdata/site/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), site, 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "bootstrap")
}

// hooks receives the webhook and Slack posts, verifying signatures.
type hooks struct {
	mu      sync.Mutex
	status  int
	crm     map[string]int
	stories map[string]string
	chat    int
	badSigs int
}

func (h *hooks) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	if r.URL.Path == "/slack" {
		h.chat++
		return
	}
	key, _ := webhook.DecodeSecret(secret)
	if err := webhook.Verify(key, r.Header, body, time.Now(), 5*time.Minute); err != nil {
		h.badSigs++
	}
	if h.status != 0 {
		w.WriteHeader(h.status)
		return
	}
	var p struct {
		Data struct {
			ID          string
			Attribution struct{ Story string }
		}
	}
	_ = json.Unmarshal(body, &p)
	h.crm[p.Data.ID]++
	h.stories[p.Data.ID] = p.Data.Attribution.Story
	w.WriteHeader(http.StatusNoContent)
}

func (h *hooks) snapshot() (crm map[string]int, chat, bad int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	crm = map[string]int{}
	for k, v := range h.crm {
		crm[k] = v
	}
	return crm, h.chat, h.badSigs
}

type rie struct {
	t   *testing.T
	url string
}

func (e *rie) invoke(event []byte) events.APIGatewayV2HTTPResponse {
	e.t.Helper()
	resp, err := http.Post(e.url, "application/json", bytes.NewReader(event))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var out events.APIGatewayV2HTTPResponse
	if err := json.Unmarshal(body, &out); err != nil {
		e.t.Fatalf("invocation answered %s: %v", body, err)
	}
	return out
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBootstrapUnderEmulator(t *testing.T) {
	emulator := testpart.Binary(t, "aws-lambda-rie", "go install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie")
	endpoint := testpart.Dynalite(t)
	ses := testpart.SESLocal(t)
	boot := bootstrap(t)
	ctx := context.Background()
	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDLOCAL", SecretAccessKey: "local"}, nil
	})
	store := ddb.New(dynamodb.New(dynamodb.Options{Region: "eu-west-1", BaseEndpoint: aws.String(endpoint), Credentials: creds}), "leads")
	if err := store.CreateTable(ctx); err != nil {
		t.Fatal(err)
	}
	h := &hooks{crm: map[string]int{}, stories: map[string]string{}}
	srv := httptest.NewServer(h)
	defer srv.Close()

	port := testpart.FreePort(t)
	// The runtime API's default port (9001) may be taken: give it a free one.
	cmd := exec.Command(emulator, "--log-level", "error", "--runtime-interface-emulator-address", fmt.Sprintf("127.0.0.1:%d", port),
		"--runtime-api-address", testpart.FreeAddr(t), boot)
	cmd.Env = append(os.Environ(), "AWS_REGION=eu-west-1", "AWS_ACCESS_KEY_ID=AKIDLOCAL", "AWS_SECRET_ACCESS_KEY=local",
		"AWS_ENDPOINT_URL_DYNAMODB="+endpoint, "AWS_ENDPOINT_URL_SESV2="+ses.URL, "STORYFRONT_TABLE=leads", "STORYFRONT_IP_SALT=test-salt",
		"TEST_CRM_URL="+srv.URL+"/crm", "TEST_CRM_SECRET="+secret, "TEST_SLACK_URL="+srv.URL+"/slack")
	logs := &testpart.Output{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("emulator and function logs:\n%s", logs.String())
		}
	}()
	testpart.WaitTCP(t, fmt.Sprintf("127.0.0.1:%d", port))
	e := &rie{t: t, url: fmt.Sprintf("http://127.0.0.1:%d/2015-03-31/functions/function/invocations", port)}

	pre := e.invoke(fixture(t, "function-url-preflight.json"))
	if pre.StatusCode/100 != 2 || pre.Headers["Access-Control-Allow-Origin"] != "https://bridgework.example" {
		t.Errorf("preflight: %d %v", pre.StatusCode, pre.Headers)
	}

	// Function URL, plain form post: 303 to the thank-you page, the lead
	// already delivered (signed) when the answer comes back.
	r := e.invoke(fixture(t, "function-url-post.json"))
	if r.StatusCode != http.StatusSeeOther || r.Headers["Location"] != "https://bridgework.example/thank-you/" {
		t.Fatalf("function URL post: %d %v %s", r.StatusCode, r.Headers, r.Body)
	}
	crm, chat, bad := h.snapshot()
	if len(crm) != 1 || chat != 0 || bad != 0 {
		t.Fatalf("after the first post: crm %v, slack %d, bad signatures %d", crm, chat, bad)
	}
	// The same post again (same idempotency key): no second lead or delivery.
	if r := e.invoke(fixture(t, "function-url-post.json")); r.StatusCode != http.StatusSeeOther {
		t.Errorf("repeat: %d", r.StatusCode)
	}

	// Function URL, base64 body, JSON answer; enterprise interest → slack too.
	r = e.invoke(fixture(t, "function-url-post-base64.json"))
	var created struct{ ID string }
	if err := json.Unmarshal([]byte(r.Body), &created); r.StatusCode != http.StatusCreated || err != nil || created.ID == "" {
		t.Fatalf("base64 post: %d %s", r.StatusCode, r.Body)
	}
	crm, chat, _ = h.snapshot()
	if crm[created.ID] != 1 || chat != 1 || len(crm) != 2 {
		t.Errorf("after the base64 post: crm %v, slack %d", crm, chat)
	}
	if got := sesEmails(t, ses); len(got) != 1 || got[0] != created.ID+" bo@customer.example" {
		t.Errorf("SES received %v, want the enterprise lead %s with Reply-To bo@customer.example", got, created.ID)
	}

	// API Gateway HTTP API v2 on a named stage, with cookies.
	r = e.invoke(fixture(t, "apigw-v2-post.json"))
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("API Gateway post: %d %s", r.StatusCode, r.Body)
	}
	// API Gateway v2, base64 body with an invalid email: 422 naming it.
	r = e.invoke(fixture(t, "apigw-v2-post-base64-invalid-field.json"))
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "email") {
		t.Errorf("invalid field: %d %s", r.StatusCode, r.Body)
	}
	// A body that is not base64: the contract's 400, in JSON as asked,
	// with the CORS header for the site's origin.
	if r := e.invoke(fixture(t, "function-url-bad-base64.json")); r.StatusCode != http.StatusBadRequest ||
		!strings.HasPrefix(r.Headers["Content-Type"], "application/json") || !strings.Contains(r.Body, `"error"`) ||
		r.Headers["Access-Control-Allow-Origin"] != "https://bridgework.example" {
		t.Errorf("bad base64 body: %d %v %s", r.StatusCode, r.Headers, r.Body)
	}
	crm, chat, bad = h.snapshot()
	if len(crm) != 3 || chat != 2 || bad != 0 {
		t.Errorf("after API Gateway posts: crm %v, slack %d, bad signatures %d", crm, chat, bad)
	}
	if got := sesEmails(t, ses); len(got) != 2 {
		t.Errorf("SES received %v, want the two enterprise leads", got)
	}
	for id, n := range crm {
		if n != 1 {
			t.Errorf("lead %s delivered %d times", id, n)
		}
	}

	// The CRM is down: the lead is still accepted and stays pending; the
	// scheduled sweep delivers it once the CRM is back.
	h.mu.Lock()
	h.status = http.StatusServiceUnavailable
	h.mu.Unlock()
	ev := bytes.Replace(fixture(t, "function-url-post-base64.json"), []byte(`"requestId": "c6af9ac6`), []byte(`"requestId": "d7af9ac6`), 1)
	var req events.APIGatewayV2HTTPRequest
	_ = json.Unmarshal(ev, &req)
	req.Body = "bmFtZT1FdmErTW9yZW5vJmVtYWlsPWV2YSU0MGN1c3RvbWVyLmV4YW1wbGUmX2lkZW1wb3RlbmN5PWRvd24tMQ==" // name=Eva+Moreno&email=eva%40customer.example&_idempotency=down-1
	ev, _ = json.Marshal(req)
	r = e.invoke(ev)
	if err := json.Unmarshal([]byte(r.Body), &created); r.StatusCode != http.StatusCreated || err != nil {
		t.Fatalf("post while the CRM is down: %d %s", r.StatusCode, r.Body)
	}
	ds, err := store.Deliveries(ctx, created.ID)
	if err != nil || len(ds) != 1 || ds[0].State != capture.DeliveryPending || ds[0].Attempts != 1 {
		t.Fatalf("deliveries while down: %+v %v", ds, err)
	}
	h.mu.Lock()
	h.status = 0
	h.mu.Unlock()
	time.Sleep(time.Until(ds[0].NextAt) + 50*time.Millisecond)
	resp, err := http.Post(e.url, "application/json", bytes.NewReader(fixture(t, "scheduled-sweep.json")))
	if err != nil {
		t.Fatal(err)
	}
	sweep, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(sweep), `"Delivered":1`) {
		t.Errorf("sweep answered %s", sweep)
	}
	crm, _, _ = h.snapshot()
	if crm[created.ID] != 1 {
		t.Errorf("after the sweep the lead was delivered %d times", crm[created.ID])
	}
	if ds, _ := store.Deliveries(ctx, created.ID); len(ds) != 1 || ds[0].State != capture.DeliveryDelivered {
		t.Errorf("deliveries after the sweep: %+v", ds)
	}
	if strings.Contains(logs.String(), "customer.example") || strings.Contains(logs.String(), "MfKQ9r8") {
		t.Errorf("logs name a lead's email or a secret:\n%s", logs.String())
	}
}
