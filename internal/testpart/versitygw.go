package testpart

import (
	"path/filepath"
	"testing"
	"time"
)

// S3 is a running S3-compatible server.
type S3 struct {
	// Endpoint is its base URL, such as http://127.0.0.1:41234; buckets
	// are addressed in the path.
	Endpoint string
	// AccessKey and SecretKey are the root user's credentials.
	AccessKey, SecretKey string
	// Region is the region it signs for.
	Region string
	// Root is the folder that holds its buckets (one folder per bucket).
	Root string
}

// Versitygw starts a real versitygw (go install
// github.com/versity/versitygw/cmd/versitygw) with its posix backend on a
// temporary folder, metadata in a sidecar folder (no need for extended
// attributes), waits until it answers and stops it when the test ends.
func Versitygw(t testing.TB) *S3 {
	t.Helper()
	bin := Binary(t, "versitygw", "go install github.com/versity/versitygw/cmd/versitygw")
	dir := t.TempDir()
	s := &S3{AccessKey: "storyfront-test", SecretKey: "storyfront-test-secret", Region: "us-east-1",
		Root: filepath.Join(dir, "buckets")}
	addr := FreeAddr(t)
	s.Endpoint = "http://" + addr
	for _, d := range []string{s.Root, filepath.Join(dir, "meta")} {
		mkdir(t, d)
	}
	start(t, bin, "--port", addr, "--access", s.AccessKey, "--secret", s.SecretKey, "--region", s.Region, "--quiet",
		"posix", "--sidecar", filepath.Join(dir, "meta"), s.Root)
	WaitTCP(t, addr)
	// The listener comes up before the backend: wait for an S3 answer.
	waitAnswer(t, "versitygw", s.Endpoint+"/", 10*time.Second)
	return s
}
