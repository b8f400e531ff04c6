package dynamodb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/schema"
	ddb "github.com/storyfront/storyfront/capture/store/dynamodb"
	"github.com/storyfront/storyfront/internal/testpart"
)

func client(endpoint string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region:           "eu-west-1",
		BaseEndpoint:     aws.String(endpoint),
		RetryMaxAttempts: 2,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDLOCAL", SecretAccessKey: "local"}, nil
		}),
	})
}

func newStore(t *testing.T) (*ddb.Store, *dynamodb.Client) {
	t.Helper()
	c := client(testpart.Dynalite(t))
	st := ddb.New(c, "storyfront-leads")
	if err := st.CreateTable(context.Background()); err != nil {
		t.Fatal(err)
	}
	return st, c
}

var seq atomic.Int64

func lead(email string, at time.Time) *capture.Lead {
	return &capture.Lead{ID: fmt.Sprintf("01JDDB%020d", seq.Add(1)), Form: "contact",
		Fields: map[string]string{"email": email, "name": "Ann"}, CreatedAt: at,
		Attribution: capture.Attribution{Story: "Marketing vs Sales", UTMCampaign: "spring"}}
}

func TestSaveGetIdempotent(t *testing.T) {
	st, c := newStore(t)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	l := lead("ann@customer.example", now)
	l.IdempotencyKey = "key-1"
	id, created, err := st.Save(ctx, l, []string{"team", "slack", "team"})
	if err != nil || !created || id != l.ID {
		t.Fatalf("Save = %q %v %v", id, created, err)
	}
	again := lead("ann@customer.example", now)
	again.IdempotencyKey = "key-1"
	id2, created, err := st.Save(ctx, again, []string{"team"})
	if err != nil || created || id2 != id {
		t.Fatalf("repeat Save = %q %v %v, want %q false", id2, created, err, id)
	}
	got, err := st.Get(ctx, id)
	if err != nil || got.Fields["email"] != "ann@customer.example" || got.Attribution.Story != "Marketing vs Sales" || !got.CreatedAt.Equal(now) {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	ds, err := st.Deliveries(ctx, id)
	if err != nil || len(ds) != 2 || ds[0].Sink != "team" || ds[1].Sink != "slack" || ds[0].State != capture.DeliveryPending {
		t.Fatalf("Deliveries = %+v, %v", ds, err)
	}
	if _, err := st.Get(ctx, "nope"); !errorsIsNotFound(err) {
		t.Errorf("Get(unknown) = %v", err)
	}

	// A save that died after claiming its key, before writing the lead:
	// the retry completes it under the first id.
	_, err = c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("storyfront-leads"), Item: map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: "IDEM#key-2"}, "leadId": &types.AttributeValueMemberS{Value: "01JHALFSAVED"}}})
	if err != nil {
		t.Fatal(err)
	}
	retry := lead("bob@customer.example", now)
	retry.IdempotencyKey = "key-2"
	id3, created, err := st.Save(ctx, retry, []string{"team"})
	if err != nil || !created || id3 != "01JHALFSAVED" {
		t.Fatalf("completing Save = %q %v %v", id3, created, err)
	}
	if ds, _ := st.Deliveries(ctx, id3); len(ds) != 1 {
		t.Errorf("completed lead has %d deliveries", len(ds))
	}
}

func errorsIsNotFound(err error) bool {
	return err != nil && strings.Contains(err.Error(), capture.ErrNotFound.Error())
}

