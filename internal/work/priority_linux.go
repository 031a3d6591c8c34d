package work

import "syscall"

// backgroundNice is the niceness of answering threads: low enough that the
// kernel runs an acknowledgement first, high enough that answers still get
// most of a CPU when nothing else wants it.
const backgroundNice = 10

// lowerPriority lowers the calling thread's priority. On Linux, niceness
// belongs to a thread, so this leaves the rest of the process alone.
func lowerPriority() error {
	return syscall.Setpriority(syscall.PRIO_PROCESS, syscall.Gettid(), backgroundNice)
}
