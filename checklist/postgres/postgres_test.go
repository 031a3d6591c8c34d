package postgres

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/storetest"
)

// freshSchema is pgtest.FreshSchema, named for this file's many callers.
func freshSchema(t testing.TB) string { return pgtest.FreshSchema(t) }

// open opens a store on url and closes it when the test ends (before the
// schema is dropped: cleanups run last first).
func open(t testing.TB, url string, opts ...Option) *Store {
	t.Helper()
	s, err := Open(t.Context(), url, opts...)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestStore(t *testing.T) {
	pgtest.Admin(t) // skip once here rather than in every subtest
	storetest.Run(t, func(t *testing.T) checklist.Store { return open(t, freshSchema(t)) })
}

func TestStoreClock(t *testing.T) {
	pgtest.Admin(t)
	storetest.RunClock(t, func(t *testing.T, now func() time.Time) checklist.Store {
		return open(t, freshSchema(t), WithClock(now))
	})
}

// TestReplicas stands for two replicas of the bot: two Stores, each with
// its own pool, on one database.
func TestReplicas(t *testing.T) {
	pgtest.Admin(t)
	storetest.RunShared(t, func(t *testing.T) (a, b checklist.Store) {
		url := freshSchema(t)
		return open(t, url), open(t, url)
	})
}

func TestReplicasMigrateTogether(t *testing.T) {
	url := freshSchema(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s, err := Open(t.Context(), url)
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("replica %d: open: %v", i, err)
		}
	}
	wantVersions(t, open(t, url))
}

func TestMigrationsAreIdempotent(t *testing.T) {
	url := freshSchema(t)
	s := open(t, url)
	if err := migrate(t.Context(), s.pool, migrations(t), nil); err != nil {
		t.Fatalf("migrate again: %v", err)
	}
	open(t, url)
	wantVersions(t, s)
}

// TestUpgrade opens schemas that each older schema version made, filled
// with data, and checks they come up to date keeping it.
func TestUpgrade(t *testing.T) {
	ms := migrations(t)
	for v := 1; v < len(ms); v++ {
		t.Run(fmt.Sprintf("FromVersion%d", v), func(t *testing.T) {
			url := freshSchema(t)
			old, err := openAt(t.Context(), url, ms[:v])
			if err != nil {
				t.Fatalf("open at version %d: %v", v, err)
			}
			var before checklist.Store = old
			if v < actorIDs(t, ms) {
				before = preIDs{old, v >= 3}
			}
			storetest.RunUpgrade(t, before, v >= actorIDs(t, ms), func(t *testing.T) checklist.Store {
				s := open(t, url)
				wantVersions(t, s)
				return s
			})
		})
	}
}

// preIDs is a store over a schema before migration actor_ids, writing as
// the store did then: who did something by name alone, and before
// migration 0003 (nextDue false) without next_due. RunUpgrade writes
// through CreateProject and SetStatus; the rest needs no change.
type preIDs struct {
	*Store
	nextDue bool
}

func (s preIDs) CreateProject(ctx context.Context, p *checklist.Project) error {
	if err := p.Normalise(); err != nil {
		return err
	}
	t := storeutil.Clock(nil).Now()
	cols, vals, args := "", "", []any(nil)
	if s.nextDue {
		cols, vals, args = ", next_due", ", $14", []any{nextDue(storeutil.NextLook(p, t))}
	}
	err := s.update(ctx, func(tx pgx.Tx) error {
		sc := p.Schedule
		err := tx.QueryRow(ctx, `INSERT INTO projects (workspace, name, name_key, standard, points, phase,
			assessment, time_zone, standup_at, standup_days, reminders, created_by, created_at, updated_at`+cols+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12, $13, $13`+vals+`) RETURNING id`,
			append([]any{p.Workspace, p.Name, storeutil.NameKey(p.Name), p.Standard, p.Points, string(p.Phase), storeutil.DateValue(p.Assessment),
				p.TimeZone, sc.StandupAt, sc.StandupDays, storeutil.RemindersValue(sc.Reminders), p.CreatedBy, t}, args...)...).Scan(&p.ID)
		if err != nil {
			return err
		}
		b := p.Bindings[0]
		if _, err := tx.Exec(ctx, `INSERT INTO bindings (platform, team, channel, project_id, bound_by, bound_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, b.Platform, b.Team, b.Channel, p.ID, p.CreatedBy, t); err != nil {
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
	err := s.update(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO point_states (project_id, point, status, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5)`, id, point, string(st), by.Name, t); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO items (project_id, point, kind, body, author, at)
			VALUES ($1, $2, 'note', $3, $4, $5)`, id, point, note, by.Name, t); err != nil {
			return err
		}
		return oldHistory(ctx, tx, id, t, by.Name, point, "status", string(checklist.NotStarted), string(st), note)
	})
	return nil, err
}

// oldHistory adds a history entry as the store did before migration
// actor_ids.
func oldHistory(ctx context.Context, tx pgx.Tx, id int64, at time.Time, by string, point int, field, old, new, note string) error {
	_, err := tx.Exec(ctx, `INSERT INTO history (project_id, at, author, point, field, old_value, new_value, note)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, at, by, point, field, old, new, note)
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
	if err := s.pool.QueryRow(t.Context(), `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
		t.Fatalf("schema_migrations: %v", err)
	}
	if n != len(ms) || max != len(ms) {
		t.Errorf("schema_migrations has %d rows up to version %d, want %d", n, max, len(ms))
	}
}

func TestNewerSchemaIsAnError(t *testing.T) {
	url := freshSchema(t)
	s := open(t, url)
	if _, err := s.pool.Exec(t.Context(), `INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')`); err != nil {
		t.Fatalf("insert a future version: %v", err)
	}
	_, err := Open(t.Context(), url)
	if err == nil || !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), "9999") {
		t.Fatalf("open a newer schema: %v, want an error saying it is newer", err)
	}
}

