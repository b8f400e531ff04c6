package render

import (
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyfront/storyfront/generator/site"
)

// stringsNS is Hugo's strings namespace; most of its functions are also
// template functions by their short names (trim, split, replaceRE...).
type stringsNS struct{ re *regexpCache }

// regexpCache keeps compiled patterns: themes call replaceRE per page.
type regexpCache struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

func (c *regexpCache) get(pattern string) (*regexp.Regexp, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if re := c.m[pattern]; re != nil {
		return re, nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*regexp.Regexp{}
	}
	c.m[pattern] = re
	return re, nil
}

func stringsFuncs(m template.FuncMap) {
	s := stringsNS{re: &regexpCache{}}
	m["strings"] = func() stringsNS { return s }
	m["chomp"] = s.Chomp
	m["countrunes"] = s.CountRunes
	m["countwords"] = s.CountWords
	m["findRE"] = s.FindRE
	m["findRESubmatch"] = s.FindRESubmatch
	m["hasPrefix"] = s.HasPrefix
	m["hasSuffix"] = s.HasSuffix
	m["lower"] = s.ToLower
	m["upper"] = s.ToUpper
	m["title"] = s.Title
	m["replaceRE"] = s.ReplaceRE
	m["split"] = s.Split
	m["substr"] = s.Substr
	m["slicestr"] = s.SliceString
	m["trim"] = s.Trim
	m["truncate"] = s.Truncate
	m["humanize"] = humanize
	m["pluralize"] = pluralize
	m["singularize"] = singularize
	m["inflect"] = func() inflectNS { return inflectNS{} }
}

// Chomp removes trailing newlines.
func (stringsNS) Chomp(s any) template.HTML {
	return template.HTML(strings.TrimRight(toString(s), "\r\n"))
}

// Contains reports whether s holds sub.
func (stringsNS) Contains(s, sub any) bool { return strings.Contains(toString(s), toString(sub)) }

// ContainsAny reports whether s holds any of chars.
func (stringsNS) ContainsAny(s, chars any) bool {
	return strings.ContainsAny(toString(s), toString(chars))
}

// ContainsNonSpace reports whether s holds anything but white space.
func (stringsNS) ContainsNonSpace(s any) bool { return strings.TrimSpace(toString(s)) != "" }

// Count counts the non-overlapping sub in s.
func (stringsNS) Count(sub, s any) int { return strings.Count(toString(s), toString(sub)) }

// CountRunes counts the characters of s that are not white space, its
// tags stripped as Hugo's plainify strips them (entities kept).
func (stringsNS) CountRunes(s any) int {
	n := 0
	for _, r := range site.StripHTML(toString(s)) {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// RuneCount counts the characters of s.
func (stringsNS) RuneCount(s any) int { return utf8.RuneCountInString(toString(s)) }

// CountWords counts the words of s, its tags stripped as Hugo's plainify
// strips them; in a text with Chinese, Japanese or Korean letters a word
// of such letters counts each of them, as in Hugo.
func (stringsNS) CountWords(s any) int {
	words := strings.Fields(site.StripHTML(toString(s)))
	if !hasCJK(toString(s)) {
		return len(words)
	}
	n := 0
	for _, w := range words {
		if c := utf8.RuneCountInString(w); c != len(w) {
			n += c
		} else {
			n++
		}
	}
	return n
}

// hasCJK reports whether s holds a Han, Hangul, Hiragana or Katakana letter.
func hasCJK(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) {
			return true
		}
	}
	return false
}

