package site

// languageRoot gives the home page of a Hugo site with several languages
// (of which Storyfront builds the default one) the redirect Hugo writes
// from /<lang>/ to the site's root.
func (b *builder) languageRoot(s *Site) {
	if len(b.cfg.ContentLanguages) == 0 || b.cfg.DefaultContentLanguage == "" || s.Home == nil {
		return
	}
	s.Home.Aliases = append(s.Home.Aliases, b.cfg.DefaultContentLanguage+"/index.html")
}
