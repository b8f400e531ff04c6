package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/storyfront/storyfront/generator"
)

func (m *Main) runBuild(ctx context.Context, args []string) error {
	fs := m.flagSet("build", "[flags]",
		"Build the site in the current folder (or -s DIR) into public/ (or -d DIR).\n"+
			"On errors nothing is written: the previous output stays as it was, and every\n"+
			"problem is printed as path:line:col: message.")
	source := fs.String("s", ".", "the site `folder` (holding site.yaml)")
	dest := fs.String("d", "", "the output `folder` (default: public/ inside the site folder)")
	drafts := fs.Bool("drafts", false, "include draft pages")
	future := fs.Bool("future", false, "include pages dated in the future")
	baseURL := fs.String("base-url", "", "the site's public `URL`, overriding site.yaml's baseURL")
	env := fs.String("environment", "", "the build's `environment` (hugo.Environment; default $HUGO_ENVIRONMENT, else\n$HUGO_ENV, else production); any but production, or a --base-url other than\nsite.yaml's baseURL, makes robots.txt disallow crawlers")
	quiet := fs.Bool("q", false, "print nothing but errors")
	profile := fs.Bool("profile", false, "print where the time went after the build: phases (read, front matter,\nMarkdown, templates, write...), each template's count, total and longest run\n(a layout's time includes its partials), and peak memory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("build: unexpected argument %q", fs.Arg(0))
	}
	out := *dest
	if out == "" {
		out = filepath.Join(*source, "public")
	}
	if err := checkOutputDir(*source, out); err != nil {
		return err
	}
	environment := buildEnvironment(*env, os.LookupEnv)
	opts := generator.Options{Source: *source, Drafts: *drafts, Future: *future, BaseURL: *baseURL, Environment: environment,
		Environ: os.Environ(), RequireEndpoint: environment == "production", Profile: *profile, MemoryBudget: true}
	if !*quiet {
		opts.Progress = m.Stderr
		opts.Terminal = isTerminal(m.Stderr)
	}
	// Outputs stream into a folder beside out as they are rendered (the
	// build keeps no copy in memory), which WriteDir swaps in at the end.
	stage, err := generator.NewStage(out)
	if err != nil {
		return err
	}
	opts.StageDir = stage
	builder := generator.NewBuilder(opts)
	o, err := builder.Build(ctx)
	if err != nil {
		os.RemoveAll(stage)
	}
	printWarnings(m, builder.Warnings())
	if err != nil {
		var errs generator.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				fmt.Fprintln(m.Stderr, e)
			}
			fmt.Fprintf(m.Stderr, "build failed: %d error(s); %s left as it was\n", len(errs), out)
			return errReported
		}
		return err
	}
	written := time.Now()
	if err := o.WriteDir(out); err != nil {
		return err
	}
	if prof := o.Profile(); prof != nil {
		prof.AddPhase("write", time.Since(written))
		prof.MeasureMemory()
		defer func() {
			if err := prof.Print(m.Stdout); err != nil {
				fmt.Fprintln(m.Stderr, "build: print the profile:", err)
			}
		}()
	}
	if !*quiet {
		st := o.Stats()
		fmt.Fprintf(m.Stdout, "built %s: %d pages, %d sections, %d tags, %d files in %d ms\n",
			out, st.Pages, st.Sections, st.Tags, st.Files, st.Duration.Milliseconds())
	}
	return nil
}

// printWarnings prints each warning of a build once, as
// "warning: path:line:col: message".
func printWarnings(m *Main, ws generator.Errors) {
	for _, w := range ws {
		fmt.Fprintf(m.Stderr, "warning: %s\n", w)
	}
}

// checkOutputDir refuses an output folder whose replacement would destroy
// the site: the site folder itself, a folder holding it, or one of its
// source folders.
func checkOutputDir(source, out string) error {
	src, err := filepath.Abs(source)
	if err != nil {
		return err
	}
	dst, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(dst, src); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("build: output folder %s would replace the site folder %s", out, source)
	}
	for _, d := range []string{"content", "layouts", "themes", "assets", "static"} {
		if rel, err := filepath.Rel(filepath.Join(src, d), dst); err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
			return fmt.Errorf("build: output folder %s is inside the site's %s/ folder", out, d)
		}
	}
	return nil
}

// buildEnvironment is the build's environment as hugo picks it: the
// --environment flag, else $HUGO_ENVIRONMENT, else $HUGO_ENV (which
// Netlify sets), else production.
func buildEnvironment(flag string, lookup func(string) (string, bool)) string {
	if flag != "" {
		return flag
	}
	for _, name := range []string{"HUGO_ENVIRONMENT", "HUGO_ENV"} {
		if v, ok := lookup(name); ok && v != "" {
			return v
		}
	}
	return "production"
}
