package testpart

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Binary returns the path of the program name, found on PATH or in
// GOPATH/bin (~/go/bin when GOPATH is unset). When it is in neither, the
// test fails under CI=true and is skipped otherwise; installHint (such as
// "go install github.com/axllent/mailpit") says how to get it.
func Binary(t testing.TB, name, installHint string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	p := filepath.Join(gopath, "bin", name)
	if _, err := os.Stat(p); err != nil {
		Missing(t, name+" not found on PATH or in "+gopath+"/bin ("+installHint+")")
	}
	return p
}

// Missing ends the test for a part that is not installed: it fails under
// CI=true, where every part must be there, and skips otherwise.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(what)
		return
	}
	t.Skip(what)
}
