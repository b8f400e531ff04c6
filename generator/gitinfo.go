package generator

import (
	"context"
	"errors"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/gitinfo"
)

// gitInfo reads each file's last commit when the config asks for it
// (enableGitInfo). Outside a git repository the build goes on without it,
// with a warning (Hugo stops there).
func (b *Builder) gitInfo(ctx context.Context) (gitinfo.Map, *diag.Error) {
	if b.cfg == nil || !b.cfg.EnableGitInfo {
		return nil, nil
	}
	m, err := gitinfo.Load(ctx, b.dir)
	if err == nil {
		return m, nil
	}
	line, col := b.cfg.Locate("$.enableGitInfo")
	if errors.Is(err, gitinfo.ErrNotRepository) {
		return nil, diag.Errorf(b.cfg.File(), line, col, "enableGitInfo: the site is not in a git repository: .GitInfo is nil and :git dates are skipped")
	}
	return nil, diag.Errorf(b.cfg.File(), line, col, "enableGitInfo: %v: .GitInfo is nil and :git dates are skipped", err)
}
