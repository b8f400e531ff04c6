package main

import (
	"archive/zip"
	"bytes"
	"debug/elf"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestModuleFolder(t *testing.T) {
	dir := t.TempDir()
	ours := filepath.Join(dir, "src")
	other := filepath.Join(dir, "other")
	for p, body := range map[string]string{
		"src/go.mod":                 "module github.com/storyfront/storyfront\n\ngo 1.26\n",
		"src/example/site/site.yaml": "title: x\n",
		"other/go.mod":               "module \"example.com/other\"\n",
		"other/site/site.yaml":       "title: x\n",
		"loose/site.yaml":            "title: x\n",
	} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const mod = "github.com/storyfront/storyfront"
	if got := moduleFolder(mod, filepath.Join(ours, "example/site")); got != ours {
		t.Errorf("inside the source: %q", got)
	}
	if got := moduleFolder(mod, filepath.Join(other, "site"), filepath.Join(dir, "loose")); got != "" {
		t.Errorf("outside the source: %q", got)
	}
	if got := moduleFolder(mod, filepath.Join(dir, "loose"), ours); got != ours {
		t.Errorf("current folder inside the source: %q", got)
	}
}

// TestCapturePackageFromNewSite is what a user with only the storyfront
// binary does: `new site`, then `capture package`, in a folder outside the
// Storyfront source. The binary (a release build, version set by -ldflags
// as .goreleaser.yaml does) fetches the module at its own version through
// GOPROXY: here a file:// proxy holding this checkout as that version, with
// the real proxy behind it for the dependencies.
func TestCapturePackageFromNewSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds storyfront and a cross-compiled bootstrap")
	}
	const version = "v0.9.0-test"
	dir := t.TempDir()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	proxy := filepath.Join(dir, "proxy")
	writeModuleProxy(t, root, proxy, "github.com/storyfront/storyfront", version)
	bin := filepath.Join(dir, "bin", "storyfront")
	build := exec.Command("go", "build", "-o", bin, "-ldflags", "-X main.Version="+version, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	realProxy, _ := exec.Command("go", "env", "GOPROXY").Output()
	env := append(os.Environ(), "GOPROXY=file://"+filepath.ToSlash(proxy)+","+strings.TrimSpace(string(realProxy)),
		"GONOSUMDB=github.com/storyfront/storyfront", "GOFLAGS=")
	run := func(env []string, args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = work, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(env, "version"); err != nil || !strings.HasPrefix(out, "storyfront "+version+" ") {
		t.Fatalf("version: %q, %v", out, err)
	}
	if out, err := run(env, "new", "site", "brand"); err != nil {
		t.Fatalf("new site: %v\n%s", err, out)
	}
	out, err := run(env, "capture", "package", "-s", "brand", "-o", "fn.zip")
	if err != nil {
		t.Fatalf("capture package: %v\n%s", err, out)
	}
	if !strings.Contains(out, "from github.com/storyfront/storyfront@"+version+" (Go module proxy)") {
		t.Errorf("output %q does not say where the bootstrap came from", out)
	}
	zr, err := zip.OpenReader(filepath.Join(work, "fn.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var boot []byte
	for _, f := range zr.File {
		if f.Name == "bootstrap" {
			rc, _ := f.Open()
			boot, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	ef, err := elf.NewFile(bytes.NewReader(boot))
	if err != nil {
		t.Fatalf("bootstrap: %v", err)
	}
	if ef.Machine != elf.EM_AARCH64 {
		t.Errorf("bootstrap is for %v, want arm64", ef.Machine)
	}

	// Without Go on PATH: a message that says what to do instead.
	noGo := append(env, "PATH="+filepath.Join(dir, "empty"))
	out, err = run(noGo, "capture", "package", "-s", "brand", "-o", "fn2.zip")
	if err == nil || !strings.Contains(out, "building the Lambda bootstrap needs the Go toolchain") || !strings.Contains(out, "--bootstrap FILE") {
		t.Errorf("without go: %v\n%s", err, out)
	}
}

// writeModuleProxy writes a file:// module proxy serving the files git
// tracks in root as module@version.
func writeModuleProxy(t *testing.T, root, proxy, module, version string) {
	t.Helper()
	files, err := exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err != nil {
		t.Skipf("git ls-files: %v (the module zip is made from the tracked files)", err)
	}
	at := filepath.Join(proxy, filepath.FromSlash(module), "@v")
	if err := os.MkdirAll(at, 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range strings.Split(strings.TrimRight(string(files), "\x00"), "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			continue // deleted in the work tree
		}
		w, err := zw.Create(module + "@" + version + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	info, _ := json.Marshal(map[string]any{"Version": version, "Time": time.Now().UTC().Format(time.RFC3339)})
	for name, data := range map[string][]byte{
		"list": []byte(version + "\n"), version + ".info": info, version + ".mod": gomod, version + ".zip": buf.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(at, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
