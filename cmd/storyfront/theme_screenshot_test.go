package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/storyfront/storyfront/internal/testpart"
)

// dejavuDir is where Debian's fonts-dejavu-core puts its fonts: the only
// fonts the screenshot browser sees, so that a machine with more fonts
// draws the same page as a clean CI machine.
const dejavuDir = "/usr/share/fonts/truetype/dejavu"

// Screenshot comparison: both images are halved (2×2 averages, which
// smooths anti-aliasing), cut into 4×4 cells, and a cell differs when its
// mean luminance difference is over cellTolerance (of 255). The shot
// matches when at most maxCellsDiffering of the cells differ and the
// heights are within 2%: a font's rendering noise moves a few pixels, a
// broken block moves whole regions.
const (
	cellTolerance     = 12.0
	maxCellsDiffering = 0.002
)

// screenshotBrowser starts Chromium drawing with DejaVu only, no hinting,
// grey-scale anti-aliasing and sRGB, at scale 1.
func screenshotBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(dejavuDir); err != nil {
		testpart.Missing(t, "fonts-dejavu-core missing (apt-get install fonts-dejavu-core): "+err.Error())
	}
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	err := os.WriteFile(conf, []byte(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>`+dejavuDir+`</dir><cachedir>`+filepath.Join(dir, "cache")+`</cachedir>
<alias binding="same"><family>system-ui</family><prefer><family>DejaVu Sans</family></prefer></alias>
<alias binding="same"><family>sans-serif</family><prefer><family>DejaVu Sans</family></prefer></alias>
<alias binding="same"><family>serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
<alias binding="same"><family>monospace</family><prefer><family>DejaVu Sans Mono</family></prefer></alias>
<match target="font"><edit name="antialias" mode="assign"><bool>true</bool></edit><edit name="hinting" mode="assign"><bool>false</bool></edit><edit name="rgba" mode="assign"><const>none</const></edit></match>
</fontconfig>
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	ctx := testpart.ChromiumWith(t, 5*time.Minute,
		chromedp.Env("FONTCONFIG_FILE="+conf),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("disable-lcd-text", true),
		chromedp.Flag("disable-font-subpixel-positioning", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("force-device-scale-factor", "1"),
		chromedp.Flag("hide-scrollbars", true),
	)
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// fullPageShot opens url at width px (light palette, reduced motion),
// loads every lazy image and web font, and returns a PNG of the whole page.
func fullPageShot(ctx context.Context, url string, width int64) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride,
				emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 900, DeviceScaleFactor: 1, Mobile: width < 600}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{
				{Name: "prefers-color-scheme", Value: "light"}, {Name: "prefers-reduced-motion", Value: "reduce"}}})
			return err
		}),
		chromedp.Navigate(url))
	if err != nil {
		return nil, err
	}
	height, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(async () => {
		for (const i of document.images) i.loading = "eager";
		await Promise.all([...document.images].map(i => i.decode().catch(() => null)));
		for (let n = 0; n < 200 && [...document.images].some(i => !(i.complete && i.naturalWidth > 0)); n++) {
			await new Promise(r => setTimeout(r, 50));
		}
		await document.fonts.ready;
		await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
		return document.documentElement.scrollHeight;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	var shot []byte
	err = chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, CaptureBeyondViewport: ptrTo(true),
			Clip: &page.Viewport{X: 0, Y: 0, Width: float64(width), Height: height, Scale: 1}})
		shot = res.Data
		return err
	}))
	return shot, err
}

func ptrTo[T any](v T) *T { return &v }

