package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"

	"github.com/storyfront/storyfront/generator"
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/publish"
	"github.com/storyfront/storyfront/generator/publish/cloudfront"
	"github.com/storyfront/storyfront/generator/publish/s3"
	"github.com/storyfront/storyfront/generator/publish/stack"
)

func (m *Main) runDeploy(ctx context.Context, args []string) error {
	fs := m.flagSet("deploy", "[-s DIR] [--target NAME] [--dry-run] [--max-deletes N] [--force] [--no-build]",
		"Build the site and publish public/ to a target of site.yaml's deploy: section\n"+
			"(an S3 bucket, or a stack made from deploy/template.yaml). Only files whose\n"+
			"bytes changed are uploaded (MD5 against the ETag, and size); files gone from\n"+
			"public/ are deleted, at most --max-deletes of them (checked before anything\n"+
			"changes); then CloudFront forgets the changed paths. AWS credentials come\n"+
			"from the SDK's default chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO, roles).")
	dir := fs.String("s", ".", "the site `folder` (holding site.yaml)")
	targetName := fs.String("target", "", "the deploy target's `name` (default: the first)")
	dryRun := fs.Bool("dry-run", false, "list what would be uploaded and deleted; change nothing")
	maxDeletes := fs.Int("max-deletes", -2, "delete at most `N` files, -1 for no bound (default: site.yaml's deploy.maxDeletes, else 256)")
	force := fs.Bool("force", false, "upload every file, changed or not (after a change of headers)")
	noBuild := fs.Bool("no-build", false, "publish public/ as it is instead of building first")
	quiet := fs.Bool("q", false, "print nothing but errors and the summary line")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("deploy: unexpected argument %q", fs.Arg(0))
	}
	cfg, err := config.Load(*dir)
	if err != nil {
		var errs generator.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				fmt.Fprintln(m.Stderr, e)
			}
			return errReported
		}
		return err
	}
	target, err := pickTarget(cfg.Deploy, *targetName)
	if err != nil {
		return fmt.Errorf("deploy: %w", err)
	}
	bound := cfg.Deploy.MaxDeletesOrDefault()
	if *maxDeletes != -2 {
		if *maxDeletes < -1 {
			return fmt.Errorf("deploy: --max-deletes %d: want -1 (no bound) or more", *maxDeletes)
		}
		bound = *maxDeletes
	}
	matchers, err := publish.CompileMatchers(append(append([]config.DeployMatcher{}, target.Matchers...), cfg.Deploy.Matchers...))
	if err != nil {
		return fmt.Errorf("deploy: %w", err)
	}

	// Everything that can fail remotely is checked before the build and
	// long before anything is deleted: credentials, the stack, the bucket.
	awsCfg, err := loadAWS(ctx)
	if err != nil {
		return fmt.Errorf("deploy: %w", err)
	}
	bucketURL, distribution, baseURL := target.URL, target.CloudFront, ""
	if target.Stack != "" {
		out, err := stack.Describe(ctx, awsCfg, target.Stack, target.Region)
		if err != nil {
			return fmt.Errorf("deploy: target %s: %w", target.Name, err)
		}
		bucketURL, distribution = out.BucketURL(), out.Values[stack.OutputDistribution]
		if cfg.BaseURL == "" {
			baseURL = out.Values[stack.OutputSiteURL]
		}
	}
	loc, err := s3.ParseURL(bucketURL)
	if err != nil {
		return fmt.Errorf("deploy: target %s: %w", target.Name, err)
	}
	if loc.Region == "" && awsCfg.Region == "" {
		return fmt.Errorf("deploy: target %s: no region: add ?region=REGION to its url or set AWS_REGION", target.Name)
	}
	bucket := s3.New(awsCfg, loc)
	var cdn publish.Invalidator
	if distribution != "" {
		cdn = cloudfront.New(awsCfg, distribution)
	}

	public := filepath.Join(*dir, "public")
	if *noBuild {
		if _, err := os.Stat(public); err != nil {
			return fmt.Errorf("deploy: --no-build: %w (run storyfront build first)", err)
		}
	}
	// The bucket is listed while the site is built and hashed; a failed
	// listing (no such bucket, refused credentials, endpoint down) stops
	// the build at once and is the error reported.
	localCtx, stopLocal := context.WithCancelCause(ctx)
	defer stopLocal(nil)
	listing := publish.StartListing(ctx, bucket, stopLocal)
	listFailed := func(err error) error {
		if lerr := listing.Err(); lerr != nil {
			return fmt.Errorf("deploy: target %s: %w", target.Name, lerr)
		}
		return err
	}
	if !*noBuild {
		// The stack serves capture on the site's domain at /api/leads; a
		// bare bucket does not, so its forms need capture.endpoint.
		if err := m.buildForDeploy(localCtx, *dir, public, baseURL, target.Stack == "", *quiet); err != nil {
			return listFailed(err)
		}
	}
	files, err := publish.Scan(localCtx, public, matchers)
	if err != nil {
		return listFailed(fmt.Errorf("deploy: %w", err))
	}
	opts := publish.Options{DryRun: *dryRun, Force: *force, MaxDeletes: bound, Listing: listing}
	if *dryRun {
		opts.Log = m.Stdout
	}
	if !*quiet && isTerminal(m.Stderr) {
		opts.Progress = m.Stderr
	}
	res, err := publish.Deploy(ctx, files, bucket, cdn, opts)
	if res != nil && err != nil && !errors.Is(err, publish.ErrInvalidation) {
		fmt.Fprintf(m.Stderr, "stopped after %d uploads and %d deletions; rerun storyfront deploy to finish\n", res.Uploaded, res.Deleted)
	}
	if err != nil {
		return fmt.Errorf("deploy: target %s: %w", target.Name, err)
	}
	fmt.Fprintln(m.Stdout, res.Summary(target.Name+" ("+bucket.String()+")"))
	return nil
}

