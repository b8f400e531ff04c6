package main

import (
	"context"
	"errors"
)

// TODO(owner of this file): replace this placeholder with the real command.
func (m *Main) runLeads(_ context.Context, args []string) error {
	return errors.New("leads: not implemented yet")
}
