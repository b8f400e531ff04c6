package sqlite

import (
	"errors"
	"fmt"
	"os"
)

// ErrReplaced is wrapped by the error of a save made after the database
// file (or its WAL) was deleted, moved away or replaced while the store
// had it open. Writes would go on into the open file, which the next
// start no longer reads, so they are refused instead: the handler answers
// 503, and nothing is acknowledged that a restart would lose.
var ErrReplaced = errors.New("the database file was deleted or replaced while in use: restart to use the file now at that path")

// openFile is a file the store has open, as it was when opened.
type openFile struct {
	path string
	info os.FileInfo
}

// openFiles records the identity (device and inode) of the database file
// and its WAL, which SQLite has open once the store is open.
func openFiles(path string) ([]openFile, error) {
	var files []openFile
	for _, p := range []string{path, path + "-wal"} {
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) && p != path {
			continue // no WAL (not in WAL mode): nothing to watch
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		files = append(files, openFile{p, fi})
	}
	return files, nil
}

// CheckFile returns an error wrapping ErrReplaced when the store's path
// (or its WAL's) no longer names the file the store has open. It costs
// two stat calls; every save batch checks it before answering.
func (s *Store) CheckFile() error {
	for _, f := range s.files {
		fi, err := os.Stat(f.path)
		if err != nil || !os.SameFile(fi, f.info) {
			return fmt.Errorf("%s: %w", f.path, ErrReplaced)
		}
	}
	return nil
}
