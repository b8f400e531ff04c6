// Package gitinfo reads, with the git command, the last commit of each
// file of a site: Hugo's .GitInfo and the :git date of the frontmatter
// rules (enableGitInfo).
package gitinfo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Info is the last commit that changed a file, as Hugo's .GitInfo has it.
type Info struct {
	Hash            string
	AbbreviatedHash string
	Subject         string
	AuthorName      string
	AuthorEmail     string
	AuthorDate      time.Time
	CommitDate      time.Time
}

// Map is each file's last commit, by path relative to the site folder
// ("content/blog/a.md").
type Map map[string]*Info

// ErrNotRepository is returned when the site folder is not in a git
// working tree (or git is not installed).
var ErrNotRepository = errors.New("not in a git repository")

// Load runs git log once over the repository holding siteDir and returns
// the last commit of every file below siteDir (merges left out, as Hugo
// does).
func Load(ctx context.Context, siteDir string) (Map, error) {
	top, err := run(ctx, siteDir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotRepository, err)
	}
	root := strings.TrimSpace(string(top))
	absSite, err := filepath.Abs(siteDir)
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(absSite); err == nil {
		absSite = real
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	prefix, err := filepath.Rel(root, absSite)
	if err != nil {
		return nil, err
	}
	prefix = filepath.ToSlash(prefix)
	out, err := run(ctx, siteDir, "-c", "core.quotepath=false", "log", "--name-only", "--no-merges",
		"--format=%x1e%H%x1f%h%x1f%s%x1f%an%x1f%ae%x1f%aI%x1f%cI", "--", ".")
	if err != nil {
		return nil, err
	}
	return parse(out, prefix), nil
}

// parse reads git log's records (newest first): a record separator, the
// commit's fields, then the files it changed, relative to the repository.
func parse(out []byte, prefix string) Map {
	m := Map{}
	for _, rec := range bytes.Split(out, []byte{0x1e}) {
		lines := strings.Split(strings.TrimSpace(string(rec)), "\n")
		f := strings.Split(lines[0], "\x1f")
		if len(f) != 7 {
			continue
		}
		ad, _ := time.Parse(time.RFC3339, f[5])
		cd, _ := time.Parse(time.RFC3339, f[6])
		info := &Info{Hash: f[0], AbbreviatedHash: f[1], Subject: f[2], AuthorName: f[3], AuthorEmail: f[4],
			AuthorDate: ad, CommitDate: cd}
		for _, name := range lines[1:] {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			rel := name
			if prefix != "." && prefix != "" {
				var ok bool
				rel, ok = strings.CutPrefix(name, prefix+"/")
				if !ok {
					continue
				}
			}
			if _, seen := m[rel]; !seen {
				m[rel] = info
			}
		}
	}
	return m
}

func run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %s: %w", args[0], msg, err)
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}
