package lambda

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// AWSConfig builds the AWS configuration from the variables Lambda sets
// (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN) and the standard endpoint overrides
// (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SESV2).
// It stands in for aws-sdk-go-v2/config, whose SSO, STS and profile
// support a function never uses and which would add megabytes to the
// bootstrap.
func AWSConfig(getenv func(string) string) aws.Config {
	region := getenv("AWS_REGION")
	if region == "" {
		region = getenv("AWS_DEFAULT_REGION")
	}
	cfg := aws.Config{
		Region: region,
		Credentials: aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			c := aws.Credentials{AccessKeyID: getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: getenv("AWS_SECRET_ACCESS_KEY"),
				SessionToken: getenv("AWS_SESSION_TOKEN"), Source: "environment"}
			if c.AccessKeyID == "" || c.SecretAccessKey == "" {
				return aws.Credentials{}, errors.New("AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY is not set")
			}
			return c, nil
		})),
		RetryMaxAttempts: 3,
	}
	if e := getenv("AWS_ENDPOINT_URL"); e != "" {
		cfg.BaseEndpoint = aws.String(e)
	}
	return cfg
}

// serviceConfig returns cfg with the endpoint override of one service
// (AWS_ENDPOINT_URL_<SERVICE>), if set.
func serviceConfig(cfg aws.Config, getenv func(string) string, service string) aws.Config {
	c := cfg.Copy()
	if e := getenv("AWS_ENDPOINT_URL_" + service); e != "" {
		c.BaseEndpoint = aws.String(e)
	}
	return c
}
