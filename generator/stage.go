package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/images"
)

// NewStage makes an empty folder beside the output folder dir for
// Options.StageDir: a build streams its outputs there, and WriteDir swaps
// it in for dir. Remove it if the build fails.
func NewStage(dir string) (string, error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("write %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", dir, err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return "", fmt.Errorf("write %s: %w", dir, err)
	}
	return tmp, nil
}

// stager writes rendered outputs into the stage folder as they are made,
// so a full build holds no copy of them (Options.StageDir).
type stager struct {
	root string
	dirs sync.Map // folders made so far
}

// mkdir makes the folder of the output path out (full under the stage
// folder) unless it made it before. Most outputs are a page's index.html
// in a folder of its own whose parent exists: one mkdir, where MkdirAll
// would first stat the folder and its parent.
func (s *stager) mkdir(out, full string) error {
	d := path.Dir(out)
	if d == "." {
		return nil
	}
	if _, done := s.dirs.Load(d); done {
		return nil
	}
	dir := filepath.Dir(full)
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	s.dirs.Store(d, true)
	return nil
}

// write writes data to the output path out under the stage folder.
func (s *stager) write(out string, data []byte) error {
	full := filepath.Join(s.root, filepath.FromSlash(out))
	if err := s.mkdir(out, full); err != nil {
		return fmt.Errorf("write /%s: %w", out, err)
	}
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return fmt.Errorf("write /%s: %w", out, err)
	}
	return nil
}

// link makes the output path out under the stage folder a hard link to
// file (a cached image: its bytes are never rewritten in place, the cache
// replaces a file by renaming a new one over it).
func (s *stager) link(out, file string) error {
	full := filepath.Join(s.root, filepath.FromSlash(out))
	if err := s.mkdir(out, full); err != nil {
		return fmt.Errorf("write /%s: %w", out, err)
	}
	return os.Link(file, full)
}

// remove removes the output path out from the stage folder.
func (s *stager) remove(out string) {
	os.Remove(filepath.Join(s.root, filepath.FromSlash(out)))
}

// keepImage gives an image output its bytes: written to the stage folder
// at once when the build streams its outputs (so a full build holds no
// image, share card included, longer than it takes to write it), left in
// the image cache with Options.ImagesOnDisk (key and f name the entry),
// else kept in the job. It reports whether it dropped them.
func (b *Builder) keepImage(j *job, data []byte, key string, f images.Format, errs *diag.List) bool {
	j.disk = ""
	if b.stage == nil && b.opts.ImagesOnDisk && data != nil && b.img.proc != nil {
		if file := b.img.proc.CachedFile(key, f); file != "" {
			if fi, err := os.Stat(file); err == nil && fi.Size() == int64(len(data)) {
				j.data, j.disk = nil, file
				return true
			}
		}
	}
	if b.stage == nil || data == nil {
		j.data = data
		return false
	}
	if err := b.stage.write(j.out, data); err != nil {
		errs.Add(j.owner, err)
		return false
	}
	j.data, j.staged = nil, true
	return true
}
