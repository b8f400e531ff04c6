package schema

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ConsentField is the checkbox a form with consent text must have checked.
const ConsentField = "_consent"

// StartedField is the hidden field of the time trap: when the visitor
// opened the form, in Unix milliseconds, as the theme's script sets it.
const StartedField = "_started"

// StartedNoScript is the value the generator renders in StartedField.
// The script replaces it; a post that still carries it came from a
// browser without JavaScript, which the time trap cannot time (a static
// page cannot hold the moment it was served) but accepts. A post from the
// site's own pages with StartedField absent or anything else is spam.
const StartedNoScript = "noscript"

// FieldErrors maps a field name (or ConsentField) to what is wrong with
// its value, in a sentence that names the field by its label.
type FieldErrors map[string]string

// CheckValues validates submitted values against the form. values maps a
// name to every value sent under it; names the form does not declare are
// ignored (metadata starting with _ is the caller's business), except
// ConsentField, which must be sent once and Checked when the form has
// consent text.
//
// It returns the declared fields that were sent non-empty, cleaned
// (surrounding white space trimmed, textarea line ends as \n, a checked
// checkbox as "yes", see Checked), and one error per invalid field; both
// are non-nil.
// Values are kept as text: escaping is the job of whatever renders them.
func (f *Form) CheckValues(values map[string][]string) (map[string]string, FieldErrors) {
	clean := make(map[string]string, len(f.Fields))
	errs := FieldErrors{}
	for i := range f.Fields {
		fd := &f.Fields[i]
		v, msg := fd.check(values[fd.Name])
		if msg != "" {
			errs[fd.Name] = fd.label() + " " + msg
			continue
		}
		if v != "" {
			clean[fd.Name] = v
		}
	}
	if f.Consent != "" {
		switch vs := values[ConsentField]; {
		case len(vs) > 1:
			errs[ConsentField] = "Your consent was sent more than once"
		case len(vs) == 0 || !Checked(vs[0]):
			errs[ConsentField] = "Your consent is required to send this form"
		}
	}
	return clean, errs
}

// Checked reports whether v, the value a checkbox was sent with, means
// checked: yes (what the theme's checkboxes send), on (what a browser
// sends for a checkbox without a value), true or 1, in any case, around
// white space. Anything else, no, false, 0 and off included, is unchecked:
// consent is never read into a value that did not say yes.
func Checked(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "yes", "on", "true", "1":
		return true
	}
	return false
}

func (fd *Field) label() string {
	if fd.Label != "" {
		return fd.Label
	}
	return fd.Name
}

// check returns the cleaned value, or a message saying what is wrong.
func (fd *Field) check(vs []string) (string, string) {
	if len(vs) > 1 {
		return "", "was sent more than once"
	}
	v := ""
	if len(vs) == 1 {
		v = vs[0]
	}
	if !utf8.ValidString(v) {
		return "", "is not valid UTF-8 text"
	}
	multiline := fd.Type == TypeTextarea
	if multiline {
		v = strings.ReplaceAll(v, "\r\n", "\n")
	}
	v = strings.TrimSpace(v)
	if msg := checkChars(v, multiline); msg != "" {
		return "", msg
	}
	if fd.Type == TypeCheckbox {
		if !Checked(v) {
			v = ""
		} else {
			v = "yes"
		}
	}
	if v == "" {
		if fd.Required {
			if fd.Type == TypeCheckbox {
				return "", "must be checked"
			}
			return "", "is required"
		}
		return "", ""
	}
	if n := utf8.RuneCountInString(v); n > fd.Limit() {
		return "", fmt.Sprintf("is too long: at most %d characters, got %d", fd.Limit(), n)
	}
	switch fd.Type {
	case TypeEmail:
		if !ValidEmail(v) {
			return "", "is not a valid email address"
		}
	case TypeURL:
		if !validURL(v) {
			return "", "is not a valid web address (http:// or https://)"
		}
	case TypeTel:
		if !validTel(v) {
			return "", "is not a valid phone number"
		}
	case TypeSelect:
		found := false
		for _, o := range fd.Options {
			if o == v {
				found = true
				break
			}
		}
		if !found {
			return "", "is not one of the offered options"
		}
	}
	if fd.Pattern != "" {
		re := fd.re
		if re == nil {
			var err error
			if re, err = regexp.Compile(`^(?:` + fd.Pattern + `)$`); err != nil {
				return "", "cannot be checked: the form's pattern is invalid"
			}
		}
		if !re.MatchString(v) {
			return "", "is not in the expected format"
		}
	}
	return v, ""
}

// checkChars refuses control characters (\n and \t are allowed in
// multi-line text), and the invisible characters that reorder text or
// break lines, which could disguise a value on sales' screens.
func checkChars(v string, multiline bool) string {
	for _, r := range v {
		switch {
		case r == '\n' || r == '\t':
			if !multiline {
				return "must be on one line"
			}
		case unicode.IsControl(r):
			return "contains control characters"
		case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return "contains text-direction control characters"
		case r == 0x2028 || r == 0x2029:
			if !multiline {
				return "must be on one line"
			}
		}
	}
	return ""
}

// ValidEmail reports whether s is an email address as HTML's
// <input type=email> accepts it: local@domain, with a dot-atom local part
// and a domain of letter-digit-hyphen labels.
func ValidEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || len(s) > 254 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for i := 0; i < len(local); i++ {
		c := local[i]
		if isAlnum(c) || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0 {
			continue
		}
		return false
	}
	for label := range strings.SplitSeq(domain, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			if !isAlnum(label[i]) && label[i] != '-' {
				return false
			}
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func validURL(s string) bool {
	if strings.ContainsAny(s, " \t\n<>\"") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

func validTel(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case strings.ContainsRune(" -().", r):
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 20
}
