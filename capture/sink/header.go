package sink

import (
	"encoding/base64"
	"strings"
	"unicode/utf8"
)

// encodedWordBytes is how many bytes of text one encoded-word carries:
// base64 of 30 bytes is 40 characters, so "=?utf-8?b?...?=" is 52, well
// under RFC 2047's 75 and short enough to fold after a header name.
const encodedWordBytes = 30

// HeaderValue returns s, one line of text that may come from a visitor,
// ready for an email header, so that a mail client shows exactly s. Text
// that is printable ASCII and holds no "=?" is returned as it is. Anything
// else, non-ASCII text and text that a client could read as an RFC 2047
// encoded-word ("=?utf-8?q?...?=") included, is returned as UTF-8 base64
// encoded-words separated by spaces, so the visitor's own "encoded-word"
// is decoded only as the literal text it is, never interpreted. Pass the
// result to a library that leaves ASCII alone (go-mail, SES).
func HeaderValue(s string) string {
	if plainHeader(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for s != "" {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > encodedWordBytes {
				break
			}
			n += size
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("=?utf-8?b?")
		b.WriteString(base64.StdEncoding.EncodeToString([]byte(s[:n])))
		b.WriteString("?=")
		s = s[n:]
	}
	return b.String()
}

// plainHeader reports whether s can go in a header as it is.
func plainHeader(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return !strings.Contains(s, "=?")
}
