package schema

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
)

// Validate checks the schema itself: form and field names, field types,
// select options, patterns, thank-you pages, the capture settings and the
// sales routes. Call SetDefaults first (Parse does both). It also compiles
// the fields' patterns, so a validated Site is ready for CheckValues.
// Errors carry a path but no position; Parse adds positions.
func (s *Site) Validate() error {
	issues := s.check()
	if len(issues) == 0 {
		return nil
	}
	errs := make(Errors, len(issues))
	for i, is := range issues {
		errs[i] = &Error{File: FileName, Path: pathString(is.path), Msg: is.msg}
	}
	return errs
}

var nameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

func (s *Site) check() []issue {
	var out []issue
	add := func(msg string, path ...any) { out = append(out, issue{path: path, msg: msg}) }

	if s.BaseURL != "" {
		if _, err := Origin(s.BaseURL); err != nil {
			add(fmt.Sprintf("baseURL %q must be an absolute http(s) URL", s.BaseURL), "baseURL")
		}
	}
	names := make([]string, 0, len(s.Forms))
	for name := range s.Forms {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := s.Forms[name]
		if !nameRE.MatchString(name) {
			add(fmt.Sprintf("form name %q must start with a letter and use only letters, digits, - and _ (at most 64)", name), "forms", name)
		}
		if f == nil {
			add("form has no settings", "forms", name)
			continue
		}
		out = append(out, f.check(name)...)
	}

	c := &s.Capture
	if c.Endpoint != "" && !strings.HasPrefix(c.Endpoint, "/") {
		if u, err := url.Parse(c.Endpoint); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			add(fmt.Sprintf("endpoint %q must be a site path (/api/leads) or an absolute http(s) URL", c.Endpoint), "capture", "endpoint")
		}
	}
	for i, o := range c.AllowedOrigins {
		if got, err := Origin(o); err != nil || got != strings.TrimSuffix(o, "/") {
			add(fmt.Sprintf("allowed origin %q must be scheme://host[:port], without a path", o), "capture", "allowedOrigins", i)
		}
	}
	if !strings.HasPrefix(c.Honeypot, "_") || !nameRE.MatchString(c.Honeypot[min(1, len(c.Honeypot)):]) {
		add(fmt.Sprintf("honeypot %q must start with _ followed by a letter, digits, - or _", c.Honeypot), "capture", "honeypot")
	}
	if c.MinSeconds < 0 {
		add("minSeconds must not be negative", "capture", "minSeconds")
	}
	if c.RateLimit < 0 {
		add("rateLimit must not be negative", "capture", "rateLimit")
	}

	sinkNames := make([]string, 0, len(s.Sales.Sinks))
	for name := range s.Sales.Sinks {
		sinkNames = append(sinkNames, name)
	}
	sort.Strings(sinkNames)
	for _, name := range sinkNames {
		sk := s.Sales.Sinks[name]
		if sk == nil {
			add("sink has no settings", "sales", "sinks", name)
			continue
		}
		switch sk.Type {
		case "smtp", "ses", "webhook", "slack":
		default:
			add(fmt.Sprintf("unknown sink type %q (want smtp, ses, webhook or slack)", sk.Type), "sales", "sinks", name, "type")
		}
	}
	for i, r := range s.Sales.Routes {
		if r.Form != "" && s.Forms[r.Form] == nil {
			add(fmt.Sprintf("route names unknown form %q", r.Form), "sales", "routes", i, "form")
		}
		if len(r.To) == 0 {
			add("route has no sinks (to:)", "sales", "routes", i)
		}
		for j, to := range r.To {
			if s.Sales.Sinks[to] == nil {
				add(fmt.Sprintf("route names unknown sink %q", to), "sales", "routes", i, "to", j)
			}
		}
	}
	r := s.Sales.Retry
	if r.Attempts < 0 {
		add("attempts must not be negative", "sales", "retry", "attempts")
	}
	if r.MinDelay < 0 || r.MaxDelay < 0 || (r.MaxDelay > 0 && r.MaxDelay < r.MinDelay) {
		add("delays must not be negative, and maxDelay not below minDelay", "sales", "retry")
	}
	if ar := s.Sales.AutoReply; ar != nil && ar.Enabled {
		if sk := s.Sales.Sinks[ar.Via]; sk == nil || (sk.Type != "smtp" && sk.Type != "ses") {
			add(fmt.Sprintf("autoReply via %q must name an smtp or ses sink", ar.Via), "sales", "autoReply", "via")
		}
		for i, f := range ar.Forms {
			if s.Forms[f] == nil {
				add(fmt.Sprintf("autoReply names unknown form %q", f), "sales", "autoReply", "forms", i)
			}
		}
	}
	out = append(out, s.Sales.checkTracking()...)
	return out
}

func (f *Form) check(name string) []issue {
	var out []issue
	add := func(msg string, path ...any) {
		out = append(out, issue{path: append([]any{"forms", name}, path...), msg: msg})
	}
	switch {
	case f.ThankYou == "":
		add("thankYou is missing: the page a successful post is redirected to", "thankYou")
	case !strings.HasPrefix(f.ThankYou, "/") || strings.HasPrefix(f.ThankYou, "//"):
		add(fmt.Sprintf("thankYou %q must be a site path starting with /", f.ThankYou), "thankYou")
	}
	if len(f.Fields) == 0 {
		add("form has no fields", "fields")
	}
	seen := map[string]bool{}
	for i := range f.Fields {
		fd := &f.Fields[i]
		at := func(msg string, key string) { add(msg, "fields", i, key) }
		switch {
		case fd.Name == "":
			at("field has no name", "name")
		case !nameRE.MatchString(fd.Name):
			at(fmt.Sprintf("field name %q must start with a letter and use only letters, digits, - and _ (names starting with _ are reserved)", fd.Name), "name")
		case seen[fd.Name]:
			at(fmt.Sprintf("field %q is declared twice", fd.Name), "name")
		}
		seen[fd.Name] = true
		switch fd.Type {
		case TypeText, TypeEmail, TypeTel, TypeURL, TypeTextarea, TypeCheckbox, TypeHidden:
			if len(fd.Options) > 0 {
				at(fmt.Sprintf("options are only for select fields, not %s", fd.Type), "options")
			}
		case TypeSelect:
			if len(fd.Options) == 0 {
				at("select field has no options", "type")
			}
			for j, o := range fd.Options {
				if strings.TrimSpace(o) == "" {
					add("select option is empty", "fields", i, "options", j)
				}
			}
		default:
			at(fmt.Sprintf("unknown field type %q (want text, email, tel, url, textarea, select, checkbox or hidden)", fd.Type), "type")
		}
		if fd.MaxLength < 0 {
			at("maxLength must not be negative", "maxLength")
		}
		fd.re = nil
		if fd.Pattern != "" {
			if _, err := regexp.Compile(fd.Pattern); err != nil {
				at(fmt.Sprintf("pattern %q is not a valid Go regexp: %v", fd.Pattern, err), "pattern")
			} else if re, err := regexp.Compile(`^(?:` + fd.Pattern + `)$`); err != nil {
				at(fmt.Sprintf("pattern %q is not a valid Go regexp: %v", fd.Pattern, err), "pattern")
			} else {
				fd.re = re
			}
		}
	}
	return out
}

// Origin returns the scheme://host[:port] of an absolute http(s) URL.
func Origin(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("origin: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("origin: %q is not an absolute http(s) URL", rawURL)
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), nil
}
