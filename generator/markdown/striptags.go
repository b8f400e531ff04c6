package markdown

import "strings"

// The states of stripTags: the places of an HTML document that decide
// what the next bytes mean.
const (
	stText      = iota // between tags
	stTag              // inside a tag, before an attribute name or its end
	stAttrName         // inside an attribute name that the input cuts
	stAfterName        // after an attribute name: "=" or the next one
	stBeforeVal        // after "=": the value starts
	stValue            // inside an attribute value up to its delimiter
	stComment          // inside <!-- -->
	stRaw              // the content of <script>, <style>, <title>, <textarea>
	stBad              // an attribute name holding a quote or "<": the rest is dropped
)

// stripTags returns the text of a piece of HTML without its tags,
// comments and the content of <script> and <style>, the way Go's
// html/template strips tags (hugo 0.111.3's plainify and .Plain use it):
// a "<" that starts no tag ("a < b", "I <3 it") and a ">" outside a tag
// ("0.9 -> 1.0") are text, a ">" inside a quoted attribute value ends
// nothing, and <title> and <textarea> keep their text. Entities are kept
// as written.
func stripTags(s string) string {
	var b strings.Builder
	state, raw, allText := stText, "", true
	var valueEnds string // the bytes that end the attribute value
	i := 0
	for i < len(s) {
		if state != stText && (state != stRaw || raw == "script" || raw == "style") {
			allText = false
		}
		switch state {
		case stText:
			next, end, elem := nextTag(s, i)
			b.WriteString(s[i:end])
			i = next
			if end == len(s) {
				continue
			}
			if elem == "!--" {
				state = stComment
			} else {
				state, raw = stTag, elem
			}
		case stTag:
			j := skipHTMLSpace(s, i)
			if j == len(s) {
				i = j
				continue
			}
			if s[j] == '>' {
				i = j + 1
				state = stText
				if raw != "" {
					state = stRaw
				}
				continue
			}
			k, ok := attrNameEnd(s, j)
			if !ok {
				state, i = stBad, len(s)
				continue
			}
			if k == j {
				// "=" where a name should be: html/template gives up here.
				state, i = stBad, len(s)
				continue
			}
			state, i = stAfterName, k
			if k == len(s) {
				state = stAttrName
			}
		case stAttrName:
			i = len(s)
		case stAfterName:
			j := skipHTMLSpace(s, i)
			switch {
			case j == len(s):
				i = j
			case s[j] != '=':
				state, i = stTag, j
			default:
				state, i = stBeforeVal, j+1
			}
		case stBeforeVal:
			j := skipHTMLSpace(s, i)
			if j == len(s) {
				i = j
				continue
			}
			switch s[j] {
			case '"':
				valueEnds, j = `"`, j+1
			case '\'':
				valueEnds, j = `'`, j+1
			default:
				valueEnds = " \t\n\f\r>"
			}
			state, i = stValue, j
		case stValue:
			k := strings.IndexAny(s[i:], valueEnds)
			if k < 0 {
				i = len(s)
				continue
			}
			i += k
			if len(valueEnds) == 1 {
				i++ // the closing quote
			}
			state = stTag
		case stComment:
			k := strings.Index(s[i:], "-->")
			if k < 0 {
				i = len(s)
				continue
			}
			state, raw, i = stText, "", i+k+3
		case stRaw:
			k := rawEnd(s[i:], raw)
			if k < 0 {
				if raw == "title" || raw == "textarea" {
					b.WriteString(s[i:])
				}
				i = len(s)
				continue
			}
			if raw == "title" || raw == "textarea" {
				// As html/template: the text up to the last "<" before
				// the end tag.
				t := s[i : i+k]
				if l := strings.LastIndexByte(t, '<'); l >= 0 {
					t = t[:l]
				}
				b.WriteString(t)
			}
			state, raw, i = stText, "", i+k
		case stBad:
			i = len(s)
		}
	}
	if allText {
		return s
	}
	return b.String()
}

// nextTag finds the next tag or comment in s from i: it returns the offset
// after its start ("<name" or "<!--"), the offset where the text before it
// ends, and the element whose content is raw text (script, style, title,
// textarea; "" for others and for end tags; "!--" for a comment). With no
// tag it returns len(s) twice.
func nextTag(s string, i int) (next, textEnd int, elem string) {
	k := i
	for {
		j := strings.IndexByte(s[k:], '<')
		if j < 0 {
			return len(s), len(s), ""
		}
		j += k
		if j+1 == len(s) {
			return len(s), len(s), ""
		}
		if strings.HasPrefix(s[j:], "<!--") {
			return j + 4, j, "!--"
		}
		n := j + 1
		end := false
		if s[n] == '/' {
			if n+1 == len(s) {
				return len(s), len(s), ""
			}
			end, n = true, n+1
		}
		e := tagNameEnd(s, n)
		if e == n {
			k = n
			continue
		}
		name := strings.ToLower(s[n:e])
		if end {
			name = ""
		}
		switch name {
		case "script", "style", "title", "textarea":
		default:
			name = ""
		}
		return e, j, name
	}
}

// tagNameEnd is the end of a tag name at s[i:]: a letter, then letters and
// digits, with single "-" or ":" between them; i when there is none.
func tagNameEnd(s string, i int) int {
	if i == len(s) || !isASCIIAlpha(s[i]) {
		return i
	}
	j := i + 1
	for j < len(s) {
		c := s[j]
		if isASCIIAlpha(c) || c >= '0' && c <= '9' {
			j++
			continue
		}
		if (c == ':' || c == '-') && j+1 < len(s) && (isASCIIAlpha(s[j+1]) || s[j+1] >= '0' && s[j+1] <= '9') {
			j += 2
			continue
		}
		break
	}
	return j
}

func isASCIIAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func skipHTMLSpace(s string, i int) int {
	for i < len(s) && strings.IndexByte(" \t\n\f\r", s[i]) >= 0 {
		i++
	}
	return i
}

// attrNameEnd is the end of an attribute name at s[i:]; false when a
// quote or "<" stands in it.
func attrNameEnd(s string, i int) (int, bool) {
	for j := i; j < len(s); j++ {
		switch s[j] {
		case ' ', '\t', '\n', '\f', '\r', '=', '>':
			return j, true
		case '\'', '"', '<':
			return 0, false
		}
	}
	return len(s), true
}

// rawEnd is the offset of the end tag ("</name" then ">", a space or "/",
// in any case) of a raw-text element in s, or -1.
func rawEnd(s, name string) int {
	off := 0
	for {
		i := strings.Index(s[off:], "</")
		if i < 0 {
			return -1
		}
		at := off + i
		rest := s[at+2:]
		if len(rest) > len(name) && strings.EqualFold(rest[:len(name)], name) &&
			strings.IndexByte("> \t\n\f/", rest[len(name)]) >= 0 {
			return at
		}
		off = at + 2
	}
}
