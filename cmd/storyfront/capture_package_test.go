package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCapturePackage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the Lambda bootstrap")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), []byte(dlvSite), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "fn.zip")
	var stdout, stderr bytes.Buffer
	err := NewMain(&stdout, &stderr).Run(context.Background(), []string{"capture", "package", "-s", site, "-o", out, "--arch", runtime.GOARCH})
	if err != nil {
		t.Fatalf("capture package: %v\n%s", err, stderr.String())
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	boot, yaml := files["bootstrap"], files["site.yaml"]
	if len(files) != 2 || boot == nil || yaml == nil {
		t.Fatalf("zip holds %v", files)
	}
	if boot.Mode()&0o111 == 0 {
		t.Errorf("bootstrap mode %v is not executable", boot.Mode())
	}
	rc, _ := boot.Open()
	head := make([]byte, 4)
	_, _ = io.ReadFull(rc, head)
	rc.Close()
	if string(head) != "\x7fELF" {
		t.Errorf("bootstrap is not an ELF binary: %q", head)
	}
	rc, _ = yaml.Open()
	got, _ := io.ReadAll(rc)
	rc.Close()
	if string(got) != dlvSite {
		t.Error("site.yaml in the zip differs from the site's")
	}
	if !strings.Contains(stdout.String(), "wrote "+out) {
		t.Errorf("stdout %q", stdout.String())
	}

	// A broken site.yaml is reported with its location, and no zip is written.
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), []byte("sales:\n  routes:\n    - to: [nowhere]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	bad := filepath.Join(dir, "bad.zip")
	if err := NewMain(&stdout, &stderr).Run(context.Background(), []string{"capture", "package", "-s", site, "-o", bad}); err == nil {
		t.Error("a site.yaml routing to an unknown sink was packaged")
	}
	if !strings.Contains(stderr.String(), "site.yaml:") || !strings.Contains(stderr.String(), "nowhere") {
		t.Errorf("stderr %q", stderr.String())
	}
	if _, err := os.Stat(bad); err == nil {
		t.Error("zip written for a broken site")
	}
}
