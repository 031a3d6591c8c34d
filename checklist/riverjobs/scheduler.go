package riverjobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/standardbot/standardbot/checklist"
)

// Config configures a Scheduler.
type Config struct {
	Store    Store
	Notifier checklist.Notifier
	// Tick is how often due work is looked for (STANDARDBOT_TICK).
	Tick time.Duration
	// Workers bounds concurrent sends; 0 means 10.
	Workers int
	Now     func() time.Time
	Log     *slog.Logger
	// Chores are other periodic work to run on one replica at a time.
	Chores []Chore
	// RiverFollowsNow makes River's own timing follow Now: when a job
	// queued for later (Scheduler.Later) is due, and its upkeep. For the
	// binary's test clock, which moves hours at a time; otherwise River
	// keeps the database's time, and Now is the system's anyway.
	RiverFollowsNow bool
}

// nowClock is Config.Now as River's clock (RiverFollowsNow).
type nowClock func() time.Time

func (c nowClock) Now() time.Time { return c() }

func (c nowClock) NowOrNil() *time.Time {
	t := c().UTC()
	return &t
}

// client is what the scheduler uses of a River client of either driver.
type client interface {
	inserter
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
}

// Scheduler runs the tick and the send workers: Run starts them, Drain
// lets the jobs under way finish.
type Scheduler struct {
	client client
	log    *slog.Logger
}

// NewSQLite migrates River's tables into the SQLite database and returns a
// scheduler over it. db should be the store's single writer connection:
// SQLite allows one writer, and River's own advice is one connection.
func NewSQLite(ctx context.Context, db *sql.DB, cfg Config) (*Scheduler, error) {
	driver := riversqlite.New(db)
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	// Processes starting together on one file race to migrate; the
	// loser's migration fails on rows or tables the winner just made.
	// Trying again reads what is there now, and finds nothing left to do.
	for attempt := 1; ; attempt++ {
		_, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		if err == nil {
			break
		}
		if attempt == 20 || ctx.Err() != nil {
			return nil, fmt.Errorf("river migrations: %w", err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Duration(attempt) * 50 * time.Millisecond):
		}
	}
	return newScheduler[*sql.Tx](driver, cfg, 250*time.Millisecond)
}

// NewPostgres migrates River's tables into the PostgreSQL database (under
// an advisory lock, so replicas starting together take turns) and returns a
// scheduler over it.
func NewPostgres(ctx context.Context, pool *pgxpool.Pool, cfg Config) (*Scheduler, error) {
	driver := riverpgxv5.New(pool)
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	// River applies each version in its own transaction (a new enum value
	// cannot be used in the transaction that adds it), so the lock is held
	// on a session of its own around the whole run.
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock(hashtext('standardbot river migrate'))"); err != nil {
		return nil, fmt.Errorf("river migrations: lock: %w", err)
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if _, uerr := conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock(hashtext('standardbot river migrate'))"); uerr != nil && err == nil {
		err = uerr
	}
	if err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	return newScheduler[pgx.Tx](driver, cfg, time.Second)
}

func newScheduler[TTx any](driver riverdriver.Driver[TTx], cfg Config, poll time.Duration) (*Scheduler, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Workers == 0 {
		cfg.Workers = 10
	}
	if cfg.Tick <= 0 {
		return nil, errors.New("scheduler: tick must be positive")
	}
	tick := &TickWorker{Store: cfg.Store, Now: cfg.Now, Log: cfg.Log}
	workers := river.NewWorkers()
	river.AddWorker(workers, tick)
	river.AddWorker(workers, &SendWorker{Store: cfg.Store, Notifier: cfg.Notifier, Now: cfg.Now, Log: cfg.Log})
	chores, err := addChores(workers, cfg.Chores)
	if err != nil {
		return nil, err
	}
	rc := &river.Config{
		Logger:            slog.New(quietHandler{cfg.Log.Handler()}),
		FetchPollInterval: poll,
		JobTimeout:        time.Minute,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}},
		Workers:           workers,
		PeriodicJobs: append([]*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(cfg.Tick),
			func() (river.JobArgs, *river.InsertOpts) {
				// Only the elected leader enqueues periodic jobs, so ticks
				// do not pile up across replicas; a failed tick is not
				// retried, the next one does its work.
				return TickArgs{}, &river.InsertOpts{MaxAttempts: 1}
			}, &river.PeriodicJobOpts{RunOnStart: true})}, chores...),
	}
	if cfg.RiverFollowsNow {
		rc.Test.Time = nowClock(cfg.Now)
	}
	c, err := river.NewClient(driver, rc)
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	tick.insert = c
	return &Scheduler{client: c, log: cfg.Log}, nil
}

// Later queues d, which the schedule does not know (the summary of a
// round asked at once), to be sent at d.At as the tick's occurrences
// are: a send job in River's table, so a restart, or another replica,
// sends it, once.
func (s *Scheduler) Later(ctx context.Context, projectID int64, d checklist.Due) error {
	if _, err := s.client.Insert(ctx, sendArgs(projectID, d), &river.InsertOpts{ScheduledAt: d.At}); err != nil {
		return fmt.Errorf("queue %s: %w", d.Key, err)
	}
	return nil
}

// Name names the service in logs.
func (s *Scheduler) Name() string { return "scheduler" }

// Run works jobs until ctx ends.
func (s *Scheduler) Run(ctx context.Context) error {
	if err := s.client.Start(ctx); err != nil {
		return fmt.Errorf("start scheduler: %w", err)
	}
	<-ctx.Done()
	return nil
}

// Drain lets running sends finish, then stops; past ctx's deadline it
// cancels them (a cancelled send is retried by whichever process runs next).
func (s *Scheduler) Drain(ctx context.Context) error {
	if err := s.client.Stop(ctx); err != nil {
		return s.client.StopAndCancel(context.Background())
	}
	return nil
}

// quietHandler passes on only warnings and errors: River reports routine
// progress at info level every minute, which would drown the bot's own log.
type quietHandler struct{ slog.Handler }

func (h quietHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.Handler.Enabled(ctx, l)
}

func (h quietHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return quietHandler{h.Handler.WithAttrs(as)}
}

func (h quietHandler) WithGroup(name string) slog.Handler {
	return quietHandler{h.Handler.WithGroup(name)}
}
