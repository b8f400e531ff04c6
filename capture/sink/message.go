package sink

import (
	"sort"
	"strings"
	"unicode"
)

// Field is one of a lead's fields, labelled as its form declares it.
type Field struct {
	Name, Label, Value string
}

// Fields returns the lead's non-empty fields in the form's order, then any
// field the form no longer declares, sorted by name.
func (m Message) Fields() []Field {
	var out []Field
	seen := make(map[string]bool)
	if m.Form != nil {
		for _, f := range m.Form.Fields {
			seen[f.Name] = true
			v := m.Lead.Fields[f.Name]
			if v == "" {
				continue
			}
			label := f.Label
			if label == "" {
				label = f.Name
			}
			out = append(out, Field{Name: f.Name, Label: label, Value: v})
		}
	}
	var rest []string
	for name, v := range m.Lead.Fields {
		if !seen[name] && v != "" {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	for _, name := range rest {
		out = append(out, Field{Name: name, Label: name, Value: m.Lead.Fields[name]})
	}
	return out
}

// Who names the person behind the lead for a subject line: the name field,
// else the email, else the company, else "someone".
func (m Message) Who() string {
	for _, k := range []string{"name", "email", "company"} {
		if v := OneLine(m.Lead.Fields[k], 80); v != "" {
			return v
		}
	}
	return "someone"
}

// Campaign describes the lead's UTM campaign, source and medium in one line
// ("" when the visit carried none).
func (m Message) Campaign() string {
	a := m.Lead.Attribution
	var parts []string
	if a.UTMCampaign != "" {
		parts = append(parts, a.UTMCampaign)
	}
	var via []string
	for _, s := range []string{a.UTMSource, a.UTMMedium} {
		if s != "" {
			via = append(via, s)
		}
	}
	if len(via) > 0 {
		parts = append(parts, "("+strings.Join(via, " / ")+")")
	}
	return strings.Join(parts, " ")
}

// OneLine returns s with every control character (CR and LF included)
// replaced by a space, runs of spaces collapsed, trimmed and cut to at most
// max runes (0: no limit). Header values and chat lines go through it, so no
// field can start a new header or line.
func OneLine(s string, max int) string {
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if unicode.IsControl(r) || unicode.IsSpace(r) || r == '\u2028' || r == '\u2029' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			n++
		}
		space = false
		if max > 0 && n >= max {
			break
		}
		b.WriteRune(r)
		n++
	}
	out := b.String()
	if max > 0 && n >= max && len(out) < len(s) {
		out = strings.TrimRight(out, " ") + "…"
	}
	return out
}

// Text returns s with control characters other than newline and tab removed
// and line endings normalised to LF: safe for a plain-text body.
func Text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}
