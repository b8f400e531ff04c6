package lambda

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsdynamodb "github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/digest"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/statushook"
	"github.com/storyfront/storyfront/capture/store/dynamodb"
)

// Environment variables the function reads (the SAM template sets them).
const (
	EnvTable      = "STORYFRONT_TABLE"       // DynamoDB table name (required)
	EnvSiteDir    = "STORYFRONT_SITE_DIR"    // folder holding site.yaml; default: next to the binary
	EnvIPSalt     = "STORYFRONT_IP_SALT"     // salt of the client IP hash (a secret; keeps hashes stable)
	EnvPathPrefix = "STORYFRONT_PATH_PREFIX" // see Options.PathPrefix
)

// FromEnv wires the function from the environment (cfg: see AWSConfig):
// site.yaml from the
// deployment package, the DynamoDB store, the sinks, the worker and the
// capture handler. Sinks that are not configured are logged and leave
// their deliveries pending.
func FromEnv(ctx context.Context, cfg aws.Config, getenv func(string) string, log *slog.Logger) (*Function, error) {
	table := getenv(EnvTable)
	if table == "" {
		return nil, fmt.Errorf("%s is not set", EnvTable)
	}
	dir := getenv(EnvSiteDir)
	if dir == "" {
		dir = siteDir(getenv)
	}
	site, err := schema.Load(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	store := dynamodb.New(awsdynamodb.NewFromConfig(serviceConfig(cfg, getenv, "DYNAMODB")), table)
	senders, problems := delivery.Senders(ctx, site.Sales, delivery.SenderOptions{Getenv: getenv,
		AWS: func(context.Context) (aws.Config, error) { return serviceConfig(cfg, getenv, "SESV2"), nil }})
	for _, p := range problems {
		log.Warn("sink not configured: its leads stay pending", "problem", p)
	}
	w, err := delivery.NewWorker(delivery.Config{Store: store, Site: site, Senders: senders,
		Policy: delivery.PolicyFrom(site.Sales.Retry), Logger: log})
	if err != nil {
		return nil, err
	}
	weekly, err := digest.New(site, senders, store, log)
	if err != nil {
		return nil, err
	}
	opts := Options{PathPrefix: getenv(EnvPathPrefix), Logger: log}
	if weekly != nil {
		opts.OnSweep = func(ctx context.Context) {
			if _, err := weekly.RunOnce(ctx, time.Now()); err != nil {
				log.Error("weekly digest", "err", err)
			}
		}
	}
	fn := New(nil, w, opts)
	var salt []byte
	if s := getenv(EnvIPSalt); s != "" {
		salt = []byte(s)
	}
	status, err := statushook.FromSite(site, store, getenv, log)
	if err != nil {
		return nil, err
	}
	h, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: store, Route: delivery.NewRouter(site.Sales).Route,
		OnStored: fn.Stored, Logger: log, IPSalt: salt, Status: status})
	if err != nil {
		return nil, err
	}
	fn.handler = h
	return fn, nil
}

// siteDir is where the deployment package was unpacked: LAMBDA_TASK_ROOT
// if it holds site.yaml, else the running binary's folder.
func siteDir(getenv func(string) string) string {
	if d := getenv("LAMBDA_TASK_ROOT"); d != "" {
		if _, err := os.Stat(filepath.Join(d, schema.FileName)); err == nil {
			return d
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return "."
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	return filepath.Dir(exe)
}
