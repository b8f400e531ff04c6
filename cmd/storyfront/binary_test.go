package main

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// buildStoryfront builds this command into dir and returns the binary's
// path, for tests that must run it as a process (to SIGKILL it, say). In
// -short mode it skips the test.
func buildStoryfront(t *testing.T, dir string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the storyfront binary")
	}
	bin := filepath.Join(dir, "storyfront")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}
