package main

import (
	"context"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/smithy-go/logging"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/schema"
)

// startDelivery builds the sinks of site.yaml's sales: section and runs
// the delivery worker in the background until ctx ends. It returns the
// worker (for the handler's OnStored) and a function that waits for it
// to stop, to call before the store is closed. Sinks that are not
// configured are logged once here and leave their leads pending.
func startDelivery(ctx context.Context, log *slog.Logger, site *schema.Site, store capture.Store) (*delivery.Worker, func(), error) {
	senders, problems := delivery.Senders(ctx, site.Sales, delivery.SenderOptions{
		Getenv: os.Getenv,
		AWS: func(ctx context.Context) (aws.Config, error) {
			return config.LoadDefaultConfig(ctx, config.WithLogger(logging.Nop{}))
		},
	})
	for _, p := range problems {
		log.Warn("sink not configured: its leads stay pending", "problem", p)
	}
	policy := delivery.PolicyFrom(site.Sales.Retry)
	w, err := delivery.NewWorker(delivery.Config{Store: store, Site: site, Senders: senders, Policy: policy, Logger: log})
	if err != nil {
		return nil, nil, err
	}
	// Poll often enough to honour the shortest backoff; a new lead wakes
	// the worker at once.
	every := min(max(policy.MinDelay/2, time.Second), 15*time.Second)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.Run(ctx, every)
	}()
	return w, wg.Wait, nil
}
