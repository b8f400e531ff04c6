package render

import (
	"fmt"
	"html/template"

	"github.com/storyfront/storyfront/generator/diag"
)

// fmtNS is Hugo's fmt namespace: print, printf, println, errorf, warnf.
type fmtNS struct{ r *Renderer }

func (r *Renderer) fmtFuncs(m template.FuncMap) {
	f := fmtNS{r: r}
	m["fmt"] = func() fmtNS { return f }
	m["errorf"] = f.Errorf
	m["erroridf"] = func(id string, format string, args ...any) (string, error) { return f.Errorf(format, args...) }
	m["warnf"] = f.Warnf
	m["warnidf"] = func(id string, format string, args ...any) string { return f.Warnf(format, args...) }
}

// Print is fmt.Sprint.
func (fmtNS) Print(args ...any) string { return fmt.Sprint(args...) }

// Printf is fmt.Sprintf.
func (fmtNS) Printf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// Println is fmt.Sprintln.
func (fmtNS) Println(args ...any) string { return fmt.Sprintln(args...) }

// Errorf fails the build with the message (at the template's place).
func (fmtNS) Errorf(format string, args ...any) (string, error) {
	return "", fmt.Errorf(format, args...)
}

// Warnf adds a warning to the build's (printed once, however many pages
// give it) and prints nothing.
func (f fmtNS) Warnf(format string, args ...any) string {
	f.r.warn(&diag.Error{File: LayoutsDir, Msg: fmt.Sprintf(format, args...)})
	return ""
}
