package cloudfront

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// invalidationBatch is the body of CreateInvalidation.
type invalidationBatch struct {
	XMLName         xml.Name `xml:"InvalidationBatch"`
	CallerReference string
	Quantity        int      `xml:"Paths>Quantity"`
	Items           []string `xml:"Paths>Items>Path"`
}

// TestInvalidate sends a real CreateInvalidation request with the SDK to a
// local HTTP server that checks it as CloudFront would.
func TestInvalidate(t *testing.T) {
	var got invalidationBatch
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		if r.Method != http.MethodPost || r.URL.Path != "/2020-05-31/distribution/E2QWRUHEXAMPLE/invalidation" {
			t.Errorf("request %s %s", r.Method, r.URL.Path)
		}
		auth := r.Header.Get("Authorization")
		if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKIDTEST/") || !strings.Contains(auth, "/us-east-1/cloudfront/aws4_request") {
			t.Errorf("Authorization %q: not SigV4 for cloudfront in us-east-1", auth)
		}
		body, _ := io.ReadAll(r.Body)
		if err := xml.Unmarshal(body, &got); err != nil {
			t.Errorf("body %s: %v", body, err)
		}
		w.Header().Set("Content-Type", "text/xml")
		w.Header().Set("Location", "https://cloudfront.amazonaws.com/2020-05-31/distribution/E2QWRUHEXAMPLE/invalidation/I2J0I21PCUYOIK")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?>
<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status><CreateTime>2026-12-01T10:00:00Z</CreateTime>
<InvalidationBatch><CallerReference>x</CallerReference><Paths><Quantity>2</Quantity><Items><Path>/</Path><Path>/a%20b.html</Path></Items></Paths></InvalidationBatch></Invalidation>`)
	}))
	defer srv.Close()
	cfg := aws.Config{Region: "eu-west-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", "")}
	d := New(cfg, "E2QWRUHEXAMPLE")
	d.now = func() time.Time { return time.Unix(1700000000, 5) }
	id, err := d.Invalidate(context.Background(), []string{"/", "/a%20b.html"})
	if err != nil {
		t.Fatal(err)
	}
	if id != "I2J0I21PCUYOIK" || requests != 1 {
		t.Errorf("id %q after %d requests", id, requests)
	}
	want := invalidationBatch{XMLName: got.XMLName, CallerReference: "storyfront-1700000000000000005", Quantity: 2, Items: []string{"/", "/a%20b.html"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sent %+v, want %+v", got, want)
	}
	if d.String() != "CloudFront distribution E2QWRUHEXAMPLE" {
		t.Errorf("String %q", d.String())
	}
}

// TestInvalidateRefused returns CloudFront's error for a distribution
// that does not exist.
func TestInvalidateRefused(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `<?xml version="1.0"?><ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>NoSuchDistribution</Code><Message>The specified distribution does not exist.</Message></Error><RequestId>r1</RequestId></ErrorResponse>`)
	}))
	defer srv.Close()
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", "")}
	_, err := New(cfg, "ENOPE").Invalidate(context.Background(), []string{"/*"})
	if err == nil || !strings.Contains(err.Error(), "NoSuchDistribution") {
		t.Errorf("error %v", err)
	}
}
