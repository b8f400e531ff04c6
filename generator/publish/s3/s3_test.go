package s3

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/publish"
	"github.com/storyfront/storyfront/internal/testpart"
)

// server starts versitygw with one empty bucket and returns the bucket
// and a client to look at it with.
func server(t *testing.T, bucket string) (*testpart.S3, aws.Config, *awss3.Client) {
	t.Helper()
	srv := testpart.Versitygw(t)
	cfg := aws.Config{Region: srv.Region, Credentials: credentials.NewStaticCredentialsProvider(srv.AccessKey, srv.SecretKey, "")}
	client := awss3.NewFromConfig(cfg, func(o *awss3.Options) {
		o.BaseEndpoint = aws.String(srv.Endpoint)
		o.UsePathStyle = true
	})
	if _, err := client.CreateBucket(context.Background(), &awss3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
		t.Fatal(err)
	}
	return srv, cfg, client
}

// writeSite writes files (path → content) under a new public/ folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public")
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func deploy(t *testing.T, dir string, b publish.Bucket, ms []config.DeployMatcher, opts publish.Options) (*publish.Result, error) {
	t.Helper()
	matchers, err := publish.CompileMatchers(ms)
	if err != nil {
		t.Fatal(err)
	}
	files, err := publish.Scan(context.Background(), dir, matchers)
	if err != nil {
		t.Fatal(err)
	}
	return publish.Deploy(context.Background(), files, b, nil, opts)
}

func keys(t *testing.T, c *awss3.Client, bucket string) []string {
	t.Helper()
	out, err := c.ListObjectsV2(context.Background(), &awss3.ListObjectsV2Input{Bucket: aws.String(bucket)})
	if err != nil {
		t.Fatal(err)
	}
	var ks []string
	for _, o := range out.Contents {
		ks = append(ks, aws.ToString(o.Key))
	}
	return ks
}

