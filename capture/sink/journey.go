package sink

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Journey says in one sentence what the visitor did before writing:
// "Read before writing: A → B → C; first came from the april campaign
// (newsletter / email), 9 days before writing." "" when the browser sent
// no journey. Values are on one line; callers escape for their medium.
func (m Message) Journey() string {
	j := m.Lead.Attribution.Journey
	if j.Empty() {
		return ""
	}
	var parts []string
	if len(j.Stories) > 0 {
		titles := make([]string, len(j.Stories))
		for i, s := range j.Stories {
			titles[i] = OneLine(s.Title, 80)
		}
		parts = append(parts, "Read before writing: "+strings.Join(titles, " → "))
	} else {
		parts = append(parts, "Read no story before writing")
	}
	if f := j.First; f != nil {
		from := "first came " + touchOrigin(f.Campaign, f.Source, f.Medium, f.Referrer)
		if !f.At.IsZero() {
			from += ", " + before(m.Lead.CreatedAt.Sub(f.At)) + " before writing"
		}
		parts = append(parts, from)
	}
	return OneLine(strings.Join(parts, "; ")+".", 1000)
}

// touchOrigin describes where a visit came from.
func touchOrigin(campaign, source, medium, referrer string) string {
	var via []string
	for _, s := range []string{source, medium} {
		if s != "" {
			via = append(via, OneLine(s, 60))
		}
	}
	switch {
	case campaign != "" && len(via) > 0:
		return fmt.Sprintf("from the %s campaign (%s)", OneLine(campaign, 80), strings.Join(via, " / "))
	case campaign != "":
		return fmt.Sprintf("from the %s campaign", OneLine(campaign, 80))
	case len(via) > 0:
		return "from " + strings.Join(via, " / ")
	case referrer != "":
		if u, err := url.Parse(referrer); err == nil && u.Host != "" {
			return "from " + OneLine(u.Host, 100)
		}
		return "from " + OneLine(referrer, 100)
	}
	return "directly"
}

// before says a duration the way a person would: "9 days", "3 hours".
func before(d time.Duration) string {
	plural := func(n int, unit string) string {
		if n == 1 {
			return "1 " + unit
		}
		return fmt.Sprintf("%d %ss", n, unit)
	}
	switch {
	case d < time.Minute:
		return "moments"
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	}
	return plural(int(d/(24*time.Hour)), "day")
}
