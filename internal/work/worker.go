package work

import (
	"context"
	"runtime"
	"time"
)

// idleStop is how long a worker waits for a job before it stops; a bot
// that is quiet holds no threads.
const idleStop = 30 * time.Second

// submit hands job to an idle worker, starts a worker when fewer than the
// limit run, or waits for one to come free.
func (p *Pool) submit(ctx context.Context, job func()) error {
	select {
	case p.jobs <- job:
		return nil
	default:
	}
	select {
	case p.jobs <- job:
		return nil
	case p.workers <- struct{}{}:
		go p.worker(job)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// worker runs jobs on a thread of its own at background priority. It never
// unlocks the thread: when the worker stops, Go ends the thread with it, so
// no lowered thread goes back to run other goroutines.
func (p *Pool) worker(job func()) {
	runtime.LockOSThread()
	if err := lowerPriority(); err != nil {
		p.log.Debug("answering at normal priority", "err", err)
	}
	defer func() { <-p.workers }()
	idle := time.NewTimer(idleStop)
	defer idle.Stop()
	for {
		job()
		idle.Reset(idleStop)
		select {
		case job = <-p.jobs:
		case <-idle.C:
			return
		}
	}
}
