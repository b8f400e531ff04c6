package generator

import (
	"bytes"
	"context"
	"mime"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/storyfront/storyfront/internal/testpart"
)

// TestPictureInChromium: a real browser picks the srcset candidate that
// fits its viewport from the <picture> a Markdown image becomes, and takes
// the AVIF source: 480w at a 400 px wide window, 800w at 700 px (of 480,
// 800 and the photo's own 960).
func TestPictureInChromium(t *testing.T) {
	ctx := testpart.Chromium(t, 2*time.Minute)
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml": "title: Pics\nbaseURL: http://127.0.0.1/\ntheme: t\n" +
			"images: {widths: [480, 800], formats: [avif, webp, original], sizes: 100vw}\n",
		"content/p/index.md":                    "---\ntitle: P\n---\n![Ridges under a blue sky](ridges.jpg)\n",
		"themes/t/layouts/_default/single.html": `<!doctype html><meta name="viewport" content="width=device-width"><style>body{margin:0}img{display:block;max-width:100%;height:auto}</style>{{ .Content }}`,
		"themes/t/layouts/_default/list.html":   `<!doctype html>{{ .Title }}`,
	})
	copyFile(t, filepath.Join("..", "content", "stories", "mapping-the-handoff", "ridges.jpg"), filepath.Join(dir, "content/p/ridges.jpg"))
	out, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu      sync.Mutex
		fetched bytes.Buffer
	)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := out.Lookup(r.URL.Path)
		if !ok {
			http.NotFound(w, r)
			return
		}
		if strings.Contains(r.URL.Path, "ridges") {
			mu.Lock()
			fetched.WriteString(r.URL.Path + "\n")
			mu.Unlock()
		}
		ct := mime.TypeByExtension(path.Ext(f.Path))
		if ct == "" {
			ct = "text/html; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(f.Data)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	page := "http://" + ln.Addr().String() + "/p/"
	for _, tt := range []struct {
		width int64
		want  string
	}{
		{400, `/p/ridges_480x320_[0-9a-f]{10}\.avif$`},
		{700, `/p/ridges_800x533_[0-9a-f]{10}\.avif$`},
	} {
		tctx, cancel := chromedp.NewContext(ctx) // a new tab: an empty image cache per width
		err := chromedp.Do(tctx,
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride,
					emulation.SetDeviceMetricsOverrideParams{Width: tt.width, Height: 800, DeviceScaleFactor: 1})
				return err
			}),
			chromedp.Navigate(page))
		src := ""
		for i := 0; err == nil && src == "" && i < 200; i++ {
			src, err = chromedp.Run(tctx, chromedp.Evaluate[string](
				`(() => { const i = document.querySelector("img"); return i && i.complete && i.naturalWidth > 0 ? i.currentSrc : "" })()`))
			if src == "" {
				time.Sleep(50 * time.Millisecond)
			}
		}
		cancel()
		if err != nil {
			t.Fatalf("width %d: %v", tt.width, err)
		}
		if !regexp.MustCompile(tt.want).MatchString(src) {
			t.Errorf("at %d px the browser loaded %s, want %s", tt.width, src, tt.want)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Contains(fetched.String(), ".jpg") {
		t.Errorf("the browser fetched the JPEG fallback too:\n%s", fetched.String())
	}
}
