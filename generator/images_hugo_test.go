package generator

import (
	"bytes"
	"context"
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "golang.org/x/image/webp"

	"github.com/storyfront/storyfront/internal/testpart"
)

// hugoImageLayout prints what Hugo's image methods give (size, media type)
// for many specs, then the URLs of some results to compare pixel by pixel.
const hugoImageLayout = `{{ $p := .Resources.GetMatch "land*.jpg" -}}
orig {{ $p.Width }}x{{ $p.Height }} {{ $p.MediaType }} {{ $p.ResourceType }}
{{ range slice "300x" "x100" "200x200" "1000x" "300x webp q60" "300x png" "200x r90" "200x r270" "300x lanczos" "300x q90 Center" -}}
resize {{ . }}: {{ with $p.Resize . }}{{ .Width }}x{{ .Height }} {{ .MediaType }} {{ .ResourceType }} {{ .Name }}{{ end }}
{{ end -}}
{{ range slice "200x200" "1000x1000" "100x500" "200x100 webp" -}}
fit {{ . }}: {{ with $p.Fit . }}{{ .Width }}x{{ .Height }} {{ .MediaType }}{{ end }}
{{ end -}}
{{ range slice "200x200" "100x300 TopLeft" "300x100 BottomRight" "1000x700" "200x200 Smart" "300x200 Center webp" "100x100 left" -}}
fill {{ . }}: {{ with $p.Fill . }}{{ .Width }}x{{ .Height }} {{ .MediaType }}{{ end }}
{{ end -}}
{{ range slice "100x100" "100x100 TopRight" "1000x1000" "500x330" "400x1000" "600x100 Bottom" "500x500 TopLeft" "1000x1000 Center" -}}
crop {{ . }}: {{ with $p.Crop . }}{{ .Width }}x{{ .Height }} {{ .MediaType }}{{ end }}
{{ end -}}
filter: {{ with $p.Filter images.Grayscale (images.GaussianBlur 3) }}{{ .Width }}x{{ .Height }} {{ .MediaType }}{{ end }}
chain: {{ with ($p.Fill "120x80 Center").Filter (images.Sepia 80) }}{{ .Width }}x{{ .Height }} {{ .MediaType }}{{ end }}
pipe: {{ with $p | images.Filter (images.Brightness 20) (images.Contrast -10) }}{{ .Width }}x{{ .Height }}{{ end }}
config: {{ with images.Config "content/p/landscape.jpg" }}{{ .Width }}x{{ .Height }}{{ end }}
{{ $a := resources.Get "img/a.jpg" -}}
asset: {{ $a.Width }}x{{ $a.Height }} {{ with $a.Resize "100x webp" }}{{ .Width }}x{{ .Height }} {{ .MediaType }}{{ end }}
{{ $png := .Resources.GetMatch "alpha.png" -}}
png: {{ $png.Width }}x{{ $png.Height }} {{ with $png.Resize "20x" }}{{ .Width }}x{{ .Height }} {{ .MediaType }}{{ end }} {{ with $png.Resize "20x jpg" }}{{ .MediaType }}{{ end }}
pixels:
resize {{ ($p.Resize "300x").RelPermalink }}
resize-webp {{ ($p.Resize "240x webp q90").RelPermalink }}
fill-topleft {{ ($p.Fill "200x200 TopLeft").RelPermalink }}
crop-bottomright {{ ($p.Crop "160x100 BottomRight").RelPermalink }}
rotate {{ ($p.Resize "160x r90").RelPermalink }}
{{ range $name, $f := dict "grayscale" images.Grayscale "invert" images.Invert "sepia" (images.Sepia 80) "brightness" (images.Brightness 30) "contrast" (images.Contrast 40) "saturation" (images.Saturation -60) "blur" (images.GaussianBlur 4) "hue" (images.Hue 90) "gamma" (images.Gamma 1.6) "pixelate" (images.Pixelate 8) "colorize" (images.Colorize 200 50 40) -}}
{{ $name }} {{ ($p.Filter $f).RelPermalink }}
{{ end -}}
chain {{ (($p.Fill "120x80 Center").Filter images.Grayscale).RelPermalink }}
overlay {{ ($p.Filter (images.Overlay $png 30 20)).RelPermalink }}
text {{ (($p.Resize "480x png").Filter (images.Text "Hello, brand stories and a long line that wraps around" (dict "size" 40 "x" 20 "y" 30 "color" "#ff0000"))).RelPermalink }}
`

