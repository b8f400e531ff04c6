package images

import (
	"image"
	"strings"
	"testing"
)

func TestParseSpec(t *testing.T) {
	tests := []struct {
		op      Op
		in      string
		want    Spec
		wantErr string
	}{
		{OpResize, "800x", Spec{Op: OpResize, Width: 800}, ""},
		{OpResize, "x600 webp q80", Spec{Op: OpResize, Height: 600, Format: WebP, Quality: 80}, ""},
		{OpFill, "1200x630 Center", Spec{Op: OpFill, Width: 1200, Height: 630, Anchor: "center"}, ""},
		{OpFill, "300x300 smart lanczos r90 jpg", Spec{Op: OpFill, Width: 300, Height: 300, Anchor: "smart", Filter: "lanczos", Rotate: 90, RotateGiven: 90, Format: JPEG}, ""},
		{OpResize, "200x r-90", Spec{Op: OpResize, Width: 200, Rotate: 270, RotateGiven: -90}, ""},
		{OpResize, "200x jfif", Spec{Op: OpResize, Width: 200, Format: JPEG}, ""},
		{OpNone, "fit 400x400 png", Spec{Op: OpFit, Width: 400, Height: 400, Format: PNG}, ""},
		{OpNone, "webp q50", Spec{Format: WebP, Quality: 50}, ""},
		{OpResize, "800x #FFFFFF picture", Spec{Op: OpResize, Width: 800, Background: "ffffff", Hint: 1}, ""},
		{OpResize, "webp", Spec{}, "resize needs a width or a height"},
		{OpFill, "800x", Spec{}, "fill needs a width and a height"},
		{OpResize, "800x q0", Spec{}, "quality 0 is not in 1–100"},
		{OpResize, "800x r45", Spec{}, "not a multiple of 90"},
		{OpResize, "800x sparkle", Spec{}, `unknown word "sparkle"`},
	}
	for _, tt := range tests {
		got, err := ParseSpec(tt.op, tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseSpec(%q) error %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSpec(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestGeometry(t *testing.T) {
	noSmart := func(rw, rh int) image.Point { return image.Point{} }
	tests := []struct {
		spec   Spec
		w, h   int
		rect   image.Rectangle
		ow, oh int
	}{
		{Spec{Op: OpResize, Width: 800}, 4000, 3000, image.Rect(0, 0, 4000, 3000), 800, 600},
		{Spec{Op: OpResize, Height: 300}, 4000, 3000, image.Rect(0, 0, 4000, 3000), 400, 300},
		{Spec{Op: OpFit, Width: 500, Height: 500}, 4000, 3000, image.Rect(0, 0, 4000, 3000), 500, 375},
		{Spec{Op: OpFit, Width: 5000, Height: 5000}, 400, 300, image.Rect(0, 0, 400, 300), 400, 300},
		{Spec{Op: OpFill, Width: 1200, Height: 630}, 4000, 3000, image.Rect(0, 450, 4000, 2550), 1200, 630},
		{Spec{Op: OpFill, Width: 1200, Height: 630, Anchor: "top"}, 4000, 3000, image.Rect(0, 0, 4000, 2100), 1200, 630},
		{Spec{Op: OpFill, Width: 100, Height: 100, Anchor: "bottomright"}, 400, 200, image.Rect(200, 0, 400, 200), 100, 100},
		{Spec{Op: OpFill, Width: 100, Height: 100, HasFocus: true, FocusX: 0.9, FocusY: 0.5}, 400, 200, image.Rect(200, 0, 400, 200), 100, 100},
		{Spec{Op: OpFill, Width: 100, Height: 100, HasFocus: true, FocusX: 0.4, FocusY: 0.5}, 400, 200, image.Rect(60, 0, 260, 200), 100, 100},
		{Spec{Op: OpCrop, Width: 100, Height: 50, Anchor: "topleft"}, 400, 200, image.Rect(0, 0, 100, 50), 100, 50},
	}
	for _, tt := range tests {
		r, ow, oh := tt.spec.geometry(tt.w, tt.h, noSmart)
		if r != tt.rect || ow != tt.ow || oh != tt.oh {
			t.Errorf("%+v on %dx%d = %v %dx%d, want %v %dx%d", tt.spec, tt.w, tt.h, r, ow, oh, tt.rect, tt.ow, tt.oh)
		}
	}
}

// Smart crop picks the detailed part of an image that is flat elsewhere.
func TestSmartCrop(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 300, 100))
	for i := range m.Pix {
		m.Pix[i] = 200
	}
	for y := 20; y < 80; y++ {
		for x := 220; x < 280; x++ {
			v := uint8((x*37 + y*91) % 256)
			o := m.PixOffset(x, y)
			m.Pix[o], m.Pix[o+1], m.Pix[o+2] = v, 255-v, v/2
		}
	}
	p := smartCrop(m, 100, 100)
	if p.X < 180 || p.X > 200 {
		t.Errorf("smart crop at %v, want x in 180..200 (the detailed square)", p)
	}
}

// A flat image stays flat through resampling: the weights sum to one.
func TestResizeKeepsFlatColour(t *testing.T) {
	m := image.NewRGBA(image.Rect(0, 0, 997, 601))
	for i := range m.Pix {
		m.Pix[i] = []uint8{10, 128, 250, 255}[i%4]
	}
	for _, name := range []string{"box", "linear", "catmullrom", "lanczos", "mitchellnetravali", "nearestneighbor"} {
		f, err := ParseFilter(name)
		if err != nil {
			t.Fatal(err)
		}
		pyr := newPyramid(m, 2)
		out := resize(pyr.forSize(123, 77, f), 123, 77, f, 2)
		if out.Rect.Dx() != 123 || out.Rect.Dy() != 77 {
			t.Fatalf("%s: size %v", name, out.Rect)
		}
		for i, v := range out.Pix {
			if want := []uint8{10, 128, 250, 255}[i%4]; v != want {
				t.Fatalf("%s: byte %d is %d, want %d", name, i, v, want)
			}
		}
	}
	if _, err := ParseFilter("sinc"); err == nil {
		t.Error("an unknown filter should be an error")
	}
}
