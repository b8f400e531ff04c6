package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	awsdynamodb "github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/store/dynamodb"
)

// deliveryStore opens the SQLite file, or with table set the DynamoDB
// table a Lambda deployment uses (AWS credentials and region from the
// usual environment or profile).
func deliveryStore(ctx context.Context, db, table string) (capture.Store, error) {
	if table == "" {
		return openLeads(ctx, db)
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("leads: AWS configuration: %w", err)
	}
	return dynamodb.New(awsdynamodb.NewFromConfig(cfg), table), nil
}

func (m *Main) leadsDead(ctx context.Context, db *leadsDB, args []string) error {
	fs := m.leadsFlags("dead", "[--limit N] [--table NAME]",
		"List dead-lettered deliveries: leads a sink refused (4xx) or that failed\n"+
			"every attempt, with the reason. Send them again with 'storyfront leads redeliver'.", db)
	limit := fs.Int("limit", 0, "at most `N` deliveries (0: all)")
	table := fs.String("table", "", "read the DynamoDB `table` of a Lambda deployment instead of --db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := deliveryStore(ctx, db.file(), *table)
	if err != nil {
		return err
	}
	defer s.Close()
	dead, err := s.Dead(ctx, *limit)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LEAD\tSINK\tATTEMPTS\tSINCE (UTC)\tREASON")
	for _, d := range dead {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\n", cell(d.LeadID, 26), cell(d.Sink, 24), d.Attempts,
			d.UpdatedAt.UTC().Format("2006-01-02 15:04"), cell(d.LastError, 120))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("leads dead: %w", err)
	}
	fmt.Fprintf(m.Stderr, "%d dead-lettered deliveries\n", len(dead))
	return nil
}

func (m *Main) leadsRedeliver(ctx context.Context, db *leadsDB, args []string) error {
	fs := m.leadsFlags("redeliver", "[--all] [--table NAME] ID... | --dead",
		"Send leads again: their dead-lettered deliveries (with --all, the delivered\n"+
			"ones too) go back to pending with their attempts reset. The running\n"+
			"'storyfront capture serve' (or the Lambda's next sweep) delivers them;\n"+
			"each delivery carries the lead id, so receivers can drop duplicates.", db)
	all := fs.Bool("all", false, "also resend deliveries that succeeded")
	dead := fs.Bool("dead", false, "redeliver every dead-lettered delivery")
	table := fs.String("table", "", "use the DynamoDB `table` of a Lambda deployment instead of --db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ids := fs.Args()
	if len(ids) == 0 && !*dead || len(ids) > 0 && *dead {
		fs.Usage()
		return errors.New("leads redeliver: want lead IDs or --dead")
	}
	s, err := deliveryStore(ctx, db.file(), *table)
	if err != nil {
		return err
	}
	defer s.Close()
	if *dead {
		ds, err := s.Dead(ctx, 0)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for _, d := range ds {
			if !seen[d.LeadID] {
				seen[d.LeadID] = true
				ids = append(ids, d.LeadID)
			}
		}
	}
	total := 0
	for _, id := range ids {
		n, err := delivery.Redeliver(ctx, s, id, *all, time.Now())
		if err != nil {
			return fmt.Errorf("leads redeliver: %w", err)
		}
		fmt.Fprintf(m.Stdout, "%s: %d deliveries queued\n", cell(id, 26), n)
		total += n
	}
	fmt.Fprintf(m.Stderr, "%d deliveries queued: the running capture server (or the next sweep) sends them\n", total)
	return nil
}
