//go:build !linux

package work

import "errors"

// lowerPriority is Linux only: elsewhere niceness belongs to the process.
func lowerPriority() error { return errors.New("thread priority is not supported on this system") }
