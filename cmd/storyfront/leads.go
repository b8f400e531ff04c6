package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	db := &leadsDB{}
	fs.StringVar(&db.path, "db", "", "the SQLite `file` of leads (default: leads.db in the -s folder)")
	fs.StringVar(&db.site, "s", ".", "the site `folder`: its leads.db and site.yaml (for the forms' field order)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errReported
	}
	cmd, rest := fs.Arg(0), fs.Args()[1:]
	run := map[string]func(context.Context, *leadsDB, []string) error{
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
func (m *Main) leadsFlags(name, usage, description string, db *leadsDB) *leadsFlagSet {
	fs := m.flagSet("leads "+name, usage, description)
	fs.StringVar(&db.path, "db", db.path, "the SQLite `file` of leads (default: leads.db in the -s folder)")
	fs.StringVar(&db.site, "s", db.site, "the site `folder`: its leads.db and site.yaml (for the forms' field order)")
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

// leadsDB is where the leads commands find the leads: --db, else the
// leads.db of the site folder -s (the file 'storyfront serve' writes).
type leadsDB struct {
	path, site string
}

// file is the lead database's path.
func (d *leadsDB) file() string {
	if d.path != "" {
		return d.path
	}
	return filepath.Join(d.site, "leads.db")
}

// openLeads opens an existing lead database (it never creates one: a
// mistyped --db should not look like an empty list).
func openLeads(ctx context.Context, path string) (*sqlite.Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("leads: no lead database at %s: 'storyfront serve' and 'storyfront capture serve' write one; name it with --db FILE, or the site folder holding leads.db with -s DIR", path)
	} else if err != nil {
		return nil, fmt.Errorf("leads: %w", err)
	}
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("leads: %w", err)
	}
	return s, nil
}

