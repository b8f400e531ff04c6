package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/storyfront/storyfront/capture/report"
)

// The report's tallies are kept by triggers on the leads table: each lead
// adds one row per dimension (story, first story, campaign, source,
// medium) for its UTC day and form, and its status changes and erasure
// move it between rows. A report then reads a few thousand tally rows
// however many leads there are (see package report).

// tallyDims maps report dimensions to their leads column.
var tallyDims = [][2]string{
	{report.DimStory, "story"},
	{report.DimFirst, "first_story"},
	{report.DimCampaign, "utm_campaign"},
	{report.DimSource, "utm_source"},
	{report.DimMedium, "utm_medium"},
	{report.DimAll, "''"},
}

// tallyMigration creates the tallies, fills them from the leads already
// stored, and installs the triggers.
func tallyMigration() string {
	var b strings.Builder
	b.WriteString(`
CREATE TABLE tally (
	dim       TEXT NOT NULL,
	key       TEXT NOT NULL,
	day       INTEGER NOT NULL,
	form      TEXT NOT NULL,
	currency  TEXT NOT NULL,
	spam      INTEGER NOT NULL,
	leads     INTEGER NOT NULL,
	contacted INTEGER NOT NULL,
	qualified INTEGER NOT NULL,
	won       INTEGER NOT NULL,
	value     INTEGER NOT NULL,
	PRIMARY KEY (dim, key, currency, spam, day, form)
) WITHOUT ROWID;
CREATE TABLE contact_delay (
	day     INTEGER NOT NULL,
	form    TEXT NOT NULL,
	minutes INTEGER NOT NULL,
	n       INTEGER NOT NULL,
	PRIMARY KEY (minutes, day, form)
) WITHOUT ROWID;
`)
	// Backfill.
	for _, d := range tallyDims {
		fmt.Fprintf(&b, `INSERT INTO tally SELECT '%s', %s, %s, form, %s, spam, count(*), sum(reached >= 1), sum(reached >= 2),
	sum(status = 'won'), sum(CASE WHEN status = 'won' THEN value ELSE 0 END) FROM leads GROUP BY 2, 3, 4, 5, 6;
`, d[0], d[1], dayOf(""), currencyOf(""))
	}
	fmt.Fprintf(&b, `INSERT INTO contact_delay SELECT %s, form, %s, count(*)
	FROM leads WHERE contacted_at != 0 AND spam = 0 GROUP BY 1, 2, 3;
`, dayOf(""), delayOf(""))
	b.WriteString("CREATE TRIGGER tally_insert AFTER INSERT ON leads BEGIN\n")
	b.WriteString(tallyUpsert("NEW", 1))
	b.WriteString(delayUpsert("NEW", 1))
	b.WriteString("END;\nCREATE TRIGGER tally_delete AFTER DELETE ON leads BEGIN\n")
	b.WriteString(tallyUpsert("OLD", -1))
	b.WriteString(delayUpsert("OLD", -1))
	b.WriteString("END;\nCREATE TRIGGER tally_update AFTER UPDATE OF status, value, currency, reached, contacted_at ON leads BEGIN\n")
	b.WriteString(tallyUpsert("OLD", -1))
	b.WriteString(tallyUpsert("NEW", 1))
	b.WriteString(delayUpsert("OLD", -1))
	b.WriteString(delayUpsert("NEW", 1))
	b.WriteString("END;\n")
	return b.String()
}

// dayOf is the UTC day of a lead row's created_at (p is "NEW." or "OLD." or "").
func dayOf(p string) string { return p + "created_at / 86400000000000" }

// delayOf is report.DelayBucket of the row's time to first contact, in SQL.
func delayOf(p string) string {
	m := "((" + p + "contacted_at - " + p + "created_at) / 60000000000)"
	return "CASE WHEN " + m + " < 0 THEN 0 WHEN " + m + " < 120 THEN " + m + " WHEN " + m + " < 2880 THEN " + m + " / 10 * 10 ELSE " + m + " / 60 * 60 END"
}

func currencyOf(p string) string {
	return "CASE WHEN " + p + "status = 'won' THEN " + p + "currency ELSE '' END"
}

