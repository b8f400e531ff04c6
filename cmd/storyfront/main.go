// Command storyfront builds brand-story sites and captures their leads.
//
// Each subcommand lives in its own file (build.go, serve.go, capture.go,
// leads.go) with its test beside it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := NewMain(os.Stdout, os.Stderr).Run(ctx, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, errReported) && !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "storyfront:", err)
		}
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(1)
	}
}

// errReported is returned by a command that has already printed its errors.
var errReported = errors.New("errors reported")

// Main is the CLI: its output streams and the subcommands.
type Main struct {
	Stdout, Stderr io.Writer
}

// NewMain returns a Main writing to the given streams.
func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{Stdout: stdout, Stderr: stderr}
}

type command struct {
	name, summary string
	run           func(m *Main, ctx context.Context, args []string) error
}

func (m *Main) commands() []command {
	return []command{
		{"build", "build the site into public/", (*Main).runBuild},
		{"serve", "build, serve and live-reload the site while you edit", (*Main).runServe},
		{"capture", "run or package the lead-capture endpoint", (*Main).runCapture},
		{"leads", "list, export, report, erase and redeliver leads", (*Main).runLeads},
		{"new", "create a new site or story", (*Main).runNew},
		{"import", "write site.yaml from a Hugo site's config (import hugo)", (*Main).runImport},
		{"deploy", "publish the site to an S3 bucket and CloudFront", (*Main).runDeploy},
		{"version", "print the version, commit and Go version", (*Main).runVersion},
	}
}

// Run runs the subcommand named by args[0].
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		m.usage(m.Stdout)
		if len(args) == 0 {
			return errReported
		}
		return nil
	}
	for _, c := range m.commands() {
		if c.name == args[0] {
			return c.run(m, ctx, args[1:])
		}
	}
	m.usage(m.Stderr)
	return fmt.Errorf("unknown command %q", args[0])
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprintln(w, "Storyfront builds brand-story sites and captures their leads.")
	fmt.Fprintln(w, "\nUsage: storyfront <command> [flags]\n\nCommands:")
	for _, c := range m.commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'storyfront <command> --help' for a command's flags.")
}

// flagSet returns a FlagSet whose --help prints usage (the arguments after
// the command name), a description and the flags.
func (m *Main) flagSet(name, usage, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: storyfront %s %s\n\n%s\n", name, usage, description)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(out, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}
