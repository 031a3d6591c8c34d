package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
	"github.com/standardbot/standardbot/checklist/storetest"
)

// open opens a store on path and closes it when the test ends.
func open(t testing.TB, path string, opts ...Option) *Store {
	t.Helper()
	s, err := Open(t.Context(), path, opts...)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) checklist.Store {
		return open(t, filepath.Join(t.TempDir(), "test.db"))
	})
}

func TestStoreClock(t *testing.T) {
	storetest.RunClock(t, func(t *testing.T, now func() time.Time) checklist.Store {
		return open(t, filepath.Join(t.TempDir(), "test.db"), WithClock(now))
	})
}

// TestStoresSharingAFile stands for two processes on one file: two Stores,
// each with its own connections.
func TestStoresSharingAFile(t *testing.T) {
	storetest.RunShared(t, func(t *testing.T) (a, b checklist.Store) {
		path := filepath.Join(t.TempDir(), "shared.db")
		return open(t, path), open(t, path)
	})
}

func TestOpenCreatesFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data dir", "nested?#%", "standardbot.db")
	open(t, path)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	b := checklist.Binding{Platform: "slack", Team: "T1", Channel: "C1"}
	p := &checklist.Project{Name: "Apply for a licence", Standard: "govuk", Points: 14, Phase: checklist.Alpha,
		TimeZone: "Europe/London", Bindings: []checklist.Binding{b}, CreatedBy: "alice"}
	if err := s.CreateProject(t.Context(), p); err != nil {
		t.Fatalf("create project: %v", err)
	}
	if _, err := s.SetStatus(t.Context(), p.ID, 4, checklist.Met, "done", checklist.Person{ID: "U-ALICE", Name: "alice"}); err != nil {
		t.Fatalf("set status: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	s = open(t, path)
	got, err := s.ProjectByChannel(t.Context(), b)
	if err != nil {
		t.Fatalf("project after reopening: %v", err)
	}
	if got.ID != p.ID || got.Name != p.Name || got.Phase != checklist.Alpha || !got.CreatedAt.Equal(p.CreatedAt) {
		t.Errorf("project after reopening: %+v, want %+v", got, p)
	}
	states, err := s.PointStates(t.Context(), p.ID)
	if err != nil || len(states) != 1 || states[0].Status != checklist.Met || len(states[0].Notes) != 1 {
		t.Errorf("point states after reopening: %+v, %v", states, err)
	}
}

func TestMigrationsAreIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	s := open(t, path)
	for range 2 {
		if err := migrate(t.Context(), s.write, migrations(t), nil); err != nil {
			t.Fatalf("migrate again: %v", err)
		}
	}
	open(t, path) // and a second store on the same file
	wantVersions(t, s)
}

// TestUpgrade opens files that each older schema version made, filled
// with data, and checks they come up to date keeping it.
func TestUpgrade(t *testing.T) {
	ms := migrations(t)
	for v := 1; v < len(ms); v++ {
		t.Run(fmt.Sprintf("FromVersion%d", v), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "test.db")
			old, err := openAt(t.Context(), path, ms[:v])
			if err != nil {
				t.Fatalf("open at version %d: %v", v, err)
			}
			var before checklist.Store = old
			if v < actorIDs(t, ms) {
				before = preIDs{old, v >= 3}
			}
			storetest.RunUpgrade(t, before, v >= actorIDs(t, ms), func(t *testing.T) checklist.Store {
				s := open(t, path)
				wantVersions(t, s)
				return s
			})
		})
	}
}

// preIDs is a store over a schema before migration actor_ids, writing as the
// store did then: who did something by name alone, and before migration
// 0003 (nextDue false) without next_due. RunUpgrade writes through
// CreateProject and SetStatus; the rest needs no change.
type preIDs struct {
	*Store
	nextDue bool
}

func (s preIDs) CreateProject(ctx context.Context, p *checklist.Project) error {
	if err := p.Normalise(); err != nil {
		return err
	}
	t := storeutil.Clock(nil).Now()
	cols, args := "", []any(nil)
	if s.nextDue {
		cols, args = ", next_due", []any{nextDue(storeutil.NextLook(p, t))}
	}
	err := s.update(ctx, func(tx *sql.Tx) error {
		sc := p.Schedule
		err := tx.QueryRowContext(ctx, `INSERT INTO projects (workspace, name, name_key, standard, points, phase,
			assessment, time_zone, standup_at, standup_days, reminders, created_by, created_at, updated_at`+cols+`)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?`+strings.Repeat(", ?", len(args))+`) RETURNING id`,
			append([]any{p.Workspace, p.Name, storeutil.NameKey(p.Name), p.Standard, p.Points, string(p.Phase), storeutil.DateValue(p.Assessment), p.TimeZone,
				sc.StandupAt, sc.StandupDays, storeutil.RemindersValue(sc.Reminders), p.CreatedBy, ts(t), ts(t)}, args...)...).Scan(&p.ID)
		if err != nil {
			return err
		}
		b := p.Bindings[0]
		if _, err := tx.ExecContext(ctx, `INSERT INTO bindings (platform, team, channel, project_id, bound_by, bound_at)
			VALUES (?, ?, ?, ?, ?, ?)`, b.Platform, b.Team, b.Channel, p.ID, p.CreatedBy, ts(t)); err != nil {
			return err
		}
		return oldHistory(ctx, tx, p.ID, t, p.CreatedBy, 0, "created", "", p.Name, "")
	})
	p.CreatedAt, p.UpdatedAt = t, t
	return err
}

