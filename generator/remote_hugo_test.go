package generator

import (
	"context"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/storyfront/storyfront/internal/testpart"
)

// remoteServer is a loopback HTTP server for getJSON, getCSV and
// resources.GetRemote, counting the requests of each path.
type remoteServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newRemoteServer(t *testing.T) *remoteServer {
	rs := &remoteServer{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/data.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"items":[{"title":"a"},{"title":"b"}],"n":3,"accept":`+fmt.Sprintf("%q", r.Header.Get("Accept"))+`}`)
	})
	mux.HandleFunc("/data.csv", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/csv")
		fmt.Fprint(w, "name;age\nann;3\nbob;4\n")
	})
	mux.HandleFunc("/style.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		fmt.Fprint(w, "body{color:red}\n")
	})
	mux.HandleFunc("/header", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"token":%q}`, r.Header.Get("X-Token"))
	})
	mux.HandleFunc("/registry.yaml", func(w http.ResponseWriter, r *http.Request) {
		// A server that types every file as bytes: the type is sniffed.
		w.Header().Set("Content-Type", "application/octet-stream")
		fmt.Fprint(w, "# list\nplugins:\n  - name: json\n    id: 2\n")
	})
	mux.HandleFunc("/broken.json", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusInternalServerError)
	})
	rs.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rs.mu.Lock()
		rs.hits[r.URL.Path]++
		rs.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rs.Listener = l
	rs.Start()
	t.Cleanup(rs.Close)
	return rs
}

