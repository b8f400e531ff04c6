package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/storyfront/storyfront/capture/report"
	"github.com/storyfront/storyfront/capture/report/page"
)

func (m *Main) leadsReport(ctx context.Context, db *leadsDB, args []string) (err error) {
	fs := m.leadsFlags("report", "[--since YYYY-MM-DD] [--until YYYY-MM-DD] [--form NAME] [--html FILE] [--table NAME]",
		"Which stories, campaigns and sources make leads and customers: leads per week by form;\n"+
			"leads, contacted, qualified, won and won value by story (first and last touch),\n"+
			"campaign, source and medium; median time to first contact. Spam is counted apart.\n"+
			"--html writes the same numbers as one self-contained HTML page with charts.", db)
	since := fs.String("since", "", "only leads from this `date` (YYYY-MM-DD, UTC) on")
	until := fs.String("until", "", "only leads up to and including this `date` (YYYY-MM-DD, UTC)")
	form := fs.String("form", "", "only leads of this `form`")
	htmlOut := fs.String("html", "", "also write the report as an HTML `file` (charts, works offline, prints)")
	table := fs.String("table", "", "read the DynamoDB `table` of a Lambda deployment instead of --db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("leads report: unexpected argument %q", fs.Arg(0))
	}
	f := report.Filter{Form: *form}
	if f.Since, err = parseSince("report", *since); err != nil {
		return err
	}
	if *until != "" {
		u, err := time.Parse("2006-01-02", *until)
		if err != nil {
			return fmt.Errorf("leads report: --until %q: want YYYY-MM-DD", *until)
		}
		f.Until = u.AddDate(0, 0, 1) // the whole day
	}
	if !f.Since.IsZero() && !f.Until.IsZero() && !f.Until.After(f.Since) {
		return errors.New("leads report: --until is before --since")
	}
	s, err := deliveryStore(ctx, db.file(), *table)
	if err != nil {
		return err
	}
	defer s.Close()
	src, ok := s.(report.Source)
	if !ok {
		return errors.New("leads report: this store cannot report")
	}
	d, err := src.Report(ctx, f)
	if err != nil {
		return fmt.Errorf("leads report: %w", err)
	}
	if err := report.Text(m.Stdout, d); err != nil {
		return fmt.Errorf("leads report: %w", err)
	}
	if *htmlOut == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := page.Write(&buf, d, time.Now()); err != nil {
		return fmt.Errorf("leads report: %w", err)
	}
	if err := writeFileAtomic(*htmlOut, buf.Bytes()); err != nil {
		return fmt.Errorf("leads report: %w", err)
	}
	fmt.Fprintf(m.Stderr, "report written to %s\n", *htmlOut)
	return nil
}
