package devserver

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/internal/testpart"
)

func newTestSite(t *testing.T, files map[string]string) (string, *dirBuilder) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		writeFile(t, filepath.Join(dir, name), body)
	}
	return dir, &dirBuilder{dir: dir}
}

var pages = map[string]string{
	"static/index.html":           "<!doctype html><title>Home</title><BODY><h1>Home</h1></BODY></html>",
	"static/stories/a/index.html": "<!doctype html><title>A</title><body><h1>Story A</h1></body></html>",
	"static/404.html":             "<!doctype html><title>Lost</title><body><h1>Not here</h1></body></html>",
	"static/bare.html":            "<p>no body tag",
	"static/css/main.css":         "body { color: black }",
	"static/js/form.js":           "console.log(1)",
	"static/index.xml":            "<rss></rss>",
	"static/sitemap.xml":          "<urlset></urlset>",
	"static/robots.txt":           "User-agent: *",
	"static/images/logo.svg":      "<svg></svg>",
}

func get(t *testing.T, method, url string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{
		Timeout:       5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func TestServeSite(t *testing.T) {
	dir, b := newTestSite(t, pages)
	s := New(Config{Dir: dir, Builder: b})
	if err := s.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tag := `<script src="/__storyfront/livereload.js" data-build="1"></script>`

	tests := []struct {
		method, path string
		status       int
		ctype        string
		body         string // exact body; "" to skip
		location     string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8",
			"<!doctype html><title>Home</title><BODY><h1>Home</h1>" + tag + "</BODY></html>", ""},
		{"GET", "/stories/a/", 200, "text/html; charset=utf-8",
			"<!doctype html><title>A</title><body><h1>Story A</h1>" + tag + "</body></html>", ""},
		{"GET", "/stories/a/index.html", 200, "text/html; charset=utf-8", "", ""},
		{"GET", "/stories/a", 302, "", "", "/stories/a/"},
		{"GET", "/stories/a?utm_campaign=spring", 302, "", "", "/stories/a/?utm_campaign=spring"},
		{"GET", "/stories//a/", 307, "", "", "/stories/a/"},
		{"GET", "/bare.html", 200, "text/html; charset=utf-8", "<p>no body tag" + tag, ""},
		{"GET", "/css/main.css", 200, "text/css; charset=utf-8", "body { color: black }", ""},
		{"GET", "/js/form.js", 200, "text/javascript; charset=utf-8", "console.log(1)", ""},
		{"GET", "/index.xml", 200, "application/xml; charset=utf-8", "<rss></rss>", ""},
		{"GET", "/robots.txt", 200, "text/plain; charset=utf-8", "User-agent: *", ""},
		{"GET", "/images/logo.svg", 200, "image/svg+xml", "<svg></svg>", ""},
		{"GET", "/no/such/page/", 404, "text/html; charset=utf-8",
			"<!doctype html><title>Lost</title><body><h1>Not here</h1>" + tag + "</body></html>", ""},
		{"GET", "/missing.css", 404, "text/html; charset=utf-8", "", ""},
		{"HEAD", "/stories/a/", 200, "text/html; charset=utf-8", "", ""},
		{"POST", "/", 405, "", "", ""},
		{"GET", ScriptPath, 200, "text/javascript; charset=utf-8", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res, body := get(t, tt.method, ts.URL+tt.path)
			if res.StatusCode != tt.status {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.status)
			}
			if tt.ctype != "" && res.Header.Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", res.Header.Get("Content-Type"), tt.ctype)
			}
			if tt.body != "" && body != tt.body {
				t.Errorf("body = %q, want %q", body, tt.body)
			}
			if tt.location != "" && res.Header.Get("Location") != tt.location {
				t.Errorf("Location = %q, want %q", res.Header.Get("Location"), tt.location)
			}
			if tt.method == "HEAD" && (body != "" || res.ContentLength <= 0) {
				t.Errorf("HEAD: body %q, Content-Length %d", body, res.ContentLength)
			}
		})
	}
	// Injection is the server's: the build output itself has no script.
	site := s.state.Load().site
	if home, _ := site.Open("/index.html"); strings.Contains(string(home), "livereload") {
		t.Errorf("injection modified the build output: %q", home)
	}
}

func TestServeMounts(t *testing.T) {
	dir, b := newTestSite(t, pages)
	var gotPath string
	leads := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.Path
		w.WriteHeader(http.StatusCreated)
	})
	s := New(Config{Dir: dir, Builder: b, Mounts: map[string]http.Handler{"/api/leads": leads}})
	if err := s.Build(t.Context()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	res, _ := get(t, "POST", ts.URL+"/api/leads/contact")
	if res.StatusCode != http.StatusCreated || gotPath != "/contact" {
		t.Errorf("POST /api/leads/contact: status %d, handler saw %q; want 201 and /contact", res.StatusCode, gotPath)
	}
}

