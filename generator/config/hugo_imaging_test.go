package config

import (
	"strings"
	"testing"
)

// Hugo's [imaging] defaults become images: (the same processing); the
// settings Storyfront has no use for are warnings at their line.
func TestLoadHugoImaging(t *testing.T) {
	dir := writeFiles(t, map[string]string{"hugo.toml": `
title = "T"
[imaging]
  quality = 90
  resampleFilter = "Lanczos"
  anchor = "TopLeft"
  bgColor = "#ffffff"
`})
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	im := c.Images
	if im.Quality["jpeg"] != 90 || im.Quality["webp"] != 90 || im.ResampleFilter != "lanczos" || im.Anchor != "topleft" {
		t.Errorf("images: %+v", im)
	}
	var ws []string
	for _, w := range c.Warnings {
		ws = append(ws, w.Error())
	}
	if len(ws) != 1 || !strings.HasPrefix(ws[0], "hugo.toml:7:1: ignored Hugo setting imaging.bgColor") {
		t.Errorf("warnings: %v", ws)
	}
}
