package work

import "syscall"

// backgroundNice is how much nicer answering threads are than the rest of
// the process: enough that the kernel runs an acknowledgement first, not so
// much that answers starve when the machine is busy.
const backgroundNice = 10

// lowerPriority lowers the calling thread's priority. On Linux, niceness
// belongs to a thread, so this leaves the rest of the process alone.
func lowerPriority() error {
	tid := syscall.Gettid()
	// The raw syscall returns 20 - nice.
	prio, err := syscall.Getpriority(syscall.PRIO_PROCESS, tid)
	if err != nil {
		return err
	}
	return syscall.Setpriority(syscall.PRIO_PROCESS, tid, min(19, 20-prio+backgroundNice))
}
