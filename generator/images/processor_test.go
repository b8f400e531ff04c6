package images

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gen2brain/webp"
)

func src(name string) Source {
	return Source{Name: "content/" + name, Path: filepath.Join("testdata", name)}
}

func newProc(t *testing.T, dir string) *Processor {
	t.Helper()
	p, err := New(Options{CacheDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestInspect(t *testing.T) {
	tests := []struct {
		file     string
		want     Info
		wantErr  string
		sentinel error
	}{
		{file: "exif-001.jpg", want: Info{Format: JPEG, Width: 64, Height: 96, Orientation: 6}},
		{file: "alpha.png", want: Info{Format: PNG, Width: 40, Height: 30, Orientation: 1}},
		{file: "animated.gif", want: Info{Format: GIF, Width: 24, Height: 16, Orientation: 1, Animated: true}},
		{file: "photo.webp", want: Info{Format: WebP, Width: 64, Height: 48, Orientation: 1}},
		// The header of a truncated file is whole: Process finds the cut.
		{file: "truncated.jpg", want: Info{Format: JPEG, Width: 64, Height: 96, Orientation: 6}},
		{file: "notes.jpg", sentinel: ErrUnsupported},
		{file: "bomb.png", sentinel: ErrTooLarge, wantErr: "50000x50000"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := Inspect(data, 0)
			if tt.wantErr == "" && tt.sentinel == nil {
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Errorf("Inspect = %+v, want %+v", got, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("Inspect = %+v, want an error", got)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v is not %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not say %q", err, tt.wantErr)
			}
		})
	}
}

// A phone photo turned by EXIF comes out upright, smaller, and without
// its EXIF block (so without its GPS position).
func TestProcessOrientsAndStripsMetadata(t *testing.T) {
	orig, _ := os.ReadFile("testdata/exif-001.jpg")
	if !bytes.Contains(orig, []byte("Exif")) || !bytes.Contains(orig, []byte{0x88, 0x25}) {
		t.Fatal("the test photo should carry EXIF with a GPS IFD")
	}
	p := newProc(t, t.TempDir())
	rs, err := p.Process(context.Background(), src("exif-001.jpg"), []Spec{
		{Op: OpResize, Width: 32, Format: JPEG},
		{Op: OpResize, Width: 32, Format: WebP},
		{Op: OpResize, Width: 32, Format: AVIF},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Width != 32 || r.Height != 48 {
			t.Errorf("%s: %dx%d, want 32x48 (upright)", r.Format, r.Width, r.Height)
		}
		if bytes.Contains(r.Data, []byte("Exif")) || bytes.Contains(r.Data, []byte("GPS")) {
			t.Errorf("%s: output keeps EXIF", r.Format)
		}
		if sniff(r.Data) != r.Format {
			t.Errorf("output is %q, want %s", sniff(r.Data), r.Format)
		}
	}
	m, err := jpeg.Decode(bytes.NewReader(rs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != 32 || b.Dy() != 48 {
		t.Fatalf("decoded JPEG is %v", b)
	}
	// The stored photo has its sky at the top; orientation 6 turns it a
	// quarter clockwise, so the sky (bright) ends on the right.
	if l, r := columnLuma(m, 0, 4), columnLuma(m, 28, 32); r <= l+20 {
		t.Errorf("right side luma %.0f not brighter than left %.0f: not turned clockwise", r, l)
	}
}

func columnLuma(m image.Image, x0, x1 int) float64 {
	sum, n := 0.0, 0.0
	b := m.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := x0; x < x1; x++ {
			r, g, bl, _ := m.At(x, y).RGBA()
			sum += (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(bl)) / 257
			n++
		}
	}
	return sum / n
}

func TestProcessKeepsAlpha(t *testing.T) {
	p := newProc(t, "")
	rs, err := p.Process(context.Background(), src("alpha.png"), []Spec{{Op: OpResize, Width: 20}, {Op: OpResize, Width: 20, Format: WebP}})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Format != PNG || rs[0].Height != 15 {
		t.Fatalf("got %s %dx%d", rs[0].Format, rs[0].Width, rs[0].Height)
	}
	m, err := png.Decode(bytes.NewReader(rs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := m.At(0, 0).RGBA(); a != 0 {
		t.Errorf("corner alpha %d, want transparent", a)
	}
	if _, _, _, a := m.At(10, 7).RGBA(); a < 0xf000 {
		t.Errorf("centre alpha %d, want opaque", a)
	}
	w, err := webp.Decode(bytes.NewReader(rs[1].Data))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := w.At(0, 0).RGBA(); a > 0x1000 {
		t.Errorf("WebP corner alpha %d, want transparent", a)
	}
}

func TestProcessWebPSource(t *testing.T) {
	p := newProc(t, "")
	rs, err := p.Process(context.Background(), src("photo.webp"), []Spec{{Op: OpFill, Width: 16, Height: 16, Anchor: "smart"}})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Format != WebP || rs[0].Width != 16 || rs[0].Height != 16 {
		t.Fatalf("got %s %dx%d", rs[0].Format, rs[0].Width, rs[0].Height)
	}
	cfg, err := webp.DecodeConfig(bytes.NewReader(rs[0].Data))
	if err != nil || cfg.Width != 16 || cfg.Height != 16 {
		t.Fatalf("output config %+v, %v", cfg, err)
	}
}

func TestProcessRefusesBadFiles(t *testing.T) {
	p := newProc(t, t.TempDir())
	for _, tt := range []struct{ file, want string }{
		{"truncated.jpg", "content/truncated.jpg: corrupt jpeg"},
		{"notes.jpg", "content/notes.jpg: not an image format"},
		{"bomb.png", "content/bomb.png: image larger than the pixel limit"},
		{"animated.gif", "content/animated.gif: a animated gif cannot be processed"},
	} {
		_, err := p.Process(context.Background(), src(tt.file), []Spec{{Op: OpResize, Width: 10}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.file, err, tt.want)
		}
	}
}

// A second processor on the same cache folder reads the bytes back
// instead of processing, and they are the same bytes.
func TestCacheReuseAndDeterminism(t *testing.T) {
	dir := t.TempDir()
	specs := []Spec{{Op: OpResize, Width: 48, Format: WebP}, {Op: OpFill, Width: 20, Height: 20, Format: JPEG}}
	p1 := newProc(t, dir)
	a, err := p1.Process(context.Background(), src("exif-001.jpg"), specs)
	if err != nil {
		t.Fatal(err)
	}
	if err := p1.SaveIndex(); err != nil {
		t.Fatal(err)
	}
	if s := p1.Stats(); s.Processed != 2 || s.Reused != 0 {
		t.Errorf("first run stats %+v", s)
	}
	// Without the cache the bytes are the same: processing is deterministic.
	c, err := newProc(t, "").Process(context.Background(), src("exif-001.jpg"), specs)
	if err != nil {
		t.Fatal(err)
	}
	p2 := newProc(t, dir)
	b, err := p2.Process(context.Background(), src("exif-001.jpg"), specs)
	if err != nil {
		t.Fatal(err)
	}
	if s := p2.Stats(); s.Processed != 0 || s.Reused != 2 {
		t.Errorf("second run stats %+v, want everything reused", s)
	}
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) || !bytes.Equal(a[i].Data, c[i].Data) || a[i].Key != b[i].Key {
			t.Errorf("spec %d: bytes differ between runs", i)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, indexFile)); err != nil {
		t.Errorf("no sources index: %v", err)
	}
}
