package main

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsdynamodb "github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/storyfront/storyfront/capture/store/dynamodb"
	"github.com/storyfront/storyfront/internal/testpart"
)

// dynaliteLeadsTable starts the real dynalite, points the AWS SDK's
// environment at it (so `leads --table` in the same test finds it, with no
// shared config or credentials files) and returns a store on a new
// "leads" table.
func dynaliteLeadsTable(ctx context.Context, t *testing.T) *dynamodb.Store {
	t.Helper()
	endpoint := testpart.Dynalite(t)
	t.Setenv("AWS_ENDPOINT_URL_DYNAMODB", endpoint)
	t.Setenv("AWS_REGION", "eu-west-1")
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDLOCAL")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "local")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	st := dynamodb.New(awsdynamodb.New(awsdynamodb.Options{Region: "eu-west-1", BaseEndpoint: aws.String(endpoint),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDLOCAL", SecretAccessKey: "local"}, nil
		})}), "leads")
	if err := st.CreateTable(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}
