package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// Bucket is where the site goes. Paths are relative to the target's
// prefix, as File.Path.
type Bucket interface {
	// List returns every object under the prefix.
	List(ctx context.Context) ([]Object, error)
	// Put uploads f's bytes (from f.Open) with its headers.
	Put(ctx context.Context, f *File) error
	// Delete removes the objects at paths.
	Delete(ctx context.Context, paths []string) error
	// String names the bucket in messages ("s3://bucket/prefix").
	String() string
}

// Invalidator makes a CDN forget cached paths.
type Invalidator interface {
	// Invalidate asks the CDN to drop paths ("/a/b.html", "/*") and returns
	// the invalidation's ID.
	Invalidate(ctx context.Context, paths []string) (string, error)
	// String names the distribution in messages.
	String() string
}

// Options tune a deploy.
type Options struct {
	// DryRun lists what would change and changes nothing.
	DryRun bool
	// Force uploads every file, changed or not.
	Force bool
	// MaxDeletes bounds the deletions; -1 is no bound.
	MaxDeletes int
	// Workers is how many uploads run at once (default 10).
	Workers int
	// Log gets one line per planned change in a dry run; nil for none.
	Log io.Writer
	// Progress, when set, gets a line rewritten in place (\r) as uploads
	// go: for a terminal.
	Progress io.Writer
	// Listing, when set, is the bucket's listing started earlier (to
	// overlap the build and the scan); nil lists the bucket first.
	Listing *Listing
}

// Result is what a deploy did (or, in a dry run, would do).
type Result struct {
	Uploaded, Deleted, Unchanged int
	Bytes                        int64
	// Invalidated are the paths the CDN was asked to forget, and
	// InvalidationID the CDN's name for that request.
	Invalidated    []string
	InvalidationID string
	DryRun         bool
	Duration       time.Duration
}

// ErrTooManyDeletes is wrapped by the error of a deploy that would delete
// more files than its bound. Nothing has changed when it is returned.
var ErrTooManyDeletes = errors.New("too many deletions")

// ErrInvalidation is wrapped by the error of a deploy whose bucket is up
// to date but whose CDN invalidation failed.
var ErrInvalidation = errors.New("invalidation failed")

// Deploy makes bucket hold exactly files: it lists the bucket, plans,
// checks the deletion bound, uploads, deletes, then invalidates cdn (nil
// for none). Nothing is deleted unless every upload succeeded.
func Deploy(ctx context.Context, files []*File, bucket Bucket, cdn Invalidator, opts Options) (*Result, error) {
	start := time.Now()
	listing := opts.Listing
	if listing == nil {
		listing = StartListing(ctx, bucket, nil)
	}
	remote, err := listing.Wait(ctx)
	if err != nil {
		return nil, err
	}
	plan := MakePlan(files, remote, opts.Force)
	res := &Result{Unchanged: plan.Unchanged, DryRun: opts.DryRun}
	if opts.MaxDeletes >= 0 && len(plan.Deletes) > opts.MaxDeletes {
		return nil, fmt.Errorf("%s: %w: this deploy would delete %d files, more than the bound of %d (first: %s); nothing was changed: rerun with --max-deletes %d if that is right, or --dry-run to see them all",
			bucket, ErrTooManyDeletes, len(plan.Deletes), opts.MaxDeletes, strings.Join(firstN(plan.Deletes, 5), ", "), len(plan.Deletes))
	}
	if opts.DryRun {
		if opts.Log != nil {
			for _, u := range plan.Uploads {
				fmt.Fprintf(opts.Log, "upload %s (%s, %s, %s)\n", u.Path, u.Reason, u.ContentType, u.CacheControl)
			}
			for _, d := range plan.Deletes {
				fmt.Fprintf(opts.Log, "delete %s\n", d)
			}
		}
		res.Uploaded, res.Deleted, res.Bytes = len(plan.Uploads), len(plan.Deletes), plan.UploadBytes
		if cdn != nil {
			res.Invalidated = plan.InvalidationPaths()
		}
		res.Duration = time.Since(start)
		return res, nil
	}
	if err := upload(ctx, bucket, plan, opts, res); err != nil {
		return res, err
	}
	if len(plan.Deletes) > 0 {
		if err := bucket.Delete(ctx, plan.Deletes); err != nil {
			return res, fmt.Errorf("%s: deleting: %w", bucket, err)
		}
		res.Deleted = len(plan.Deletes)
	}
	if paths := plan.InvalidationPaths(); cdn != nil && len(paths) > 0 {
		id, err := cdn.Invalidate(ctx, paths)
		if err != nil {
			return res, fmt.Errorf("%w: %s, %d paths (the bucket is up to date; invalidate them by hand, or /*): %w", ErrInvalidation, cdn, len(paths), err)
		}
		res.Invalidated, res.InvalidationID = paths, id
	}
	res.Duration = time.Since(start)
	return res, nil
}