// halve averages 2×2 pixels into one grey-scale pixel (luminance).
func halve(m image.Image) *image.Gray {
	b := m.Bounds()
	out := image.NewGray(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
	for y := 0; y < b.Dy()/2; y++ {
		for x := 0; x < b.Dx()/2; x++ {
			var sum float64
			for dy := 0; dy < 2; dy++ {
				for dx := 0; dx < 2; dx++ {
					r, g, bl, _ := m.At(b.Min.X+2*x+dx, b.Min.Y+2*y+dy).RGBA()
					sum += 0.2126*float64(r>>8) + 0.7152*float64(g>>8) + 0.0722*float64(bl>>8)
				}
			}
			out.SetGray(x, y, color.Gray{Y: uint8(math.Round(sum / 4))})
		}
	}
	return out
}

// compareShots reports how the shot differs from the reference, or "".
func compareShots(got, want *image.Gray) (string, *image.Gray) {
	gb, wb := got.Bounds(), want.Bounds()
	if gb.Dx() != wb.Dx() {
		return fmt.Sprintf("width %d, want %d", gb.Dx(), wb.Dx()), nil
	}
	if d := math.Abs(float64(gb.Dy()-wb.Dy())) / float64(wb.Dy()); d > 0.02 {
		return fmt.Sprintf("height %d, want %d (%.1f%% off)", gb.Dy(), wb.Dy(), 100*d), nil
	}
	h := min(gb.Dy(), wb.Dy())
	diff := image.NewGray(image.Rect(0, 0, gb.Dx(), h))
	cells, differing := 0, 0
	for cy := 0; cy+4 <= h; cy += 4 {
		for cx := 0; cx+4 <= gb.Dx(); cx += 4 {
			var sum float64
			for y := cy; y < cy+4; y++ {
				for x := cx; x < cx+4; x++ {
					sum += math.Abs(float64(got.GrayAt(x, y).Y) - float64(want.GrayAt(x, y).Y))
				}
			}
			cells++
			if sum/16 > cellTolerance {
				differing++
				for y := cy; y < cy+4; y++ {
					for x := cx; x < cx+4; x++ {
						diff.SetGray(x, y, color.Gray{Y: 255})
					}
				}
			}
		}
	}
	summary := fmt.Sprintf("%d of %d cells differ (%.2f%%, at most %.2f%% may)", differing, cells,
		100*float64(differing)/float64(cells), 100*maxCellsDiffering)
	if float64(differing) > maxCellsDiffering*float64(cells) {
		return summary, diff
	}
	return "", nil
}

func writePNG(path string, m image.Image) error {
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// TestThemeScreenshots draws the example site's Blocks page (every block)
// in Chromium at 390 and 1280 px and compares it with
// testdata/screenshots/blocks-WIDTH.png (half size, grey). After a
// deliberate change: go test ./cmd/storyfront -run TestThemeScreenshots -update.
// A failing run leaves the shot and a map of the differing cells in a
// temporary folder it names.
func TestThemeScreenshots(t *testing.T) {
	t.Parallel()
	ctx := screenshotBrowser(t)
	base := serveDir(t, buildExample(t))
	for _, width := range []int64{390, 1280} {
		raw, err := fullPageShot(ctx, base+"/blocks/", width)
		if err != nil {
			t.Fatalf("%d px: %v", width, err)
		}
		m, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		got := halve(m)
		ref := filepath.Join("testdata", "screenshots", fmt.Sprintf("blocks-%d.png", width))
		if *updateGolden {
			if err := writePNG(ref, got); err != nil {
				t.Fatal(err)
			}
		}
		f, err := os.Open(ref)
		if err != nil {
			t.Fatalf("%v (go test ./cmd/storyfront -run TestThemeScreenshots -update writes it)", err)
		}
		wantImg, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := image.NewGray(wantImg.Bounds())
		for y := 0; y < want.Bounds().Dy(); y++ {
			for x := 0; x < want.Bounds().Dx(); x++ {
				want.Set(x, y, wantImg.At(x, y))
			}
		}
		if msg, diff := compareShots(got, want); msg != "" {
			dir, _ := os.MkdirTemp("", "storyfront-screenshots-")
			writePNG(filepath.Join(dir, fmt.Sprintf("got-%d.png", width)), got)
			if diff != nil {
				writePNG(filepath.Join(dir, fmt.Sprintf("diff-%d.png", width)), diff)
			}
			t.Errorf("Blocks page at %d px differs from %s: %s (the shot and the differing cells are in %s)", width, ref, msg, dir)
		}
	}
}
