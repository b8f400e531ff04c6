// Package diag holds the located errors a build reports: each names the
// file (relative to the site folder), the line and column, and what is wrong.
//
// A build collects every error it finds rather than stopping at the first,
// so a writer sees all of them at once.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Error is one problem at a place in a site file.
type Error struct {
	File string // slash-separated, relative to the site folder
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Msg  string
	Err  error // the cause, if any
}

// Errorf returns an Error at file:line:col with a formatted message. A %w
// verb in format becomes the Error's cause.
func Errorf(file string, line, col int, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{File: file, Line: line, Col: col, Msg: err.Error(), Err: errors.Unwrap(err)}
}

// Error returns "path:line:col: msg".
func (e *Error) Error() string {
	line, col := e.Line, e.Col
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, line, col, e.Msg)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errors is every problem a build found, sorted by place.
type Errors []*Error

// Error returns one "path:line:col: msg" per line.
func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Sort orders the errors by file, line, column and message, and drops
// exact duplicates, so a build reports them in a stable order.
func (es Errors) Sort() Errors {
	sort.SliceStable(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
	out := es[:0]
	for i, e := range es {
		if i > 0 && e.Error() == es[i-1].Error() {
			continue
		}
		out = append(out, e)
	}
	return out
}

// List collects errors from concurrent workers.
type List struct {
	mu   sync.Mutex
	errs Errors
}

// Add appends err: an *Error as it is, an Errors flattened, anything else
// located at file.
func (l *List) Add(file string, err error) {
	if err == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var es Errors
	var e *Error
	switch {
	case errors.As(err, &es):
		l.errs = append(l.errs, es...)
	case errors.As(err, &e):
		l.errs = append(l.errs, e)
	default:
		l.errs = append(l.errs, &Error{File: file, Msg: err.Error(), Err: err})
	}
}

// Len reports how many errors were added.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.errs)
}

// Err returns the sorted errors, or nil when there are none.
func (l *List) Err() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.errs) == 0 {
		return nil
	}
	return append(Errors(nil), l.errs...).Sort()
}

// Position converts a byte offset in src to a 1-based line and column
// (the column counts bytes).
func Position(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	line = 1
	last := -1
	for i := 0; i < offset; i++ {
		if src[i] == '\n' {
			line++
			last = i
		}
	}
	return line, offset - last
}

// CheckUTF8 returns an "invalid UTF-8" Error at the first byte of src that is
// not valid UTF-8, or nil when src is valid.
func CheckUTF8(file string, src []byte) *Error {
	if utf8.Valid(src) {
		return nil
	}
	i := 0
	for i < len(src) {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	line, col := Position(src, i)
	return Errorf(file, line, col, "invalid UTF-8")
}
