package publish

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// File is one file of the built site as it will be uploaded.
type File struct {
	// Path is the file's path relative to the site root, with forward
	// slashes and no leading slash ("stories/x/index.html").
	Path string
	// Local is the file on disk.
	Local string
	// Size and MD5 (hex) are those of the bytes uploaded: the gzipped
	// bytes when Headers.ContentEncoding is "gzip".
	Size int64
	MD5  string
	Headers
}

// Open returns the bytes to upload.
func (f *File) Open() (io.ReadSeeker, error) {
	data, err := os.ReadFile(f.Local)
	if err != nil {
		return nil, err
	}
	if f.ContentEncoding == "gzip" {
		data, err = gzipBytes(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Local, err)
		}
	}
	return bytes.NewReader(data), nil
}

// gzipBytes compresses data the same way every time (no name, no time in
// the header), so an unchanged file keeps its MD5 from deploy to deploy.
func gzipBytes(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Scan lists the files under dir (public/) with their upload headers and
// MD5s, sorted by path. Hidden files and folders (a leading dot) are left
// out except .well-known; symbolic links are followed.
func Scan(ctx context.Context, dir string, matchers []Matcher) ([]*File, error) {
	var files []*File
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			return nil
		}
		if name := d.Name(); strings.HasPrefix(name, ".") && name != ".well-known" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		files = append(files, &File{Path: rel, Local: p, Headers: headersFor(rel, matchers)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the site: %w", err)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	err = forEach(ctx, 2*runtime.GOMAXPROCS(0), files, func(_ context.Context, f *File) error { return f.hash() })
	if err != nil {
		return nil, err
	}
	return files, nil
}

// hash sets Size and MD5 from the bytes to upload.
func (f *File) hash() error {
	h := md5.New()
	var n int64
	if f.ContentEncoding == "gzip" {
		r, err := f.Open()
		if err != nil {
			return err
		}
		if n, err = io.Copy(h, r); err != nil {
			return err
		}
	} else {
		fh, err := os.Open(f.Local)
		if err != nil {
			return err
		}
		n, err = io.Copy(h, fh)
		fh.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Local, err)
		}
	}
	f.Size, f.MD5 = n, hex.EncodeToString(h.Sum(nil))
	return nil
}
