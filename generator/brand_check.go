package generator

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"

	"github.com/storyfront/storyfront/generator/brand"
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/render"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// checkBrand resolves site.yaml's brand colours against the theme's
// tokens (themes/<theme>/brand.yaml), checking the contrast of every pair
// the theme draws, and checks that each brand.fontFaces file is a WOFF2
// font under assets/ (the site's or the theme's). The palettes come back
// even with errors.
func checkBrand(dir string, cfg *config.Config) (*brand.Palettes, error) {
	theme := render.ThemeDir(cfg)
	var errs diag.Errors
	add := func(err error) {
		var es diag.Errors
		var e *diag.Error
		switch {
		case errors.As(err, &es):
			errs = append(errs, es...)
		case errors.As(err, &e):
			errs = append(errs, e)
		case err != nil:
			errs = append(errs, diag.Errorf(path.Join(theme, brand.TokensFile), 0, 0, "%w", err))
		}
	}
	tok, err := brand.LoadTokens(filepath.Join(dir, filepath.FromSlash(theme)), path.Join(theme, brand.TokensFile))
	add(err)
	pal, err := brand.Resolve(tok, brand.Site{Colors: cfg.Brand.Colors, Dark: cfg.Brand.Dark, Scheme: cfg.Brand.Scheme,
		File: cfg.File(), Locate: cfg.Locate})
	add(err)
	for i, f := range cfg.Brand.FontFaces {
		if path.Ext(f.Src) != ".woff2" {
			continue // config reported it
		}
		line, col := cfg.Locate(fmt.Sprintf("$.brand.fontFaces[%d].src", i))
		var data []byte
		var rerr error = fs.ErrNotExist
		for _, root := range []string{render.AssetsDir, path.Join(theme, render.AssetsDir)} {
			data, rerr = sitefs.ReadFile(dir, path.Join(root, f.Src))
			if rerr == nil {
				break
			}
		}
		switch {
		case rerr != nil:
			errs = append(errs, diag.Errorf(cfg.File(), line, col, "brand.fontFaces[%d].src: no file %s in assets/ or %s/assets/", i, f.Src, theme))
		case !bytes.HasPrefix(data, []byte("wOF2")):
			errs = append(errs, diag.Errorf(cfg.File(), line, col, "brand.fontFaces[%d].src: assets/%s is not a WOFF2 font (convert it with woff2_compress)", i, f.Src))
		}
	}
	if len(errs) > 0 {
		return pal, errs.Sort()
	}
	return pal, nil
}
