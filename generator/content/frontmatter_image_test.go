package content

import (
	"slices"
	"strings"
	"testing"
)

func TestImageFrontMatter(t *testing.T) {
	for _, tt := range []struct {
		name, front string
		src, alt    string
		focus       []float64
	}{
		{"path", "image: a.jpg\nimageAlt: A", "a.jpg", "A", nil},
		{"map", "image: {src: a.jpg, alt: A, focus: [0.25, 1]}", "a.jpg", "A", []float64{0.25, 1}},
		{"block map", "image:\n  src: a.jpg\n  focus: [0, 0.5]", "a.jpg", "", []float64{0, 0.5}},
		{"imageFocus", "image: a.jpg\nimageFocus: [0.3, 0.6]", "a.jpg", "", []float64{0.3, 0.6}},
		{"toml", "", "a.jpg", "", []float64{1, 0}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: X\n" + tt.front + "\n---\nbody\n"
			if tt.name == "toml" {
				src = "+++\ntitle = \"X\"\n[image]\nsrc = \"a.jpg\"\nfocus = [1, 0.0]\n+++\nbody\n"
			}
			s, err := Parse("x.md", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			f := s.Front
			if f.Image != tt.src || f.ImageAlt != tt.alt || !slices.Equal(f.ImageFocus, tt.focus) {
				t.Errorf("image %q alt %q focus %v", f.Image, f.ImageAlt, f.ImageFocus)
			}
		})
	}
}

func TestImageFrontMatterErrors(t *testing.T) {
	for _, tt := range []struct{ front, want string }{
		{"image: {src: a.jpg, focus: [0.5]}", "content/x.md:3:21: image.focus: must be two numbers from 0 to 1"},
		{"image:\n  src: a.jpg\n  focus: [50, 50]", "content/x.md:5:3: image.focus: 50 is not from 0 to 1"},
		{"image:\n  alt: A", "content/x.md:3:1: image: the map needs src"},
		{"image:\n  src: a.jpg\n  crop: 1", "content/x.md:5:3: image.crop: unknown key (src, alt, focus)"},
		{"image: a.jpg\nimageFocus: [0.5, x]", "content/x.md:4:1: imageFocus: must be two numbers from 0 to 1, not x"},
	} {
		t.Run(tt.front, func(t *testing.T) {
			_, err := Parse("x.md", []byte("---\ntitle: X\n"+tt.front+"\n---\nbody\n"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}