// FindRE is findRE PATTERN INPUT [LIMIT]: the matches.
func (n stringsNS) FindRE(pattern string, s any, limit ...int) ([]string, error) {
	re, err := n.re.get(pattern)
	if err != nil {
		return nil, fmt.Errorf("findRE: %w", err)
	}
	lim := -1
	if len(limit) > 0 {
		lim = limit[0]
	}
	out := re.FindAllString(toString(s), lim)
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// FindRESubmatch is findRESubmatch PATTERN INPUT [LIMIT]: each match with its groups.
func (n stringsNS) FindRESubmatch(pattern string, s any, limit ...int) ([][]string, error) {
	re, err := n.re.get(pattern)
	if err != nil {
		return nil, fmt.Errorf("findRESubmatch: %w", err)
	}
	lim := -1
	if len(limit) > 0 {
		lim = limit[0]
	}
	out := re.FindAllStringSubmatch(toString(s), lim)
	if out == nil {
		out = [][]string{}
	}
	return out, nil
}

// FirstUpper upper-cases the first letter.
func (stringsNS) FirstUpper(s any) string {
	str := toString(s)
	r, size := utf8.DecodeRuneInString(str)
	if size == 0 {
		return ""
	}
	return string(unicode.ToUpper(r)) + str[size:]
}

// HasPrefix reports whether s starts with prefix.
func (stringsNS) HasPrefix(s, prefix any) bool {
	return strings.HasPrefix(toString(s), toString(prefix))
}

// HasSuffix reports whether s ends with suffix.
func (stringsNS) HasSuffix(s, suffix any) bool {
	return strings.HasSuffix(toString(s), toString(suffix))
}

// Repeat is strings.Repeat N INPUT.
func (stringsNS) Repeat(n int, s any) (string, error) {
	if n < 0 || n > 100000 {
		return "", fmt.Errorf("strings.Repeat: count %d out of range", n)
	}
	return strings.Repeat(toString(s), n), nil
}

// Replace is strings.Replace INPUT OLD NEW [LIMIT].
func (stringsNS) Replace(s, old, new any, limit ...int) string { return replace(s, old, new, limit...) }

// ReplaceRE is replaceRE PATTERN REPLACEMENT INPUT [LIMIT]; $1 in the
// replacement is the first group.
func (n stringsNS) ReplaceRE(pattern, repl, s any, limit ...int) (string, error) {
	re, err := n.re.get(toString(pattern))
	if err != nil {
		return "", fmt.Errorf("replaceRE: %w", err)
	}
	lim := -1
	if len(limit) > 0 {
		lim = limit[0]
	}
	in, r := toString(s), toString(repl)
	if lim < 0 {
		return re.ReplaceAllString(in, r), nil
	}
	count := 0
	return re.ReplaceAllStringFunc(in, func(m string) string {
		if count >= lim {
			return m
		}
		count++
		return re.ReplaceAllString(m, r)
	}), nil
}

// SliceString is strings.SliceString INPUT START [END], by characters.
func (stringsNS) SliceString(s any, bounds ...int) (string, error) {
	runes := []rune(toString(s))
	start, end := 0, len(runes)
	if len(bounds) > 0 {
		start = bounds[0]
	}
	if len(bounds) > 1 {
		end = bounds[1]
	}
	if start < 0 || end > len(runes) || start > end {
		return "", fmt.Errorf("strings.SliceString: [%d:%d] out of range for %d characters", start, end, len(runes))
	}
	return string(runes[start:end]), nil
}

// Split is split INPUT SEP.
func (stringsNS) Split(s, sep any) []string { return strings.Split(toString(s), toString(sep)) }

// Substr is substr INPUT START [LENGTH], by characters; a negative start
// counts from the end, a negative length leaves that many out at the end.
func (stringsNS) Substr(s any, args ...int) (string, error) {
	runes := []rune(toString(s))
	n := len(runes)
	start, length := 0, n
	if len(args) > 2 {
		return "", errors.New("substr: want INPUT START [LENGTH]")
	}
	if len(args) > 0 {
		start = args[0]
	}
	if len(args) > 1 {
		length = args[1]
	}
	if start < 0 {
		start = max(n+start, 0)
	}
	if start > n {
		return "", nil
	}
	end := n
	if len(args) > 1 {
		if length < 0 {
			end = n + length
		} else {
			end = start + length
		}
	}
	end = min(end, n)
	if end <= start {
		return "", nil
	}
	return string(runes[start:end]), nil
}

// Title is Hugo's title in its default AP style: every word capitalised
// but short articles, conjunctions and prepositions, unless first or last
// ("The Lord of the Rings"). Hugo's titleCaseStyle setting is not read.
func (stringsNS) Title(s any) string { return apTitle(toString(s)) }

// apSmall are the words AP style leaves in lower case inside a title.
var apSmall = map[string]bool{
	"a": true, "an": true, "and": true, "at": true, "but": true, "by": true, "for": true, "in": true,
	"nor": true, "of": true, "on": true, "or": true, "so": true, "the": true, "to": true, "up": true,
	"yet": true, "as": true, "if": true, "via": true, "vs": true, "vs.": true,
}

func apTitle(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if i > 0 && i < len(words)-1 && apSmall[strings.ToLower(w)] {
			words[i] = strings.ToLower(w)
			continue
		}
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// ToLower lower-cases s.
func (stringsNS) ToLower(s any) string { return strings.ToLower(toString(s)) }

// ToUpper upper-cases s.
func (stringsNS) ToUpper(s any) string { return strings.ToUpper(toString(s)) }

// Trim is trim INPUT CUTSET.
func (stringsNS) Trim(s, cutset any) string { return strings.Trim(toString(s), toString(cutset)) }

// TrimLeft is strings.TrimLeft CUTSET INPUT.
func (stringsNS) TrimLeft(cutset, s any) string {
	return strings.TrimLeft(toString(s), toString(cutset))
}

// TrimRight is strings.TrimRight CUTSET INPUT.
func (stringsNS) TrimRight(cutset, s any) string {
	return strings.TrimRight(toString(s), toString(cutset))
}

// TrimPrefix is strings.TrimPrefix PREFIX INPUT.
func (stringsNS) TrimPrefix(prefix, s any) string {
	return strings.TrimPrefix(toString(s), toString(prefix))
}

// TrimSuffix is strings.TrimSuffix SUFFIX INPUT.
func (stringsNS) TrimSuffix(suffix, s any) string {
	return strings.TrimSuffix(toString(s), toString(suffix))
}

// TrimSpace removes leading and trailing white space.
func (stringsNS) TrimSpace(s any) string { return strings.TrimSpace(toString(s)) }

// Truncate is truncate N [ELLIPSIS] INPUT, as Hugo's: at a word boundary,
// " …" added; HTML input keeps its tags balanced by being made plain.
func (stringsNS) Truncate(n int, args ...any) (template.HTML, error) {
	if len(args) == 0 || len(args) > 2 {
		return "", errors.New("truncate: want N [ELLIPSIS] INPUT")
	}
	in := args[len(args)-1]
	ellipsis := " …"
	if len(args) == 2 {
		ellipsis = toString(args[0])
	}
	str := toString(in)
	_, isHTML := in.(template.HTML)
	if isHTML {
		str = plainify(str)
	}
	if utf8.RuneCountInString(str) <= n {
		if isHTML {
			return template.HTML(str), nil
		}
		return template.HTML(template.HTMLEscapeString(str)), nil
	}
	runes := []rune(str)
	cut := n
	for i := n; i > 0; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i
			break
		}
	}
	out := strings.TrimRightFunc(string(runes[:cut]), unicode.IsSpace)
	if !isHTML {
		out = template.HTMLEscapeString(out)
	}
	return template.HTML(out + ellipsis), nil
}

