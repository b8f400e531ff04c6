package site

import "github.com/storyfront/storyfront/generator/config"

// SiteConfig is Hugo's .Site.Config: the few settings templates read
// through it.
type SiteConfig struct {
	Services Services
	Privacy  Privacy
}

// Services is .Site.Config.Services.
type Services struct {
	RSS             struct{ Limit int }
	GoogleAnalytics struct{ ID string }
	Disqus          struct{ Shortname string }
	Twitter         struct{ DisableInlineCSS bool }
	Instagram       struct{ DisableInlineCSS bool }
}

// Privacy is .Site.Config.Privacy, the config's privacy setting.
type Privacy = config.Privacy

// Config returns the settings templates read as .Site.Config: the feed
// limit (-1, no limit, for a Hugo site that sets none, as in Hugo).
// Storyfront loads no analytics or comments: those IDs are empty.
func (s *Site) Config() SiteConfig {
	var c SiteConfig
	c.Services.RSS.Limit = -1
	if s.config != nil {
		c.Services.RSS.Limit = s.config.RSSLimit()
		c.Privacy = s.config.Privacy
	}
	return c
}

// Authors is Hugo's .Site.Authors, which Hugo 0.111 keeps empty (its
// author pages were removed); themes still range over it.
func (s *Site) Authors() map[string]any { return map[string]any{} }
