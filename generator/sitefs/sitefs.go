// Package sitefs reads the files of a site folder. It follows symbolic
// links whose target stays inside the site folder and refuses those that
// leave it, so that a link in content/, static/, assets/, layouts/ or a
// theme cannot publish a file from elsewhere on the machine.
package sitefs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// base returns the site folder's real path (absolute, links resolved).
func base(siteDir string) (string, error) {
	abs, err := filepath.Abs(siteDir)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	return real, nil
}

// inside reports whether the real path p is base or under it.
func inside(base, p string) bool {
	return p == base || strings.HasPrefix(p, base+string(filepath.Separator)) || base == string(filepath.Separator)
}

// resolve returns the real path of file (slash-separated, relative to the
// site folder); an error that names file when a link on the way leaves the
// site folder. A missing file gives an error that matches fs.ErrNotExist.
func resolve(siteDir, root, file string) (string, error) {
	real, err := filepath.EvalSymlinks(filepath.Join(siteDir, filepath.FromSlash(file)))
	if err != nil {
		return "", err
	}
	if real, err = filepath.Abs(real); err != nil {
		return "", err
	}
	if !inside(root, real) {
		return "", &diag.Error{File: file, Msg: fmt.Sprintf("symbolic link to %s leaves the site folder; copy the file into the site instead", real)}
	}
	return real, nil
}

// ReadFile reads file (slash-separated, relative to siteDir), following
// symbolic links only while they stay inside siteDir. A missing file gives
// an error that matches fs.ErrNotExist.
func ReadFile(siteDir, file string) ([]byte, error) {
	root, err := base(siteDir)
	if err != nil {
		return nil, err
	}
	real, err := resolve(siteDir, root, file)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(real)
}

// Stat is os.Stat of file (relative to siteDir) with ReadFile's rule for
// symbolic links.
func Stat(siteDir, file string) (fs.FileInfo, error) {
	root, err := base(siteDir)
	if err != nil {
		return nil, err
	}
	real, err := resolve(siteDir, root, file)
	if err != nil {
		return nil, err
	}
	return os.Stat(real)
}

// ReadDir is os.ReadDir of dir (relative to siteDir) with ReadFile's rule
// for symbolic links.
func ReadDir(siteDir, dir string) ([]fs.DirEntry, error) {
	root, err := base(siteDir)
	if err != nil {
		return nil, err
	}
	real, err := resolve(siteDir, root, dir)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(real)
}

// A File is a regular file found by Walk.
type File struct {
	Rel  string // relative to the walked folder, slash-separated
	Path string // the real path to read
}

// Walk calls fn for every regular file under dir (slash-separated,
// relative to siteDir), in lexical order. Symbolic links to files or
// folders inside siteDir are followed; a link that leaves siteDir, a
// broken link, a link back to a folder being walked (a loop) and an
// unreadable folder are errors (a diag.Errors naming each path, relative to
// siteDir), and the walk goes on. Names for which skip returns true are left
// out, with everything under them. A missing dir is no error.
func Walk(siteDir, dir string, skip func(name string, isDir bool) bool, fn func(File) error) error {
	root, err := base(siteDir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	var errs diag.List
	start, err := resolve(siteDir, root, dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		errs.Add(dir, err)
		return errs.Err()
	}
	w := &walker{root: root, skip: skip, fn: fn, errs: &errs, onPath: map[string]bool{}}
	w.dir(dir, "", start)
	return errs.Err()
}

type walker struct {
	root   string
	skip   func(string, bool) bool
	fn     func(File) error
	errs   *diag.List
	onPath map[string]bool // real folders being walked (to stop at loops)
}

// dir walks the folder at real path real, named rel under the walked
// folder top (both for errors and File.Rel).
func (w *walker) dir(top, rel, real string) {
	if w.onPath[real] {
		w.errs.Add(path.Join(top, rel), fmt.Errorf("symbolic link loop"))
		return
	}
	w.onPath[real] = true
	defer delete(w.onPath, real)
	entries, err := os.ReadDir(real)
	if err != nil {
		w.errs.Add(path.Join(top, rel), err)
		return
	}
	for _, e := range entries {
		name := e.Name()
		r := path.Join(rel, name)
		file := path.Join(top, r)
		p := filepath.Join(real, name)
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				if w.skip == nil || !w.skip(name, false) {
					w.errs.Add(file, &diag.Error{File: file, Msg: fmt.Sprintf("broken symbolic link: %v", err), Err: err})
				}
				continue
			}
			info, err := os.Stat(target)
			if err != nil {
				w.errs.Add(file, err)
				continue
			}
			if w.skip != nil && w.skip(name, info.IsDir()) {
				continue
			}
			if !inside(w.root, target) {
				w.errs.Add(file, &diag.Error{File: file, Msg: fmt.Sprintf("symbolic link to %s leaves the site folder; copy it into the site instead", target)})
				continue
			}
			p, mode = target, info.Mode().Type()
		} else if w.skip != nil && w.skip(name, e.IsDir()) {
			continue
		}
		switch {
		case mode.IsDir():
			w.dir(top, r, p)
		case mode.IsRegular():
			if err := w.fn(File{Rel: r, Path: p}); err != nil {
				w.errs.Add(file, err)
			}
		default:
			w.errs.Add(file, fmt.Errorf("not a regular file or folder (%v)", mode))
		}
	}
}
