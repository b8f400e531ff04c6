package brand

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/parser"

	"github.com/storyfront/storyfront/generator/diag"
)

func TestContrast(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"#000", "#fff", 21},
		{"#fff", "#fff", 1},
		{"#767676", "#ffffff", 4.54}, // the lightest grey that passes on white
		{"#777777", "#ffffff", 4.48},
		{"rgb(29 78 216)", "white", 6.70},
		{"rgb(194, 65, 12)", "#f3f5f9", 4.74},
	} {
		a, err := ParseColor(c.a)
		if err != nil {
			t.Fatal(err)
		}
		b, err := ParseColor(c.b)
		if err != nil {
			t.Fatal(err)
		}
		if got := Contrast(a, b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", c.a, c.b, got, c.want)
		}
	}
	for _, bad := range []string{"", "blue", "#12", "#1234567", "#12345g", "rgb(1 2)", "rgb(1 2 300)", "#11223344", "transparent"} {
		if _, err := ParseColor(bad); err == nil {
			t.Errorf("ParseColor(%q) = nil error", bad)
		}
	}
}

func TestFix(t *testing.T) {
	white := Color{255, 255, 255}
	for _, s := range []string{"#9ca3af", "#ffcc00", "#fafafa"} {
		c, _ := ParseColor(s)
		got, ok := Fix(c, white, MinBody)
		if !ok || Contrast(got, white) < MinBody {
			t.Errorf("Fix(%s) = %s (%.2f:1), ok %v", s, got.Hex(), Contrast(got, white), ok)
		}
	}
	dark, _ := ParseColor("#0f172a")
	blue, _ := ParseColor("#1d4ed8")
	got, ok := Fix(blue, dark, MinBody)
	if !ok || Contrast(got, dark) < MinBody || got.Luminance() <= blue.Luminance() {
		t.Errorf("Fix(blue on dark) = %s: want a lighter blue that passes", got.Hex())
	}
	if _, ok := Fix(Color{128, 128, 128}, Color{128, 128, 128}, 21); ok {
		t.Errorf("Fix to 21:1 on grey reported ok")
	}
}

// defaultTokens reads the default theme's brand.yaml: the tests check the
// pairs it really declares.
func defaultTokens(t *testing.T) *Tokens {
	t.Helper()
	tok, err := LoadTokens(filepath.Join("..", "..", "themes", "default"), "themes/default/brand.yaml")
	if err != nil || tok == nil {
		t.Fatalf("default theme tokens: %v", err)
	}
	return tok
}

// siteYAML returns a Site whose errors are located in the YAML src.
func siteYAML(t *testing.T, src string, colors, dark map[string]string) Site {
	t.Helper()
	f, err := parser.ParseBytes([]byte(src), 0)
	if err != nil {
		t.Fatal(err)
	}
	return Site{Colors: colors, Dark: dark, File: "site.yaml",
		Locate: func(p string) (int, int) { return Locate(f, p) }}
}

func errorsOf(t *testing.T, err error) []*diag.Error {
	t.Helper()
	var es diag.Errors
	if err != nil && !errors.As(err, &es) {
		t.Fatalf("error %v is not located", err)
	}
	return es
}

func TestResolvePassing(t *testing.T) {
	tok := defaultTokens(t)
	// The theme's own defaults pass in both palettes.
	p, err := Resolve(tok, Site{File: "site.yaml"})
	if err != nil {
		t.Fatalf("defaults: %v", err)
	}
	if p.Light["primary"] != "#1d4ed8" || p.Dark["paper"] != "#0f172a" {
		t.Errorf("palettes = %v / %v", p.Light, p.Dark)
	}
	// A dark brand colour with no dark palette: its dark value is made
	// lighter until it reads on the dark paper.
	src := "brand:\n  colors:\n    primary: \"#7c2d12\"\n"
	p, err = Resolve(tok, siteYAML(t, src, map[string]string{"primary": "#7c2d12"}, nil))
	if err != nil {
		t.Fatalf("dark brown primary: %v", err)
	}
	light, _ := ParseColor(p.Light["primary"])
	dark, _ := ParseColor(p.Dark["primary"])
	paper, _ := ParseColor(p.Dark["paper"])
	if p.Light["primary"] != "#7c2d12" || Contrast(dark, paper) < MinBody || dark.Luminance() <= light.Luminance() {
		t.Errorf("derived dark primary %s from %s (%.2f:1 on %s)", dark.Hex(), light.Hex(), Contrast(dark, paper), paper.Hex())
	}
	// scheme: light has no dark palette, and its colours are not checked.
	s := siteYAML(t, src, map[string]string{"primary": "#7c2d12"}, map[string]string{"paper": "#000000"})
	s.Scheme = SchemeLight
	if p, err := Resolve(tok, s); err != nil || p.Dark != nil {
		t.Errorf("scheme light: %v, dark %v", err, p.Dark)
	}
	// A large-text pair is held to 3:1 only: #8b8b8b borders read on white.
	src = "brand:\n  colors:\n    field: \"#8b8b8b\"\n"
	if _, err := Resolve(tok, siteYAML(t, src, map[string]string{"field": "#8b8b8b"}, nil)); err != nil {
		t.Errorf("field #8b8b8b (3.5:1, large pair): %v", err)
	}
}

