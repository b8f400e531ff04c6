// Package stack reads the outputs of a CloudFormation stack made from
// deploy/template.yaml, so `storyfront deploy` finds the bucket, the
// CloudFront distribution and the capture endpoint without anyone copying
// them by hand.
package stack

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/smithy-go"
)

// The output keys deploy/template.yaml declares.
const (
	OutputBucket          = "BucketName"
	OutputDistribution    = "DistributionId"
	OutputSiteURL         = "SiteURL"
	OutputCaptureEndpoint = "CaptureEndpoint"
)

// Outputs are a stack's outputs by key, and the region it lives in.
type Outputs struct {
	Name   string
	Region string
	Values map[string]string
}

// Describe returns the outputs of the stack name, reached with cfg (the
// SDK's default chain; AWS_ENDPOINT_URL_CLOUDFORMATION points it
// elsewhere, as the tests do). region, when set, overrides cfg's. A stack
// that does not exist, or is not in a finished state, is an error.
func Describe(ctx context.Context, cfg aws.Config, name, region string) (*Outputs, error) {
	client := cloudformation.NewFromConfig(cfg, func(o *cloudformation.Options) {
		if region != "" {
			o.Region = region
		}
	})
	out, err := client.DescribeStacks(ctx, &cloudformation.DescribeStacksInput{StackName: aws.String(name)})
	if err != nil {
		var ae smithy.APIError
		if errors.As(err, &ae) && ae.ErrorCode() == "ValidationError" && strings.Contains(ae.ErrorMessage(), "does not exist") {
			return nil, fmt.Errorf("stack %q does not exist in %s: create it with sam deploy -t deploy/template.yaml (docs/deploy.md): %w", name, client.Options().Region, err)
		}
		return nil, fmt.Errorf("stack %q (%s): %w", name, client.Options().Region, err)
	}
	if len(out.Stacks) == 0 {
		return nil, fmt.Errorf("stack %q (%s): not found", name, client.Options().Region)
	}
	s := out.Stacks[0]
	status := string(s.StackStatus)
	if !strings.HasSuffix(status, "_COMPLETE") || status == "ROLLBACK_COMPLETE" || strings.HasPrefix(status, "DELETE_") {
		return nil, fmt.Errorf("stack %q is %s: deploy to it once it is CREATE_COMPLETE or UPDATE_COMPLETE", name, status)
	}
	o := &Outputs{Name: name, Region: client.Options().Region, Values: map[string]string{}}
	for _, kv := range s.Outputs {
		o.Values[aws.ToString(kv.OutputKey)] = aws.ToString(kv.OutputValue)
	}
	if o.Values[OutputBucket] == "" {
		return nil, fmt.Errorf("stack %q has no %s output: is it made from deploy/template.yaml (the capture-only stack has no bucket)?", name, OutputBucket)
	}
	return o, nil
}

// BucketURL is the s3:// URL of the stack's bucket.
func (o *Outputs) BucketURL() string {
	return "s3://" + o.Values[OutputBucket] + "?region=" + o.Region
}
