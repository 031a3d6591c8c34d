package riverjobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/standardbot/standardbot/checklist"
)

// TickArgs is the periodic job that looks for due work.
type TickArgs struct{}

// Kind names the job in River's table.
func (TickArgs) Kind() string { return "standardbot_tick" }

// SendArgs is one occurrence to deliver: a stand-up, reminder or nudge.
type SendArgs struct {
	ProjectID int64 `json:"project_id"`
	// DueKind is checklist.Due's Kind; the field cannot be called Kind
	// beside River's Kind method.
	DueKind    checklist.DueKind `json:"kind"`
	Key        string            `json:"key" river:"unique"`
	DaysBefore int               `json:"days_before,omitempty"`
	At         time.Time         `json:"at"`
	// Member and Round are a stand-up round's, and AskedNow marks the
	// summary of a round asked at once (checklist.Due).
	Member   string `json:"member,omitempty"`
	Round    string `json:"round,omitempty"`
	AskedNow bool   `json:"asked_now,omitempty"`
}

// sendArgs is the job that delivers d.
func sendArgs(projectID int64, d checklist.Due) SendArgs {
	a := SendArgs{ProjectID: projectID, DueKind: d.Kind, Key: d.Key, DaysBefore: d.DaysBefore, At: d.At, Member: d.Member, AskedNow: d.AskedNow}
	if !d.Round.IsZero() {
		a.Round = d.Round.String()
	}
	return a
}

// Due is the occurrence the job delivers.
func (a SendArgs) Due() checklist.Due {
	d := checklist.Due{Kind: a.DueKind, At: a.At, Key: a.Key, DaysBefore: a.DaysBefore, Member: a.Member, AskedNow: a.AskedNow}
	d.Round, _ = checklist.ParseDate(a.Round) // "" for other kinds
	return d
}

// Kind names the job in River's table.
func (SendArgs) Kind() string { return "standardbot_send" }

// InsertOpts make an occurrence's job unique by its key, whatever state an
// earlier copy is in, so two ticks (or two replicas) insert it once.
func (SendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 8, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStateCompleted, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled,
	}}}
}

// inserter is the part of a River client the tick needs; it hides the
// client's transaction type, which differs between the two drivers.
type inserter interface {
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
}

// tickBatch bounds the projects one query returns; a tick loops until done.
const tickBatch = 1000

// TickWorker finds due projects, inserts their occurrences and moves each
// project's next moment on.
type TickWorker struct {
	river.WorkerDefaults[TickArgs]
	Store  checklist.Timetable
	Now    func() time.Time
	Log    *slog.Logger
	insert inserter
}

// Work runs one tick. Occurrences are inserted before the next moment is
// stored, so a crash in between repeats an insert (which uniqueness
// absorbs) rather than losing one.
func (w *TickWorker) Work(ctx context.Context, _ *river.Job[TickArgs]) error {
	now := w.Now()
	for {
		projects, err := w.Store.DueProjects(ctx, now, tickBatch)
		if err != nil {
			return fmt.Errorf("tick: due projects: %w", err)
		}
		if err := w.enqueue(ctx, projects, now); err != nil {
			return err
		}
		if len(projects) < tickBatch {
			return nil
		}
	}
}

func (w *TickWorker) enqueue(ctx context.Context, projects []*checklist.Project, now time.Time) error {
	var params []river.InsertManyParams
	for _, p := range projects {
		for _, d := range p.DueAt(now) {
			params = append(params, river.InsertManyParams{Args: sendArgs(p.ID, d)})
		}
	}
	if len(params) > 0 {
		if _, err := w.insert.InsertMany(ctx, params); err != nil {
			return fmt.Errorf("tick: insert sends: %w", err)
		}
		w.Log.Info("scheduled messages", "count", len(params), "projects", len(projects))
	}
	for _, p := range projects {
		if err := w.Store.SetNextDue(ctx, p.ID, p.NextDue(now), p.UpdatedAt); err != nil && checklist.ErrorCode(err) != checklist.ENOTFOUND {
			return fmt.Errorf("tick: next due of project %d: %w", p.ID, err)
		}
	}
	return nil
}

// SendWorker delivers one occurrence to each of the project's channels.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	Store    SendStore
	Notifier checklist.Notifier
	Now      func() time.Time
	Log      *slog.Logger
}

// Work sends an occurrence once per channel. A channel that can never
// have it (checklist.ErrUndeliverable) is logged and passed over, and the
// job is cancelled once the others have theirs: retrying would fail the
// same way. Any other failure stops the job, to be retried; channels
// already sent to are not sent to again.
func (w *SendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	a := job.Args
	p, err := w.Store.Project(ctx, a.ProjectID)
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil // the project was deleted; nothing to send
	}
	if err != nil {
		return fmt.Errorf("send %s: %w", a.Key, err)
	}
	if !p.StillDue(a.Due(), w.Now()) {
		w.Log.Info("occurrence no longer due, not sent", "key", a.Key)
		return nil
	}
	var undeliverable []error
	for _, b := range targets(p, a) {
		err := w.deliver(ctx, p, a.Due(), b)
		switch {
		case errors.Is(err, checklist.ErrUndeliverable):
			w.Log.Warn("undeliverable, not retried", "kind", a.DueKind, "key", a.Key, "platform", b.Platform, "channel", b.Channel, "err", err)
			undeliverable = append(undeliverable, err)
		case err != nil:
			return err
		}
	}
	if len(undeliverable) > 0 {
		return river.JobCancel(errors.Join(undeliverable...))
	}
	return nil
}

// targets are where an occurrence goes: a member's ask or reminder to
// them (their platform and team; the adapter finds the conversation),
// anything else to each of the project's channels.
func targets(p *checklist.Project, a SendArgs) []checklist.Binding {
	if a.Member == "" {
		return p.Bindings
	}
	if m, ok := p.Member(a.Member); ok {
		return []checklist.Binding{m.Binding()}
	}
	return nil
}

// deliver sends d to one channel. The delivery is claimed before it is
// sent, so a retry (or a second replica) never sends it twice; a crash
// between claim and send loses that one message rather than repeating it.
// A failed send releases the claim for the retry, unless it can never
// succeed.
func (w *SendWorker) deliver(ctx context.Context, p *checklist.Project, d checklist.Due, b checklist.Binding) error {
	claim := "sent:" + d.Key + "|" + b.Workspace() + "/" + b.Channel
	first, err := w.Store.Claim(ctx, claim, w.Now())
	if err != nil {
		return fmt.Errorf("send %s: claim: %w", d.Key, err)
	}
	if !first {
		return nil
	}
	if err := w.Notifier.Notify(ctx, b, p, d); err != nil {
		if !errors.Is(err, checklist.ErrUndeliverable) {
			if rerr := w.Store.Release(context.WithoutCancel(ctx), claim); rerr != nil {
				w.Log.Error("release claim after failed send", "key", claim, "err", rerr)
			}
		}
		return fmt.Errorf("send %s to %s: %w", d.Key, b.Platform, err)
	}
	w.Log.Info("sent", "kind", d.Kind, "key", d.Key, "platform", b.Platform)
	return nil
}
