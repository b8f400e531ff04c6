// Package s3 is a publish.Bucket on Amazon S3 or any S3-compatible server
// (the tests use versitygw), addressed by an s3:// URL.
package s3

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/storyfront/storyfront/generator/publish"
)

// Location is a parsed s3:// URL.
type Location struct {
	Bucket, Prefix, Region, Endpoint string
	// PathStyle addresses the bucket in the path (endpoint/bucket/key), as
	// S3-compatible servers want; default: on when Endpoint is set.
	PathStyle bool
}

// ParseURL reads s3://BUCKET[/PREFIX]?region=R&endpoint=URL&use_path_style=BOOL.
func ParseURL(u string) (Location, error) {
	p, err := url.Parse(u)
	if err != nil {
		return Location{}, err
	}
	if p.Scheme != "s3" || p.Host == "" {
		return Location{}, fmt.Errorf("%q: want s3://BUCKET[/PREFIX]?region=REGION", u)
	}
	q := p.Query()
	loc := Location{Bucket: p.Host, Prefix: strings.Trim(p.Path, "/"), Region: q.Get("region"), Endpoint: q.Get("endpoint")}
	loc.PathStyle = loc.Endpoint != ""
	if v := q.Get("use_path_style"); v != "" {
		if loc.PathStyle, err = strconv.ParseBool(v); err != nil {
			return Location{}, fmt.Errorf("%q: use_path_style: %w", u, err)
		}
	}
	return loc, nil
}

// Bucket is a publish.Bucket on S3.
type Bucket struct {
	client *awss3.Client
	loc    Location
}

var _ publish.Bucket = (*Bucket)(nil)

// New returns the bucket at loc, with cfg's credentials (the SDK's default
// chain). loc.Region, when set, overrides cfg's region.
func New(cfg aws.Config, loc Location) *Bucket {
	client := awss3.NewFromConfig(cfg, func(o *awss3.Options) {
		if loc.Region != "" {
			o.Region = loc.Region
		}
		if loc.Endpoint != "" {
			o.BaseEndpoint = aws.String(loc.Endpoint)
		}
		o.UsePathStyle = loc.PathStyle
		// Content-MD5 guards each upload; the newer CRC checksums with
		// aws-chunked bodies are not understood by every S3-compatible
		// server.
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	return &Bucket{client: client, loc: loc}
}

// String names the bucket: s3://bucket/prefix.
func (b *Bucket) String() string {
	s := "s3://" + b.loc.Bucket
	if b.loc.Prefix != "" {
		s += "/" + b.loc.Prefix
	}
	return s
}

func (b *Bucket) key(p string) string {
	if b.loc.Prefix == "" {
		return p
	}
	return b.loc.Prefix + "/" + p
}

// listWorkers is how many listings of sub-folders run at once.
const listWorkers = 8

// List returns every object under the prefix. A listing is a chain of
// requests of 1,000 keys each, one after the other; to make it shorter, the
// first request lists the top folder with a "/" delimiter, then each
// sub-folder is listed in full on its own, listWorkers at a time.
func (b *Bucket) List(ctx context.Context) ([]publish.Object, error) {
	strip := ""
	if b.loc.Prefix != "" {
		strip = b.loc.Prefix + "/"
	}
	top, folders, err := b.list(ctx, strip, "/")
	if err != nil {
		return nil, err
	}
	parts, err := b.listFolders(ctx, folders)
	if err != nil {
		return nil, err
	}
	out := top
	for _, p := range parts {
		out = append(out, p...)
	}
	for i := range out {
		out[i].Path = strings.TrimPrefix(out[i].Path, strip)
	}
	return out, nil
}

// listFolders lists each folder in full, listWorkers at a time, and
// returns the first error.
func (b *Bucket) listFolders(ctx context.Context, folders []string) ([][]publish.Object, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	parts := make([][]publish.Object, len(folders))
	errs := make([]error, len(folders))
	sem := make(chan struct{}, listWorkers)
	var wg sync.WaitGroup
	for i, folder := range folders {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if parts[i], _, errs[i] = b.list(ctx, folder, ""); errs[i] != nil {
				cancel()
			}
		}()
	}
	wg.Wait()
	// The first failure, not the cancellations it caused.
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return parts, nil
}

// list pages through the objects whose keys start with prefix; with a
// delimiter it also returns the common prefixes (sub-folders).
func (b *Bucket) list(ctx context.Context, prefix, delimiter string) ([]publish.Object, []string, error) {
	in := &awss3.ListObjectsV2Input{Bucket: aws.String(b.loc.Bucket)}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	if delimiter != "" {
		in.Delimiter = aws.String(delimiter)
	}
	var objs []publish.Object
	var folders []string
	pages := awss3.NewListObjectsV2Paginator(b.client, in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, nil, b.explain(err)
		}
		// Every S3 listing names its bucket; an HTTP server that is not S3
		// (a wrong endpoint) may answer 200 with a page that parses as an
		// empty listing, and then swallow every upload.
		if aws.ToString(page.Name) != b.loc.Bucket {
			return nil, nil, fmt.Errorf("%s%s: %w (its listing of the bucket does not name the bucket): check the target's url", b, b.where(), errNotS3)
		}
		for _, o := range page.Contents {
			objs = append(objs, publish.Object{
				Path: aws.ToString(o.Key),
				Size: aws.ToInt64(o.Size),
				ETag: strings.Trim(aws.ToString(o.ETag), `"`),
			})
		}
		for _, p := range page.CommonPrefixes {
			folders = append(folders, aws.ToString(p.Prefix))
		}
	}
	return objs, folders, nil
}

