package main

import (
	"context"
	"errors"
	"fmt"
	iofs "io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/storyfront/storyfront/generator/config"
)

func (m *Main) runImport(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "hugo" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(m.Stdout, "Usage: storyfront import hugo [-s DIR]\n\nImport a site from another generator. Only Hugo for now.")
			return nil
		}
		fmt.Fprintln(m.Stderr, "Usage: storyfront import hugo [-s DIR]")
		return errors.New("import: say what to import from: hugo")
	}
	return m.runImportHugo(ctx, args[1:])
}

// runImportHugo writes the site.yaml equivalent to a Hugo site's config
// and lists the settings it could not map.
func (m *Main) runImportHugo(_ context.Context, args []string) error {
	fs := m.flagSet("import hugo", "[-s DIR]",
		"Write DIR/site.yaml from the Hugo config of DIR (hugo.toml, hugo.yaml, hugo.json,\n"+
			"config.toml... and config/_default/, merged as Hugo merges them), and print each\n"+
			"setting that has no Storyfront meaning. The Hugo files are left as they are;\n"+
			"once site.yaml exists, Storyfront reads it instead of them. A site builds\n"+
			"without importing too: import is for taking the config over for good.")
	dir := fs.String("s", ".", "the Hugo site `folder`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("import hugo: unexpected argument %q", fs.Arg(0))
	}
	out := filepath.Join(*dir, config.FileName)
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("import hugo: %s exists already; remove it first to import again", out)
	} else if !errors.Is(err, iofs.ErrNotExist) {
		return fmt.Errorf("import hugo: %w", err)
	}
	if !config.HasHugoConfig(*dir) {
		return fmt.Errorf("import hugo: %s has no Hugo config (hugo.toml, hugo.yaml, hugo.json, config.toml... or config/_default/)", *dir)
	}
	h, err := config.ReadHugo(*dir)
	if err == nil {
		_, err = h.Config() // what site.yaml will say must be valid
	}
	if err != nil {
		fmt.Fprintln(m.Stderr, err)
		fmt.Fprintln(m.Stderr, "import hugo: nothing written")
		return errReported
	}
	settings := h.Settings
	if blocks := h.LanguageBlocks(); blocks != nil {
		// A multilingual site: each language's own settings, over the
		// default language's at the root.
		settings = maps.Clone(settings)
		settings["languages"] = blocks
	}
	body, err := yaml.Marshal(settings)
	if err != nil {
		return fmt.Errorf("import hugo: %w", err)
	}
	head := fmt.Sprintf("# Written by `storyfront import hugo` from %s.\n"+
		"# hugo: true keeps Hugo's behaviour where Storyfront's own differs.\n", joinFiles(h.Files))
	if err := os.WriteFile(out, append([]byte(head), body...), 0o644); err != nil {
		return fmt.Errorf("import hugo: %w", err)
	}
	fmt.Fprintf(m.Stdout, "wrote %s from %s\n", out, joinFiles(h.Files))
	if len(h.Ignored) == 0 {
		fmt.Fprintln(m.Stdout, "every setting was mapped")
		return nil
	}
	fmt.Fprintf(m.Stdout, "could not map %d setting(s):\n", len(h.Ignored))
	for _, w := range h.Ignored {
		fmt.Fprintf(m.Stdout, "  %s\n", w)
	}
	return nil
}

func joinFiles(files []string) string { return strings.Join(files, ", ") }
