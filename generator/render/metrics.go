package render

import (
	"sort"
	"sync"
	"time"
)

// TemplateStat is how often one template ran during a build and how long
// it took, like Hugo's --templateMetrics: a layout's time includes the
// partials it calls, and a partial's the partials it calls in turn.
type TemplateStat struct {
	Name  string // "_default/single.html", "partials/card.html", "index.xml"
	Count int
	Total time.Duration
	Max   time.Duration
}

// metrics gathers TemplateStats from the workers that render in
// parallel; nil when the build is not profiled.
type metrics struct {
	mu    sync.Mutex
	stats map[string]*TemplateStat
}

// record adds one run of the template name that took d.
func (m *metrics) record(name string, d time.Duration) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.stats[name]
	if s == nil {
		s = &TemplateStat{Name: name}
		m.stats[name] = s
	}
	s.Count++
	s.Total += d
	s.Max = max(s.Max, d)
}

// TemplateStats returns the templates run since the Renderer was made,
// the slowest in total first; nil unless Options.Metrics is set.
func (r *Renderer) TemplateStats() []TemplateStat {
	m := r.metrics
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]TemplateStat, 0, len(m.stats))
	for _, s := range m.stats {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Total != out[j].Total {
			return out[i].Total > out[j].Total
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// ResetTemplateStats forgets what TemplateStats gathered so far.
func (r *Renderer) ResetTemplateStats() {
	if m := r.metrics; m != nil {
		m.mu.Lock()
		defer m.mu.Unlock()
		clear(m.stats)
	}
}

// timer starts timing a template run; call what it returns with the
// template's name when the run ends. It does nothing without metrics.
func (r *Renderer) timer() func(name string) {
	if r.metrics == nil {
		return func(string) {}
	}
	start := time.Now()
	return func(name string) { r.metrics.record(name, time.Since(start)) }
}
