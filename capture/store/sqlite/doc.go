// Package sqlite is the capture.Store kept in one SQLite file (the pure-Go
// modernc.org/sqlite driver), used by `storyfront capture serve`, the dev
// server and `storyfront leads`.
//
// The file runs in WAL mode with synchronous=FULL, so a committed
// transaction survives a crash or power loss. Saves are group-committed:
// one writer goroutine gathers the saves that arrive while it is busy into
// a single transaction, commits (one fsync for the batch) and only then
// acknowledges each caller. Idempotency keys are enforced by a UNIQUE index.
package sqlite
