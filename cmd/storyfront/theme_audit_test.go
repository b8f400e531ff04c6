package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/storyfront/storyfront/internal/testpart"
)

// buildNewSite makes a site with `storyfront new site` (a name and a
// colour of the user's) and builds it; it returns the public folder.
func buildNewSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "audit-co")
	var stdout, stderr bytes.Buffer
	m := NewMain(&stdout, &stderr)
	if err := m.Run(context.Background(), []string{"new", "site", dir, "--name", "Audit & Co", "--color", "#0e7c66"}); err != nil {
		t.Fatalf("new site: %v\n%s", err, stderr.String())
	}
	out := filepath.Join(dir, "public")
	if err := m.Run(context.Background(), []string{"build", "-s", dir, "-d", out}); err != nil {
		t.Fatalf("build the new site: %v\n%s", err, stderr.String())
	}
	return out
}

// sitePages lists the URL paths of a built site's HTML pages (redirects
// of aliases left out), sorted.
func sitePages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(`http-equiv="refresh"`)) {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		u := "/" + filepath.ToSlash(rel)
		pages = append(pages, strings.TrimSuffix(u, "index.html"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(pages)
	return pages
}

// serveDir serves a folder on a loopback port until the test ends and
// returns its base URL.
func serveDir(t *testing.T, dir string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// axeViolations runs axe-core in the open page and returns its violations,
// one line each: rule, impact, help and the first elements it names.
func axeViolations(ctx context.Context, axe string) ([]string, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		return nil, fmt.Errorf("loading axe: %w", err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
		JSON.stringify(r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " at " +
			v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "))))`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("axe.run: %w", err)
	}
	var out []string
	return out, json.Unmarshal([]byte(res), &out)
}

// TestThemeAxe runs axe-core (npm) in Chromium on every page of the
// example site and of a `storyfront new site`: at 390 px in the light
// palette and at 1280 px in the dark one (prefers-color-scheme: dark).
// Every rule axe runs by default counts; the issue asks for 0.
func TestThemeAxe(t *testing.T) {
	t.Parallel()
	axe := testpart.AxeSource(t)
	ctx := testpart.Chromium(t, 10*time.Minute)
	// Start the browser on the test's context: a page's timeout below
	// must end that page's wait, not the browser.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	sites := map[string]string{"example": buildExample(t), "new site": buildNewSite(t)}
	for _, name := range []string{"example", "new site"} {
		base := serveDir(t, sites[name])
		for _, page := range sitePages(t, sites[name]) {
			for _, view := range []struct {
				width  int64
				scheme string
			}{{390, "light"}, {1280, "dark"}} {
				pctx, cancel := context.WithTimeout(ctx, 90*time.Second)
				err := chromedp.Do(pctx,
					chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
						if _, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride,
							emulation.SetDeviceMetricsOverrideParams{Width: view.width, Height: 900, DeviceScaleFactor: 1, Mobile: view.width < 600}); err != nil {
							return err
						}
						_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
							Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: view.scheme}}})
						return err
					}),
					chromedp.Navigate(base+page))
				var found []string
				if err == nil {
					found, err = axeViolations(pctx, axe)
				}
				cancel()
				if err != nil {
					t.Fatalf("%s %s at %d px: %v", name, page, view.width, err)
				}
				for _, v := range found {
					t.Errorf("%s %s at %d px, %s: %s", name, page, view.width, view.scheme, v)
				}
			}
		}
	}
}

// TestThemeNuChecker runs the Nu HTML Checker (npm vnu-jar, with the
// machine's Java) over every HTML file of the example site and of a
// `storyfront new site`: no errors.
func TestThemeNuChecker(t *testing.T) {
	t.Parallel()
	java, jar := testpart.VNU(t)
	example, fresh := buildExample(t), buildNewSite(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, "-Xss4m", "-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu", example, fresh)
	var stderr, stdout bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if msgs := strings.TrimSpace(stderr.String() + stdout.String()); err != nil || msgs != "" {
		t.Errorf("Nu HTML Checker: %v\n%s", err, strings.NewReplacer(example, "example", fresh, "new site").Replace(msgs))
	}
}