// SetStatus marks a point never marked before, with a note.
func (s preIDs) SetStatus(ctx context.Context, id int64, point int, st checklist.Status, note string, by checklist.Person) (*checklist.PointState, error) {
	t := storeutil.Clock(nil).Now()
	err := s.update(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO point_states (project_id, point, status, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?)`, id, point, string(st), by.Name, ts(t)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO items (project_id, point, kind, body, author, at)
			VALUES (?, ?, 'note', ?, ?, ?)`, id, point, note, by.Name, ts(t)); err != nil {
			return err
		}
		return oldHistory(ctx, tx, id, t, by.Name, point, "status", string(checklist.NotStarted), string(st), note)
	})
	return nil, err
}

// oldHistory adds a history entry as the store did before migration
// actor_ids.
func oldHistory(ctx context.Context, tx *sql.Tx, id int64, at time.Time, by string, point int, field, old, new, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO history (project_id, at, author, point, field, old_value, new_value, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, ts(at), by, point, field, old, new, note)
	return err
}

// migrations are the store's migrations, or the test fails.
func migrations(t testing.TB) []storeutil.Migration {
	t.Helper()
	ms, err := storeutil.Migrations(migrationFiles)
	if err != nil {
		t.Fatalf("migrations: %v", err)
	}
	return ms
}

// wantVersions checks schema_migrations lists every migration once.
func wantVersions(t *testing.T, s *Store) {
	t.Helper()
	ms := migrations(t)
	var n, max int
	if err := s.read.QueryRowContext(t.Context(), `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
		t.Fatalf("schema_migrations: %v", err)
	}
	if n != len(ms) || max != len(ms) {
		t.Errorf("schema_migrations has %d rows up to version %d, want %d", n, max, len(ms))
	}
}

func TestNewerSchemaIsAnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	s := open(t, path)
	if _, err := s.write.ExecContext(t.Context(), `INSERT INTO schema_migrations (version, name, applied_at)
		VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00.000000Z')`); err != nil {
		t.Fatalf("insert a future version: %v", err)
	}
	_, err := Open(t.Context(), path)
	if err == nil || !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), "9999") {
		t.Fatalf("open a newer schema: %v, want an error saying it is newer", err)
	}
}

func TestInbox(t *testing.T) {
	storetest.RunInbox(t, func(t *testing.T) storetest.Inbox {
		return open(t, filepath.Join(t.TempDir(), "test.db"))
	})
}

// TestInboxSharingAFile stands for two processes taking over one file's
// inbox: two Stores, each with its own connections.
func TestInboxSharingAFile(t *testing.T) {
	storetest.RunInboxShared(t, func(t *testing.T) (a, b storetest.Inbox) {
		path := filepath.Join(t.TempDir(), "shared.db")
		return open(t, path), open(t, path)
	})
}

// TestCloseTwice: a store closed by its owner and again by a cleanup must
// not panic, and the second close reports nothing new.
func TestCloseTwice(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "twice.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("first close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("second close: %v", err)
	}
}

func TestErasure(t *testing.T) {
	storetest.RunErasure(t, func(t *testing.T) (checklist.Store, storetest.Dump) {
		s := open(t, filepath.Join(t.TempDir(), "test.db"))
		return s, func(t *testing.T) []storetest.Cell { return dumpAll(t, s.read) }
	})
}

// dumpAll reads every column of every table in the file, as text, the
// tables and columns from SQLite's own catalogue.
func dumpAll(t *testing.T, db *sql.DB) []storetest.Cell {
	t.Helper()
	ctx := t.Context()
	tables := queryStrings(t, db, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	var out []storetest.Cell
	for _, table := range tables {
		for _, col := range queryStrings(t, db, `SELECT name FROM pragma_table_info(?)`, table) {
			rows, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT CAST(%q AS TEXT) FROM %q`, col, table))
			if err != nil {
				t.Fatalf("read %s.%s: %v", table, col, err)
			}
			for rows.Next() {
				var v sql.NullString
				if err := rows.Scan(&v); err != nil {
					t.Fatalf("read %s.%s: %v", table, col, err)
				}
				out = append(out, storetest.Cell{Table: table, Column: col, Value: v.String})
			}
			rows.Close()
		}
	}
	return out
}

func queryStrings(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, s)
	}
	return out
}

// actorIDs is the version of the migration that added the id of who did
// something beside their name.
func actorIDs(t testing.TB, ms []storeutil.Migration) int {
	for _, m := range ms {
		if strings.HasSuffix(m.Name, "_actor_ids.sql") {
			return m.Version
		}
	}
	t.Fatal("no actor_ids migration")
	return 0
}