func (rs *remoteServer) count(p string) int {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.hits[p]
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// remoteSite writes a Hugo site whose home page uses getJSON, getCSV and
// resources.GetRemote (found, 404, 500, refused, with headers) and
// transform.Unmarshal of a remote resource, at base (the server).
func remoteSite(t *testing.T, base, refused, extraConfig string) string {
	dir := t.TempDir()
	files := map[string]string{
		"hugo.toml": `baseURL = "https://remote.example/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "section", "page"]
` + extraConfig,
		"data2/local.json": `{"local": 1}`,
		"data2/local.csv":  "a,b\n1,2\n",
		"layouts/index.html": `@@json: {{ $j := getJSON "` + base + `/" "data.json" }}{{ range $j.items }}{{ .title }} {{ end }}{{ $j.n }} {{ printf "%T" $j.n }}
@@json-ns: {{ (data.GetJSON "` + base + `/data.json").n }}
@@json-local: {{ (getJSON "data2/local.json").local }}
@@json-header: {{ (getJSON "` + base + `/header" (dict "X-Token" "abc")).token }}
@@csv: {{ $c := getCSV ";" "` + base + `/data.csv" }}{{ $c }} {{ printf "%T" $c }}
@@csv-local: {{ getCSV "," "data2/local.csv" }}
@@remote: {{ with resources.GetRemote "` + base + `/style.css" }}{{ .RelPermalink }} {{ .MediaType }} {{ .Name }} {{ .Title }} {{ .ResourceType }} {{ .Content }}{{ end }}
@@remote-fingerprint: {{ with resources.GetRemote "` + base + `/style.css" }}{{ with . | minify }}{{ .Content }}{{ end }}{{ end }}
@@remote-json: {{ with resources.GetRemote "` + base + `/data.json" }}{{ .MediaType }} {{ (transform.Unmarshal .).n }} {{ .RelPermalink }}{{ end }}
@@remote-header: {{ with resources.GetRemote "` + base + `/header" (dict "headers" (dict "X-Token" "xyz")) }}{{ .MediaType }} {{ (transform.Unmarshal .).token }} {{ .RelPermalink }}{{ end }}
@@remote-octet: {{ with resources.GetRemote "` + base + `/registry.yaml" }}{{ .MediaType }} {{ range (.Content | transform.Unmarshal).plugins }}{{ .name }} {{ .id }}{{ end }}{{ end }}
@@remote-missing: {{ with resources.GetRemote "` + base + `/nope.json" }}found{{ else }}nil{{ end }}
@@remote-500: {{ with resources.GetRemote "` + base + `/broken.json" }}{{ with .Err }}{{ . }} {{ .Data.StatusCode }} {{ .Data.Status }} {{ .Data.Body }}{{ end }}{{ end }}
@@remote-refused: {{ with resources.GetRemote "http://` + refused + `/x.json" }}{{ with .Err }}{{ . }}{{ end }}{{ end }}
`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestHugoRemoteData builds a site that reads a loopback server through
// getJSON, getCSV and resources.GetRemote with the real hugo 0.111.3 and
// with Storyfront, and compares each case and the files published.
func TestHugoRemoteData(t *testing.T) {
	hugo := testpart.Binary(t, "hugo", "apt-get install -y hugo")
	rs := newRemoteServer(t)
	dir := remoteSite(t, rs.URL, closedPort(t), "")

	want, got, hugoOut, o := buildHomeBoth(t, hugo, dir)
	w, g := splitCases(string(want)), splitCases(string(got))
	if len(w) < 14 {
		t.Fatalf("hugo's page has %d cases:\n%s", len(w), want)
	}
	for n := range w {
		if w[n] != g[n] {
			t.Errorf("%s:\nhugo:       %q\nstoryfront: %q", n, w[n], g[n])
		}
	}
	var hugoFiles []string
	err := filepath.WalkDir(hugoOut, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(hugoOut, p)
			hugoFiles = append(hugoFiles, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ours := o.Paths()
	slices.Sort(hugoFiles)
	slices.Sort(ours)
	if !slices.Equal(hugoFiles, ours) {
		t.Errorf("published files:\nhugo:       %v\nstoryfront: %v", hugoFiles, ours)
	}
}

// TestRemoteDataCached: a second build reads every URL from the cache in
// resources/_gen/remote, as Hugo's never-expiring cache does; without the
// cache folder the URLs are fetched again. One build asks for each URL
// once however often templates use it.
func TestRemoteDataCached(t *testing.T) {
	rs := newRemoteServer(t)
	dir := remoteSite(t, rs.URL, closedPort(t), "")
	build := func() {
		t.Helper()
		if _, err := NewBuilder(Options{Source: dir}).Build(context.Background()); err != nil {
			t.Fatalf("build: %v", err)
		}
	}
	build()
	// data.json: getJSON and data.GetJSON (one URL, one cache entry), and
	// resources.GetRemote (its own cache).
	for p, n := range map[string]int{"/data.json": 2, "/data.csv": 1, "/style.css": 1, "/header": 2, "/broken.json": 1} {
		if got := rs.count(p); got != n {
			t.Errorf("first build: %s asked %d times, want %d", p, got, n)
		}
	}
	build()
	if got := rs.count("/data.json"); got != 2 {
		t.Errorf("second build fetched data.json again (%d requests in all)", got)
	}
	if got := rs.count("/broken.json"); got != 2 {
		t.Errorf("a failed fetch must not be cached: broken.json asked %d times in two builds, want 2", got)
	}
	if err := os.RemoveAll(filepath.Join(dir, "resources", "_gen", "remote")); err != nil {
		t.Fatal(err)
	}
	build()
	if got := rs.count("/data.json"); got != 4 {
		t.Errorf("without the cache: data.json asked %d times in all, want 4", got)
	}
}

// TestRemoteDataErrors: a getJSON of a URL that fails stops the build
// with the template's file:line, as hugo 0.111.3 fails it; the config's
// ignoreErrors = ["error-remote-getjson"] makes it a warning and nil.
func TestRemoteDataErrors(t *testing.T) {
	rs := newRemoteServer(t)
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hugo.toml", "baseURL = \"https://x.example/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"section\", \"page\"]\n")
	write("layouts/index.html", "<h1>x</h1>\n[{{ getJSON \""+rs.URL+"/broken.json\" }}][{{ getCSV \",\" \""+rs.URL+"/nope.csv\" }}]\n")
	_, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err == nil {
		t.Fatal("a failed getJSON built")
	}
	for _, want := range []string{
		"layouts/index.html:2:",
		`getJSON "` + rs.URL + `/broken.json": failed to fetch remote resource: Internal Server Error`,
		`add "error-remote-getjson" to the config's ignoreErrors`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if hugo, err := exec.LookPath("hugo"); err == nil {
		cmd := exec.Command(hugo, "--quiet", "-s", dir, "-d", t.TempDir(), "--cacheDir", t.TempDir())
		if out, err := cmd.CombinedOutput(); err == nil {
			t.Errorf("hugo built a site whose getJSON fails:\n%s", out)
		}
	}

	write("hugo.toml", "baseURL = \"https://x.example/\"\nignoreErrors = [\"error-remote-getjson\", \"error-remote-getcsv\"]\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"section\", \"page\"]\n")
	o, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err != nil {
		t.Fatalf("with ignoreErrors: %v", err)
	}
	got, _ := o.Lookup("/index.html")
	if !strings.Contains(string(got.Data), "[][[]]") { // hugo 0.111.3's page
		t.Errorf("with ignoreErrors the calls give nil (hugo prints [][[]]); page:\n%s", got.Data)
	}
	var warned []string
	for _, w := range o.Warnings() {
		warned = append(warned, w.Error())
	}
	if !strings.Contains(strings.Join(warned, "\n"), "ignoreErrors has error-remote-getjson") ||
		!strings.Contains(strings.Join(warned, "\n"), "ignoreErrors has error-remote-getcsv") {
		t.Errorf("no warning for the ignored errors: %q", warned)
	}
}
