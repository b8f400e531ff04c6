package images

import (
	"os"
	"path/filepath"
	"testing"
)

// The identities hugo 0.111.3 gave these test files in the names of their
// processed images (from its output): files shorter than 64 bytes, between
// 2048 and 2112 (a short read at Hugo's second offset) and longer.
func TestHugoMD5Fast(t *testing.T) {
	for name, want := range map[string]string{
		"landscape.jpg": "be78751b34c7f361f735e883242ed1a2", // 26477 bytes
		"alpha.png":     "cc2752e039f5c6938fe859276dae001b", // 395
		"photo.webp":    "41ea2884eecc9e57535edfd07633ba5b", // 262
		"exif-001.jpg":  "ac5730ad83402c909a002a1ed65e418e", // 2453
	} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := hugoMD5Fast(data); got != want {
			t.Errorf("%s: %s, hugo's %s", name, got, want)
		}
	}
}

// Keys and names as hugo 0.111.3 wrote them for landscape.jpg (26477
// bytes) and alpha.png, with the default [imaging] settings.
func TestHugoNames(t *testing.T) {
	p, err := New(Options{Hugo: &HugoDefaults{}})
	if err != nil {
		t.Fatal(err)
	}
	src := func(name string) Source {
		return Source{Name: "content/p/" + name, Path: filepath.Join("testdata", name)}
	}
	spec := func(op Op, s string) Step {
		sp, err := ParseSpec(op, s)
		if err != nil {
			t.Fatal(err)
		}
		return Step{Spec: sp}
	}
	effect := func(name string, vals ...any) Effect {
		args := make([]float64, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case int:
				args[i] = float64(v)
			case float64:
				args[i] = v
			}
		}
		e, err := NewEffect(name, args...)
		if err != nil {
			t.Fatal(err)
		}
		if len(vals) > 0 {
			e.Vals = vals
		}
		return e
	}
	const id = "landscape_hube78751b34c7f361f735e883242ed1a2_26477_"
	for _, c := range []struct {
		file  string
		steps []Step
		want  string
	}{
		{"landscape.jpg", []Step{spec(OpResize, "300x")}, id + "300x0_resize_q75_box.jpg"},
		{"landscape.jpg", []Step{spec(OpResize, "300x webp q60")}, id + "300x0_resize_q60_h2_box.webp"},
		{"landscape.jpg", []Step{spec(OpResize, "300x png")}, id + "300x0_resize_box.png"},
		{"landscape.jpg", []Step{spec(OpResize, "200x r-90")}, id + "200x0_resize_q75_r-90_box.jpg"},
		{"landscape.jpg", []Step{spec(OpResize, "300x #FF0000")}, id + "300x0_resize_q75_bgff0000_box.jpg"},
		{"landscape.jpg", []Step{spec(OpResize, "300x webp drawing")}, id + "300x0_resize_q75_h3_box.webp"},
		{"landscape.jpg", []Step{spec(OpFill, "200x200")}, id + "200x200_fill_q75_box_smart1.jpg"},
		{"landscape.jpg", []Step{spec(OpFill, "300x200 Center webp")}, id + "300x200_fill_q75_h2_box_center.webp"},
		{"landscape.jpg", []Step{spec(OpCrop, "100x100 TopRight")}, id + "100x100_crop_q75_box_topright.jpg"},
		{"landscape.jpg", []Step{spec(OpFit, "200x200")}, id + "200x200_fit_q75_box.jpg"},
		{"landscape.jpg", []Step{spec(OpResize, "300x"), spec(OpFill, "100x100")}, id + "5e86339aa49fb59da51871d655bac4b6.jpg"},
		{"landscape.jpg", []Step{spec(OpResize, "300x"), spec(OpFill, "100x100"), spec(OpResize, "50x")}, id + "3274f8c70f6ccf5aa9bb8c529cb94458.jpg"},
		{"landscape.jpg", []Step{{Effects: []Effect{effect("Grayscale")}}}, id + "filter_9739959048444501483.jpg"},
		{"landscape.jpg", []Step{{Effects: []Effect{effect("Grayscale"), effect("GaussianBlur", 3)}}}, id + "filter_5546120703421733874.jpg"},
		{"landscape.jpg", []Step{{Effects: []Effect{effect("GaussianBlur", 3.0)}}}, id + "filter_4365560799674614899.jpg"},
		{"landscape.jpg", []Step{{Effects: []Effect{effect("Brightness", 20), effect("Contrast", -10)}}}, id + "filter_15692521815632184895.jpg"},
		{"landscape.jpg", []Step{{Effects: []Effect{effect("Contrast", 0)}}}, id + "filter_17580566313864726084.jpg"},
		{"landscape.jpg", []Step{spec(OpFill, "120x80 Center"), {Effects: []Effect{effect("Sepia", 80)}}}, id + "6fe93e7308966c55c0d35dd146cb8b6b.jpg"},
		{"alpha.png", []Step{spec(OpResize, "20x")}, "alpha_hucc2752e039f5c6938fe859276dae001b_395_20x0_resize_box_3.png"},
		{"alpha.png", []Step{spec(OpResize, "20x jpg")}, "alpha_hucc2752e039f5c6938fe859276dae001b_395_20x0_resize_q75_bgffffff_box_3.jpg"},
		{"alpha.png", []Step{spec(OpFill, "20x20")}, "alpha_hucc2752e039f5c6938fe859276dae001b_395_20x20_fill_box_smart1_3.png"},
		{"photo.webp", []Step{spec(OpResize, "20x png")}, "photo_hu41ea2884eecc9e57535edfd07633ba5b_262_20x0_resize_box_2.png"},
	} {
		d, err := p.Derive(src(c.file), c.steps)
		if err != nil {
			t.Fatal(err)
		}
		if d.Name != c.want {
			t.Errorf("%s %v:\n got %s\nwant %s", c.file, c.steps, d.Name, c.want)
		}
	}
}

// A name longer than 100 characters has an MD5 in place of the key, and
// no base when the base has no "_hu" to cut at (hugo 0.111.3 named
// a-very-long-file-name-for-a-photo-that-goes-on-and-on-and-on.jpg so).
func TestHugoLongName(t *testing.T) {
	id := "_hube78751b34c7f361f735e883242ed1a2_26477"
	base := "a-very-long-file-name-for-a-photo-that-goes-on-and-on-and-on.jpg"
	one := hugoName(base, id, "20x0_resize_q75_box", JPEG, JPEG)
	if want := id + "_fe056e71365cc1a5c5dbc9946e9f6edd.jpg"; one != want {
		t.Errorf("got %s, want %s", one, want)
	}
	if two, want := hugoName(one, id, "10x0_resize_q75_box", JPEG, JPEG), id+"_fcaa51f2ec64df3c25a8873fa780f445.jpg"; two != want {
		t.Errorf("chained: got %s, want %s", two, want)
	}
}
