package render

import (
	"strings"
	"time"

	"github.com/gohugoio/locales"
	"github.com/gohugoio/localescompressed"
)

// translatorFor returns the translator whose month and weekday names
// time.Format writes for a language key, as hugo 0.111.3 picks it: the
// CLDR locale of that exact key ("fr", "pt-br", "zh-hant", "si"; "zh-tw"
// is none), else the default content language's, else English; nil for
// English, which Go's layouts already write. The tables are the ones
// Hugo itself uses (gohugoio/localescompressed).
func translatorFor(lang, defaultLang string) locales.Translator {
	for _, l := range []string{lang, defaultLang} {
		if l == "" {
			continue
		}
		if tr := localescompressed.GetTranslator(l); tr != nil {
			if tr.Locale() == "en" {
				return nil
			}
			return tr
		}
	}
	return nil
}

// localTimeFormat formats t with a Go layout, then puts the language's
// month and weekday names in place of English ones, as hugo 0.111.3's
// time.Format does: wide names where the layout has January or Monday,
// abbreviated ones where it has Jan or Mon.
func localTimeFormat(tr locales.Translator, t time.Time, layout string) string {
	s := t.Format(layout)
	if tr == nil {
		return s
	}
	switch {
	case strings.Contains(layout, "January"):
		s = strings.ReplaceAll(s, t.Month().String(), tr.MonthWide(t.Month()))
	case strings.Contains(layout, "Jan"):
		s = strings.ReplaceAll(s, t.Month().String()[:3], tr.MonthAbbreviated(t.Month()))
	}
	switch {
	case strings.Contains(layout, "Monday"):
		s = strings.ReplaceAll(s, t.Weekday().String(), tr.WeekdayWide(t.Weekday()))
	case strings.Contains(layout, "Mon"):
		s = strings.ReplaceAll(s, t.Weekday().String()[:3], tr.WeekdayAbbreviated(t.Weekday()))
	}
	return s
}

// timeTranslator is the translator of the language whose names
// time.Format writes: a Hugo site's current language (by its key, as
// Hugo picks it); nil for English and for Storyfront's own sites.
func (r *Renderer) timeTranslator() locales.Translator {
	if r.site == nil || r.site.Language == nil || !r.cfg.FromHugo() {
		return nil
	}
	lang := r.site.Language.Lang
	if tr, ok := r.locales.Load(lang); ok {
		t, _ := tr.(locales.Translator)
		return t
	}
	tr := translatorFor(lang, r.cfg.DefaultContentLanguage)
	r.locales.Store(lang, tr)
	return tr
}
