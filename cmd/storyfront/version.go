package main

import (
	"context"
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
)

// Version, Commit and Date are set by release builds with -ldflags
// "-X main.Version=v1.2.3 -X main.Commit=... -X main.Date=..."
// (.goreleaser.yaml); otherwise they come from the build information Go
// records (`go install ...@v1.2.3` records the module version, a build in
// a git checkout the commit).
var (
	Version = "dev"
	Commit  = ""
	Date    = ""
)

// moduleVersion matches a module version: a semantic version tag or a
// pseudo-version ("v1.2.3", "v0.0.0-20261201100000-abcdef123456").
var moduleVersion = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)

// buildInfo is what `storyfront version` prints.
type buildInfo struct {
	// Module is the main module's path and Version its version: a release
	// tag ("v1.2.3"), a pseudo-version, or "dev" for a build from a
	// source folder.
	Module, Version string
	Commit, Date    string
	Modified        bool
	GoVersion       string
}

// readBuildInfo combines the -ldflags values with what the Go toolchain
// recorded in the binary.
func readBuildInfo() buildInfo {
	b := buildInfo{Module: "github.com/storyfront/storyfront", Version: Version, Commit: Commit, Date: Date, GoVersion: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	b.GoVersion = bi.GoVersion
	if bi.Main.Path != "" {
		b.Module = bi.Main.Path
	}
	if b.Version == "dev" && moduleVersion.MatchString(bi.Main.Version) {
		b.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// released reports whether b's version names a module version the Go
// module proxy can serve (a tag or pseudo-version, not "dev").
func (b buildInfo) released() bool {
	return moduleVersion.MatchString(b.Version) && !strings.HasSuffix(b.Version, "+dirty")
}

// String is the one line `storyfront version` prints.
func (b buildInfo) String() string {
	s := "storyfront " + b.Version
	if b.Commit != "" {
		s += " commit " + b.Commit
		if b.Modified {
			s += "+modified"
		}
	}
	if b.Date != "" {
		s += " built " + b.Date
	}
	return s + fmt.Sprintf(" %s %s/%s", b.GoVersion, runtime.GOOS, runtime.GOARCH)
}

func (m *Main) runVersion(_ context.Context, args []string) error {
	fs := m.flagSet("version", "", "Print the version, the commit it was built from, and the Go version.")
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, readBuildInfo())
	return nil
}
