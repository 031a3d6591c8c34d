//go:build !unix

package knowledge

import "context"

// lockFolder is a no-op where advisory locks are not available: builds
// still go to private folders and the first rename wins, so processes
// starting together stay correct, only doing the work twice.
func lockFolder(ctx context.Context, dir string) (unlock func(), err error) {
	return func() {}, nil
}
