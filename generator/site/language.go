package site

import "strings"

// Language is Hugo's .Site.Language: the language a page is in.
type Language struct {
	// Lang is the language's key ("en"), LanguageCode its code ("en-us").
	Lang, LanguageCode string
	// LanguageName is its name ("English"), LanguageDirection "rtl" for a
	// right-to-left language, "" otherwise.
	LanguageName, LanguageDirection string
	Weight                          int
	// Params are the language's params (Hugo's .Language.Params): a Hugo
	// site's are its .Site.Params in that language, which hold the root
	// params, every key of the languages.KEY block and its params.
	Params map[string]any
	// hugo: a Hugo site's language, which prints as its key ("en"), not
	// its code, as in Hugo.
	hugo bool
	// setting reads a Hugo config's setting in this language (Get).
	setting func(key string) any
}

// Get is a setting of the site's config in this language, as hugo
// 0.111.3's .Site.Language.Get ("disableKinds": Hermit's footer), nil when
// unset.
func (l *Language) Get(key string) any {
	if l == nil || l.setting == nil {
		return nil
	}
	return l.setting(key)
}

// hugoLanguage is a Hugo site's language: its key is
// defaultContentLanguage ("en" when unset), its code languageCode as
// written ("" when unset), as hugo 0.111.3 gives them.
func hugoLanguage(defaultLang, code string) *Language {
	lang := strings.ToLower(defaultLang)
	if lang == "" {
		lang = "en"
	}
	return &Language{Lang: lang, LanguageCode: code, hugo: true}
}

// NewLanguage makes the Language of a site whose language code is code:
// its key is the code's first part, as Hugo's default language "en" is
// for languageCode "en-us".
func NewLanguage(code string) *Language {
	lang, _, _ := strings.Cut(strings.ToLower(code), "-")
	return &Language{Lang: lang, LanguageCode: code}
}

// String is the language code, so {{ .Site.Language }} prints as it did
// when it was a string; a Hugo site's prints its key, as Hugo's.
func (l *Language) String() string {
	if l == nil {
		return ""
	}
	if l.hugo {
		return l.Lang
	}
	return l.LanguageCode
}
