package work

import (
	"runtime"
	"time"
)

// idleStop is how long a worker waits for a job before it stops; a bot
// that is quiet holds no threads.
const idleStop = 30 * time.Second

// run hands job to an idle worker, or starts one. There are as many
// workers as slotted jobs running, plus those waiting in Blocking (whose
// threads sleep), plus idle ones for up to idleStop.
func (s *Slots) run(job func()) {
	select {
	case s.jobs <- job:
	default:
		go s.worker(job)
	}
}

// worker runs jobs on a thread of its own at background priority. It never
// unlocks the thread: when the worker stops, Go ends the thread with it, so
// no lowered thread goes back to run other goroutines.
func (s *Slots) worker(job func()) {
	runtime.LockOSThread()
	if err := lowerPriority(); err != nil {
		s.log.Debug("answering at normal priority", "err", err)
	}
	idle := time.NewTimer(idleStop)
	defer idle.Stop()
	for {
		job()
		idle.Reset(idleStop)
		select {
		case job = <-s.jobs:
		case <-idle.C:
			return
		}
	}
}