func (m *Main) leadsList(ctx context.Context, db *leadsDB, args []string) error {
	fs := m.leadsFlags("list", "[--form NAME] [--status S] [--since YYYY-MM-DD] [--story TEXT] [--campaign NAME] [--spam] [--limit N]",
		"List leads, oldest first: age, form, name, email, company and the form's other short\n"+
			"fields, story, campaign and status. --story and --campaign match case-insensitively\n"+
			"(--story: part of the title).", db)
	form := fs.String("form", "", "only leads of this `form`")
	status := fs.String("status", "", "only leads with this `status` (new, contacted, qualified, won, lost)")
	since := fs.String("since", "", "only leads from this `date` (YYYY-MM-DD, UTC) on")
	story := fs.String("story", "", "only leads whose story `title` contains this")
	campaign := fs.String("campaign", "", "only leads of this utm `campaign`")
	spam := fs.Bool("spam", false, "include leads marked as spam")
	limit := fs.Int("limit", 0, "at most `N` leads (0: all)")
	table := fs.String("table", "", "read the DynamoDB `table` of a Lambda deployment instead of --db (a scan)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("leads list: unexpected argument %q", fs.Arg(0))
	}
	*status = strings.ToLower(strings.TrimSpace(*status))
	if *status != "" && !capture.ValidStatus(*status) {
		return fmt.Errorf("leads list: --status %q: want one of %s", capture.Printable(*status), strings.Join(capture.Statuses(), ", "))
	}
	q := capture.Query{Form: *form, IncludeSpam: *spam}
	var err error
	if q.Since, err = parseSince("list", *since); err != nil {
		return err
	}
	s, err := deliveryStore(ctx, db.file(), *table)
	if err != nil {
		return err
	}
	defer s.Close()
	all, err := s.List(ctx, q)
	if err != nil {
		return err
	}
	leads := all[:0]
	for _, l := range all {
		if *status != "" && l.Outcome.State() != *status ||
			*story != "" && !strings.Contains(strings.ToLower(l.Attribution.Story), strings.ToLower(*story)) ||
			*campaign != "" && !strings.EqualFold(l.Attribution.UTMCampaign, *campaign) {
			continue
		}
		if *limit > 0 && len(leads) == *limit {
			break
		}
		leads = append(leads, l)
	}
	order := loadFormOrder(db.site)
	extra := order.shortColumns(leads)
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	head := []string{"ID", "AGE", "FORM", "NAME", "EMAIL", "COMPANY"}
	for _, c := range extra {
		head = append(head, strings.ToUpper(capture.Printable(c)))
	}
	fmt.Fprintln(tw, strings.Join(append(head, "STORY", "CAMPAIGN", "STATUS"), "\t"))
	now := time.Now()
	for _, l := range leads {
		row := []string{cell(l.ID, 26), age(now, l.CreatedAt), cell(l.Form, 20), cell(l.Fields["name"], 30), cell(l.Email(), 40), cell(l.Fields["company"], 30)}
		for _, c := range extra {
			row = append(row, cell(l.Fields[c], 24))
		}
		st := describeOutcome(l.Outcome)
		if l.Spam {
			st = "spam"
		}
		row = append(row, cell(l.Attribution.Story, 40), cell(l.Attribution.UTMCampaign, 24), st)
		fmt.Fprintln(tw, strings.Join(row, "\t"))
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

func (m *Main) leadsShow(ctx context.Context, db *leadsDB, args []string) error {
	fs := m.leadsFlags("show", "ID", "Show one lead: fields, attribution and deliveries.", db)
	table := fs.String("table", "", "read the DynamoDB `table` of a Lambda deployment instead of --db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("leads show: want one lead ID")
	}
	s, err := deliveryStore(ctx, db.file(), *table)
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
	line("status", describeOutcome(l.Outcome))
	fmt.Fprintln(w, "Fields")
	for _, name := range loadFormOrder(db.site).fields(l) {
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
	if jl := journeyLines(a.Journey); len(jl) > 0 {
		fmt.Fprintln(w, "Journey")
		for _, kv := range jl {
			line(kv[0], kv[1])
		}
	}
	history, err := statusHistory(ctx, s, l.ID)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Status history")
	if len(history) == 0 {
		fmt.Fprintln(w, "  none (new)")
	}
	for i, c := range history {
		line(fmt.Sprint(i+1), historyLine(c))
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

func (m *Main) leadsExport(ctx context.Context, db *leadsDB, args []string) (err error) {
	fs := m.leadsFlags("export", "--format csv|json [-o FILE] [--spam]",
		"Export every lead as CSV (one column per field; cells that a spreadsheet\n"+
			"would run as a formula get a leading ') or as JSON.", db)
	format := fs.String("format", "csv", "csv or json")
	out := fs.String("o", "", "write to `file` instead of stdout")
	spam := fs.Bool("spam", false, "include leads marked as spam")
	table := fs.String("table", "", "read the DynamoDB `table` of a Lambda deployment instead of --db (a scan)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("leads export: --format %q: want csv or json", *format)
	}
	s, err := deliveryStore(ctx, db.file(), *table)
	if err != nil {
		return err
	}
	defer s.Close()
	leads, err := s.List(ctx, capture.Query{IncludeSpam: *spam})
	if err != nil {
		return err
	}
	histories := make(map[string][]capture.StatusChange, len(leads))
	for _, l := range leads {
		if l.Outcome.Status != "" && l.Outcome.Status != capture.StatusNew || !l.Outcome.At.IsZero() {
			if histories[l.ID], err = statusHistory(ctx, s, l.ID); err != nil {
				return err
			}
		}
	}
	order := loadFormOrder(db.site)
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
		err = exportJSON(w, leads, order, histories)
	} else {
		err = exportCSV(w, leads, order, histories)
	}
	if err != nil {
		return fmt.Errorf("leads export: %w", err)
	}
	if *out != "" {
		fmt.Fprintf(m.Stderr, "%d leads written to %s\n", len(leads), *out)
	}
	return nil
}

func exportCSV(w io.Writer, leads []*capture.Lead, order formOrder, histories map[string][]capture.StatusChange) error {
	fields := order.columns(leads)
	cw := csv.NewWriter(w)
	header := []string{"id", "created_at", "form", "spam", "consent"}
	for _, f := range fields {
		header = append(header, capture.CSVCell(f))
	}
	header = append(header, "page", "story", "referrer", "landing", "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
		"first_touch_page", "first_touch_referrer", "first_touch_source", "first_touch_medium", "first_touch_campaign", "first_touch_at",
		"stories_read", "status", "value", "currency", "status_history", "user_agent")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, l := range leads {
		a, o := l.Attribution, l.Outcome
		row := []string{l.ID, l.CreatedAt.UTC().Format(time.RFC3339), l.Form, yesNo(l.Spam), yesNo(l.Consent)}
		for _, f := range fields {
			row = append(row, l.Fields[f])
		}
		row = append(row, a.Page, a.Story, a.Referrer, a.Landing, a.UTMSource, a.UTMMedium, a.UTMCampaign, a.UTMTerm, a.UTMContent)
		first := capture.Touch{}
		if a.Journey != nil && a.Journey.First != nil {
			first = *a.Journey.First
		}
		at := ""
		if !first.At.IsZero() {
			at = first.At.UTC().Format(time.RFC3339)
		}
		value := ""
		if o.Currency != "" {
			value = fmt.Sprintf("%d.%02d", o.Value/100, o.Value%100)
		}
		var hist []string
		for _, c := range histories[l.ID] {
			hist = append(hist, historyLine(c))
		}
		row = append(row, first.Page, first.Referrer, first.Source, first.Medium, first.Campaign, at,
			storiesLine(a.Journey), o.State(), value, o.Currency, strings.Join(hist, "; "), l.UserAgent)
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
	ID          string                 `json:"id"`
	CreatedAt   time.Time              `json:"createdAt"`
	Form        string                 `json:"form"`
	Fields      json.RawMessage        `json:"fields"` // an object in the form's field order
	Attribution capture.Attribution    `json:"attribution"`
	Consent     bool                   `json:"consent"`
	Spam        bool                   `json:"spam"`
	Status      capture.Outcome        `json:"status"`
	History     []capture.StatusChange `json:"history"`
	UserAgent   string                 `json:"userAgent,omitempty"`
	IPHash      string                 `json:"ipHash,omitempty"`
}

// orderedFields writes the lead's fields as a JSON object in form order.
func orderedFields(l *capture.Lead, order formOrder) (json.RawMessage, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, n := range order.fields(l) {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(n)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(l.Fields[n])
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func exportJSON(w io.Writer, leads []*capture.Lead, order formOrder, histories map[string][]capture.StatusChange) error {
	out := make([]leadJSON, len(leads))
	for i, l := range leads {
		fields, err := orderedFields(l, order)
		if err != nil {
			return err
		}
		o := l.Outcome
		o.Status = o.State()
		out[i] = leadJSON{ID: l.ID, CreatedAt: l.CreatedAt.UTC(), Form: l.Form, Fields: fields,
			Attribution: l.Attribution, Consent: l.Consent, Spam: l.Spam, Status: o, History: histories[l.ID],
			UserAgent: l.UserAgent, IPHash: l.IPHash}
		if out[i].History == nil {
			out[i].History = []capture.StatusChange{}
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out) // escapes <, > and & as \u003c..., so no markup survives
}

func (m *Main) leadsErase(ctx context.Context, db *leadsDB, args []string) error {
	fs := m.leadsFlags("erase", "--email ADDR", "Erase every lead of that email address, with its deliveries.", db)
	email := fs.String("email", "", "the person's email `address`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" {
		fs.Usage()
		return errors.New("leads erase: --email is required")
	}
	s, err := openLeads(ctx, db.file())
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
