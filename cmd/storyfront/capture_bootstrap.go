package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildBootstrap builds the Lambda bootstrap for linux/arch into tmp and
// returns its path. The source is, in order: the Storyfront module folder
// holding dir or the current folder (a developer's checkout), else the
// module at this binary's own version from the Go module proxy, built in a
// throwaway module, so that a user with only the storyfront binary (and
// Go) can package from any site folder. Without Go, or for a development
// build outside its source, the error says what to do instead.
func (m *Main) buildBootstrap(ctx context.Context, dir, arch, tmp string) (string, error) {
	info := readBuildInfo()
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("building the Lambda bootstrap needs the Go toolchain (go.dev/dl), not found on PATH; "+
			"or pass --bootstrap FILE with a bootstrap built by: GOOS=linux GOARCH=%s CGO_ENABLED=0 go build -tags lambda.norpc -o bootstrap %s@%s",
			arch, lambdaPackage, info.Version)
	}
	bin := filepath.Join(tmp, "bootstrap")
	build := []string{"build", "-tags", "lambda.norpc", "-trimpath", "-ldflags", "-s -w", "-o", bin}
	env := append(os.Environ(), "GOOS=linux", "GOARCH="+arch, "CGO_ENABLED=0", "GOWORK=off")

	cwd, _ := os.Getwd()
	if root := moduleFolder(info.Module, dir, cwd); root != "" {
		fmt.Fprintf(m.Stderr, "building the bootstrap (linux/%s) from the source in %s...\n", arch, root)
		if err := m.goRun(ctx, goBin, root, env, append(build, "./cmd/storyfront-lambda")...); err != nil {
			return "", fmt.Errorf("go build %s in %s: %w (or pass --bootstrap FILE)", lambdaPackage, root, err)
		}
		return bin, nil
	}
	if !info.released() {
		return "", fmt.Errorf("this storyfront is a development build (version %s) and %s is not inside its source: "+
			"run capture package inside the Storyfront source folder, install a release (go install %s/cmd/storyfront@latest), or pass --bootstrap FILE",
			info.Version, dir, info.Module)
	}
	// A throwaway module that requires Storyfront at this binary's version:
	// the bootstrap then matches the CLI that checked site.yaml.
	mod := filepath.Join(tmp, "module")
	if err := os.Mkdir(mod, 0o755); err != nil {
		return "", err
	}
	modEnv := append(env, "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"))
	fmt.Fprintf(m.Stderr, "building the bootstrap (linux/%s) from %s@%s (Go module proxy)...\n", arch, info.Module, info.Version)
	steps := [][]string{
		{"mod", "init", "storyfront-bootstrap"},
		{"get", info.Module + "@" + info.Version},
		append(build, lambdaPackage),
	}
	for _, args := range steps {
		if err := m.goRun(ctx, goBin, mod, modEnv, args...); err != nil {
			return "", fmt.Errorf("go %s: %w (offline? pass --bootstrap FILE instead)", strings.Join(args[:2], " "), err)
		}
	}
	return bin, nil
}

// goRun runs the go command in dir; its output goes to stderr.
func (m *Main) goRun(ctx context.Context, goBin, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdout, cmd.Stderr = m.Stderr, m.Stderr
	return cmd.Run()
}

// moduleFolder returns the folder of the go.mod declaring module that
// holds one of dirs, or "" when none is inside it.
func moduleFolder(module string, dirs ...string) string {
	for _, start := range dirs {
		abs, err := filepath.Abs(start)
		if err != nil {
			continue
		}
		for d := abs; ; d = filepath.Dir(d) {
			if name, err := moduleName(filepath.Join(d, "go.mod")); err == nil {
				if name == module {
					return d
				}
				break // another module: not ours
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return ""
}

// moduleName reads the module path of a go.mod file.
func moduleName(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	return "", errors.New(gomod + ": no module line")
}
