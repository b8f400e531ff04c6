package testpart

import (
	"io/fs"
	"os"
	"path/filepath"
)

// ReadTree reads every file under root, keyed by its slash-separated path
// relative to root: what tests compare two builds' outputs with.
func ReadTree(root string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	return out, err
}
