// Package schema holds what site.yaml declares for lead capture: the forms,
// the capture endpoint settings and the sales routing.
//
// It is the one schema with two users: the generator renders each form's
// accessible HTML from it, and capture validates submissions against it.
// It depends on nothing else in Storyfront.
package schema

import (
	"regexp"
	"time"
)

// Field types a form may declare.
const (
	TypeText     = "text"
	TypeEmail    = "email"
	TypeTel      = "tel"
	TypeURL      = "url"
	TypeTextarea = "textarea"
	TypeSelect   = "select"
	TypeCheckbox = "checkbox"
	TypeHidden   = "hidden"
)

// Site is the part of site.yaml that capture reads: forms, capture, sales.
type Site struct {
	// BaseURL is the site's public URL: the default allowed origin, and the
	// base of thank-you redirects when capture runs on another origin.
	BaseURL string           `yaml:"baseURL"`
	Forms   map[string]*Form `yaml:"forms"`
	Capture Capture          `yaml:"capture"`
	Sales   Sales            `yaml:"sales"`
}

// Form is one interest form, declared under forms.<name> in site.yaml.
type Form struct {
	// Name is the key under forms:; it is filled in by the loader.
	Name string `yaml:"-"`
	// Title is shown above the form by the default theme.
	Title string `yaml:"title"`
	// Submit is the submit button's label (default "Send").
	Submit string `yaml:"submit"`
	// ThankYou is the site path a successful plain form post is redirected to.
	ThankYou string `yaml:"thankYou"`
	// Consent, when set, is the text of a required consent checkbox.
	Consent string  `yaml:"consent"`
	Fields  []Field `yaml:"fields"`
}

// Field is one input of a form.
type Field struct {
	Name         string   `yaml:"name"`
	Label        string   `yaml:"label"`
	Type         string   `yaml:"type"` // one of the Type constants; default text
	Required     bool     `yaml:"required"`
	MaxLength    int      `yaml:"maxLength"` // 0: the type's default
	Options      []string `yaml:"options"`   // for select
	Pattern      string   `yaml:"pattern"`   // a Go (RE2) regexp the whole value must match
	Placeholder  string   `yaml:"placeholder"`
	Autocomplete string   `yaml:"autocomplete"`
	Help         string   `yaml:"help"`

	re *regexp.Regexp // Pattern compiled by Validate
}

// Capture is the capture: section: where forms post and what the endpoint accepts.
type Capture struct {
	// Endpoint is the URL forms post to (<endpoint>/<form>). Empty means
	// "/api/leads" on the site's own origin (what `storyfront serve` mounts).
	Endpoint string `yaml:"endpoint"`
	// SameOrigin says capture is served on the site's own domain at
	// /api/leads (as the deploy stack does), so a production build with
	// forms and no Endpoint is intended; without it, such a build fails.
	SameOrigin bool `yaml:"sameOrigin"`
	// AllowedOrigins may post cross-origin; default: the site's baseURL origin.
	AllowedOrigins []string `yaml:"allowedOrigins"`
	// Honeypot is the hidden field bots fill in (default "_gotcha").
	Honeypot string `yaml:"honeypot"`
	// MinSeconds is the time trap: a post sooner than this after the page
	// loaded (as the form script records it) is spam. 0 disables it.
	MinSeconds int `yaml:"minSeconds"`
	// RateLimit is how many posts one client may make per minute (default 10).
	RateLimit int `yaml:"rateLimit"`
}

// Sales is the sales: section: named sinks and the routes that pick them.
type Sales struct {
	Sinks  map[string]*Sink `yaml:"sinks"`
	Routes []Route          `yaml:"routes"`
	// Retry tunes delivery retries; zero values mean the defaults.
	Retry Retry `yaml:"retry"`
	// AutoReply, when enabled, emails each lead a short acknowledgement.
	AutoReply *AutoReply `yaml:"autoReply"`
	// StatusWebhook, when set, accepts signed status updates from a CRM
	// (tracking.go).
	StatusWebhook *StatusWebhook `yaml:"statusWebhook"`
	// Digest, when set, emails a weekly summary to marketing (tracking.go).
	Digest *Digest `yaml:"digest"`
}

// Retry is how a failed delivery is retried: exponential backoff with
// jitter from MinDelay up to MaxDelay, dead-lettered after Attempts.
type Retry struct {
	Attempts int           `yaml:"attempts"` // default 12
	MinDelay time.Duration `yaml:"minDelay"` // default 30s
	MaxDelay time.Duration `yaml:"maxDelay"` // default 1h
}

// AutoReply is the optional acknowledgement emailed to the lead itself,
// off by default and rate-limited.
type AutoReply struct {
	Enabled bool `yaml:"enabled"`
	// Via names the email sink (smtp or ses) that sends it.
	Via     string   `yaml:"via"`
	From    string   `yaml:"from"`
	Subject string   `yaml:"subject"`
	Text    string   `yaml:"text"`
	Forms   []string `yaml:"forms"`   // empty: every form
	PerHour int      `yaml:"perHour"` // most auto-replies sent per hour; default 20
}

// Sink is one named destination for leads. Secrets are never in site.yaml:
// the *Env fields name the environment variables that hold them.
type Sink struct {
	// Type is smtp, ses, webhook or slack.
	Type string `yaml:"type"`

	// Email (smtp, ses).
	To      []string `yaml:"to"`
	From    string   `yaml:"from"`
	Subject string   `yaml:"subject"`
	// SMTP server (smtp). Host and port may also come from HostEnv
	// ("host" or "host:port"), the username from UsernameEnv.
	Host        string `yaml:"host"`
	HostEnv     string `yaml:"hostEnv"`
	Port        int    `yaml:"port"`
	Username    string `yaml:"username"`
	UsernameEnv string `yaml:"usernameEnv"`
	PasswordEnv string `yaml:"passwordEnv"`
	TLS         string `yaml:"tls"` // "starttls" (default), "tls", "none"
	// SES (ses).
	Region string `yaml:"region"`

	// Webhook and Slack.
	URL       string `yaml:"url"`
	URLEnv    string `yaml:"urlEnv"`
	SecretEnv string `yaml:"secretEnv"` // webhook signing secret (whsec_...)
}

// Route sends leads of a form whose fields match When to the named sinks.
// A route with no Form and no When is the default.
type Route struct {
	Form string            `yaml:"form"`
	When map[string]string `yaml:"when"`
	To   []string          `yaml:"to"`
}
