package slack

import (
	"context"

	"github.com/slack-go/slack"
	"sync"
	"sync/atomic"
	"time"
)

// identity is the bot's own user id, from auth.test, so its own messages
// can be told apart. It is looked up lazily and again at most once a
// minute after a failure: a bot that cannot call auth.test still works,
// recognising its own messages by their bot_id alone.
type identity struct {
	// userID is read on the acknowledgement path, which must never wait
	// for a lookup in progress; mu only serialises lookups.
	userID  atomic.Value // string
	mu      sync.Mutex
	triedAt time.Time // on the wall clock: it paces lookups, and stamps nothing
}

// knownSelf is the bot's user id (in multi-workspace mode, in team) if
// already known, without asking Slack.
func (a *Adapter) knownSelf(team string) string {
	if a.cfg.Tokens != nil {
		id, _ := a.clients.selves.Load(team)
		s, _ := id.(string)
		return s
	}
	id, _ := a.ids.userID.Load().(string)
	return id
}

// selfID returns the bot's user id, asking Slack if need be, or "" while
// it is unknown.
func (a *Adapter) selfID(ctx context.Context) string {
	if a.cfg.Tokens != nil {
		return a.workspaceSelf(ctx)
	}
	if id := a.knownSelf(""); id != "" {
		return id
	}
	a.ids.mu.Lock()
	defer a.ids.mu.Unlock()
	if id := a.knownSelf(""); id != "" || (!a.ids.triedAt.IsZero() && time.Since(a.ids.triedAt) < time.Minute) {
		return id
	}
	a.ids.triedAt = time.Now()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := a.single.AuthTestContext(ctx)
	if err != nil {
		a.m.apiError("auth.test")
		a.log.Warn("auth.test failed: recognising the bot's own messages by bot_id only", "err", err)
		return ""
	}
	a.ids.userID.Store(resp.UserID)
	a.log.Info("slack identity", "team", resp.TeamID, "bot_user", resp.UserID)
	return resp.UserID
}

// maxNames bounds the cache of display names; it is emptied when full,
// which costs a few users.info calls and keeps memory flat.
const maxNames = 10000

// nameCache remembers people's display names, which the history shows,
// and their time zones, which their stand-up questions follow.
type nameCache struct {
	mu    sync.Mutex
	names map[string]person
}

// person is what users.info says of someone: "" for what it will not.
type person struct{ name, zone string }

// userName is a person's display name, or "" when Slack will not say (the
// core then records the user id).
func (a *Adapter) userName(ctx context.Context, id string) string { return a.person(ctx, id).name }

// person is who id is, asked of users.info once and then remembered.
func (a *Adapter) person(ctx context.Context, id string) person {
	if id == "" {
		return person{}
	}
	a.names.mu.Lock()
	p, ok := a.names.names[id]
	a.names.mu.Unlock()
	if ok {
		return p
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	api, err := a.api(ctx)
	var u *slack.User
	if err == nil {
		u, err = api.GetUserInfoContext(ctx, id)
	}
	if err != nil {
		// A failure is remembered too: the id is a fine stand-in, and
		// asking again for every message would spend the rate limit.
		a.m.apiError("users.info")
		a.log.Debug("users.info failed", "user", id, "err", err)
	} else {
		p = person{name: firstNonEmpty(u.Profile.DisplayName, u.Profile.RealName, u.RealName, u.Name), zone: u.TZ}
	}
	a.names.mu.Lock()
	if a.names.names == nil || len(a.names.names) >= maxNames {
		a.names.names = map[string]person{}
	}
	a.names.names[id] = p
	a.names.mu.Unlock()
	return p
}

// FindPerson is who a workspace member is, for stand-up members named
// with <@U123>: their display name and users.info's tz.
func (a *Adapter) FindPerson(ctx context.Context, workspace string, user string) (name, zone string, err error) {
	ctx = withTeam(ctx, "", workspace)
	p := a.person(ctx, user)
	return p.name, p.zone, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
