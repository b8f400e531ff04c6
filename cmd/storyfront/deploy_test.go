package main

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/storyfront/storyfront/internal/testpart"
)

// TestDeployScripts runs the scripts in testdata/deploy: the real command
// deploys small sites to a real S3 server (versitygw, one bucket per
// script) and invalidates paths on a local HTTP server that answers
// CloudFront's API and records what the SDK sent.
func TestDeployScripts(t *testing.T) {
	srv := testpart.Versitygw(t)
	client := awss3.NewFromConfig(aws.Config{Region: srv.Region,
		Credentials: credentials.NewStaticCredentialsProvider(srv.AccessKey, srv.SecretKey, "")},
		func(o *awss3.Options) { o.BaseEndpoint = aws.String(srv.Endpoint); o.UsePathStyle = true })
	cf := &fakeCloudFront{paths: map[string][]string{}}
	cfSrv := httptest.NewServer(cf)
	t.Cleanup(cfSrv.Close) // the scripts run in parallel, after this function returns
	cfnSrv := httptest.NewServer(http.HandlerFunc(fakeCloudFormation))
	t.Cleanup(cfnSrv.Close)
	// A web server that is not S3 and answers 200 to everything, as a
	// target url pointing at the wrong service might.
	notS3 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<!doctype html><title>Welcome</title><p>Welcome")
	}))
	t.Cleanup(notS3.Close)
	testscript.Run(t, testscript.Params{
		Dir: "testdata/deploy",
		Setup: func(env *testscript.Env) error {
			env.Setenv("S3_ENDPOINT", srv.Endpoint)
			env.Setenv("NOT_S3_ENDPOINT", notS3.URL)
			env.Setenv("AWS_ACCESS_KEY_ID", srv.AccessKey)
			env.Setenv("AWS_SECRET_ACCESS_KEY", srv.SecretKey)
			env.Setenv("AWS_REGION", srv.Region)
			env.Setenv("AWS_ENDPOINT_URL_CLOUDFRONT", cfSrv.URL)
			env.Setenv("AWS_ENDPOINT_URL_CLOUDFORMATION", cfnSrv.URL)
			env.Setenv("AWS_EC2_METADATA_DISABLED", "true")
			env.Setenv("AWS_CONFIG_FILE", filepath.Join(env.WorkDir, "no-aws-config"))
			env.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(env.WorkDir, "no-aws-credentials"))
			env.Setenv("AWS_MAX_ATTEMPTS", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// mkbucket NAME creates a bucket.
			"mkbucket": func(ts *testscript.TestScript, neg bool, args []string) {
				_, err := client.CreateBucket(context.Background(), &awss3.CreateBucketInput{Bucket: aws.String(args[0])})
				ts.Check(err)
			},
			// s3ls BUCKET prints "key content-type | cache-control | encoding" per object.
			"s3ls": func(ts *testscript.TestScript, neg bool, args []string) {
				w := ts.Stdout() // even when there is nothing to print, so stdout is reset
				out, err := client.ListObjectsV2(context.Background(), &awss3.ListObjectsV2Input{Bucket: aws.String(args[0])})
				ts.Check(err)
				for _, o := range out.Contents {
					h, err := client.HeadObject(context.Background(), &awss3.HeadObjectInput{Bucket: aws.String(args[0]), Key: o.Key})
					ts.Check(err)
					fmt.Fprintf(w, "%s %s | %s | %s\n", aws.ToString(o.Key), aws.ToString(h.ContentType), aws.ToString(h.CacheControl), aws.ToString(h.ContentEncoding))
				}
			},
			// s3cat BUCKET KEY prints an object's bytes.
			"s3cat": func(ts *testscript.TestScript, neg bool, args []string) {
				out, err := client.GetObject(context.Background(), &awss3.GetObjectInput{Bucket: aws.String(args[0]), Key: aws.String(args[1])})
				ts.Check(err)
				defer out.Body.Close()
				_, err = io.Copy(ts.Stdout(), out.Body)
				ts.Check(err)
			},
			// invalidations DIST prints the paths invalidated on DIST, one
			// request per line, and forgets them.
			"invalidations": func(ts *testscript.TestScript, neg bool, args []string) {
				w := ts.Stdout()
				for _, p := range cf.take(args[0]) {
					fmt.Fprintln(w, p)
				}
			},
			// expand FILE replaces $NAME in FILE with the script's environment.
			"expand": func(ts *testscript.TestScript, neg bool, args []string) {
				p := ts.MkAbs(args[0])
				data, err := os.ReadFile(p)
				ts.Check(err)
				ts.Check(os.WriteFile(p, []byte(os.Expand(string(data), ts.Getenv)), 0o644))
			},
			"writefile": cmdWriteFile,
		},
	})
}

// fakeCloudFront answers CreateInvalidation as CloudFront does, after
// checking the request: the path, a SigV4 signature for cloudfront in
// us-east-1, and a body whose Quantity matches its paths.
type fakeCloudFront struct {
	mu    sync.Mutex
	paths map[string][]string // distribution → one line of paths per request
}

func (f *fakeCloudFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var batch struct {
		CallerReference string
		Quantity        int      `xml:"Paths>Quantity"`
		Items           []string `xml:"Paths>Items>Path"`
	}
	body, _ := io.ReadAll(r.Body)
	const prefix = "/2020-05-31/distribution/"
	dist, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, prefix), "/invalidation")
	auth := r.Header.Get("Authorization")
	if r.Method != http.MethodPost || !ok || !strings.HasPrefix(r.URL.Path, prefix) ||
		!strings.Contains(auth, "/us-east-1/cloudfront/aws4_request") ||
		xml.Unmarshal(body, &batch) != nil || batch.Quantity != len(batch.Items) || batch.CallerReference == "" {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, "<ErrorResponse><Error><Code>InvalidArgument</Code><Message>bad request %s %s %q %s</Message></Error></ErrorResponse>", r.Method, r.URL.Path, auth, body)
		return
	}
	f.mu.Lock()
	f.paths[dist] = append(f.paths[dist], strings.Join(batch.Items, " "))
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusCreated)
	fmt.Fprintf(w, `<Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I%d</Id><Status>InProgress</Status><CreateTime>2026-12-01T10:00:00Z</CreateTime></Invalidation>`, len(f.paths[dist]))
}

func (f *fakeCloudFront) take(dist string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := f.paths[dist]
	delete(f.paths, dist)
	return p
}

// fakeCloudFormation answers DescribeStacks (query protocol) for the stack
// "bridgework", with the outputs deploy/template.yaml declares, and as
// CloudFormation does for any other name.
func fakeCloudFormation(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	w.Header().Set("Content-Type", "text/xml")
	if r.Form.Get("Action") != "DescribeStacks" || r.Form.Get("StackName") != "bridgework" {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id %s does not exist</Message></Error><RequestId>r</RequestId></ErrorResponse>`, r.Form.Get("StackName"))
		return
	}
	fmt.Fprint(w, `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>
<StackName>bridgework</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/bridgework/1</StackId>
<CreationTime>2026-12-01T10:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>
<member><OutputKey>BucketName</OutputKey><OutputValue>stack-bucket</OutputValue></member>
<member><OutputKey>DistributionId</OutputKey><OutputValue>E2STACK</OutputValue></member>
<member><OutputKey>SiteURL</OutputKey><OutputValue>https://d111111abcdef8.cloudfront.net</OutputValue></member>
<member><OutputKey>CaptureEndpoint</OutputKey><OutputValue>https://d111111abcdef8.cloudfront.net/api/leads</OutputValue></member>
</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeStacksResponse>`)
}