func TestServeFirstBuildBroken(t *testing.T) {
	dir, b := newTestSite(t, map[string]string{
		"static/index.html": "<body>\n  <p>BROKEN <script>alert(1)</script></p>\n</body>",
	})
	s := New(Config{Dir: dir, Builder: b})
	if err := s.Build(t.Context()); err == nil {
		t.Fatal("Build succeeded on a broken site")
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	res, body := get(t, "GET", ts.URL+"/any/page/")
	if res.StatusCode != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", res.StatusCode)
	}
	if !strings.Contains(body, "static/index.html:2:6: &lt;broken&gt; on purpose") {
		t.Errorf("error page does not show the escaped error with its position: %q", body)
	}
	if !strings.Contains(body, ScriptPath) {
		t.Errorf("error page has no live-reload script: %q", body)
	}
	if !strings.Contains(body, "No build has succeeded yet") {
		t.Errorf("error page does not say there is no good build: %q", body)
	}
	// The overlay must not claim to show a last good build: there is none.
	page := listen(t, ts.URL)
	defer page.body.Close() // before ts.Close, which waits for the stream to end
	if e := page.expect(eventHello); e.data.Error == "" || e.data.LastGood {
		t.Errorf("hello = %+v, want the error and no last good build", e.data)
	}
}

// sseClient reads one page's event stream.
type sseClient struct {
	t    *testing.T
	body io.Closer
	sc   *bufio.Scanner
	got  chan event
}

func listen(t *testing.T, url string) *sseClient {
	t.Helper()
	res, err := http.Get(url + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type = %q", ct)
	}
	c := &sseClient{t: t, body: res.Body, sc: bufio.NewScanner(res.Body), got: make(chan event, 16)}
	go func() {
		defer close(c.got)
		var e event
		for c.sc.Scan() {
			line := c.sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				_ = json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e.data)
			case line == "" && e.name != "":
				c.got <- e
				e = event{}
			}
		}
	}()
	t.Cleanup(func() { res.Body.Close() })
	return c
}

// next returns the next event, failing after 10s.
func (c *sseClient) next() event {
	c.t.Helper()
	select {
	case e, ok := <-c.got:
		if !ok {
			c.t.Fatal("event stream ended")
		}
		return e
	case <-time.After(10 * time.Second):
		c.t.Fatal("no event within 10s")
	}
	return event{}
}

func (c *sseClient) expect(name string) event {
	c.t.Helper()
	e := c.next()
	if e.name != name {
		c.t.Fatalf("event %q %+v, want %q", e.name, e.data, name)
	}
	return e
}

