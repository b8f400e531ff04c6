package stack

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

const describeOK = `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
  <DescribeStacksResult><Stacks><member>
    <StackName>bridgework</StackName>
    <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/bridgework/1</StackId>
    <CreationTime>2026-12-01T10:00:00Z</CreationTime>
    <StackStatus>%s</StackStatus>
    <Outputs>
      <member><OutputKey>BucketName</OutputKey><OutputValue>bridgework-site-1</OutputValue></member>
      <member><OutputKey>DistributionId</OutputKey><OutputValue>E2QWRUHEXAMPLE</OutputValue></member>
      <member><OutputKey>SiteURL</OutputKey><OutputValue>https://d111111abcdef8.cloudfront.net</OutputValue></member>
      <member><OutputKey>CaptureEndpoint</OutputKey><OutputValue>https://d111111abcdef8.cloudfront.net/api/leads</OutputValue></member>
    </Outputs>
  </member></Stacks></DescribeStacksResult>
  <ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>
</DescribeStacksResponse>`

// cfnServer answers DescribeStacks as CloudFormation does (query protocol,
// XML answer), checking the request the SDK sends.
func cfnServer(t *testing.T, status string) aws.Config {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		if r.Method != http.MethodPost || form.Get("Action") != "DescribeStacks" || form.Get("Version") != "2010-05-15" {
			t.Errorf("request %s %s", r.Method, body)
		}
		if auth := r.Header.Get("Authorization"); !strings.Contains(auth, "/eu-west-1/cloudformation/aws4_request") {
			t.Errorf("Authorization %q", auth)
		}
		w.Header().Set("Content-Type", "text/xml")
		if form.Get("StackName") != "bridgework" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id `+form.Get("StackName")+` does not exist</Message></Error><RequestId>r2</RequestId></ErrorResponse>`)
			return
		}
		_, _ = io.WriteString(w, strings.Replace(describeOK, "%s", status, 1))
	}))
	t.Cleanup(srv.Close)
	return aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", "")}
}

func TestDescribe(t *testing.T) {
	cfg := cfnServer(t, "UPDATE_COMPLETE")
	o, err := Describe(context.Background(), cfg, "bridgework", "eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	if o.BucketURL() != "s3://bridgework-site-1?region=eu-west-1" || o.Values[OutputDistribution] != "E2QWRUHEXAMPLE" ||
		o.Values[OutputCaptureEndpoint] != "https://d111111abcdef8.cloudfront.net/api/leads" {
		t.Errorf("outputs %+v", o)
	}
	_, err = Describe(context.Background(), cfg, "nope", "eu-west-1")
	if err == nil || !strings.Contains(err.Error(), `stack "nope" does not exist in eu-west-1`) {
		t.Errorf("missing stack: %v", err)
	}
}

func TestDescribeUnfinished(t *testing.T) {
	for _, status := range []string{"CREATE_IN_PROGRESS", "ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED"} {
		_, err := Describe(context.Background(), cfnServer(t, status), "bridgework", "eu-west-1")
		if err == nil || !strings.Contains(err.Error(), "is "+status) {
			t.Errorf("%s: %v", status, err)
		}
	}
}

// TestTemplateOutputs keeps deploy/template.yaml and this package in step:
// every output deploy reads is declared there.
func TestTemplateOutputs(t *testing.T) {
	data, err := os.ReadFile("../../../deploy/template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, outputs, ok := strings.Cut(string(data), "\nOutputs:\n")
	if !ok {
		t.Fatal("deploy/template.yaml has no Outputs section")
	}
	for _, key := range []string{OutputBucket, OutputDistribution, OutputSiteURL, OutputCaptureEndpoint} {
		if !strings.Contains("\n"+outputs, "\n  "+key+":\n") {
			t.Errorf("deploy/template.yaml does not declare the output %s", key)
		}
	}
}
