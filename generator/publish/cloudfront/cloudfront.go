// Package cloudfront is a publish.Invalidator on Amazon CloudFront.
package cloudfront

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awscf "github.com/aws/aws-sdk-go-v2/service/cloudfront"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront/types"

	"github.com/storyfront/storyfront/generator/publish"
)

// Distribution is a CloudFront distribution whose cache a deploy
// invalidates.
type Distribution struct {
	client *awscf.Client
	id     string
	now    func() time.Time
}

var _ publish.Invalidator = (*Distribution)(nil)

// New returns the distribution id, reached with cfg (the SDK's default
// chain; AWS_ENDPOINT_URL_CLOUDFRONT points it elsewhere, as the tests do).
func New(cfg aws.Config, id string) *Distribution {
	// CloudFront is global: its API is signed for us-east-1 whatever the
	// site's region (the SDK's own endpoint rules do the same).
	client := awscf.NewFromConfig(cfg, func(o *awscf.Options) { o.Region = "us-east-1" })
	return &Distribution{client: client, id: id, now: time.Now}
}

// String names the distribution.
func (d *Distribution) String() string { return "CloudFront distribution " + d.id }

// Invalidate asks CloudFront to drop paths from its caches and returns the
// invalidation's ID. It does not wait for the invalidation to complete
// (minutes): CloudFront finishes it on its own.
func (d *Distribution) Invalidate(ctx context.Context, paths []string) (string, error) {
	out, err := d.client.CreateInvalidation(ctx, &awscf.CreateInvalidationInput{
		DistributionId: aws.String(d.id),
		InvalidationBatch: &types.InvalidationBatch{
			// Unique per request: CloudFront treats a repeated reference as
			// the same invalidation.
			CallerReference: aws.String(fmt.Sprintf("storyfront-%d", d.now().UnixNano())),
			Paths:           &types.Paths{Quantity: aws.Int32(int32(len(paths))), Items: paths},
		},
	})
	if err != nil {
		return "", err
	}
	if out.Invalidation == nil {
		return "", nil
	}
	return aws.ToString(out.Invalidation.Id), nil
}