func TestResolveFailing(t *testing.T) {
	tok := defaultTokens(t)
	src := `title: x
brand:
  colors:
    primary: "#1d4ed8"
    muted: "#9ca3af"
    field: "#d1d5db"
  dark:
    paper: "#ffffff"
    primary-ink: "#eeeeee"
`
	s := siteYAML(t, src,
		map[string]string{"primary": "#1d4ed8", "muted": "#9ca3af", "field": "#d1d5db"},
		map[string]string{"paper": "#ffffff", "primary-ink": "#eeeeee"})
	_, err := Resolve(tok, s)
	es := errorsOf(t, err)
	got := map[int][]string{}
	for _, e := range es {
		if e.File != "site.yaml" {
			t.Errorf("error in %s, want site.yaml: %v", e.File, e)
		}
		got[e.Line] = append(got[e.Line], e.Msg)
	}
	want := map[int][]string{
		5: {"light palette: muted #9ca3af on paper #ffffff has contrast 2.54:1, under the 4.5:1 WCAG AA asks of body text (the theme draws it for secondary text)"},
		6: {"light palette: field #d1d5db on paper #ffffff has contrast 1.47:1, under the 3.0:1 WCAG AA asks of large text"},
		8: {"on paper #ffffff"},
		9: {"dark palette: primary-ink #eeeeee on primary #93c5fd"},
	}
	for line, msgs := range want {
		for _, m := range msgs {
			found := false
			for _, g := range got[line] {
				found = found || strings.Contains(g, m)
			}
			if !found {
				t.Errorf("no error at site.yaml:%d containing %q; got %q", line, m, got[line])
			}
		}
	}
	if len(got[4]) != 0 {
		t.Errorf("primary #1d4ed8 passes, yet: %q", got[4])
	}
	// The message proposes a colour, and that colour passes.
	for _, m := range got[5] {
		if strings.Contains(m, "muted #9ca3af on paper") {
			i := strings.Index(m, "; muted #")
			if i < 0 {
				t.Fatalf("no proposed colour in %q", m)
			}
			hex := m[i+8 : i+15]
			c, err := ParseColor(hex)
			if err != nil || Contrast(c, Color{255, 255, 255}) < MinBody {
				t.Errorf("proposed %q does not pass", hex)
			}
		}
	}
	// A colour that is not one is an error at its line.
	src = "brand:\n  colors:\n    accent: blue\n"
	es = errorsOf(t, mustErr(Resolve(tok, siteYAML(t, src, map[string]string{"accent": "blue"}, nil))))
	if len(es) != 1 || es[0].Line != 3 || !strings.Contains(es[0].Msg, `brand.colors.accent: "blue" is not a colour`) {
		t.Errorf("bad colour: %v", es)
	}
}

func mustErr(_ *Palettes, err error) error { return err }

func TestThemeTokensErrors(t *testing.T) {
	_, err := ParseTokens("themes/x/brand.yaml", []byte("colors:\n  ink: \"#000\"\n  paper: nope\npairs:\n  - {text: ink, on: page}\n"))
	es := errorsOf(t, err)
	if len(es) != 2 || es[0].Line != 3 || es[1].Line != 5 || !strings.Contains(es[1].Msg, `"page" is not a token`) {
		t.Errorf("errors = %v", es)
	}
	// A theme whose own defaults fail is reported at its pair.
	tok, err := ParseTokens("themes/x/brand.yaml", []byte("colors:\n  ink: \"#777\"\n  paper: \"#fff\"\npairs:\n  - {text: ink, on: paper}\n"))
	if err != nil {
		t.Fatal(err)
	}
	es = errorsOf(t, mustErr(Resolve(tok, Site{File: "site.yaml"})))
	if len(es) != 1 || es[0].File != "themes/x/brand.yaml" || es[0].Line != 5 {
		t.Errorf("theme pair error = %v", es)
	}
	if tok, err := LoadTokens(t.TempDir(), "x"); tok != nil || err != nil {
		t.Errorf("no brand.yaml: %v, %v", tok, err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, TokensFile), []byte("colours: {}\n"), 0o644)
	if _, err := LoadTokens(dir, "themes/x/brand.yaml"); err == nil || !strings.Contains(err.Error(), "themes/x/brand.yaml") {
		t.Errorf("unknown key: %v", err)
	}
}
