package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"sync"
	"time"

	"github.com/storyfront/storyfront/capture"

	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// checkpointEvery is how often the WAL is checkpointed.
const checkpointEvery = 500 * time.Millisecond

// maxBatch bounds how many saves one transaction commits.
const maxBatch = 512

// Store is a capture.Store in a SQLite file. It is safe for concurrent use.
type Store struct {
	path string
	db   *sql.DB

	// mu guards closed and the reqs channel against Save after Close.
	mu     sync.RWMutex
	closed bool
	reqs   chan *saveReq
	// stopped is closed when the writer goroutine has finished.
	stopped chan struct{}
	// stopCheckpoints ends the checkpointer, which closes checkpointsDone.
	stopCheckpoints, checkpointsDone chan struct{}
	wconn                            *sql.Conn
	stmts                            *writeStmts
	// files are the database file and its WAL as opened: a save checks
	// that the path still names them (see CheckFile).
	files []openFile
}

var _ capture.Store = (*Store)(nil)

// Open opens (creating it if needed) the lead database at path, brings its
// tables up to date and starts the writer.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(ON)", "secure_delete(ON)", "wal_autocheckpoint(0)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	db, err := sql.Open("sqlite", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s := &Store{path: path, db: db, reqs: make(chan *saveReq, maxBatch), stopped: make(chan struct{}),
		stopCheckpoints: make(chan struct{}), checkpointsDone: make(chan struct{})}
	if s.wconn, err = db.Conn(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.stmts, err = prepareWrites(ctx, s.wconn); err != nil {
		s.wconn.Close()
		db.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if s.files, err = openFiles(path); err != nil {
		s.stmts.close()
		s.wconn.Close()
		db.Close()
		return nil, err
	}
	go s.writer()
	go s.checkpointer()
	return s, nil
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close waits for the saves in flight, then closes the database.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.reqs)
	s.mu.Unlock()
	<-s.stopped
	close(s.stopCheckpoints)
	<-s.checkpointsDone
	// The last connection to close checkpoints the WAL and removes it.
	err := errors.Join(s.stmts.close(), s.wconn.Close(), s.db.Close())
	if err != nil {
		return fmt.Errorf("%s: close: %w", s.path, err)
	}
	return nil
}

// checkpointer copies the WAL into the database file in the background.
// SQLite's automatic checkpoint is off (wal_autocheckpoint=0) because it
// runs inside a commit, and its two extra fsyncs would stall the saves
// waiting for that commit. A PASSIVE checkpoint never blocks the writer.
func (s *Store) checkpointer() {
	defer close(s.checkpointsDone)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-s.stopCheckpoints:
			return
		case <-t.C:
			_, _ = s.db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// migrations are applied in order; PRAGMA user_version counts those done.
func migrations() []string {
	return []string{`
CREATE TABLE leads (
	id              TEXT PRIMARY KEY,
	form            TEXT NOT NULL,
	fields          TEXT NOT NULL,
	page            TEXT NOT NULL DEFAULT '',
	story           TEXT NOT NULL DEFAULT '',
	referrer        TEXT NOT NULL DEFAULT '',
	landing         TEXT NOT NULL DEFAULT '',
	utm_source      TEXT NOT NULL DEFAULT '',
	utm_medium      TEXT NOT NULL DEFAULT '',
	utm_campaign    TEXT NOT NULL DEFAULT '',
	utm_term        TEXT NOT NULL DEFAULT '',
	utm_content     TEXT NOT NULL DEFAULT '',
	consent         INTEGER NOT NULL,
	user_agent      TEXT NOT NULL DEFAULT '',
	ip_hash         TEXT NOT NULL DEFAULT '',
	spam            INTEGER NOT NULL,
	idempotency_key TEXT UNIQUE,
	email           TEXT NOT NULL DEFAULT '',
	created_at      INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE deliveries (
	lead_id    TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
	sink       TEXT NOT NULL,
	state      TEXT NOT NULL,
	attempts   INTEGER NOT NULL DEFAULT 0,
	next_at    INTEGER NOT NULL,
	last_error TEXT NOT NULL DEFAULT '',
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (lead_id, sink)
);
CREATE INDEX deliveries_due ON deliveries(state, next_at);
`, `
ALTER TABLE leads ADD COLUMN journey TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN first_story TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN status TEXT NOT NULL DEFAULT 'new';
ALTER TABLE leads ADD COLUMN value INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN currency TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN reached INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN status_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN contacted_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX leads_created ON leads(created_at);
CREATE TABLE status_history (
	lead_id  TEXT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
	seq      INTEGER NOT NULL,
	status   TEXT NOT NULL,
	value    INTEGER NOT NULL DEFAULT 0,
	currency TEXT NOT NULL DEFAULT '',
	note     TEXT NOT NULL DEFAULT '',
	source   TEXT NOT NULL DEFAULT '',
	event_id TEXT NOT NULL DEFAULT '',
	at       INTEGER NOT NULL,
	PRIMARY KEY (lead_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX status_history_event ON status_history(lead_id, event_id) WHERE event_id != '';
CREATE TABLE digests (
	week    TEXT PRIMARY KEY,
	state   TEXT NOT NULL,
	at      INTEGER NOT NULL
) WITHOUT ROWID;
`, tallyMigration()}
}

func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	all := migrations()
	if version > len(all) {
		return fmt.Errorf("migrate: the database is at version %d, newer than this storyfront (%d)", version, len(all))
	}
	for i := version; i < len(all); i++ {
		if _, err := tx.ExecContext(ctx, all[i]); err != nil {
			return fmt.Errorf("migrate to version %d: %w", i+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(all))); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}