// tallyUpsert adds sign × the row's contribution to each dimension's tally.
func tallyUpsert(row string, sign int) string {
	p := row + "."
	var vals []string
	for _, d := range tallyDims {
		col := p + d[1]
		if strings.HasPrefix(d[1], "'") {
			col = d[1] // a constant key
		}
		vals = append(vals, fmt.Sprintf("('%s', %s, %s, %sform, %s, %sspam, %d, %d * (%sreached >= 1), %d * (%sreached >= 2), %d * (%sstatus = 'won'), %d * (CASE WHEN %sstatus = 'won' THEN %svalue ELSE 0 END))",
			d[0], col, dayOf(p), p, currencyOf(p), p, sign, sign, p, sign, p, sign, p, sign, p, p))
	}
	return "INSERT INTO tally VALUES " + strings.Join(vals, ",\n\t") + `
	ON CONFLICT DO UPDATE SET leads = leads + excluded.leads, contacted = contacted + excluded.contacted,
	qualified = qualified + excluded.qualified, won = won + excluded.won, value = value + excluded.value;
`
}

// delayUpsert adds sign to the contact delay of a contacted, non-spam lead.
func delayUpsert(row string, sign int) string {
	p := row + "."
	return fmt.Sprintf(`INSERT INTO contact_delay SELECT %s, %sform, %s, %d
	WHERE %scontacted_at != 0 AND %sspam = 0
	ON CONFLICT DO UPDATE SET n = n + excluded.n;
`, dayOf(p), p, delayOf(p), sign, p, p)
}

// Report counts the leads f selects from the tallies.
func (s *Store) Report(ctx context.Context, f report.Filter) (*report.Data, error) {
	where := []string{"1"}
	var args []any
	if !f.Since.IsZero() {
		where = append(where, "day >= ?")
		args = append(args, report.Day(f.Since))
	}
	if !f.Until.IsZero() {
		where = append(where, "day < ?")
		args = append(args, report.Day(f.Until))
	}
	if f.Form != "" {
		where = append(where, "form = ?")
		args = append(args, f.Form)
	}
	cond := strings.Join(where, " AND ")
	// The groups are summed over days and forms in SQL (the key order
	// lets SQLite stream them without sorting); the totals per day and
	// form (dim "all") are read as they are, a few thousand rows.
	rows, err := s.db.QueryContext(ctx, `SELECT dim, key, 0, '', currency, spam, sum(leads), sum(contacted), sum(qualified), sum(won), sum(value)
		FROM tally WHERE dim != 'all' AND `+cond+` GROUP BY dim, key, currency, spam HAVING sum(leads) != 0 OR sum(value) != 0
		UNION ALL
		SELECT dim, key, day, form, currency, spam, leads, contacted, qualified, won, value
		FROM tally WHERE dim = 'all' AND `+cond+` AND (leads != 0 OR value != 0)`, append(args, args...)...)
	if err != nil {
		return nil, fmt.Errorf("%s: report: %w", s.path, err)
	}
	defer rows.Close()
	var tallies []report.Row
	for rows.Next() {
		var r report.Row
		if err := rows.Scan(&r.Dim, &r.Key, &r.Day, &r.Form, &r.Currency, &r.Spam, &r.Leads, &r.Contacted, &r.Qualified, &r.Won, &r.Value); err != nil {
			return nil, fmt.Errorf("%s: report: %w", s.path, err)
		}
		tallies = append(tallies, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: report: %w", s.path, err)
	}
	drows, err := s.db.QueryContext(ctx, `SELECT minutes, sum(n) FROM contact_delay WHERE `+cond+` GROUP BY minutes HAVING sum(n) > 0`, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: report: %w", s.path, err)
	}
	defer drows.Close()
	var delays []report.Delay
	for drows.Next() {
		var d report.Delay
		if err := drows.Scan(&d.Minutes, &d.N); err != nil {
			return nil, fmt.Errorf("%s: report: %w", s.path, err)
		}
		delays = append(delays, d)
	}
	if err := drows.Err(); err != nil {
		return nil, fmt.Errorf("%s: report: %w", s.path, err)
	}
	return report.Build(f, tallies, delays), nil
}
