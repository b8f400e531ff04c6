// Package publish puts a built site (public/) into a bucket: it compares
// the local files with the bucket's objects by MD5 (the ETag of a
// single-part upload) and size, uploads only what changed with its
// Content-Type and Cache-Control, deletes what disappeared (bounded), and
// asks the CDN to forget the paths that changed.
//
// Hugo's `hugo deploy` is the model: targets, matchers with a regular
// expression pattern, maxDeletes, --dry-run and --force mean what they
// mean there. The bucket and the CDN are interfaces (Bucket, Invalidator);
// subpackage s3 implements the first on Amazon S3 or any S3-compatible
// server, cloudfront the second, and stack reads a CloudFormation stack's
// outputs.
//
// A deploy never deletes before every upload succeeded, and never deletes
// more than its bound: the bound is checked before anything changes. An
// interrupted deploy is safe to rerun: the next run compares again and
// uploads what is still missing.
package publish