func TestDueDeadClaimListErase(t *testing.T) {
	st, _ := newStore(t)
	ctx := context.Background()
	t0 := time.Now().UTC()
	a, b := lead("ann@customer.example", t0), lead("BOB@customer.example", t0.Add(time.Second))
	spam := lead("bot@spam.example", t0.Add(2*time.Second))
	spam.Spam = true
	for _, l := range []*capture.Lead{a, b, spam} {
		sinks := []string{"team", "crm"}
		if l.Spam {
			sinks = nil
		}
		if _, _, err := st.Save(ctx, l, sinks); err != nil {
			t.Fatal(err)
		}
	}
	due, err := st.Due(ctx, t0.Add(time.Minute), 0)
	if err != nil || len(due) != 4 || due[0].LeadID != a.ID || due[2].LeadID != b.ID {
		t.Fatalf("Due = %+v, %v", due, err)
	}
	if due, _ := st.Due(ctx, t0.Add(500*time.Millisecond), 0); len(due) != 2 {
		t.Errorf("Due before b's time = %d deliveries, want 2", len(due))
	}
	// Two workers race for one delivery: one wins.
	var wins atomic.Int32
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if ok, err := st.Claim(ctx, due[0], t0.Add(time.Hour)); err != nil {
				t.Error(err)
			} else if ok {
				wins.Add(1)
			}
		}()
	}
	wg.Wait()
	if wins.Load() != 1 {
		t.Errorf("%d claims won, want 1", wins.Load())
	}
	d := due[1]
	d.State, d.Attempts, d.LastError, d.UpdatedAt = capture.DeliveryDead, 1, "HTTP 400: bad list", t0.Add(time.Minute)
	if err := st.UpdateDelivery(ctx, d); err != nil {
		t.Fatal(err)
	}
	dead, err := st.Dead(ctx, 10)
	if err != nil || len(dead) != 1 || dead[0].LastError != "HTTP 400: bad list" || dead[0].Sink != d.Sink {
		t.Fatalf("Dead = %+v, %v", dead, err)
	}
	if due, _ := st.Due(ctx, t0.Add(time.Minute), 0); len(due) != 2 {
		t.Errorf("after claim and dead letter, %d due, want 2 (b's)", len(due))
	}
	list, err := st.List(ctx, capture.Query{})
	if err != nil || len(list) != 2 || list[0].ID != a.ID {
		t.Fatalf("List = %d leads, %v", len(list), err)
	}
	if list, _ := st.List(ctx, capture.Query{IncludeSpam: true, Limit: 5}); len(list) != 3 {
		t.Errorf("List with spam = %d", len(list))
	}
	n, err := st.Erase(ctx, "bob@CUSTOMER.example")
	if err != nil || n != 1 {
		t.Fatalf("Erase = %d, %v", n, err)
	}
	if _, err := st.Get(ctx, b.ID); !errorsIsNotFound(err) {
		t.Errorf("erased lead still there: %v", err)
	}
	if due, _ := st.Due(ctx, t0.Add(time.Minute), 0); len(due) != 0 {
		t.Errorf("erased lead's deliveries still due: %+v", due)
	}
}

// Two concurrent workers (two Lambda invocations) on one table deliver
// each lead to each sink exactly once.
func TestConcurrentWorkersDeliverOnce(t *testing.T) {
	st, _ := newStore(t)
	ctx := context.Background()
	var mu sync.Mutex
	got := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got[r.Header.Get("webhook-id")]++
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}))
	defer srv.Close()
	sales := schema.Sales{Sinks: map[string]*schema.Sink{"crm": {Type: "webhook", URL: srv.URL}}}
	senders, problems := delivery.Senders(ctx, sales, delivery.SenderOptions{})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var ids []string
	for range 6 {
		l := lead("ann@customer.example", time.Now())
		if _, _, err := st.Save(ctx, l, []string{"crm"}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ID)
	}
	var wg sync.WaitGroup
	for range 3 {
		w, _ := delivery.NewWorker(delivery.Config{Store: st, Senders: senders})
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := w.RunDue(ctx); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if got[id] != 1 {
			t.Errorf("lead %s delivered %d times", id, got[id])
		}
	}
}

// The store unreachable: the capture handler answers 503, never 2xx.
func TestUnreachableStoreIs503(t *testing.T) {
	st := ddb.New(client("http://"+testpart.FreeAddr(t)), "storyfront-leads")
	site := &schema.Site{BaseURL: "https://bridgework.example/", Forms: map[string]*schema.Form{
		"contact": {ThankYou: "/thank-you/", Fields: []schema.Field{{Name: "email", Type: "email", Required: true}}}}}
	site.SetDefaults()
	h, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: st})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, accept := range []string{"application/json", "text/html"} {
		req, _ := http.NewRequest("POST", srv.URL+"/contact", strings.NewReader(url.Values{"email": {"ann@customer.example"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://bridgework.example")
		req.Header.Set("Accept", accept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("Accept %s: status %d, want 503", accept, resp.StatusCode)
		}
	}
}
