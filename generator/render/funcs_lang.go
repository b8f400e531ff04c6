package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"os"
	"path"
	"reflect"
	"strings"
	ttemplate "text/template"

	"github.com/storyfront/storyfront/generator/data"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/site"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// I18nDir is the folder of translation tables (the site's, over the theme's).
const I18nDir = "i18n"

// translations are the i18n/ tables: language → key → plural form → text.
type translations struct {
	byLang map[string]map[string]map[string]string
	files  map[string]string // language → a file defining it, for errors
}

// loadTranslations reads i18n/*.toml|yaml|yml|json of the theme, then the
// site's over it. A value is a string (the "other" form) or a map of
// plural forms (zero, one, two, few, many, other); go-i18n's older list
// of {id, translation} is read too.
func loadTranslations(siteDir, themeDir string) (*translations, error) {
	t := &translations{byLang: map[string]map[string]map[string]string{}, files: map[string]string{}}
	var errs diag.List
	for _, root := range []string{path.Join(themeDir, I18nDir), I18nDir} {
		if _, err := sitefs.Stat(siteDir, root); err != nil {
			continue
		}
		err := sitefs.Walk(siteDir, root, func(name string, isDir bool) bool { return strings.HasPrefix(name, ".") },
			func(f sitefs.File) error {
				ext := strings.ToLower(path.Ext(f.Rel))
				if !data.Supported(ext) || ext == ".csv" {
					return nil
				}
				b, err := os.ReadFile(f.Path)
				if err != nil {
					return err
				}
				file := path.Join(root, f.Rel)
				v, err := data.Decode(file, ext, b)
				if err != nil {
					errs.Add(file, err)
					return nil
				}
				lang := strings.ToLower(strings.TrimSuffix(path.Base(f.Rel), path.Ext(f.Rel)))
				table := t.byLang[lang]
				if table == nil {
					table = map[string]map[string]string{}
					t.byLang[lang] = table
				}
				t.files[lang] = file
				if err := addTranslations(table, v); err != nil {
					errs.Add(file, &diag.Error{File: file, Line: 1, Col: 1, Msg: err.Error(), Err: err})
				}
				return nil
			})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs.Add(root, err)
		}
	}
	return t, errs.Err()
}

func addTranslations(table map[string]map[string]string, v any) error {
	switch x := v.(type) {
	case map[string]any:
		return addNested(table, "", x)
	case []any:
		for _, it := range x {
			m, _ := it.(map[string]any)
			id, _ := m["id"].(string)
			if id == "" {
				return errors.New("an i18n list entry has no id")
			}
			forms, err := pluralForms(m["translation"])
			if err != nil {
				return fmt.Errorf("i18n id %q: %w", id, err)
			}
			table[strings.ToLower(id)] = forms
		}
	case nil:
	default:
		return fmt.Errorf("an i18n file holds a table of keys, not %T", v)
	}
	return nil
}

// addNested adds a table's keys under prefix. A table that is not a
// message (no plural form or description holding text) holds more keys,
// named "outer.inner", as go-i18n reads nested tables.
func addNested(table map[string]map[string]string, prefix string, m map[string]any) error {
	for k, val := range m {
		id := prefix + k
		if sub, ok := val.(map[string]any); ok && !isMessage(sub) {
			if err := addNested(table, id+".", sub); err != nil {
				return err
			}
			continue
		}
		forms, err := pluralForms(val)
		if err != nil {
			return fmt.Errorf("i18n key %q: %w", id, err)
		}
		table[strings.ToLower(id)] = forms
	}
	return nil
}

// isMessage reports whether a table is one translation: one of its
// reserved keys holds text.
func isMessage(m map[string]any) bool {
	for k, v := range m {
		switch strings.ToLower(k) {
		case "id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation":
			if _, ok := v.(string); ok {
				return true
			}
		}
	}
	return false
}