// Listing is a bucket listing running in the background.
type Listing struct {
	done   chan struct{}
	remote []Object
	err    error
}

// StartListing lists bucket on its own goroutine, so that the listing's
// round trips overlap local work (building, hashing). onError, when not
// nil, is called with the error as soon as the listing fails (to stop that
// work early); Err already returns it then. The listing ends with ctx.
func StartListing(ctx context.Context, bucket Bucket, onError func(error)) *Listing {
	l := &Listing{done: make(chan struct{})}
	go func() {
		l.remote, l.err = bucket.List(ctx)
		close(l.done)
		if l.err != nil && onError != nil {
			onError(l.err)
		}
	}()
	return l
}

// Wait returns the listing once it is done, or ctx's error if ctx ends
// first.
func (l *Listing) Wait(ctx context.Context) ([]Object, error) {
	select {
	case <-l.done:
		return l.remote, l.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Err returns the listing's error if it is done and failed, else nil.
func (l *Listing) Err() error {
	select {
	case <-l.done:
		return l.err
	default:
		return nil
	}
}

// upload puts the plan's uploads on opts.Workers goroutines, reporting
// progress, and counts them into res.
func upload(ctx context.Context, bucket Bucket, plan *Plan, opts Options, res *Result) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = 10
	}
	var done, bytes atomic.Int64
	stop := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		if opts.Progress == nil || len(plan.Uploads) == 0 {
			return
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				fmt.Fprintf(opts.Progress, "\ruploaded %d/%d (%s)\x1b[K\n", done.Load(), len(plan.Uploads), FormatBytes(bytes.Load()))
				return
			case <-tick.C:
				fmt.Fprintf(opts.Progress, "\ruploading %d/%d (%s)\x1b[K", done.Load(), len(plan.Uploads), FormatBytes(bytes.Load()))
			}
		}
	}()
	// Pages go up after the assets they link to: one group after another.
	var err error
	for _, group := range groups(plan.Uploads) {
		err = forEach(ctx, workers, group, func(ctx context.Context, u Upload) error {
			if err := bucket.Put(ctx, u.File); err != nil {
				return fmt.Errorf("%s: uploading %s: %w", bucket, u.Path, err)
			}
			done.Add(1)
			bytes.Add(u.Size)
			return nil
		})
		if err != nil {
			break
		}
	}
	close(stop)
	<-finished
	res.Uploaded, res.Bytes = int(done.Load()), bytes.Load()
	return err
}

// groups splits uploads (ordered by uploadRank) into runs of one rank.
func groups(us []Upload) [][]Upload {
	var out [][]Upload
	for i := 0; i < len(us); {
		j := i + 1
		for j < len(us) && uploadRank(us[j].Path) == uploadRank(us[i].Path) {
			j++
		}
		out = append(out, us[i:j])
		i = j
	}
	return out
}

// Summary is the one line a deploy ends with.
func (r *Result) Summary(target string) string {
	verb := "deployed to"
	up, del := "uploaded", "deleted"
	if r.DryRun {
		verb, up, del = "dry run for", "would upload", "would delete"
	}
	s := fmt.Sprintf("%s %s: %s %d (%s), %s %d, unchanged %d in %.1f s", verb, target, up, r.Uploaded, FormatBytes(r.Bytes), del, r.Deleted, r.Unchanged, r.Duration.Seconds())
	if len(r.Invalidated) > 0 {
		if r.DryRun {
			s += fmt.Sprintf("; would invalidate %d paths", len(r.Invalidated))
		} else {
			s += fmt.Sprintf("; invalidated %d paths (%s)", len(r.Invalidated), r.InvalidationID)
		}
	}
	return s
}

// FormatBytes writes n as B, kB, MB or GB (powers of 1000).
func FormatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	}
}

func firstN(s []string, n int) []string { return s[:min(n, len(s))] }

// escapePath percent-encodes each segment of a slash-separated path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
