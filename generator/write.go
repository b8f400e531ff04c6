package generator

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"
)

// WriteDir writes the output into dir. It builds a sibling folder, then
// swaps it in with renames, so a failure leaves dir as it was.
func (o *Output) WriteDir(dir string) (err error) {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	tmp := o.stage
	if tmp == "" {
		if tmp, err = os.MkdirTemp(parent, "."+base+".new-"); err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
	} else if filepath.Dir(filepath.Clean(tmp)) != parent {
		return fmt.Errorf("write %s: the stage folder %s is not beside it (NewStage makes one that is)", dir, tmp)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if err := o.writeFiles(tmp); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		o, err := os.MkdirTemp(parent, "."+base+".old-")
		if err != nil {
			return fmt.Errorf("write %s: %w", dir, err)
		}
		os.Remove(o)
		if err := os.Rename(dir, o); err != nil {
			return fmt.Errorf("write %s: move the previous output aside: %w", dir, err)
		}
		old = o
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir)
		}
		return fmt.Errorf("write %s: %w", dir, err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return nil
}

func (o *Output) writeFiles(root string) error {
	paths := o.Paths()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		dirs sync.Map // folders made so far
	)
	// Writing is mostly waiting on system calls: more writers than cores.
	next := make(chan string, 256)
	for range max(4, 2*runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				full := filepath.Join(root, filepath.FromSlash(p))
				err := error(nil)
				if d := path.Dir(p); d != "." {
					if _, done := dirs.Load(d); !done {
						err = os.MkdirAll(filepath.Dir(full), 0o755)
						dirs.Store(d, true)
					}
				}
				if err == nil {
					var data []byte
					if data, err = o.files[p].Bytes(); err == nil {
						err = os.WriteFile(full, data, 0o644)
					}
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range paths {
		if !o.files[p].staged {
			next <- p
		}
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}