// TestImageMethodsLikeHugo builds one site with Hugo's image methods
// (.Resize, .Fit, .Fill, .Crop, .Filter with the images filters,
// images.Config, resources.Get) with Storyfront and with the real hugo,
// and compares: every size and media type must be Hugo's, and the pixels
// of a set of results must be close to Hugo's (resampling and JPEG
// encoding differ a little).
func TestImageMethodsLikeHugo(t *testing.T) {
	hugo := testpart.Binary(t, "hugo", "apt-get install hugo")
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"hugo.toml": "baseURL = \"https://example.org/\"\ntitle = \"img\"\n" +
			"disableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\", \"home\", \"section\"]\n",
		"content/p/index.md":           "---\ntitle: P\n---\nText.\n",
		"layouts/_default/single.html": hugoImageLayout,
	})
	copyFile(t, filepath.Join("images", "testdata", "landscape.jpg"), filepath.Join(dir, "content/p/landscape.jpg"))
	copyFile(t, filepath.Join("images", "testdata", "landscape.jpg"), filepath.Join(dir, "assets/img/a.jpg"))
	copyFile(t, filepath.Join("images", "testdata", "alpha.png"), filepath.Join(dir, "content/p/alpha.png"))

	out, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ours, _ := out.Lookup("/p/")
	hugoOut := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(hugo, "--quiet", "-s", dir, "-d", hugoOut, "--cacheDir", t.TempDir())
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, msg)
	}
	theirs, err := os.ReadFile(filepath.Join(hugoOut, "p/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	oursText, oursPix, _ := strings.Cut(string(ours.Data), "pixels:\n")
	theirText, theirPix, _ := strings.Cut(string(theirs), "pixels:\n")
	if oursText != theirText {
		t.Errorf("sizes and types differ from Hugo's\n--- storyfront\n%s\n--- hugo\n%s", oursText, theirText)
	}
	want := urlsByName(theirPix)
	got := urlsByName(oursPix)
	if len(want) < 15 || len(got) != len(want) {
		t.Fatalf("pixel list: storyfront %d, hugo %d entries\n%s\n%s", len(got), len(want), oursPix, theirPix)
	}
	for name, hu := range want {
		f, ok := out.Lookup(got[name])
		if !ok {
			t.Errorf("%s: %s is not published", name, got[name])
			continue
		}
		mine := decodeImage(t, name+" (storyfront)", f.Data)
		data, err := os.ReadFile(filepath.Join(hugoOut, filepath.FromSlash(hu)))
		if err != nil {
			t.Fatal(err)
		}
		his := decodeImage(t, name+" (hugo)", data)
		if mine.Bounds().Size() != his.Bounds().Size() {
			t.Errorf("%s: %v, Hugo's %v", name, mine.Bounds().Size(), his.Bounds().Size())
			continue
		}
		// Mean absolute difference per channel, 0-255: a wrong filter,
		// anchor, turn or strength gives tens; encoders and resamplers
		// differ by a few.
		limit := 6.0
		if name == "text" {
			limit = 1 // PNG, and the type must sit where Hugo's does
		}
		if d := meanDiff(mine, his); d > limit {
			t.Errorf("%s: pixels differ from Hugo's by %.1f on average (want <= %g)", name, d, limit)
		} else {
			t.Logf("%s: mean difference %.2f", name, d)
		}
	}
}

func urlsByName(s string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if name, u, ok := strings.Cut(strings.TrimSpace(line), " "); ok {
			m[name] = u
		}
	}
	return m
}

func decodeImage(t *testing.T, name string, data []byte) image.Image {
	t.Helper()
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

func meanDiff(a, b image.Image) float64 {
	r := a.Bounds()
	var sum, n float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x-r.Min.X+b.Bounds().Min.X, y-r.Min.Y+b.Bounds().Min.Y).RGBA()
			for _, d := range []float64{float64(ar) - float64(br), float64(ag) - float64(bg), float64(ab) - float64(bb)} {
				if d < 0 {
					d = -d
				}
				sum += d / 257
				n++
			}
		}
	}
	return sum / n
}
