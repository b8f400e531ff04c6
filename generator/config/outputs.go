package config

import (
	"errors"
	"strings"

	"github.com/storyfront/storyfront/generator/outputs"
)

// Formats returns the site's output formats: Hugo's built-in ones with
// the outputFormats, mediaTypes and outputs settings applied. A site that
// is not a Hugo site gets no RSS output format by default: its feeds are
// made by Storyfront's own feed settings (feed:).
func (c *Config) Formats() *outputs.Formats {
	if c.formats == nil {
		c.formats, _ = outputs.New(c.outputsConfig(), !c.FromHugo())
	}
	return c.formats
}

func (c *Config) outputsConfig() outputs.Config {
	return outputs.Config{Outputs: c.Outputs, OutputFormats: c.OutputFormats, MediaTypes: c.MediaTypes}
}

// validateOutputs checks the outputs, outputFormats and mediaTypes settings.
func (c *Config) validateOutputs(v *validator) {
	fs, err := outputs.New(c.outputsConfig(), !c.FromHugo())
	var oe *outputs.Error
	if errors.As(err, &oe) {
		path := "$." + oe.Key
		if i := strings.IndexByte(path, '['); i > 0 {
			path = path[:i]
		}
		v.errorf(path, "%v", err)
		return
	}
	c.formats = fs
}

// RSSLimit is Hugo's services.rss.limit (rssLimit) as templates read it
// (.Site.Config.Services.RSS.Limit): the feed: limit, or -1 (no limit, as
// in Hugo) for a Hugo site that does not set one.
func (c *Config) RSSLimit() int {
	if c.FromHugo() && c.feedLimitDefault {
		return -1
	}
	return c.Feed.Limit
}
