package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

const leadsUsage = `Usage: storyfront leads [--db FILE] <command> [flags]

Commands:
  list                 the leads, oldest first (id, time, form, email, story, campaign)
  show ID              one lead with its fields, attribution and deliveries
  export --format F    every lead as csv or json (to stdout, or -o FILE)
  report               which stories, campaigns and sources make leads and customers (--html FILE: with charts)
  status ID STATUS     record what became of a lead (new, contacted, qualified, won, lost)
  erase --email ADDR   remove that person's leads and their deliveries
  dead                 dead-lettered deliveries (a sink refused them or gave up), with the reason
  redeliver ID...      send leads again (--dead: every dead-lettered one)
`

func (m *Main) runLeads(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("leads", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), leadsUsage, "\nFlags:\n")
		fs.PrintDefaults()
	}
	db := fs.String("db", "leads.db", "the SQLite `file` of leads")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errReported
	}
	cmd, rest := fs.Arg(0), fs.Args()[1:]
	run := map[string]func(context.Context, *string, []string) error{
		"list":   m.leadsList,
		"show":   m.leadsShow,
		"export": m.leadsExport,
		"report": m.leadsReport,
		"erase":  m.leadsErase,
		"status": m.leadsStatus, // leads_status.go
		// Delivery (leads_delivery.go).
		"dead":      m.leadsDead,
		"redeliver": m.leadsRedeliver,
	}[cmd]
	if run == nil {
		fs.Usage()
		return fmt.Errorf("leads: unknown command %q", cmd)
	}
	return run(ctx, db, rest)
}

// leadsFlags is a subcommand's flag set, which also accepts --db and takes
// flags before, between or after the positional arguments.
func (m *Main) leadsFlags(name, usage, description string, db *string) *leadsFlagSet {
	fs := m.flagSet("leads "+name, usage, description)
	fs.StringVar(db, "db", *db, "the SQLite `file` of leads")
	return &leadsFlagSet{FlagSet: fs}
}

// leadsFlagSet is a flag.FlagSet whose Parse accepts flags anywhere
// (`leads show ID --db FILE`, as `new story` does); Args, NArg and Arg
// then give the positional arguments.
type leadsFlagSet struct {
	*flag.FlagSet
	args []string
}

// Parse parses flags wherever they stand among args.
func (f *leadsFlagSet) Parse(args []string) error {
	pos, err := parseInterspersed(f.FlagSet, args)
	f.args = pos
	return err
}

// Args is the positional arguments.
func (f *leadsFlagSet) Args() []string { return f.args }

// NArg is the number of positional arguments.
func (f *leadsFlagSet) NArg() int { return len(f.args) }

// Arg is the i-th positional argument, or "".
func (f *leadsFlagSet) Arg(i int) string {
	if i < 0 || i >= len(f.args) {
		return ""
	}
	return f.args[i]
}

// openLeads opens an existing lead database (it never creates one: a
// mistyped --db should not look like an empty list).
func openLeads(ctx context.Context, path string) (*sqlite.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("leads: %w", err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("leads: %w", err)
	}
	return s, nil
}

// listLeads opens the lead database at path, lists the leads q selects and
// closes it again.
func listLeads(ctx context.Context, path string, q capture.Query) ([]*capture.Lead, error) {
	s, err := openLeads(ctx, path)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.List(ctx, q)
}

