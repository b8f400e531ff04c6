// Command storyfront-lambda is the AWS Lambda bootstrap (provided.al2023)
// of Storyfront capture: environment → store → handler → lambda.Start.
// Build it with GOOS=linux GOARCH=arm64 CGO_ENABLED=0 -tags lambda.norpc;
// site.yaml travels next to it in the zip (storyfront capture package).
package main

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	caplambda "github.com/storyfront/storyfront/capture/lambda"
)

func main() {
	ctx := context.Background()
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	fn, err := caplambda.FromEnv(ctx, caplambda.AWSConfig(os.Getenv), os.Getenv, log)
	if err == nil {
		lambda.Start(fn)
		return
	}
	log.Error("storyfront-lambda: cannot start", "err", err)
	os.Exit(1)
}