// inflectNS is Hugo's inflect namespace.
type inflectNS struct{}

// Humanize is inflect.Humanize.
func (inflectNS) Humanize(s any) string { return humanize(s) }

// Pluralize is inflect.Pluralize.
func (inflectNS) Pluralize(s any) string { return pluralize(s) }

// Singularize is inflect.Singularize.
func (inflectNS) Singularize(s any) string { return singularize(s) }

// humanize makes a name readable: "my-first_post" → "My first post"; a
// number becomes an ordinal ("1" → "1st"), as Hugo's.
func humanize(v any) string {
	s := toString(v)
	if n, ok := number(v); ok || isDigits(s) {
		if !ok {
			fmt.Sscan(s, &n)
		}
		return ordinal(int(n))
	}
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + strings.ToLower(s[size:])
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func ordinal(n int) string {
	suffix := "th"
	switch n % 100 {
	case 11, 12, 13:
	default:
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// pluralize is English plural: the common rules and a few irregular words.
func pluralize(v any) string {
	s := toString(v)
	low := strings.ToLower(s)
	if p, ok := irregularPlural[low]; ok {
		return matchCase(s, p)
	}
	switch {
	case s == "":
		return s
	case strings.HasSuffix(low, "s") || strings.HasSuffix(low, "x") || strings.HasSuffix(low, "z") ||
		strings.HasSuffix(low, "ch") || strings.HasSuffix(low, "sh"):
		return s + "es"
	case strings.HasSuffix(low, "y") && len(low) > 1 && !strings.ContainsRune("aeiou", rune(low[len(low)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// singularize undoes pluralize.
func singularize(v any) string {
	s := toString(v)
	low := strings.ToLower(s)
	for one, many := range irregularPlural {
		if low == many {
			return matchCase(s, one)
		}
	}
	switch {
	case strings.HasSuffix(low, "ies") && len(low) > 3:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(low, "sses") || strings.HasSuffix(low, "xes") || strings.HasSuffix(low, "zes") ||
		strings.HasSuffix(low, "ches") || strings.HasSuffix(low, "shes"):
		return s[:len(s)-2]
	case strings.HasSuffix(low, "s") && !strings.HasSuffix(low, "ss"):
		return s[:len(s)-1]
	}
	return s
}

var irregularPlural = map[string]string{
	"person": "people", "man": "men", "woman": "women", "child": "children", "mouse": "mice",
	"foot": "feet", "tooth": "teeth", "goose": "geese", "ox": "oxen", "datum": "data",
	"medium": "media", "index": "indices", "matrix": "matrices", "criterion": "criteria",
}

func matchCase(model, s string) string {
	if model != "" && unicode.IsUpper([]rune(model)[0]) {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}