func (m *Main) leadsList(ctx context.Context, db *string, args []string) error {
	fs := m.leadsFlags("list", "[--form NAME] [--since YYYY-MM-DD] [--spam] [--limit N]", "List leads, oldest first.", db)
	form := fs.String("form", "", "only leads of this `form`")
	since := fs.String("since", "", "only leads from this `date` (YYYY-MM-DD, UTC) on")
	spam := fs.Bool("spam", false, "include leads marked as spam")
	limit := fs.Int("limit", 0, "at most `N` leads (0: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	q := capture.Query{Form: *form, IncludeSpam: *spam, Limit: *limit}
	var err error
	if q.Since, err = parseSince("list", *since); err != nil {
		return err
	}
	s, err := openLeads(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	leads, err := s.List(ctx, q)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTIME (UTC)\tFORM\tEMAIL\tSTORY\tCAMPAIGN\tSPAM")
	for _, l := range leads {
		spamMark := ""
		if l.Spam {
			spamMark = "spam"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", cell(l.ID, 26), l.CreatedAt.UTC().Format("2006-01-02 15:04"),
			cell(l.Form, 20), cell(l.Email(), 40), cell(l.Attribution.Story, 40), cell(l.Attribution.UTMCampaign, 24), spamMark)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("leads list: %w", err)
	}
	if len(leads) == 1 {
		fmt.Fprintln(m.Stderr, "1 lead")
	} else {
		fmt.Fprintf(m.Stderr, "%d leads\n", len(leads))
	}
	if dead, err := s.Dead(ctx, 0); err == nil && len(dead) > 0 {
		fmt.Fprintf(m.Stderr, "%d dead-lettered deliveries: see 'storyfront leads dead'\n", len(dead))
	}
	return nil
}

// cell makes an untrusted value one safe table cell of at most max characters.
func cell(s string, max int) string {
	s = capture.Printable(s)
	if r := []rune(s); len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	if s == "" {
		return "-"
	}
	return s
}

func (m *Main) leadsShow(ctx context.Context, db *string, args []string) error {
	fs := m.leadsFlags("show", "ID", "Show one lead: fields, attribution and deliveries.", db)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("leads show: want one lead ID")
	}
	s, err := openLeads(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	l, err := s.Get(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	ds, err := s.Deliveries(ctx, l.ID)
	if err != nil {
		return err
	}
	w := m.Stdout
	line := func(label, value string) {
		parts := strings.Split(value, "\n")
		fmt.Fprintf(w, "  %-16s %s\n", label, capture.Printable(parts[0]))
		for _, p := range parts[1:] {
			fmt.Fprintf(w, "  %-16s %s\n", "", capture.Printable(p))
		}
	}
	fmt.Fprintf(w, "Lead %s\n", capture.Printable(l.ID))
	line("created", l.CreatedAt.UTC().Format(time.RFC3339))
	line("form", l.Form)
	line("spam", yesNo(l.Spam))
	line("consent", yesNo(l.Consent))
	fmt.Fprintln(w, "Fields")
	for _, name := range l.FieldNames() {
		line(name, l.Fields[name])
	}
	a := l.Attribution
	fmt.Fprintln(w, "Attribution")
	for _, kv := range [][2]string{{"page", a.Page}, {"story", a.Story}, {"referrer", a.Referrer}, {"landing", a.Landing},
		{"utm_source", a.UTMSource}, {"utm_medium", a.UTMMedium}, {"utm_campaign", a.UTMCampaign}, {"utm_term", a.UTMTerm}, {"utm_content", a.UTMContent}} {
		if kv[1] != "" {
			line(kv[0], kv[1])
		}
	}
	fmt.Fprintln(w, "Client")
	line("user agent", l.UserAgent)
	line("IP hash", l.IPHash)
	if l.IdempotencyKey != "" {
		line("idempotency key", l.IdempotencyKey)
	}
	fmt.Fprintln(w, "Deliveries")
	if len(ds) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, d := range ds {
		status := fmt.Sprintf("%s, %d attempts", d.State, d.Attempts)
		if d.State == capture.DeliveryPending {
			status += ", next " + d.NextAt.UTC().Format(time.RFC3339)
		}
		if d.LastError != "" {
			status += ", last error: " + d.LastError
		}
		line(d.Sink, status)
	}
	return nil
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (m *Main) leadsExport(ctx context.Context, db *string, args []string) (err error) {
	fs := m.leadsFlags("export", "--format csv|json [-o FILE] [--spam]",
		"Export every lead as CSV (one column per field; cells that a spreadsheet\n"+
			"would run as a formula get a leading ') or as JSON.", db)
	format := fs.String("format", "csv", "csv or json")
	out := fs.String("o", "", "write to `file` instead of stdout")
	spam := fs.Bool("spam", false, "include leads marked as spam")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("leads export: --format %q: want csv or json", *format)
	}
	leads, err := listLeads(ctx, *db, capture.Query{IncludeSpam: *spam})
	if err != nil {
		return err
	}
	w := m.Stdout
	if *out != "" {
		// Leads are personal data: the file is readable by its owner only.
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return fmt.Errorf("leads export: %w", err)
		}
		defer func() {
			if cerr := f.Close(); cerr != nil && err == nil {
				err = fmt.Errorf("leads export: %w", cerr)
			}
		}()
		w = f
	}
	if *format == "json" {
		err = exportJSON(w, leads)
	} else {
		err = exportCSV(w, leads)
	}
	if err != nil {
		return fmt.Errorf("leads export: %w", err)
	}
	if *out != "" {
		fmt.Fprintf(m.Stderr, "%d leads written to %s\n", len(leads), *out)
	}
	return nil
}

func exportCSV(w io.Writer, leads []*capture.Lead) error {
	names := map[string]bool{}
	for _, l := range leads {
		for n := range l.Fields {
			names[n] = true
		}
	}
	fields := make([]string, 0, len(names))
	for n := range names {
		fields = append(fields, n)
	}
	sort.Strings(fields)
	cw := csv.NewWriter(w)
	header := []string{"id", "created_at", "form", "spam", "consent"}
	for _, f := range fields {
		header = append(header, capture.CSVCell(f))
	}
	header = append(header, "page", "story", "referrer", "landing", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "user_agent")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, l := range leads {
		a := l.Attribution
		row := []string{l.ID, l.CreatedAt.UTC().Format(time.RFC3339), l.Form, yesNo(l.Spam), yesNo(l.Consent)}
		for _, f := range fields {
			row = append(row, l.Fields[f])
		}
		row = append(row, a.Page, a.Story, a.Referrer, a.Landing, a.UTMSource, a.UTMMedium, a.UTMCampaign, a.UTMTerm, a.UTMContent, l.UserAgent)
		for i := range row {
			row[i] = capture.CSVCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

type leadJSON struct {
	ID          string              `json:"id"`
	CreatedAt   time.Time           `json:"createdAt"`
	Form        string              `json:"form"`
	Fields      map[string]string   `json:"fields"`
	Attribution capture.Attribution `json:"attribution"`
	Consent     bool                `json:"consent"`
	Spam        bool                `json:"spam"`
	UserAgent   string              `json:"userAgent,omitempty"`
	IPHash      string              `json:"ipHash,omitempty"`
}

func exportJSON(w io.Writer, leads []*capture.Lead) error {
	out := make([]leadJSON, len(leads))
	for i, l := range leads {
		out[i] = leadJSON{ID: l.ID, CreatedAt: l.CreatedAt.UTC(), Form: l.Form, Fields: l.Fields,
			Attribution: l.Attribution, Consent: l.Consent, Spam: l.Spam, UserAgent: l.UserAgent, IPHash: l.IPHash}
		if out[i].Fields == nil {
			out[i].Fields = map[string]string{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out) // escapes <, > and & as \u003c..., so no markup survives
}

func (m *Main) leadsErase(ctx context.Context, db *string, args []string) error {
	fs := m.leadsFlags("erase", "--email ADDR", "Erase every lead of that email address, with its deliveries.", db)
	email := fs.String("email", "", "the person's email `address`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" {
		fs.Usage()
		return errors.New("leads erase: --email is required")
	}
	s, err := openLeads(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	n, err := s.Erase(ctx, *email)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "erased %d leads of %s\n", n, capture.Printable(*email))
	return nil
}

// parseSince reads a --since date (YYYY-MM-DD, UTC); empty means no bound.
func parseSince(cmd, since string) (time.Time, error) {
	if since == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", since)
	if err != nil {
		return time.Time{}, fmt.Errorf("leads %s: --since %q: want YYYY-MM-DD", cmd, since)
	}
	return t, nil
}
