package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/storyfront/storyfront/capture/schema"
)

// lambdaPackage is the Go package of the Lambda bootstrap.
const lambdaPackage = "github.com/storyfront/storyfront/cmd/storyfront-lambda"

func (m *Main) runCapturePackage(ctx context.Context, args []string) error {
	fs := m.flagSet("capture package", "[-s DIR] [-o FILE] [--arch arm64|amd64] [--bootstrap FILE]",
		"Write the AWS Lambda deployment zip for the provided.al2023 runtime: the\n"+
			"bootstrap binary and DIR/site.yaml (checked first). Without --bootstrap it\n"+
			"builds "+lambdaPackage+" with the Go toolchain\n"+
			"(GOOS=linux CGO_ENABLED=0 -tags lambda.norpc -trimpath -ldflags \"-s -w\"):\n"+
			"from the Storyfront source when DIR or the current folder is inside it,\n"+
			"else from the Go module proxy at this storyfront's own version, so any\n"+
			"site folder works with only the storyfront binary and Go installed.\n"+
			"Then deploy with: sam deploy --guided -t deploy/template.yaml (site and capture\n"+
			"on one domain) or -t deploy/capture.yaml (capture only).")
	dir := fs.String("s", ".", "the site `folder` holding site.yaml")
	out := fs.String("o", "storyfront-lambda.zip", "the zip `file` to write")
	arch := fs.String("arch", "arm64", "the function's `architecture`: arm64 or amd64 (x86_64)")
	boot := fs.String("bootstrap", "", "use this prebuilt bootstrap `file` instead of building one")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("capture package: unexpected argument %q", fs.Arg(0))
	}
	if *arch != "arm64" && *arch != "amd64" {
		return fmt.Errorf("capture package: --arch %q: want arm64 or amd64", *arch)
	}
	site, err := os.ReadFile(filepath.Join(*dir, schema.FileName))
	if err != nil {
		return fmt.Errorf("capture package: %w", err)
	}
	if _, err := schema.Parse(filepath.Join(*dir, schema.FileName), site); err != nil {
		fmt.Fprintln(m.Stderr, err)
		return errReported
	}
	bin := *boot
	if bin == "" {
		tmp, err := os.MkdirTemp("", "storyfront-package-")
		if err != nil {
			return fmt.Errorf("capture package: %w", err)
		}
		defer os.RemoveAll(tmp)
		if bin, err = m.buildBootstrap(ctx, *dir, *arch, tmp); err != nil {
			return fmt.Errorf("capture package: %w", err)
		}
	}
	exe, err := os.ReadFile(bin)
	if err != nil {
		return fmt.Errorf("capture package: %w", err)
	}
	zipped, err := lambdaZip(exe, site)
	if err != nil {
		return fmt.Errorf("capture package: %w", err)
	}
	if err := writeFileAtomic(*out, zipped); err != nil {
		return fmt.Errorf("capture package: %w", err)
	}
	fmt.Fprintf(m.Stdout, "wrote %s (%d bytes; bootstrap %d bytes)\n", *out, len(zipped), len(exe))
	return nil
}

// lambdaZip returns the deployment zip: an executable bootstrap and
// site.yaml, with fixed times so the same inputs give the same zip.
func lambdaZip(bootstrap, site []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	when := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range []struct {
		name string
		mode os.FileMode
		data []byte
	}{{"bootstrap", 0o755, bootstrap}, {schema.FileName, 0o644, site}} {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: when}
		h.SetMode(f.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, bytes.NewReader(f.data)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeFileAtomic writes data to path through a temporary file and rename.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".storyfront-*.zip")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
