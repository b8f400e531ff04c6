package delivery

import (
	"strings"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
)

// AutoReplySink is the delivery name of the optional auto-reply to the lead.
// site.yaml may not name a sink so.
const AutoReplySink = "autoReply"

// Router picks the sinks a lead goes to.
type Router struct {
	routes    []schema.Route
	def       []string
	autoReply *schema.AutoReply
}

// NewRouter returns the router for a sales: section.
func NewRouter(s schema.Sales) *Router {
	r := &Router{}
	for _, rt := range s.Routes {
		if rt.Form == "" && len(rt.When) == 0 {
			if r.def == nil {
				r.def = rt.To
			}
			continue
		}
		r.routes = append(r.routes, rt)
	}
	if s.AutoReply != nil && s.AutoReply.Enabled {
		r.autoReply = s.AutoReply
	}
	return r
}

// Route returns the sinks of the first route matching l (its form, and
// every When field equal to the lead's value, ignoring case and outer
// spaces), else the default route's; plus AutoReplySink when the
// auto-reply is enabled for the lead's form and the lead gave an email.
// Spam is never routed.
func (r *Router) Route(l *capture.Lead) []string {
	if l.Spam {
		return nil
	}
	to := r.def
	for _, rt := range r.routes {
		if matches(rt, l) {
			to = rt.To
			break
		}
	}
	out := dedupe(to)
	if r.autoReply != nil && l.Email() != "" && forForm(r.autoReply.Forms, l.Form) {
		out = append(out, AutoReplySink)
	}
	return out
}

func matches(rt schema.Route, l *capture.Lead) bool {
	if rt.Form != "" && rt.Form != l.Form {
		return false
	}
	for field, want := range rt.When {
		if !strings.EqualFold(strings.TrimSpace(l.Fields[field]), strings.TrimSpace(want)) {
			return false
		}
	}
	return true
}

func forForm(forms []string, form string) bool {
	if len(forms) == 0 {
		return true
	}
	for _, f := range forms {
		if f == form {
			return true
		}
	}
	return false
}

func dedupe(names []string) []string {
	out := make([]string, 0, len(names)+1)
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
