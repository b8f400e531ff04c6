package content

import (
	"errors"
	"fmt"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml/v2"
)

// Date is a front matter date. Local says it was written without a time
// zone, so the site's timeZone decides its instant (In).
type Date struct {
	time.Time
	Local bool
}

// In returns the date's instant: a zone-less date is read as a wall clock
// time in loc; a date with a zone stays as written.
func (d Date) In(loc *time.Location) time.Time {
	if d.IsZero() || !d.Local || loc == nil || loc == time.UTC {
		return d.Time
	}
	t := d.Time
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// dateLayouts are the forms of a date Hugo accepts in front matter (it
// reads them with spf13/cast), each with whether it carries a time zone.
func dateLayouts() []struct {
	layout string
	zone   bool
} {
	return []struct {
		layout string
		zone   bool
	}{
		{time.RFC3339, true},
		{"2006-01-02T15:04:05", false},
		{time.RFC1123Z, true},
		{time.RFC1123, true},
		{time.RFC822Z, true},
		{time.RFC822, true},
		{time.RFC850, true},
		{time.ANSIC, false},
		{time.UnixDate, true},
		{time.RubyDate, true},
		{"2006-01-02 15:04:05.999999999 -0700 MST", true},
		{"2006-01-02", false},
		{"02 Jan 2006", false},
		{"2006-01-02T15:04:05-0700", true},
		{"2006-01-02 15:04:05 -07:00", true},
		{"2006-01-02 15:04:05 -0700", true},
		{"2006-01-02 15:04:05Z07:00", true},
		{"2006-01-02 15:04:05", false},
		{"2006-01-02T15:04", false},
		{"2006-01-02 15:04", false},
	}
}

// ParseDate reads a date written in any form Hugo accepts: RFC 3339 with
// or without a zone, date only, "2006-01-02 15:04:05", RFC 1123 and the
// others of dateLayouts.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts() {
		if t, err := time.Parse(l.layout, s); err == nil {
			return Date{Time: t, Local: !l.zone}, nil
		}
	}
	if len(s) >= 10 {
		// Say what is wrong with a date-shaped value (month 13, day 45).
		if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
			var pe *time.ParseError
			if errors.As(err, &pe) && pe.Message != "" {
				return Date{}, fmt.Errorf("%q is not a date%s", s, pe.Message)
			}
		}
	}
	return Date{}, fmt.Errorf("%q is not a date (write 2006-01-02, 2006-01-02T15:04:05 or 2006-01-02T15:04:05+01:00)", s)
}

// dateValue turns a decoded front matter value into a Date: a string in
// any of Hugo's forms, a TOML date-time (with zone, local, date only).
func dateValue(v any) (Date, error) {
	switch v := v.(type) {
	case time.Time:
		return Date{Time: v}, nil
	case toml.LocalDate:
		return Date{Time: time.Date(v.Year, time.Month(v.Month), v.Day, 0, 0, 0, 0, time.UTC), Local: true}, nil
	case toml.LocalDateTime:
		return Date{Time: time.Date(v.Year, time.Month(v.Month), v.Day, v.Hour, v.Minute, v.Second, v.Nanosecond, time.UTC), Local: true}, nil
	case string:
		if strings.TrimSpace(v) == "" {
			return Date{}, nil
		}
		return ParseDate(v)
	case nil:
		return Date{}, nil
	}
	return Date{}, fmt.Errorf("%v is not a date (write 2006-01-02, 2006-01-02T15:04:05 or 2006-01-02T15:04:05+01:00)", v)
}