// pickTarget returns the target named name, or the first.
func pickTarget(d config.Deploy, name string) (config.DeployTarget, error) {
	if len(d.Targets) == 0 {
		return config.DeployTarget{}, errors.New("site.yaml has no deploy targets: add deploy: {targets: [{name: prod, url: \"s3://BUCKET?region=REGION\"}]} (docs/deploy.md)")
	}
	if name == "" {
		return d.Targets[0], nil
	}
	var names []string
	for _, t := range d.Targets {
		if t.Name == name {
			return t, nil
		}
		names = append(names, t.Name)
	}
	return config.DeployTarget{}, fmt.Errorf("no target %q in site.yaml (targets: %s)", name, strings.Join(names, ", "))
}

// loadAWS loads the SDK's configuration and makes sure it has credentials,
// so a deploy without them stops with a message saying where they come
// from rather than an error from the first request.
func loadAWS(ctx context.Context) (aws.Config, error) {
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return aws.Config{}, fmt.Errorf("AWS configuration: %w", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := cfg.Credentials.Retrieve(cctx); err != nil {
		return aws.Config{}, fmt.Errorf("no AWS credentials: set AWS_PROFILE (after aws configure or aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: %w", err)
	}
	return cfg, nil
}

// buildForDeploy builds the site into public/ as storyfront build does; a
// failed build stops the deploy and leaves public/ as it was.
func (m *Main) buildForDeploy(ctx context.Context, dir, public, baseURL string, requireEndpoint, quiet bool) error {
	opts := generator.Options{Source: dir, BaseURL: baseURL, RequireEndpoint: requireEndpoint}
	if !quiet {
		opts.Progress = m.Stderr
	}
	o, err := generator.NewBuilder(opts).Build(ctx)
	if err != nil {
		var errs generator.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				fmt.Fprintln(m.Stderr, e)
			}
			fmt.Fprintf(m.Stderr, "build failed: %d error(s); nothing deployed\n", len(errs))
			return errReported
		}
		return err
	}
	if err := o.WriteDir(public); err != nil {
		return err
	}
	if !quiet {
		st := o.Stats()
		fmt.Fprintf(m.Stderr, "built %s: %d pages, %d files in %d ms\n", public, st.Pages, st.Files, st.Duration.Milliseconds())
	}
	return nil
}

// isTerminal reports whether w is a terminal (a character device), where
// a progress line rewritten in place makes sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
