package config

import (
	"strings"
	"testing"
)

// Hugo's [imaging] defaults become images: (the same processing, and
// bgColor goes into processed images' names as in hugo 0.111.3); the
// settings Storyfront has no use for are warnings at their line (hugo
// 0.111.3 itself does not use hint either: its names keep h2, photo).
func TestLoadHugoImaging(t *testing.T) {
	dir := writeFiles(t, map[string]string{"hugo.toml": `
title = "T"
[imaging]
  quality = 90
  resampleFilter = "Lanczos"
  anchor = "TopLeft"
  bgColor = "#00FF00"
  hint = "drawing"
`})
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	im := c.Images
	if im.Quality["jpeg"] != 90 || im.Quality["webp"] != 90 || im.ResampleFilter != "lanczos" || im.Anchor != "topleft" || im.Background != "#00ff00" {
		t.Errorf("images: %+v", im)
	}
	var ws []string
	for _, w := range c.Warnings {
		ws = append(ws, w.Error())
	}
	if len(ws) != 1 || !strings.HasPrefix(ws[0], "hugo.toml:8:1: ignored Hugo setting imaging.hint") {
		t.Errorf("warnings: %v", ws)
	}
}