func pluralForms(v any) (map[string]string, error) {
	switch x := v.(type) {
	case string:
		return map[string]string{"other": x}, nil
	case map[string]any:
		out := map[string]string{}
		for k, f := range x {
			switch k = strings.ToLower(k); k {
			case "zero", "one", "two", "few", "many", "other":
				out[k] = fmt.Sprint(f)
			case "description", "hash":
			default:
				return nil, fmt.Errorf("%q is not a plural form (zero, one, two, few, many, other)", k)
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("a translation is a string or a table of plural forms, not %T", v)
}

// langNS is Hugo's lang namespace (lang.Translate is i18n).
type langNS struct{ r *Renderer }

func (r *Renderer) langFuncs(m template.FuncMap) {
	l := langNS{r: r}
	m["lang"] = func() langNS { return l }
	m["i18n"] = l.Translate
	m["T"] = l.Translate
}

// countData is a number given to i18n: the template sees it as .Count,
// and {{ . }} prints it.
type countData struct{ n any }

// Count is the number.
func (c countData) Count() any { return c.n }

// String prints the number.
func (c countData) String() string { return fmt.Sprint(c.n) }

// Translate is i18n KEY [DATA]: the site language's text for KEY (else
// the default language's), its plural form chosen by DATA's count (a
// number, or .Count of a map or page), run as a template with DATA.
func (l langNS) Translate(key any, args ...any) (string, error) {
	r := l.r
	st := r.state
	if st == nil {
		return "", errors.New("i18n: no site")
	}
	st.i18nOnce.Do(func() { st.i18n, st.i18nErr = loadTranslations(r.siteDir, ThemeDir(r.cfg)) })
	if st.i18nErr != nil {
		return "", st.i18nErr
	}
	var d any
	if len(args) > 0 {
		d = args[0]
	}
	lang, code := "en", "en"
	if r.site != nil && r.site.Language != nil {
		lang, code = strings.ToLower(r.site.Language.Lang), strings.ToLower(r.site.Language.LanguageCode)
	}
	cands := []string{code, lang, strings.ToLower(r.cfg.Language), "en"}
	if r.site != nil && r.site.IsMultiLingual() {
		// The language's own table (by its key, as Hugo names i18n files),
		// else the default language's.
		cands = []string{lang, code, strings.ToLower(r.cfg.DefaultContentLanguage), "en"}
	}
	k := strings.ToLower(toString(key))
	var forms map[string]string
	var used string
	for _, cand := range cands {
		if f, ok := st.i18n.byLang[cand][k]; ok {
			forms, used = f, cand
			break
		}
	}
	if r.cfg.EnableMissingTranslationPlaceholders && used != lang && used != code &&
		(st.i18n.byLang[lang] != nil || st.i18n.byLang[code] != nil) {
		// As hugo 0.111.3: a key missing from the language's own i18n
		// file shows as such (a language without one uses the default's).
		return "[i18n] " + toString(key), nil
	}
	if forms == nil {
		r.warn(&diag.Error{File: I18nDir, Msg: fmt.Sprintf("i18n: no translation of %q for language %q", toString(key), lang)})
		return "", nil
	}
	count, hasCount := pluralCount(d)
	text, ok := forms["other"]
	if hasCount {
		if f, has := forms[pluralCategory(used, count)]; has {
			text, ok = f, true
		}
		if _, isNum := number(d); isNum {
			d = countData{n: d}
		}
	}
	if !ok {
		for _, f := range forms {
			text = f
			break
		}
	}
	if !strings.Contains(text, "{{") {
		return text, nil
	}
	t, err := ttemplate.New(k).Parse(text)
	if err != nil {
		return "", fmt.Errorf("i18n %q (%s): %w", toString(key), st.i18n.files[used], err)
	}
	var b strings.Builder
	if err := t.Execute(&b, d); err != nil {
		return "", fmt.Errorf("i18n %q (%s): %w", toString(key), st.i18n.files[used], err)
	}
	return b.String(), nil
}

// pluralCount is the count DATA gives: a number, or a Count key or field.
func pluralCount(d any) (float64, bool) {
	if d == nil {
		return 0, false
	}
	if n, ok := number(d); ok {
		return n, true
	}
	if s, ok := d.(string); ok {
		var f float64
		if _, err := fmt.Sscan(s, &f); err == nil {
			return f, true
		}
		return 0, false
	}
	if m, ok := d.(map[string]any); ok {
		for k, v := range m {
			if strings.EqualFold(k, "count") {
				return number(v)
			}
		}
		return 0, false
	}
	rv := reflect.ValueOf(d)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.Struct {
		if f := rv.FieldByName("Count"); f.IsValid() && f.CanInterface() {
			return number(f.Interface())
		}
	}
	return 0, false
}

// pluralCategory is the CLDR plural category of n in lang, for the
// languages' common families.
func pluralCategory(lang string, n float64) string {
	base, _, _ := strings.Cut(lang, "-")
	integer := n == math.Trunc(n)
	i := int64(math.Abs(n))
	switch base {
	case "ja", "zh", "ko", "vi", "th", "id", "ms", "lo", "my":
		return "other"
	case "fr", "hy", "kab":
		if i == 0 || i == 1 {
			return "one"
		}
		return "other"
	case "pt":
		if base == lang || lang == "pt-br" {
			if i == 0 || i == 1 {
				return "one"
			}
			return "other"
		}
	case "hi", "bn", "fa", "gu", "kn", "mr", "zu", "am":
		if i == 0 || n == 1 {
			return "one"
		}
		return "other"
	case "ru", "uk", "be":
		if !integer {
			return "other"
		}
		switch {
		case i%10 == 1 && i%100 != 11:
			return "one"
		case i%10 >= 2 && i%10 <= 4 && (i%100 < 12 || i%100 > 14):
			return "few"
		}
		return "many"
	case "pl":
		if !integer {
			return "other"
		}
		switch {
		case i == 1:
			return "one"
		case i%10 >= 2 && i%10 <= 4 && (i%100 < 12 || i%100 > 14):
			return "few"
		}
		return "many"
	case "cs", "sk":
		switch {
		case !integer:
			return "many"
		case i == 1:
			return "one"
		case i >= 2 && i <= 4:
			return "few"
		}
		return "other"
	case "he", "iw":
		switch {
		case i == 1 && integer:
			return "one"
		case i == 2 && integer:
			return "two"
		}
		return "other"
	case "ar":
		switch {
		case !integer:
			return "other"
		case i == 0:
			return "zero"
		case i == 1:
			return "one"
		case i == 2:
			return "two"
		case i%100 >= 3 && i%100 <= 10:
			return "few"
		case i%100 >= 11:
			return "many"
		}
		return "other"
	}
	if n == 1 && integer {
		return "one"
	}
	return "other"
}

// Merge is lang.Merge FROM TO: the pages of TO, with those of FROM whose
// translation TO lacks (a language's pages filled in from another's).
func (langNS) Merge(from, to any) (any, error) {
	f, ok1 := from.(site.Pages)
	t, ok2 := to.(site.Pages)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("lang.Merge: needs two lists of pages, not %T and %T", from, to)
	}
	return t.MergeByLanguage(f), nil
}

// FormatNumber is lang.FormatNumber PRECISION NUMBER, with the site
// language's separators for English ("1,234.50").
func (langNS) FormatNumber(precision int, v any) (string, error) {
	f, err := floatOf(v)
	if err != nil {
		return "", fmt.Errorf("lang.FormatNumber: %w", err)
	}
	return groupThousands(fmt.Sprintf("%.*f", precision, f)), nil
}

// FormatNumberCustom is lang.FormatNumberCustom PRECISION NUMBER [OPTIONS]:
// OPTIONS is "- . ," (minus, decimal, grouping) as in Hugo.
func (langNS) FormatNumberCustom(precision int, v any, opts ...string) (string, error) {
	f, err := floatOf(v)
	if err != nil {
		return "", fmt.Errorf("lang.FormatNumberCustom: %w", err)
	}
	minus, dec, group := "-", ".", ","
	if len(opts) > 0 {
		parts := strings.Fields(opts[0])
		if len(parts) > 0 {
			minus = parts[0]
		}
		if len(parts) > 1 {
			dec = parts[1]
		}
		if len(parts) > 2 {
			group = parts[2]
		} else {
			group = ""
		}
	}
	s := groupThousands(fmt.Sprintf("%.*f", precision, f))
	s = strings.NewReplacer("-", minus, ".", dec, ",", group).Replace(s)
	return s, nil
}

// FormatPercent is lang.FormatPercent PRECISION NUMBER ("12.50%").
func (l langNS) FormatPercent(precision int, v any) (string, error) {
	s, err := l.FormatNumber(precision, v)
	return s + "%", err
}

func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var parts []string
	for len(intPart) > 3 {
		parts = append([]string{intPart[len(intPart)-3:]}, parts...)
		intPart = intPart[:len(intPart)-3]
	}
	parts = append([]string{intPart}, parts...)
	out := strings.Join(parts, ",")
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}
