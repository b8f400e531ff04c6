package content

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// fastYAML decodes the simplest front matter without a YAML parser: one
// "key: value" per line, keys of FrontMatter's scalar fields and tags or
// aliases, values plain or double-quoted without escapes, lists in flow
// style of such values. It reports false for anything else (comments,
// block lists, params, single quotes, escapes...), which then goes to the
// YAML decoder. It exists for speed: on a 10,000-page site the YAML
// decoder is a tenth of the build. TestFastYAML checks it agrees with the
// decoder.
func fastYAML(fm []byte, f *FrontMatter) bool {
	seen := 0
	for len(fm) > 0 {
		var line []byte
		if i := bytes.IndexByte(fm, '\n'); i >= 0 {
			line, fm = fm[:i], fm[i+1:]
		} else {
			line, fm = fm, nil
		}
		line = bytes.TrimRight(line, " \t\r")
		if len(line) == 0 {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-' {
			return false
		}
		key := string(line[:colon])
		rest := line[colon+1:]
		if len(rest) == 0 || rest[0] != ' ' {
			return false
		}
		val := strings.TrimLeft(string(rest), " ")
		bit := 0
		var ok bool
		switch key {
		case "title":
			bit, ok = 1, scalarString(val, &f.Title)
		case "description":
			bit, ok = 2, scalarString(val, &f.Description)
		case "slug":
			bit, ok = 3, scalarString(val, &f.Slug)
		case "url":
			bit, ok = 4, scalarString(val, &f.URL)
		case "image":
			bit, ok = 5, scalarString(val, &f.Image)
		case "imageAlt":
			bit, ok = 6, scalarString(val, &f.ImageAlt)
		case "layout":
			bit, ok = 7, scalarString(val, &f.Layout)
		case "summary":
			bit, ok = 8, scalarString(val, &f.Summary)
		case "author":
			bit, ok = 9, scalarString(val, &f.Author)
		case "date":
			bit, ok = 10, scalarTime(val, &f.Date)
		case "lastmod":
			bit, ok = 11, scalarTime(val, &f.Lastmod)
		case "draft":
			bit = 12
			switch val {
			case "true":
				f.Draft, ok = true, true
			case "false":
				f.Draft, ok = false, true
			}
		case "weight":
			bit = 13
			n, err := strconv.Atoi(val)
			f.Weight, ok = n, err == nil && strconv.Itoa(n) == val
		case "tags":
			bit, ok = 14, flowList(val, &f.Tags)
		case "aliases":
			bit, ok = 15, flowList(val, &f.Aliases)
		}
		if !ok || seen&(1<<bit) != 0 {
			return false
		}
		seen |= 1 << bit
	}
	return true
}

// scalarString accepts "text" (no backslash or quote inside) or a plain
// scalar made of letters, digits, spaces and safe punctuation.
func scalarString(v string, dst *string) bool {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		inner := v[1 : len(v)-1]
		if strings.ContainsAny(inner, "\"\\") || !quotedSafe(inner) {
			return false
		}
		*dst = inner
		return true
	}
	if v == "" || !plainSafe(v) {
		return false
	}
	// Words YAML would read as another type stay with the decoder.
	switch strings.ToLower(v) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return false
	}
	if v[0] >= '0' && v[0] <= '9' || v[0] == '.' || v[0] == '+' {
		return false
	}
	*dst = v
	return true
}

// quotedSafe reports whether the inside of a double-quoted scalar means
// itself to YAML: valid UTF-8 without control characters (a CR is a line
// break that YAML folds into a space; tabs the decoder may refuse, as it
// does a run of them), C1 controls, line or paragraph separators, or a
// byte order mark.
func quotedSafe(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r < 0x20, r >= 0x7f && r <= 0x9f, r == 0x2028, r == 0x2029, r == 0xfeff:
			return false
		}
	}
	return true
}

// plainSafe reports whether v is a plain scalar that means itself: it
// starts with a letter and holds only letters, digits, spaces and , . ! ? ( ) ' -
// (no ": ", " #" or flow indicators).
func plainSafe(v string) bool {
	c0 := v[0]
	if !(c0 >= 'a' && c0 <= 'z' || c0 >= 'A' && c0 <= 'Z') {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == ' ' || c == '.' || c == '!' || c == '?' || c == '(' || c == ')' || c == '\'' || c == '-':
		case c == ',':
		default:
			return false
		}
	}
	return true
}

// scalarTime accepts an RFC 3339 date-time in UTC or a date, plain.
func scalarTime(v string, dst *Date) bool {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		return false // a quoted date is a string to YAML: let the decoder judge
	}
	if len(v) == len("2006-01-02") {
		t, err := time.Parse("2006-01-02", v)
		*dst = Date{Time: t, Local: true}
		return err == nil
	}
	if len(v) == len("2006-01-02T15:04:05Z") && v[len(v)-1] == 'Z' {
		t, err := time.Parse(time.RFC3339, v)
		*dst = Date{Time: t}
		return err == nil
	}
	return false
}

// flowList accepts ["a", "b"] or [a, b] of simple strings.
func flowList(v string, dst *[]string) bool {
	if len(v) < 2 || v[0] != '[' || v[len(v)-1] != ']' {
		return false
	}
	inner := strings.TrimSpace(v[1 : len(v)-1])
	out := []string{}
	if inner != "" {
		for item := range strings.SplitSeq(inner, ",") {
			var s string
			if !scalarString(strings.TrimSpace(item), &s) {
				return false
			}
			out = append(out, s)
		}
	}
	*dst = out
	return true
}
