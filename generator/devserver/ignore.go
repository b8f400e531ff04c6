package devserver

import "strings"

// tempFile reports whether a file name is an editor's or the OS's scratch
// file, whose events must not trigger a rebuild: vim's swap files and its
// "4913" write test, backup files ending in "~", Emacs lock and autosave
// files (".#x", "#x#"), JetBrains' safe-write files and macOS' .DS_Store.
func tempFile(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store":
		return true
	case strings.HasSuffix(name, "~"),
		strings.HasSuffix(name, ".swp"),
		strings.HasSuffix(name, ".swx"),
		strings.HasSuffix(name, ".swo"),
		strings.HasSuffix(name, "___jb_tmp___"),
		strings.HasSuffix(name, "___jb_old___"):
		return true
	case strings.HasPrefix(name, ".#"):
		return true
	case len(name) > 1 && name[0] == '#' && name[len(name)-1] == '#':
		return true
	}
	return false
}

// skippedDir reports whether a folder is never watched: version control and
// package manager folders hold nothing the site is built from.
func skippedDir(name string) bool {
	return name == ".git" || name == ".hg" || name == ".svn" || name == "node_modules"
}
