package images

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Plan offers the site's widths up to the image's own, never wider, and
// the original URL gets the widest version in the source's format.
func TestPlanNeverUpscales(t *testing.T) {
	p := newProc(t, "")
	s, err := p.Plan(src("exif-001.jpg"), []int{32, 48, 480}, []string{"avif", "webp", "original"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range s.Variants {
		got = append(got, string(v.Format)+" "+itoa(v.Width)+"x"+itoa(v.Height))
	}
	want := "avif 32x48,avif 48x72,avif 64x96,webp 32x48,webp 48x72,webp 64x96,jpeg 32x48,jpeg 48x72,jpeg 64x96"
	if strings.Join(got, ",") != want {
		t.Errorf("variants\n got %s\nwant %s", strings.Join(got, ","), want)
	}
	if s.Fallback != JPEG || s.Original.Width != 64 || s.Original.Format != JPEG || len(s.All()) != len(s.Variants) {
		t.Errorf("fallback %s, original %+v", s.Fallback, s.Original)
	}
	// WebP only: the <img> is WebP, and the original URL needs one JPEG more.
	w, err := p.Plan(src("exif-001.jpg"), []int{32}, []string{"webp"})
	if err != nil {
		t.Fatal(err)
	}
	if w.Fallback != WebP || len(w.Variants) != 1 || len(w.All()) != 2 || w.Original.Format != JPEG || w.Original.Width != 32 {
		t.Errorf("webp only: fallback %s, %d variants, %d in all", w.Fallback, len(w.Variants), len(w.All()))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// The <picture> markup, golden: sources per format but the fallback,
// srcset with widths, sizes, width/height, lazy or high priority.
func TestPictureGolden(t *testing.T) {
	p := newProc(t, "")
	s, err := p.Plan(src("exif-001.jpg"), []int{32, 48}, []string{"avif", "webp", "original"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		o    PictureOptions
	}{
		{"picture-lazy.html", PictureOptions{Alt: `Hills & "sky"`, Sizes: "(min-width: 50rem) 46rem, 100vw"}},
		{"picture-priority.html", PictureOptions{Alt: "", Class: "cover", Title: "t", Sizes: "100vw", Priority: true}},
	} {
		got := string(s.Picture("/stories/x/", "/stories/x/exif-001.jpg", tt.o)) + "\n"
		golden := filepath.Join("testdata", tt.name)
		if os.Getenv("UPDATE_GOLDEN") != "" {
			os.WriteFile(golden, []byte(got), 0o644)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, want)
		}
	}
	// An SVG is a plain lazy <img>.
	svg := (&Set{}).Picture("", "/a.svg", PictureOptions{Alt: "a"})
	if string(svg) != `<img src="/a.svg" alt="a" loading="lazy" decoding="async">` {
		t.Errorf("svg: %s", svg)
	}
}
