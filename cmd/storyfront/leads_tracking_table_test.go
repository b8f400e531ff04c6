package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsdynamodb "github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/storyfront/storyfront/capture/store/dynamodb"
	"github.com/storyfront/storyfront/capture/store/storetest"
	"github.com/storyfront/storyfront/internal/testpart"
)

// status, report, list and show with --table on a Lambda deployment's
// DynamoDB table (the real dynalite) give what they give on SQLite.
func TestLeadsTrackingOnTable(t *testing.T) {
	endpoint := testpart.Dynalite(t)
	t.Setenv("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
	t.Setenv("AWS_REGION", "eu-west-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDLOCAL")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "local")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	ctx := context.Background()
	st := dynamodb.New(awsdynamodb.New(awsdynamodb.Options{Region: "eu-west-1", BaseEndpoint: aws.String(endpoint),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDLOCAL", SecretAccessKey: "local"}, nil
		})}), "leads")
	if err := st.CreateTable(ctx); err != nil {
		t.Fatal(err)
	}
	storetest.Load(t, st)
	leads, _ := storetest.FixedLeads()
	run := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := NewMain(&out, &errOut).Run(ctx, append([]string{"leads"}, args...)); err != nil {
			t.Fatalf("leads %v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	if out := run("status", leads[3].ID, "qualified", "--table", "leads", "--value", "900"); !strings.Contains(out, "qualified, 900 EUR") {
		t.Errorf("status --table: %q", out)
	}
	report := run("report", "--table", "leads", "--until", "2026-11-30")
	for _, want := range []string{"6 leads (1 more marked as spam)", "Won: 12,000 EUR + 500.50 USD", "3      3          2          2    12,000 EUR + 500.50 USD  The first hour"} {
		if !strings.Contains(report, want) {
			t.Errorf("report --table lacks %q:\n%s", want, report)
		}
	}
	if out := run("list", "--table", "leads", "--status", "won"); !strings.Contains(out, leads[0].ID) || !strings.Contains(out, leads[4].ID) || strings.Contains(out, leads[1].ID) {
		t.Errorf("list --table --status won:\n%s", out)
	}
	if out := run("show", leads[0].ID, "--table", "leads"); !strings.Contains(out, "won 12,000 EUR (cli)") || !strings.Contains(out, "story 1") {
		t.Errorf("show --table:\n%s", out)
	}
}
