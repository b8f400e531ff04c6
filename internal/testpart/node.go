package testpart

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The npm folders that hold the Node parts, relative to the module root.
const (
	dynaliteFolder = "capture/store/dynamodb/testdata/node"
	sesFolder      = "capture/sink/ses/testdata/node"
)

// Dynalite starts the real dynalite (an in-memory DynamoDB, installed by
// npm ci --prefix capture/store/dynamodb/testdata/node) with tables ready
// at once, and returns its endpoint URL. It stops when the test ends.
func Dynalite(t testing.TB) string {
	t.Helper()
	node, cli := nodeScript(t, dynaliteFolder, "dynalite/cli.js")
	port := FreePort(t)
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	start(t, node, cli, "--port", fmt.Sprint(port), "--host", "127.0.0.1", "--createTableMs", "0", "--updateTableMs", "0")
	WaitTCP(t, addr)
	return "http://" + addr
}

// SES is a running aws-ses-v2-local, a local Amazon SES v2 API that keeps
// the emails sent through it.
type SES struct {
	// URL is the API's base URL, the endpoint to give the SES client.
	URL string
}

// SESLocal starts the real aws-ses-v2-local (installed by npm ci --prefix
// capture/sink/ses/testdata/node), waits until it answers and stops it
// when the test ends.
func SESLocal(t testing.TB) *SES {
	t.Helper()
	node, cli := nodeScript(t, sesFolder, "aws-ses-v2-local/dist/cli.js")
	port := FreePort(t)
	start(t, node, cli, "--host", "127.0.0.1", "--port", fmt.Sprint(port))
	s := &SES{URL: fmt.Sprintf("http://127.0.0.1:%d", port)}
	waitOK(t, "aws-ses-v2-local", s.URL+"/health-check", 15*time.Second)
	return s
}

// Store decodes the emails SES has received so far (its /store answer,
// {"emails": [...]}) into v.
func (s *SES) Store(t testing.TB, v any) {
	t.Helper()
	getJSON(t, s.URL+"/store", v)
}

// nodeScript returns node and the absolute path of script inside folder's
// node_modules; either missing fails the test under CI=true and skips it
// otherwise.
func nodeScript(t testing.TB, folder, script string) (node, path string) {
	t.Helper()
	hint := "npm ci --prefix " + folder
	node, err := exec.LookPath("node")
	if err != nil {
		Missing(t, "node not found on PATH (apt-get install nodejs), needed with "+hint)
	}
	path = filepath.Join(moduleRoot(t), folder, "node_modules", script)
	if _, err := os.Stat(path); err != nil {
		Missing(t, fmt.Sprintf("%s missing (%s)", path, hint))
	}
	return node, path
}

// moduleRoot returns the folder of the go.mod above the test's working
// directory (go test runs each test in its package's folder).
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// sassFolder holds Dart Sass (npm sass-embedded, whose platform package
// carries the `sass` executable that speaks the embedded protocol).
const sassFolder = "internal/testpart/testdata/sass"

// SassDir returns a folder holding Dart Sass's `sass` executable (npm ci
// --prefix internal/testpart/testdata/sass), to put on PATH; missing, it
// fails the test under CI=true and skips it otherwise.
func SassDir(t testing.TB) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(moduleRoot(t), sassFolder, "node_modules", "sass-embedded-*", "dart-sass", "sass"))
	if len(matches) == 0 {
		Missing(t, "Dart Sass missing (npm ci --prefix "+sassFolder+")")
	}
	return filepath.Dir(matches[0])
}

// postcssFolder holds postcss-cli and autoprefixer (npm), the Node tool
// css.PostCSS runs.
const postcssFolder = "internal/testpart/testdata/postcss"

// PostCSSModules returns the node_modules folder holding postcss-cli
// (its .bin/postcss) and autoprefixer (npm ci --prefix
// internal/testpart/testdata/postcss), for a test site to link as its own
// node_modules; missing, it fails the test under CI=true and skips it
// otherwise.
func PostCSSModules(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(moduleRoot(t), postcssFolder, "node_modules")
	if _, err := os.Stat(filepath.Join(dir, ".bin", "postcss")); err != nil {
		Missing(t, "postcss-cli missing (npm ci --prefix "+postcssFolder+")")
	}
	if _, err := exec.LookPath("node"); err != nil {
		Missing(t, "node not found on PATH (apt-get install nodejs), needed by postcss-cli")
	}
	return dir
}
