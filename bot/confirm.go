package bot

import (
	"context"
	"strings"
	"sync"
	"time"
)

// confirmExpiry is how long a question waits for its yes.
const confirmExpiry = 30 * time.Minute

// confirmation is something shown and waiting for the same person's yes
// in the same conversation: an import to record, a project to delete, a
// person to forget.
type confirmation struct {
	// yes does it.
	yes func(ctx context.Context, req *request) ([]Reply, error)
	// no is the reply to no; dropped goes before the reply to anything
	// else, which cancels it too.
	no, dropped string
	expires     time.Time
}

// confirmations keeps what waits for a yes in memory, one per person and
// conversation (walkKey), the latest asked: a restart forgets them, and
// nothing was done.
type confirmations struct {
	mu sync.Mutex
	m  map[string]confirmation
}

func (cs *confirmations) put(key string, c confirmation) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.m == nil {
		cs.m = map[string]confirmation{}
	}
	cs.m[key] = c
}

// take removes and returns what waits under key, if it has not expired by
// now; expired ones go.
func (cs *confirmations) take(key string, now time.Time) (confirmation, bool) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for k, c := range cs.m {
		if now.After(c.expires) {
			delete(cs.m, k)
		}
	}
	c, ok := cs.m[key]
	delete(cs.m, key)
	return c, ok
}

// dropUser forgets what waits for a person in any conversation: walkKey
// ends with their id.
func (cs *confirmations) dropUser(user string) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for k := range cs.m {
		if strings.HasSuffix(k, "|"+user) {
			delete(cs.m, k)
		}
	}
}

// awaitYes makes c wait for the yes of the person who sent req.
func (b *Bot) awaitYes(req *request, c confirmation) {
	c.expires = b.now().Add(confirmExpiry)
	b.confirms.put(walkKey(req), c)
}

// confirmAnswer takes the answer to what waits for this person here: yes
// does it, no cancels it, and anything else cancels it and is then
// handled as usual.
func (b *Bot) confirmAnswer(ctx context.Context, req *request) ([]Reply, bool, error) {
	c, ok := b.confirms.take(walkKey(req), b.now())
	if !ok {
		return nil, false, nil
	}
	switch {
	case req.word == "yes" && req.args == "":
		replies, err := c.yes(ctx, req)
		return replies, true, err
	case req.word == "no" && req.args == "":
		return Text(ReplyInfo, c.no).one(), true, nil
	}
	replies, err := b.route(ctx, req)
	return append([]Reply{Text(ReplyInfo, c.dropped)}, replies...), true, err
}