// runServer runs a Server on a free loopback port until the test ends.
func runServer(t *testing.T, dir string, b Builder, opts ...func(*Config)) (string, *testpart.Output) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var errs testpart.Output
	cfg := Config{Dir: dir, Builder: b, Err: &errs}
	for _, o := range opts {
		o(&cfg)
	}
	s := New(cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not stop within 5s of its context ending")
		}
	})
	url := "http://" + ln.Addr().String()
	for range 100 { // Run builds, then serves
		if res, err := http.Get(url + "/"); err == nil {
			res.Body.Close()
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return url, &errs
}

func TestServeLiveReload(t *testing.T) {
	dir, b := newTestSite(t, pages)
	rebuilt := make(chan []string, 10)
	url, errs := runServer(t, dir, b, func(c *Config) { c.Rebuilt = func(p []string) { rebuilt <- p } })
	if got := <-rebuilt; !slices.Equal(got, []string{Everything}) {
		t.Errorf("Rebuilt after the first build got %q, want [%s]", got, Everything)
	}
	page := listen(t, url)
	if e := page.expect(eventHello); e.data.Build != "1" || e.data.Error != "" {
		t.Fatalf("hello = %+v, want build 1 and no error", e.data)
	}

	save := func(name, body string) {
		t.Helper()
		tmp := filepath.Join(dir, name+".swp")
		writeFile(t, tmp, body)
		if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}

	save("static/stories/a/index.html", "<body><h1>Story A, edited</h1></body>")
	if e := page.expect(eventReload); e.data.Build != "2" {
		t.Errorf("reload build = %q, want 2", e.data.Build)
	}
	if _, body := get(t, "GET", url+"/stories/a/"); !strings.Contains(body, "Story A, edited") || !strings.Contains(body, `data-build="2"`) {
		t.Errorf("page after the edit = %q", body)
	}

	save("static/css/main.css", "body { color: navy }")
	page.expect(eventCSS)
	<-rebuilt // the story edit
	if got := <-rebuilt; !slices.Equal(got, []string{"static/css/main.css"}) {
		t.Errorf("Rebuilt after the stylesheet save got %q", got)
	}

	save("static/stories/a/index.html", "<body>\n<h1>BROKEN</h1></body>")
	e := page.expect(eventBroken)
	if want := "static/stories/a/index.html:2:5: <broken> on purpose"; e.data.Error != want || !e.data.LastGood {
		t.Errorf("broken = %+v, want error %q over the last good build", e.data, want)
	}
	if !strings.Contains(errs.String(), "static/stories/a/index.html:2:5: <broken> on purpose") {
		t.Errorf("terminal did not get the error: %q", errs.String())
	}
	if _, body := get(t, "GET", url+"/stories/a/"); !strings.Contains(body, "Story A, edited") {
		t.Errorf("the last good page is not served while broken: %q", body)
	}
	late := listen(t, url) // a page opened while the site is broken
	if e := late.expect(eventHello); e.data.Error == "" || !e.data.LastGood {
		t.Errorf("a page opened while broken: hello = %+v, want the error over the last good build", e.data)
	}

	save("static/stories/a/index.html", "<body><h1>Story A, fixed</h1></body>")
	page.expect(eventFixed)
	if e := page.expect(eventReload); e.data.Build != "4" {
		t.Errorf("reload build = %q, want 4", e.data.Build)
	}
	late.expect(eventFixed)
	builds, reruns := b.counts()
	if builds != 1 || reruns != 4 {
		t.Errorf("builds, rebuilds = %d, %d; want 1, 4", builds, reruns)
	}
}

func TestCSSOnly(t *testing.T) {
	tests := []struct {
		name             string
		sources, outputs []string
		want             bool
	}{
		{"stylesheet with a stable name", []string{"assets/css/main.css"}, []string{"/css/main.css"}, true},
		{"hashed stylesheet: pages name the new file", []string{"assets/css/main.css"},
			[]string{"/assets/css/main.1a2b.css", "/assets/css/main.9f8e.css", "/index.html"}, true},
		{"story", []string{"content/a.md"}, []string{"/a/index.html"}, false},
		{"story and stylesheet", []string{"assets/css/main.css", "content/a.md"}, []string{"/a/index.html", "/css/main.css"}, false},
		{"stylesheet and feed", []string{"assets/css/main.css"}, []string{"/index.xml", "/css/main.css"}, false},
		{"nothing changed", []string{"assets/css/main.css"}, nil, false},
	}
	for _, tt := range tests {
		if got := cssOnly(tt.sources, tt.outputs); got != tt.want {
			t.Errorf("%s: cssOnly = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestServeBurstIsOneRebuild(t *testing.T) {
	dir, b := newTestSite(t, pages)
	rebuilt := make(chan []string, 256)
	url, _ := runServer(t, dir, b, func(c *Config) { c.Rebuilt = func(p []string) { rebuilt <- p } })
	<-rebuilt // the first build
	page := listen(t, url)
	page.expect(eventHello)
	start := time.Now()
	for i := range 200 { // a folder of pages copied in
		writeFile(t, filepath.Join(dir, "static", "burst", strconv.Itoa(i)+".html"), "<p>page</p>")
	}
	// One rebuild, unless the machine is slow (under -race, or busy): the
	// first few paths may leave after the short quiet window before the
	// batcher sees a burst, MaxWait cuts a burst that lasts longer than it,
	// and a loaded machine may pause events for longer than BurstQuiet once
	// or twice. Without batching the 200 files would make tens of rebuilds.
	got := map[string]bool{}
	rebuilds := 0
	deadline := time.After(20 * time.Second)
	for len(got) < 200 {
		select {
		case paths := <-rebuilt:
			rebuilds++
			for _, p := range paths {
				got[p] = true
			}
		case <-deadline:
			t.Fatalf("after 20 s the rebuilds had seen %d of the 200 new files", len(got))
		}
	}
	most := 3 + int(2*time.Since(start)/DefaultBatcher().MaxWait)
	if rebuilds > most {
		t.Errorf("the burst made %d rebuilds, want at most %d", rebuilds, most)
	}
	// Each rebuild that changed the output reloads the page once; a later
	// rebuild may find its files already built by the one before it (the
	// builder reads the folder) and send nothing.
	page.expect(eventReload)
	reloads := 1
	for quiet := false; !quiet; {
		select {
		case e := <-page.got:
			if e.name != eventReload {
				t.Errorf("event %q after the burst, want only reloads", e.name)
			}
			reloads++
		case <-time.After(time.Second):
			quiet = true
		}
	}
	if reloads > rebuilds {
		t.Errorf("%d reloads for %d rebuilds, want at most one each", reloads, rebuilds)
	}
	builds, reruns := b.counts()
	if builds != 1 || reruns != rebuilds {
		t.Errorf("builds, rebuilds = %d, %d; want 1, %d", builds, reruns, rebuilds)
	}
}
