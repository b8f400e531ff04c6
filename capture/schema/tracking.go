package schema

import (
	"fmt"
	"strings"
	"time"
)

// StatusWebhook is sales.statusWebhook: the signed inbound webhook
// (POST <endpoint>/_status) through which a CRM reports what became of a
// lead. Its secret (whsec_...) comes from the environment variable
// SecretEnv; unset, the endpoint answers 404.
type StatusWebhook struct {
	SecretEnv string `yaml:"secretEnv"`
	// Tolerance is how far the webhook-timestamp may be from now
	// (default 5m): older or newer calls are refused as stale.
	Tolerance time.Duration `yaml:"tolerance"`
}

// Digest is sales.digest: a weekly email to marketing with the week's
// figures and top stories, sent once per week at Weekday Hour:00 in
// Timezone.
type Digest struct {
	Via      string   `yaml:"via"` // an smtp or ses sink
	To       []string `yaml:"to"`
	Weekday  string   `yaml:"weekday"`  // default monday
	Hour     *int     `yaml:"hour"`     // 0-23, default 9
	Timezone string   `yaml:"timezone"` // IANA name, default UTC
	Subject  string   `yaml:"subject"`  // default "Leads this week"
}

// Day is the digest's weekday (Monday when unset).
func (d *Digest) Day() time.Weekday {
	for w := time.Sunday; w <= time.Saturday; w++ {
		if strings.EqualFold(d.Weekday, w.String()) {
			return w
		}
	}
	return time.Monday
}

// SendHour is the digest's hour of the day (9 when unset).
func (d *Digest) SendHour() int {
	if d.Hour == nil {
		return 9
	}
	return *d.Hour
}

// Location is the digest's time zone (UTC when unset).
func (d *Digest) Location() (*time.Location, error) {
	if d.Timezone == "" {
		return time.UTC, nil
	}
	return time.LoadLocation(d.Timezone)
}

func (s *Sales) checkTracking() []issue {
	var out []issue
	add := func(msg string, path ...any) {
		out = append(out, issue{path: append([]any{"sales"}, path...), msg: msg})
	}
	if w := s.StatusWebhook; w != nil {
		if strings.TrimSpace(w.SecretEnv) == "" {
			add("statusWebhook needs secretEnv: the environment variable holding its whsec_ secret", "statusWebhook", "secretEnv")
		}
		if w.Tolerance < 0 {
			add("tolerance must not be negative", "statusWebhook", "tolerance")
		}
	}
	if d := s.Digest; d != nil {
		if sk := s.Sinks[d.Via]; sk == nil || (sk.Type != "smtp" && sk.Type != "ses") {
			add(fmt.Sprintf("digest via %q must name an smtp or ses sink", d.Via), "digest", "via")
		}
		if len(d.To) == 0 {
			add("digest needs at least one address in to", "digest", "to")
		}
		for i, to := range d.To {
			if !ValidEmail(to) {
				add(fmt.Sprintf("%q is not an email address", to), "digest", "to", i)
			}
		}
		if d.Weekday != "" && !validWeekday(d.Weekday) {
			add(fmt.Sprintf("weekday %q: want monday ... sunday", d.Weekday), "digest", "weekday")
		}
		if h := d.SendHour(); h < 0 || h > 23 {
			add(fmt.Sprintf("hour %d: want 0 to 23", h), "digest", "hour")
		}
		if _, err := d.Location(); err != nil {
			add(fmt.Sprintf("timezone %q is not a known IANA time zone", d.Timezone), "digest", "timezone")
		}
	}
	return out
}

func validWeekday(s string) bool {
	for w := time.Sunday; w <= time.Saturday; w++ {
		if strings.EqualFold(s, w.String()) {
			return true
		}
	}
	return false
}
