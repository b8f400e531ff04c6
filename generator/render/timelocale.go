package render

import (
	"strings"
	"time"

	"github.com/go-playground/locales"
	loc_af "github.com/go-playground/locales/af"
	loc_ar "github.com/go-playground/locales/ar"
	loc_bg "github.com/go-playground/locales/bg"
	loc_bn "github.com/go-playground/locales/bn"
	loc_ca "github.com/go-playground/locales/ca"
	loc_cs "github.com/go-playground/locales/cs"
	loc_da "github.com/go-playground/locales/da"
	loc_de "github.com/go-playground/locales/de"
	loc_el "github.com/go-playground/locales/el"
	loc_es "github.com/go-playground/locales/es"
	loc_et "github.com/go-playground/locales/et"
	loc_eu "github.com/go-playground/locales/eu"
	loc_fa "github.com/go-playground/locales/fa"
	loc_fi "github.com/go-playground/locales/fi"
	loc_fr "github.com/go-playground/locales/fr"
	loc_ga "github.com/go-playground/locales/ga"
	loc_gl "github.com/go-playground/locales/gl"
	loc_he "github.com/go-playground/locales/he"
	loc_hi "github.com/go-playground/locales/hi"
	loc_hr "github.com/go-playground/locales/hr"
	loc_hu "github.com/go-playground/locales/hu"
	loc_hy "github.com/go-playground/locales/hy"
	loc_id "github.com/go-playground/locales/id"
	loc_is "github.com/go-playground/locales/is"
	loc_it "github.com/go-playground/locales/it"
	loc_ja "github.com/go-playground/locales/ja"
	loc_ka "github.com/go-playground/locales/ka"
	loc_kk "github.com/go-playground/locales/kk"
	loc_ko "github.com/go-playground/locales/ko"
	loc_lt "github.com/go-playground/locales/lt"
	loc_lv "github.com/go-playground/locales/lv"
	loc_mk "github.com/go-playground/locales/mk"
	loc_ms "github.com/go-playground/locales/ms"
	loc_nb "github.com/go-playground/locales/nb"
	loc_nl "github.com/go-playground/locales/nl"
	loc_nn "github.com/go-playground/locales/nn"
	loc_pl "github.com/go-playground/locales/pl"
	loc_pt "github.com/go-playground/locales/pt"
	loc_pt_BR "github.com/go-playground/locales/pt_BR"
	loc_ro "github.com/go-playground/locales/ro"
	loc_ru "github.com/go-playground/locales/ru"
	loc_sk "github.com/go-playground/locales/sk"
	loc_sl "github.com/go-playground/locales/sl"
	loc_sq "github.com/go-playground/locales/sq"
	loc_sr "github.com/go-playground/locales/sr"
	loc_sv "github.com/go-playground/locales/sv"
	loc_sw "github.com/go-playground/locales/sw"
	loc_ta "github.com/go-playground/locales/ta"
	loc_th "github.com/go-playground/locales/th"
	loc_tr "github.com/go-playground/locales/tr"
	loc_uk "github.com/go-playground/locales/uk"
	loc_ur "github.com/go-playground/locales/ur"
	loc_uz "github.com/go-playground/locales/uz"
	loc_vi "github.com/go-playground/locales/vi"
	loc_zh "github.com/go-playground/locales/zh"
	loc_zh_Hant "github.com/go-playground/locales/zh_Hant"
)

// translators are the languages whose month and weekday names
// time.Format uses, by CLDR locale (lower case): the languages most
// sites are written in. Hugo 0.111.3 uses the same CLDR names (through
// its fork of these tables); a language not here keeps English names.
func translators() map[string]func() locales.Translator {
	return map[string]func() locales.Translator{
		"af":      loc_af.New,
		"ar":      loc_ar.New,
		"bg":      loc_bg.New,
		"bn":      loc_bn.New,
		"ca":      loc_ca.New,
		"cs":      loc_cs.New,
		"da":      loc_da.New,
		"de":      loc_de.New,
		"el":      loc_el.New,
		"es":      loc_es.New,
		"et":      loc_et.New,
		"eu":      loc_eu.New,
		"fa":      loc_fa.New,
		"fi":      loc_fi.New,
		"fr":      loc_fr.New,
		"ga":      loc_ga.New,
		"gl":      loc_gl.New,
		"he":      loc_he.New,
		"hi":      loc_hi.New,
		"hr":      loc_hr.New,
		"hu":      loc_hu.New,
		"hy":      loc_hy.New,
		"id":      loc_id.New,
		"is":      loc_is.New,
		"it":      loc_it.New,
		"ja":      loc_ja.New,
		"ka":      loc_ka.New,
		"kk":      loc_kk.New,
		"ko":      loc_ko.New,
		"lt":      loc_lt.New,
		"lv":      loc_lv.New,
		"mk":      loc_mk.New,
		"ms":      loc_ms.New,
		"nb":      loc_nb.New,
		"nl":      loc_nl.New,
		"nn":      loc_nn.New,
		"pl":      loc_pl.New,
		"pt":      loc_pt.New,
		"pt_br":   loc_pt_BR.New,
		"ro":      loc_ro.New,
		"ru":      loc_ru.New,
		"sk":      loc_sk.New,
		"sl":      loc_sl.New,
		"sq":      loc_sq.New,
		"sr":      loc_sr.New,
		"sv":      loc_sv.New,
		"sw":      loc_sw.New,
		"ta":      loc_ta.New,
		"th":      loc_th.New,
		"tr":      loc_tr.New,
		"uk":      loc_uk.New,
		"ur":      loc_ur.New,
		"uz":      loc_uz.New,
		"vi":      loc_vi.New,
		"zh":      loc_zh.New,
		"zh_hant": loc_zh_Hant.New,
	}
}

// translatorFor returns the translator of a language key ("fr", "pt-br",
// "zh-hant"), trying the whole key, then its first part; nil for English
// and for a language not in translators.
func translatorFor(lang string) locales.Translator {
	key := strings.ReplaceAll(strings.ToLower(lang), "-", "_")
	if key == "" || key == "en" || strings.HasPrefix(key, "en_") {
		return nil
	}
	all := translators()
	if f, ok := all[key]; ok {
		return f()
	}
	base, _, _ := strings.Cut(key, "_")
	if f, ok := all[base]; ok {
		return f()
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
	tr := translatorFor(lang)
	r.locales.Store(lang, tr)
	return tr
}
