package config

// Privacy is Hugo's privacy setting: what its built-in shortcodes and
// internal templates may do with each service. Storyfront's own templates
// load nothing from those services; a Hugo site's layouts read it through
// .Site.Config.Privacy.
type Privacy struct {
	Disqus          PrivacyService `yaml:"disqus"`
	GoogleAnalytics PrivacyService `yaml:"googleAnalytics"`
	Instagram       PrivacyService `yaml:"instagram"`
	Twitter         PrivacyService `yaml:"twitter"`
	Vimeo           PrivacyService `yaml:"vimeo"`
	YouTube         PrivacyService `yaml:"youtube"`
}

// PrivacyService is one service's privacy settings; each service reads
// the ones Hugo gives it (YouTube's PrivacyEnhanced, Twitter's EnableDNT...).
type PrivacyService struct {
	Disable           bool `yaml:"disable"`
	EnableDNT         bool `yaml:"enableDNT"`
	Simple            bool `yaml:"simple"`
	PrivacyEnhanced   bool `yaml:"privacyEnhanced"`
	AnonymizeIP       bool `yaml:"anonymizeIP"`
	RespectDoNotTrack bool `yaml:"respectDoNotTrack"`
	UseSessionStorage bool `yaml:"useSessionStorage"`
}
