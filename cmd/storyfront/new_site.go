package main

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyfront/storyfront/generator/brand"
	"github.com/storyfront/storyfront/themes"
)

// starter holds a new site's own files (site.yaml and content/), as
// text/template files: see starterData for what they read.
//
//go:embed all:starter
var starter embed.FS

// defaultColor is a new site's primary colour without --color.
const defaultColor = "#2f5bd3"

// starterData is what the starter templates read.
type starterData struct {
	Name      string // the site's and brand's name
	Year      int
	Date      string // the first story's date, RFC 3339
	Primary   string // #rrggbb: readable as text on the paper and panels
	ColorNote string // why Primary differs from --color, if it does
	Logo      string // the logo's site path (/images/logo.svg)
}

func (m *Main) runNewSite(_ context.Context, args []string) error {
	flags := m.flagSet("new site", "DIR [--name NAME] [--color HEX] [--logo FILE]",
		"Create the folder DIR holding a site that builds at once, in your name and\n"+
			"colours: site.yaml (brand, menus, a contact form), a home page, a stories\n"+
			"section with a first story, contact, thank-you, privacy and imprint pages,\n"+
			"your logo (or a mark drawn from your name's initial), a share card, and a\n"+
			"copy of the default theme in themes/default/ to edit as you like. DIR must\n"+
			"not exist or be empty.")
	name := flags.String("name", "", "the site's and brand's `name` (default: from DIR)")
	color := flags.String("color", defaultColor, "the brand's primary colour, `#rrggbb` (darkened if text in it would not read on white)")
	logo := flags.String("logo", "", "a logo `file` to use (SVG, PNG, JPEG or WebP); default: a mark drawn from the name")
	words, err := parseInterspersed(flags, args)
	if err != nil {
		return err
	}
	if len(words) != 1 {
		flags.Usage()
		return fmt.Errorf("new site: want one folder, got %d arguments", len(words))
	}
	dir := words[0]
	title := strings.TrimSpace(*name)
	if title == "" {
		title = siteTitle(dir)
	}
	if !utf8.ValidString(title) || strings.ContainsFunc(title, unicode.IsControl) {
		return fmt.Errorf("new site: --name %q: want one line of text", *name)
	}
	c, err := brand.ParseColor(*color)
	if err != nil {
		return fmt.Errorf("new site: --color: %w", err)
	}
	var logoData []byte
	logoExt := ".svg"
	if *logo != "" {
		logoExt = strings.ToLower(filepath.Ext(*logo))
		switch logoExt {
		case ".svg", ".png", ".jpg", ".jpeg", ".webp":
		default:
			return fmt.Errorf("new site: --logo %s: want an .svg, .png, .jpg or .webp file", *logo)
		}
		if logoData, err = os.ReadFile(*logo); err != nil {
			return fmt.Errorf("new site: --logo: %w", err)
		}
	}
	if err := makeEmptyDir(dir); err != nil {
		return fmt.Errorf("new site: %w", err)
	}
	primary, note := readablePrimary(c)
	data := starterData{Name: title, Year: time.Now().Year(), Date: time.Now().Format(time.RFC3339),
		Primary: primary.Hex(), ColorNote: note, Logo: "/images/logo" + logoExt}
	if err := writeSite(dir, data, logoData); err != nil {
		// dir was new or empty: what is in it now is ours.
		if entries, rerr := os.ReadDir(dir); rerr == nil {
			for _, e := range entries {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
		return fmt.Errorf("new site: %w", err)
	}
	d := shellArg(dir)
	fmt.Fprintf(m.Stdout, "created the site %s\n", dir)
	if note != "" {
		fmt.Fprintf(m.Stdout, "brand colour: %s\n", note)
	}
	fmt.Fprintf(m.Stdout, "preview it as you edit:  storyfront serve -s %s\n", d)
	fmt.Fprintf(m.Stdout, "write a story:           storyfront new story \"A title\" -s %s\n", d)
	fmt.Fprintf(m.Stdout, "build it into public/:   storyfront build -s %s\n", d)
	return nil
}

// readablePrimary returns c, or c darkened until text in it reads on the
// default theme's paper and panels (and white text reads on it): the
// primary colour is the theme's link and button colour.
func readablePrimary(c brand.Color) (brand.Color, string) {
	out := c
	for _, bg := range []string{"#ffffff", "#f3f5f9"} {
		b, _ := brand.ParseColor(bg)
		out, _ = brand.Fix(out, b, brand.MinBody)
	}
	if out == c {
		return c, ""
	}
	return out, fmt.Sprintf("%s darkened to %s so that links and buttons in it read (WCAG AA)", c.Hex(), out.Hex())
}

// siteTitle makes a site title from the folder's name: "acme-coffee" →
// "Acme coffee".
func siteTitle(dir string) string {
	name := filepath.Base(filepath.Clean(dir))
	if abs, err := filepath.Abs(dir); err == nil {
		name = filepath.Base(abs)
	}
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r)
	}), " ")
	if name == "" {
		return "My site"
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

// writeSite writes the files of a new site into the empty folder dir:
// the starter's files, the logo (logo, or a drawn mark when nil), the
// favicon, the share card and the default theme.
func writeSite(dir string, d starterData, logo []byte) error {
	funcs := template.FuncMap{"yaml": yamlString}
	err := fs.WalkDir(starter, "starter", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		src, err := starter.ReadFile(p)
		if err != nil {
			return err
		}
		t, err := template.New(path.Base(p)).Funcs(funcs).Parse(string(src))
		if err != nil {
			return fmt.Errorf("starter %s: %w", p, err)
		}
		var b bytes.Buffer
		if err := t.Execute(&b, d); err != nil {
			return fmt.Errorf("starter %s: %w", p, err)
		}
		return writeNew(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "starter/"))), b.String())
	})
	if err != nil {
		return err
	}
	mark := logoMark(d.Name, d.Primary)
	if logo == nil {
		logo = []byte(mark)
	}
	if err := writeNew(filepath.Join(dir, "static", filepath.FromSlash(d.Logo)), string(logo)); err != nil {
		return err
	}
	favicon := mark
	if path.Ext(d.Logo) == ".svg" {
		favicon = string(logo)
	}
	if err := writeNew(filepath.Join(dir, "static", "favicon.svg"), favicon); err != nil {
		return err
	}
	card, err := shareCard(d.Name, d.Primary, logo, path.Ext(d.Logo) == ".svg")
	if err != nil {
		return err
	}
	if err := writeNew(filepath.Join(dir, "static", "images", "share-card.png"), string(card)); err != nil {
		return err
	}
	return copyTheme(filepath.Join(dir, "themes", "default"))
}

// copyTheme writes the default theme embedded in the binary to dir.
func copyTheme(dir string) error {
	theme, err := fs.Sub(themes.Default, "default")
	if err != nil {
		return err
	}
	return fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		return writeNew(dst, string(data))
	})
}
