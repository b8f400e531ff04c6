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
}

// NewLanguage makes the Language of a site whose language code is code:
// its key is the code's first part, as Hugo's default language "en" is
// for languageCode "en-us".
func NewLanguage(code string) *Language {
	lang, _, _ := strings.Cut(strings.ToLower(code), "-")
	return &Language{Lang: lang, LanguageCode: code}
}

// String is the language code, so {{ .Site.Language }} prints as it did
// when it was a string.
func (l *Language) String() string {
	if l == nil {
		return ""
	}
	return l.LanguageCode
}
