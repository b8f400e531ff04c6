package render

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// mountFile maps name, a path inside component (assets/, static/), to the
// file of mount m that holds it, relative to the site folder; ok is false
// when m is mounted elsewhere in the component.
func mountFile(m config.Mount, component, name string) (string, bool) {
	at := strings.TrimPrefix(strings.TrimPrefix(m.Target, component), "/")
	switch {
	case at == "":
		return path.Join(m.Source, name), true
	case name == at:
		return m.Source, true
	case strings.HasPrefix(name, at+"/"):
		return path.Join(m.Source, name[len(at)+1:]), true
	}
	return "", false
}

// FindAsset returns the site-relative file that is assets/NAME: in the
// site's assets/, else the theme's, or another folder module.mounts puts
// there (Docsy's assets/vendor/bootstrap). A missing file is
// fs.ErrNotExist; a path that leaves the site folder, sitefs's error.
func FindAsset(siteDir string, cfg *config.Config, name string) (string, error) {
	for _, m := range cfg.Mounts(AssetsDir) {
		file, ok := mountFile(m, AssetsDir, name)
		if !ok {
			continue
		}
		st, err := sitefs.Stat(siteDir, file)
		if err == nil && !st.IsDir() {
			return file, nil
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrInvalid) && !isNotDir(err) {
			return "", err
		}
	}
	return "", fs.ErrNotExist
}

// isNotDir reports a path that goes through a file as if it were a folder.
func isNotDir(err error) bool { return strings.Contains(err.Error(), "not a directory") }

// MountedFile is a file of a component folder.
type MountedFile struct {
	Source string // relative to the site folder
	Path   string // on disk
}

// MountedFiles lists the files of component (static/) as a site of mounts
// sees them, by path inside the component, an earlier mount's file hiding
// a later one's. A mount that cannot be read in full is reported to
// onErr with its source; the others are still listed.
func MountedFiles(siteDir string, cfg *config.Config, component string, onErr func(source string, err error)) map[string]MountedFile {
	out := map[string]MountedFile{}
	ms := cfg.Mounts(component)
	for i := len(ms) - 1; i >= 0; i-- {
		m := ms[i]
		at := strings.TrimPrefix(strings.TrimPrefix(m.Target, component), "/")
		st, err := sitefs.Stat(siteDir, m.Source)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				onErr(m.Source, err)
			}
			continue
		}
		if !st.IsDir() {
			out[at] = MountedFile{Source: m.Source, Path: filepath.Join(siteDir, filepath.FromSlash(m.Source))}
			continue
		}
		err = sitefs.Walk(siteDir, m.Source, nil, func(f sitefs.File) error {
			out[path.Join(at, f.Rel)] = MountedFile{Source: path.Join(m.Source, f.Rel), Path: f.Path}
			return nil
		})
		if err != nil {
			onErr(m.Source, err)
		}
	}
	return out
}

// assetPathOf returns the path inside assets/ of a folder on disk that an
// assets/ mount holds (the deepest-mounted first mount wins).
func (r *Renderer) assetPathOf(dir string) (string, bool) {
	site, err := filepath.Abs(r.siteDir)
	if err != nil {
		return "", false
	}
	for _, m := range r.cfg.Mounts(AssetsDir) {
		src := filepath.Join(site, filepath.FromSlash(m.Source))
		rel, err := filepath.Rel(src, dir)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		at := strings.TrimPrefix(strings.TrimPrefix(m.Target, AssetsDir), "/")
		return path.Join(at, filepath.ToSlash(rel)), true
	}
	return "", false
}
