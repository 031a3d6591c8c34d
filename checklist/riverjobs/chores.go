package riverjobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Chore is periodic work besides the checklist's that must run on one
// replica at a time, such as refreshing the kept GOV.UK copy: the elected
// leader enqueues it every Every, and while one run is waiting or going
// no other is enqueued, so runs never overlap across replicas.
type Chore struct {
	// Name is unique among the chores.
	Name string
	// Every is how often it is enqueued; the first run is at start.
	Every time.Duration
	// Timeout bounds a run; 0: the scheduler's minute.
	Timeout time.Duration
	// Run does the work. An error is logged; the next run tries again.
	Run func(ctx context.Context) error
}

// ChoreArgs is one run of a chore.
type ChoreArgs struct {
	Name string `json:"name" river:"unique"`
}

// Kind names the job in River's table.
func (ChoreArgs) Kind() string { return "standardbot_chore" }

// InsertOpts make a chore unique while a run is waiting or going (River
// requires available, pending, running and scheduled), and never retried:
// the next period's run is the retry.
func (ChoreArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 1, UniqueOpts: river.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateScheduled,
	}}}
}

// ChoreWorker runs chores by name.
type ChoreWorker struct {
	river.WorkerDefaults[ChoreArgs]
	chores map[string]Chore
}

// Timeout is the chore's own.
func (w *ChoreWorker) Timeout(job *river.Job[ChoreArgs]) time.Duration {
	return w.chores[job.Args.Name].Timeout
}

// Work runs one chore.
func (w *ChoreWorker) Work(ctx context.Context, job *river.Job[ChoreArgs]) error {
	c, ok := w.chores[job.Args.Name]
	if !ok {
		// Another version of the bot, running beside this one, has a
		// chore this one lacks.
		return river.JobCancel(fmt.Errorf("no chore named %q in this process", job.Args.Name))
	}
	if err := c.Run(ctx); err != nil {
		return fmt.Errorf("chore %s: %w", c.Name, err)
	}
	return nil
}

// addChores registers the chores' worker and periodic jobs.
func addChores(workers *river.Workers, chores []Chore) ([]*river.PeriodicJob, error) {
	w := &ChoreWorker{chores: map[string]Chore{}}
	var jobs []*river.PeriodicJob
	for _, c := range chores {
		if c.Name == "" || c.Every <= 0 || c.Run == nil {
			return nil, fmt.Errorf("scheduler: chore %q needs a name, a period and a function", c.Name)
		}
		if _, dup := w.chores[c.Name]; dup {
			return nil, fmt.Errorf("scheduler: two chores named %q", c.Name)
		}
		w.chores[c.Name] = c
		args := ChoreArgs{Name: c.Name}
		jobs = append(jobs, river.NewPeriodicJob(river.PeriodicInterval(c.Every),
			func() (river.JobArgs, *river.InsertOpts) { return args, nil },
			&river.PeriodicJobOpts{RunOnStart: true}))
	}
	river.AddWorker(workers, w)
	return jobs, nil
}
