package generator

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/storyfront/storyfront/generator/render"
)

// Profile is where a build's time went (storyfront build --profile), set
// when Options.Profile is: its phases in order, the templates by name and
// the process's peak memory.
type Profile struct {
	Phases    []Phase
	Templates []render.TemplateStat // slowest in total first
	// PeakRSS is the process's peak resident memory in bytes, as the
	// system counts it (getrusage); 0 where it does not say.
	PeakRSS uint64

	readWork, parseWork time.Duration // content.Tree's ReadTime, ParseTime
}

// Phase is one step of a build and its wall time.
type Phase struct {
	Name string
	Time time.Duration
}

// Profile returns where the build's time went; nil unless
// Options.Profile was set.
func (o *Output) Profile() *Profile { return o.profile }

// add appends a phase that took d.
func (p *Profile) add(name string, d time.Duration) {
	if p != nil {
		p.Phases = append(p.Phases, Phase{name, d})
	}
}

// phase starts timing a phase; call what it returns when it ends.
func (p *Profile) phase(name string) func() {
	if p == nil {
		return func() {}
	}
	start := time.Now()
	return func() { p.add(name, time.Since(start)) }
}

// splitRead adds the phases "read" and "front matter": content.Walk does
// both at once on several workers, so its wall time is split by the time
// the workers spent on each.
func (p *Profile) splitRead(wall time.Duration) {
	if p == nil {
		return
	}
	r := 0.5
	if sum := p.readWork + p.parseWork; sum > 0 {
		r = float64(p.readWork) / float64(sum)
	}
	read := time.Duration(float64(wall) * r)
	p.add("read", read)
	p.add("front matter", wall-read)
}

// AddPhase appends a phase timed by the caller (the write, which happens
// after the build).
func (p *Profile) AddPhase(name string, d time.Duration) { p.add(name, d) }

// MeasureMemory sets PeakRSS to the process's peak so far.
func (p *Profile) MeasureMemory() { p.PeakRSS = peakRSS() }

// Print writes the profile as tables: phases with their share of the
// total, then each template's count, total and longest run.
func (p *Profile) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var total time.Duration
	for _, ph := range p.Phases {
		total += ph.Time
	}
	fmt.Fprintln(tw, "phase\tms\tshare\t")
	for _, ph := range p.Phases {
		fmt.Fprintf(tw, "%s\t%s\t%.0f%%\t\n", ph.Name, ms(ph.Time), 100*ratio(ph.Time, total))
	}
	fmt.Fprintf(tw, "total\t%s\t\t\n", ms(total))
	fmt.Fprintln(tw, "\t\t\t")
	fmt.Fprintln(tw, "template\tcount\ttotal ms\tmax ms\tmean ms\t")
	for _, t := range p.Templates {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t\n", t.Name, t.Count, ms(t.Total), ms(t.Max), ms(t.Total/time.Duration(max(t.Count, 1))))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "(a template's time includes the partials it calls; templates run on several workers at once, so their totals can exceed the phase's)")
	if err != nil {
		return err
	}
	if p.PeakRSS > 0 {
		_, err = fmt.Fprintf(w, "peak memory: %d MiB (max RSS)\n", p.PeakRSS>>20)
	} else {
		_, err = fmt.Fprintln(w, "peak memory: not measured on this system")
	}
	return err
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
