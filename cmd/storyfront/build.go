package main

import (
	"context"
	"errors"
)

// TODO(owner of this file): replace this placeholder with the real command.
func (m *Main) runBuild(_ context.Context, args []string) error {
	return errors.New("build: not implemented yet")
}
