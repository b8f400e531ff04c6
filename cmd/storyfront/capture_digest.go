package main

import (
	"context"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/logging"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/digest"
	"github.com/storyfront/storyfront/capture/schema"
)

// digestEvery is how often capture serve looks whether the weekly digest is due.
const digestEvery = time.Minute

// startDigest runs the weekly digest (sales.digest) beside the delivery
// worker until ctx ends; the returned func waits for it. Without a digest
// in site.yaml it does nothing.
func startDigest(ctx context.Context, log *slog.Logger, site *schema.Site, store capture.Store) (func(), error) {
	if site.Sales.Digest == nil {
		return func() {}, nil
	}
	// Problems with sinks are logged by the delivery worker already.
	senders, _ := delivery.Senders(ctx, site.Sales, delivery.SenderOptions{
		Getenv: os.Getenv,
		AWS: func(ctx context.Context) (aws.Config, error) {
			return config.LoadDefaultConfig(ctx, config.WithLogger(logging.Nop{}))
		},
	})
	d, err := digest.New(site, senders, store, log)
	if err != nil {
		return func() {}, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		d.Run(ctx, digestEvery, time.Now)
	}()
	return func() { <-done }, nil
}