func get(t *testing.T, c *awss3.Client, bucket, key string) (*awss3.GetObjectOutput, []byte) {
	t.Helper()
	out, err := c.GetObject(context.Background(), &awss3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	body, _ := io.ReadAll(out.Body)
	out.Body.Close()
	return out, body
}

func TestDeployToS3(t *testing.T) {
	srv, cfg, c := server(t, "site")
	b := New(cfg, Location{Bucket: "site", Prefix: "www", Endpoint: srv.Endpoint, PathStyle: true})
	site := map[string]string{
		"index.html":                   "<h1>Home</h1>",
		"stories/one/index.html":       "<h1>One</h1>",
		"assets/css/main.f30d2737.css": "body{}",
		"images/logo.svg":              "<svg/>",
		"sitemap.xml":                  "<urlset/>",
		"data/feed.json":               strings.Repeat(`{"a":1}`, 100),
		".git/config":                  "secret",
	}
	dir := writeSite(t, site)
	ms := []config.DeployMatcher{{Pattern: `\.json$`, Gzip: true, CacheControl: "max-age=60"}}
	opts := publish.Options{MaxDeletes: 256}

	// A dry run changes nothing.
	r, err := deploy(t, dir, b, ms, publish.Options{MaxDeletes: 256, DryRun: true})
	if err != nil || r.Uploaded != 6 {
		t.Fatalf("dry run: %+v, %v", r, err)
	}
	if ks := keys(t, c, "site"); len(ks) != 0 {
		t.Fatalf("a dry run uploaded %v", ks)
	}

	// First deploy: every file but the hidden one, under the prefix.
	r, err = deploy(t, dir, b, ms, opts)
	if err != nil || r.Uploaded != 6 || r.Unchanged != 0 || r.Deleted != 0 {
		t.Fatalf("first deploy: %+v, %v", r, err)
	}
	if ks := keys(t, c, "site"); len(ks) != 6 || ks[0] != "www/assets/css/main.f30d2737.css" {
		t.Fatalf("bucket holds %v", ks)
	}
	for _, tt := range []struct{ key, ctype, cache, enc string }{
		{"www/index.html", "text/html; charset=utf-8", publish.CacheRevalidate, ""},
		{"www/assets/css/main.f30d2737.css", "text/css; charset=utf-8", publish.CacheImmutable, ""},
		{"www/images/logo.svg", "image/svg+xml", publish.CacheStatic, ""},
		{"www/sitemap.xml", "application/xml", publish.CacheRevalidate, ""},
		{"www/data/feed.json", "application/json", "max-age=60", "gzip"},
	} {
		out, body := get(t, c, "site", tt.key)
		if aws.ToString(out.ContentType) != tt.ctype || aws.ToString(out.CacheControl) != tt.cache || aws.ToString(out.ContentEncoding) != tt.enc {
			t.Errorf("%s: Content-Type %q, Cache-Control %q, Content-Encoding %q; want %q, %q, %q", tt.key,
				aws.ToString(out.ContentType), aws.ToString(out.CacheControl), aws.ToString(out.ContentEncoding), tt.ctype, tt.cache, tt.enc)
		}
		if tt.enc == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", tt.key, err)
			}
			body, _ = io.ReadAll(zr)
		}
		if want := site[strings.TrimPrefix(tt.key, "www/")]; string(body) != want {
			t.Errorf("%s holds %q, want %q", tt.key, body, want)
		}
	}

	// Second deploy of the same files: nothing to do (gzip is deterministic).
	r, err = deploy(t, dir, b, ms, opts)
	if err != nil || r.Uploaded != 0 || r.Unchanged != 6 || r.Deleted != 0 {
		t.Fatalf("no-op deploy: %+v, %v", r, err)
	}

	// One file changed: only it goes up.
	if err := os.WriteFile(filepath.Join(dir, "stories/one/index.html"), []byte("<h1>One, edited</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err = deploy(t, dir, b, ms, opts)
	if err != nil || r.Uploaded != 1 || r.Unchanged != 5 {
		t.Fatalf("one-file deploy: %+v, %v", r, err)
	}
	if _, body := get(t, c, "site", "www/stories/one/index.html"); string(body) != "<h1>One, edited</h1>" {
		t.Errorf("edited page holds %q", body)
	}

	// --force uploads everything again.
	r, err = deploy(t, dir, b, ms, publish.Options{MaxDeletes: 256, Force: true})
	if err != nil || r.Uploaded != 6 {
		t.Fatalf("forced deploy: %+v, %v", r, err)
	}

	// Two files removed, bound of one: refused before anything changes,
	// even the upload of a third, edited file.
	for _, p := range []string{"images/logo.svg", "stories/one/index.html"} {
		if err := os.Remove(filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("<h1>Home 2</h1>"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = deploy(t, dir, b, ms, publish.Options{MaxDeletes: 1})
	if !errors.Is(err, publish.ErrTooManyDeletes) || !strings.Contains(err.Error(), "would delete 2 files, more than the bound of 1") ||
		!strings.Contains(err.Error(), "images/logo.svg") {
		t.Fatalf("over the bound: %v", err)
	}
	if ks := keys(t, c, "site"); len(ks) != 6 {
		t.Errorf("refused deploy changed the bucket: %v", ks)
	}
	if _, body := get(t, c, "site", "www/index.html"); string(body) != "<h1>Home</h1>" {
		t.Errorf("refused deploy uploaded index.html: %q", body)
	}
	// The dry run lists the deletions.
	var log bytes.Buffer
	r, err = deploy(t, dir, b, ms, publish.Options{MaxDeletes: -1, DryRun: true, Log: &log})
	if err != nil || r.Deleted != 2 || r.Uploaded != 1 {
		t.Fatalf("dry run: %+v, %v", r, err)
	}
	if want := "upload index.html (changed, text/html; charset=utf-8, " + publish.CacheRevalidate + ")\ndelete images/logo.svg\ndelete stories/one/index.html\n"; log.String() != want {
		t.Errorf("dry run lists\n%s\nwant\n%s", log.String(), want)
	}
	// Within the bound: deleted.
	r, err = deploy(t, dir, b, ms, publish.Options{MaxDeletes: 2})
	if err != nil || r.Deleted != 2 || r.Uploaded != 1 {
		t.Fatalf("deletions within the bound: %+v, %v", r, err)
	}
	if ks := keys(t, c, "site"); len(ks) != 4 {
		t.Errorf("bucket after deletions: %v", ks)
	}
}

func TestDeployInterruptedConverges(t *testing.T) {
	srv, cfg, c := server(t, "site")
	b := New(cfg, Location{Bucket: "site", Endpoint: srv.Endpoint, PathStyle: true})
	files := map[string]string{}
	for i := range 60 {
		files[fmt.Sprintf("p%02d/index.html", i)] = strings.Repeat("x", i+1)
	}
	dir := writeSite(t, files)
	scanned, err := publish.Scan(context.Background(), dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	// A page of the previous version of the site, gone from this one.
	if _, err := c.PutObject(context.Background(), &awss3.PutObjectInput{Bucket: aws.String("site"), Key: aws.String("old/index.html"), Body: strings.NewReader("old")}); err != nil {
		t.Fatal(err)
	}
	// Stop the deploy after a few uploads, as Ctrl-C would.
	ctx, cancel := context.WithCancel(context.Background())
	stopper := &cancelAfter{Bucket: b, cancel: cancel}
	stopper.n.Store(5)
	if _, err := publish.Deploy(ctx, scanned, stopper, nil, publish.Options{MaxDeletes: 1, Workers: 2}); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted deploy: %v", err)
	}
	ks := keys(t, c, "site")
	if n := len(ks) - 1; n <= 0 || n == len(files) {
		t.Fatalf("interrupted deploy uploaded %d of %d files", n, len(files))
	}
	// Nothing is deleted before every upload is done.
	if !slices.Contains(ks, "old/index.html") {
		t.Fatalf("interrupted deploy deleted old/index.html: %v", ks)
	}
	r, err := publish.Deploy(context.Background(), scanned, b, nil, publish.Options{MaxDeletes: 1})
	if err != nil || r.Uploaded+r.Unchanged != len(files) || r.Unchanged == 0 || r.Deleted != 1 {
		t.Fatalf("rerun: %+v, %v", r, err)
	}
	r, err = publish.Deploy(context.Background(), scanned, b, nil, publish.Options{MaxDeletes: 0})
	if err != nil || r.Uploaded != 0 || r.Unchanged != len(files) || r.Deleted != 0 {
		t.Fatalf("after the rerun: %+v, %v", r, err)
	}
	// The bucket holds exactly the site, with the right bytes.
	if ks := keys(t, c, "site"); len(ks) != len(files) || slices.Contains(ks, "old/index.html") {
		t.Fatalf("bucket after the rerun: %d keys %v", len(ks), ks)
	}
	for _, k := range []string{"p00/index.html", "p59/index.html"} {
		if _, body := get(t, c, "site", k); string(body) != files[k] {
			t.Errorf("%s holds %q, want %q", k, body, files[k])
		}
	}
}

// cancelAfter cancels the deploy's context once n uploads have been made.
// Put runs on several upload workers at once.
type cancelAfter struct {
	*Bucket
	n      atomic.Int32
	cancel context.CancelFunc
}

func (c *cancelAfter) Put(ctx context.Context, f *publish.File) error {
	if err := c.Bucket.Put(ctx, f); err != nil {
		return err
	}
	if c.n.Add(-1) <= 0 {
		c.cancel()
	}
	return nil
}

func TestDeployBadBucket(t *testing.T) {
	srv, cfg, c := server(t, "site")
	dir := writeSite(t, map[string]string{"index.html": "x"})

	// A bucket that does not exist.
	_, err := deploy(t, dir, New(cfg, Location{Bucket: "nope", Endpoint: srv.Endpoint, PathStyle: true}), nil, publish.Options{})
	if err == nil || !strings.Contains(err.Error(), `bucket "nope" does not exist (endpoint `+srv.Endpoint) {
		t.Errorf("missing bucket: %v", err)
	}
	// Wrong credentials.
	bad := cfg.Copy()
	bad.Credentials = credentials.NewStaticCredentialsProvider(srv.AccessKey, "wrong", "")
	_, err = deploy(t, dir, New(bad, Location{Bucket: "site", Endpoint: srv.Endpoint, PathStyle: true}), nil, publish.Options{})
	if err == nil || !strings.Contains(err.Error(), "refused the credentials") {
		t.Errorf("wrong secret: %v", err)
	}
	// Nothing listens.
	down := "http://" + testpart.FreeAddr(t)
	bad = cfg.Copy()
	bad.RetryMaxAttempts = 1
	_, err = deploy(t, dir, New(bad, Location{Bucket: "site", Endpoint: down, PathStyle: true}), nil, publish.Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot reach s3://site (endpoint "+down) {
		t.Errorf("unreachable endpoint: %v", err)
	}
	if ks := keys(t, c, "site"); len(ks) != 0 {
		t.Errorf("failed deploys left %v", ks)
	}
}

func TestParseURL(t *testing.T) {
	loc, err := ParseURL("s3://b/www/?region=eu-west-1&endpoint=http://127.0.0.1:9000")
	if err != nil || loc != (Location{Bucket: "b", Prefix: "www", Region: "eu-west-1", Endpoint: "http://127.0.0.1:9000", PathStyle: true}) {
		t.Errorf("ParseURL: %+v, %v", loc, err)
	}
	loc, err = ParseURL("s3://b?region=us-east-1")
	if err != nil || loc.PathStyle || loc.Prefix != "" {
		t.Errorf("ParseURL: %+v, %v", loc, err)
	}
	if _, err := ParseURL("https://b"); err == nil {
		t.Error("https URL accepted")
	}
}

func TestListWholeTree(t *testing.T) {
	srv, cfg, c := server(t, "site")
	// Objects at the top, in nested folders, a folder of more than one
	// page (1,000 keys), and beside the prefix (not listed).
	want := map[string]int64{"index.html": 1, "robots.txt": 2, "a/b/c/index.html": 3, "a/index.html": 4, "tags/x/index.xml": 5}
	for i := range 1001 {
		want[fmt.Sprintf("many/p%04d.html", i)] = 6
	}
	put := map[string]int64{"www2/index.html": 1, "wwwx.html": 1, "top.html": 1}
	for k, n := range want {
		put["www/"+k] = n
	}
	ctx := context.Background()
	sem := make(chan struct{}, 8)
	errs := make(chan error, len(put))
	for k, n := range put {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			_, err := c.PutObject(ctx, &awss3.PutObjectInput{Bucket: aws.String("site"), Key: aws.String(k), Body: strings.NewReader(strings.Repeat("x", int(n)))})
			errs <- err
		}()
	}
	for range put {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	got, err := New(cfg, Location{Bucket: "site", Prefix: "www", Endpoint: srv.Endpoint, PathStyle: true}).List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("listed %d objects, want %d", len(got), len(want))
	}
	for _, o := range got {
		n, ok := want[o.Path]
		if !ok || o.Size != n || o.ETag == "" {
			t.Errorf("listed %+v; want size %d (listed: %v)", o, n, ok)
		}
		delete(want, o.Path)
	}
	if len(want) > 0 {
		t.Errorf("%d objects not listed", len(want))
	}
}

func TestDeployWrongEndpoint(t *testing.T) {
	// An HTTP server that is not S3 (the site itself, say).
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<html><body>Not found</body></html>")
	}))
	defer site.Close()
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body>Welcome</body></html>")
	}))
	defer ok.Close()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("k", "s", ""), RetryMaxAttempts: 1}
	dir := writeSite(t, map[string]string{"index.html": "x"})
	for _, url := range []string{site.URL, ok.URL} {
		_, err := deploy(t, dir, New(cfg, Location{Bucket: "site", Endpoint: url, PathStyle: true}), nil, publish.Options{})
		t.Logf("%s: %v", url, err)
		if err == nil || !strings.Contains(err.Error(), "does not answer as an S3 server") || !strings.Contains(err.Error(), url) {
			t.Errorf("wrong endpoint %s: %v", url, err)
		}
	}
}