func TestOpenWithoutSchemaIsAnError(t *testing.T) {
	pgtest.Admin(t)
	_, err := Open(t.Context(), pgtest.WithSearchPath(pgtest.URL(), "t_missing_schema"))
	if err == nil || !strings.Contains(err.Error(), "search_path") {
		t.Fatalf("open with a missing schema: %v, want an error naming search_path", err)
	}
}

// TestClaimsAreForgottenAfterRetention checks old claims are pruned, so
// the table does not grow without end.
func TestClaimsAreForgottenAfterRetention(t *testing.T) {
	s := open(t, freshSchema(t))
	storetest.RunClaimRetention(t, s, s.pruner.Reset)
}

// TestThreadsAreForgottenAfterRetention checks idle threads' conversations
// are pruned and channels' kept.
func TestThreadsAreForgottenAfterRetention(t *testing.T) {
	s := open(t, freshSchema(t))
	storetest.RunThreadRetention(t, s, s.threadPruner.Reset, func(key string, at time.Time) {
		if _, err := s.pool.Exec(t.Context(), `UPDATE conversations SET updated_at = $1 WHERE key = $2`, at, key); err != nil {
			t.Fatal(err)
		}
	})
}

func TestInbox(t *testing.T) {
	pgtest.Admin(t)
	storetest.RunInbox(t, func(t *testing.T) storetest.Inbox { return open(t, freshSchema(t)) })
}

// TestInboxReplicas stands for two replicas taking over one database's
// inbox: two Stores, each with its own pool.
func TestInboxReplicas(t *testing.T) {
	pgtest.Admin(t)
	storetest.RunInboxShared(t, func(t *testing.T) (a, b storetest.Inbox) {
		url := freshSchema(t)
		return open(t, url), open(t, url)
	})
}

func TestErasure(t *testing.T) {
	pgtest.Admin(t)
	storetest.RunErasure(t, func(t *testing.T) (checklist.Store, storetest.Dump) {
		s := open(t, freshSchema(t))
		return s, func(t *testing.T) []storetest.Cell { return dumpAll(t, s) }
	})
}

// dumpAll reads every column of every table in the store's schema, as
// text, the tables and columns from information_schema.
func dumpAll(t *testing.T, s *Store) []storetest.Cell {
	t.Helper()
	ctx := t.Context()
	rows, err := s.pool.Query(ctx, `SELECT c.table_name, c.column_name FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' ORDER BY 1, c.ordinal_position`)
	if err != nil {
		t.Fatalf("columns: %v", err)
	}
	cols, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct{ Table, Column string }])
	if err != nil {
		t.Fatalf("columns: %v", err)
	}
	var out []storetest.Cell
	for _, c := range cols {
		query := fmt.Sprintf(`SELECT %s::text FROM %s`, pgx.Identifier{c.Column}.Sanitize(), pgx.Identifier{c.Table}.Sanitize())
		rows, err := s.pool.Query(ctx, query)
		if err != nil {
			t.Fatalf("read %s.%s: %v", c.Table, c.Column, err)
		}
		values, err := pgx.CollectRows(rows, pgx.RowTo[*string])
		if err != nil {
			t.Fatalf("read %s.%s: %v", c.Table, c.Column, err)
		}
		for _, v := range values {
			if v != nil {
				out = append(out, storetest.Cell{Table: c.Table, Column: c.Column, Value: *v})
			}
		}
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