// Put uploads f in one request with its headers and Content-MD5, so the
// object's ETag is f.MD5.
func (b *Bucket) Put(ctx context.Context, f *publish.File) error {
	body, err := f.Open()
	if err != nil {
		return err
	}
	sum, err := hex.DecodeString(f.MD5)
	if err != nil {
		return fmt.Errorf("md5 %q: %w", f.MD5, err)
	}
	in := &awss3.PutObjectInput{
		Bucket:        aws.String(b.loc.Bucket),
		Key:           aws.String(b.key(f.Path)),
		Body:          body,
		ContentLength: aws.Int64(f.Size),
		ContentMD5:    aws.String(base64.StdEncoding.EncodeToString(sum)),
		ContentType:   aws.String(f.ContentType),
		CacheControl:  aws.String(f.CacheControl),
	}
	if f.ContentEncoding != "" {
		in.ContentEncoding = aws.String(f.ContentEncoding)
	}
	if _, err := b.client.PutObject(ctx, in); err != nil {
		return b.explain(err)
	}
	return nil
}

// Delete removes the objects at paths, up to 1,000 per request.
func (b *Bucket) Delete(ctx context.Context, paths []string) error {
	for len(paths) > 0 {
		n := min(1000, len(paths))
		ids := make([]types.ObjectIdentifier, n)
		for i, p := range paths[:n] {
			ids[i] = types.ObjectIdentifier{Key: aws.String(b.key(p))}
		}
		out, err := b.client.DeleteObjects(ctx, &awss3.DeleteObjectsInput{
			Bucket: aws.String(b.loc.Bucket),
			Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)},
		})
		if err != nil {
			return b.explain(err)
		}
		if len(out.Errors) > 0 {
			e := out.Errors[0]
			return fmt.Errorf("%d objects not deleted, first %s: %s %s", len(out.Errors), aws.ToString(e.Key), aws.ToString(e.Code), aws.ToString(e.Message))
		}
		paths = paths[n:]
	}
	return nil
}

// errNotS3 is wrapped by the errors of an endpoint that answers, but not
// as S3 does.
var errNotS3 = errors.New("the endpoint does not answer as an S3 server")

// explain turns the SDK's errors for the usual mistakes into messages that
// say what to fix, wrapping the cause.
func (b *Bucket) explain(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		switch ae.ErrorCode() {
		case "NoSuchBucket":
			return fmt.Errorf("bucket %q does not exist%s: %w", b.loc.Bucket, b.where(), err)
		case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "AllAccessDisabled":
			return fmt.Errorf("%s refused the credentials (%s)%s: check AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and the bucket policy: %w", b, ae.ErrorCode(), b.where(), err)
		case "PermanentRedirect", "AuthorizationHeaderMalformed":
			return fmt.Errorf("%s is in another region than %q: set ?region= in the target's url: %w", b, b.loc.Region, err)
		case "NotFound", "MethodNotAllowed", "BadRequest", "Forbidden":
			// The SDK's names for an HTTP status without an S3 error
			// document: S3 sends one with every failed request but HEAD.
			if b.loc.Endpoint != "" {
				return fmt.Errorf("%s%s: %w (%s with no S3 error in the body): check the target's url: %w", b, b.where(), errNotS3, ae.ErrorCode(), err)
			}
		}
		return fmt.Errorf("%s%s: %w", b, b.where(), err)
	}
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		return fmt.Errorf("%s%s: %w (unreadable answer): check the target's url: %w", b, b.where(), errNotS3, err)
	}
	return fmt.Errorf("cannot reach %s%s: %w", b, b.where(), err)
}

func (b *Bucket) where() string {
	var parts []string
	if b.loc.Endpoint != "" {
		parts = append(parts, "endpoint "+b.loc.Endpoint)
	}
	if b.loc.Region != "" {
		parts = append(parts, "region "+b.loc.Region)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
