package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/gohugoio/locales"

	"github.com/storyfront/storyfront/generator/content"
)

// timeNS is Hugo's time namespace; called as a function (time "2024-01-02")
// it is time.AsTime.
type timeNS struct {
	loc *time.Location
	// lang gives the translator of the language the templates run in,
	// whose month and weekday names time.Format writes (nil: English).
	lang func() locales.Translator
}

func timeFuncs(m template.FuncMap, loc *time.Location, lang func() locales.Translator) {
	if loc == nil {
		loc = time.UTC
	}
	t := timeNS{loc: loc, lang: lang}
	m["time"] = func(v ...any) (any, error) {
		if len(v) == 0 {
			return t, nil // time.Format, time.Now...: the namespace
		}
		return t.AsTime(v[0], v[1:]...)
	}
	m["dateFormat"] = t.Format
	m["duration"] = t.Duration
}

// AsTime reads a date (any form front matter accepts) or a Unix time; an
// optional second argument names its time zone.
func (n timeNS) AsTime(v any, zone ...any) (time.Time, error) {
	loc := n.loc
	if len(zone) > 0 {
		l, err := time.LoadLocation(toString(zone[0]))
		if err != nil {
			return time.Time{}, fmt.Errorf("time: %w", err)
		}
		loc = l
	}
	switch x := v.(type) {
	case time.Time:
		return x, nil
	case content.Date:
		return x.In(loc), nil
	case string:
		d, err := content.ParseDate(x)
		if err != nil {
			return time.Time{}, fmt.Errorf("time: %q is not a date: %w", x, err)
		}
		return d.In(loc), nil
	}
	if f, ok := number(v); ok {
		return time.Unix(int64(f), 0).In(loc), nil
	}
	return time.Time{}, fmt.Errorf("time: %v (%T) is not a date", v, v)
}

// Format is time.Format LAYOUT DATE (and dateFormat): DATE may be a time
// or a date string; LAYOUT a Go layout or ":date_long" style names.
func (n timeNS) Format(layout string, v any) (string, error) {
	if v == nil {
		return "", nil
	}
	t, err := n.AsTime(v)
	if err != nil {
		return "", fmt.Errorf("time.Format: %w", err)
	}
	if t.IsZero() {
		return "", nil
	}
	var tr locales.Translator
	if n.lang != nil {
		tr = n.lang()
	}
	if tr != nil && strings.HasPrefix(layout, ":") {
		switch strings.ToLower(layout) {
		case ":date_full":
			return tr.FmtDateFull(t), nil
		case ":date_long":
			return tr.FmtDateLong(t), nil
		case ":date_medium":
			return tr.FmtDateMedium(t), nil
		case ":date_short":
			return tr.FmtDateShort(t), nil
		case ":time_full":
			return tr.FmtTimeFull(t), nil
		case ":time_long":
			return tr.FmtTimeLong(t), nil
		case ":time_medium":
			return tr.FmtTimeMedium(t), nil
		case ":time_short":
			return tr.FmtTimeShort(t), nil
		}
	}
	return localTimeFormat(tr, t, goLayout(layout)), nil
}

// goLayout maps Hugo's named layouts (English) to Go's.
func goLayout(layout string) string {
	switch strings.ToLower(layout) {
	case ":date_full":
		return "Monday, January 2, 2006"
	case ":date_long":
		return "January 2, 2006"
	case ":date_medium":
		return "Jan 2, 2006"
	case ":date_short":
		return "1/2/06"
	case ":time_full":
		return "3:04:05 pm MST"
	case ":time_long":
		return "3:04:05 pm MST"
	case ":time_medium":
		return "3:04:05 pm"
	case ":time_short":
		return "3:04 pm"
	}
	return layout
}

// Now is the time of the build.
func (timeNS) Now() time.Time { return time.Now() }

// ParseDuration reads "1h30m".
func (timeNS) ParseDuration(s any) (time.Duration, error) {
	d, err := time.ParseDuration(toString(s))
	if err != nil {
		return 0, fmt.Errorf("time.ParseDuration: %w", err)
	}
	return d, nil
}

// Duration is time.Duration UNIT N ("second", "s", "minute", "hour"...).
func (timeNS) Duration(unit any, n any) (time.Duration, error) {
	units := map[string]time.Duration{
		"nanosecond": time.Nanosecond, "ns": time.Nanosecond,
		"microsecond": time.Microsecond, "us": time.Microsecond, "µs": time.Microsecond,
		"millisecond": time.Millisecond, "ms": time.Millisecond,
		"second": time.Second, "s": time.Second,
		"minute": time.Minute, "m": time.Minute,
		"hour": time.Hour, "h": time.Hour,
	}
	u, ok := units[toString(unit)]
	if !ok {
		return 0, fmt.Errorf("time.Duration: unknown unit %q", toString(unit))
	}
	f, err := floatOf(n)
	if err != nil {
		return 0, fmt.Errorf("time.Duration: %w", err)
	}
	return time.Duration(f * float64(u)), nil
}
