package generator

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/storyfront/storyfront/internal/testpart"
)

// maxPixelDiff is the share of pixels a screenshot of a theme's page built
// by Storyfront may differ in from the same page built by Hugo.
const maxPixelDiff = 0.005

// TestHugoThemeScreenshots: pages of the theme fixtures (Ananke's home
// page and a post, in English and in French; PaperMod's home page and a
// post), built by hugo and by Storyfront (each for its own local server's
// URL), look the same in Chromium at 1280×900: fewer than maxPixelDiff of
// the pixels differ (a pixel differs when a channel moves by more than 24).
func TestHugoThemeScreenshots(t *testing.T) {
	hugo := testpart.Binary(t, "hugo", "apt-get install -y hugo")
	themeEnv(t)
	for _, tc := range []struct {
		site  string
		pages []string
	}{
		{"ananke", []string{"", "post/chapter-1/", "fr/post/chapter-1/"}},
		// emoji-support runs inline shortcodes (its CSS comes from one).
		{"papermod", []string{"", "posts/emoji-support/"}},
	} {
		t.Run(tc.site, func(t *testing.T) { screenshotSite(t, hugo, tc.site, tc.pages) })
	}
}

// screenshotSite builds testdata/hugothemes/SITE with hugo and with
// Storyfront and compares the screenshots of its pages.
func screenshotSite(t *testing.T, hugo, name string, pages []string) {
	site := filepath.Join("testdata", "hugothemes", name)
	hugoURL, hugoDir := listen(t)
	sfURL, sfDir := listen(t)
	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS(site)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(hugo, "--quiet", "-s", work, "-d", hugoDir, "-b", hugoURL, "--cacheDir", t.TempDir())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	o, err := NewBuilder(Options{Source: work, BaseURL: sfURL}).Build(context.Background())
	if err != nil {
		t.Fatalf("storyfront build: %v", err)
	}
	if err := o.WriteDir(sfDir); err != nil {
		t.Fatal(err)
	}
	// The browser starts once both sites are built, so its time limit is
	// the screenshots' alone, however long the builds took on a busy machine.
	ctx := testpart.Chromium(t, 5*time.Minute)
	for _, page := range pages {
		a := screenshot(t, ctx, hugoURL+page)
		b := screenshot(t, ctx, sfURL+page)
		diff, err := pixelDiff(a, b)
		if err != nil {
			t.Fatalf("/%s: %v", page, err)
		}
		t.Logf("/%s: %.3f%% of the pixels differ", page, 100*diff)
		if diff > maxPixelDiff {
			_ = os.WriteFile(filepath.Join(t.TempDir(), "hugo.png"), a, 0o644)
			t.Errorf("/%s: %.2f%% of the pixels differ from Hugo's page (at most %.2f%%)", page, 100*diff, 100*maxPixelDiff)
		}
	}
}

// listen starts a file server on a loopback port for a folder that is
// filled later; it returns the server's URL (ending in "/") and the folder.
func listen(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/", dir
}

// screenshot loads url in a new tab at 1280×900 once its images and fonts
// have loaded, and returns the viewport as PNG.
func screenshot(t *testing.T, ctx context.Context, url string) []byte {
	t.Helper()
	tctx, cancel := chromedp.NewContext(ctx)
	defer cancel()
	err := chromedp.Do(tctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(url))
	if err == nil {
		_, err = chromedp.Run(tctx, chromedp.Poll[bool](
			`document.readyState === "complete" && [...document.images].every(i => i.complete) && document.fonts.status === "loaded"`,
			chromedp.WithPollingTimeout(90*time.Second)))
	}
	var buf []byte
	if err == nil {
		buf, err = chromedp.Run(tctx, chromedp.CaptureScreenshot())
	}
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	return buf
}

// pixelDiff is the share of pixels whose colour differs (a channel by more
// than 24 of 255) between two PNGs of the same size.
func pixelDiff(a, b []byte) (float64, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	r := ia.Bounds()
	if r != ib.Bounds() {
		return 1, nil
	}
	differ := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !closeColor(ia, ib, x, y) {
				differ++
			}
		}
	}
	return float64(differ) / float64(r.Dx()*r.Dy()), nil
}

func closeColor(a, b image.Image, x, y int) bool {
	r1, g1, b1, _ := a.At(x, y).RGBA()
	r2, g2, b2, _ := b.At(x, y).RGBA()
	near := func(p, q uint32) bool {
		d := int(p>>8) - int(q>>8)
		return d >= -24 && d <= 24
	}
	return near(r1, r2) && near(g1, g2) && near(b1, b2)
}
