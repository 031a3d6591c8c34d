package slack

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/checklist"
)

// membersTTL is how long what Slack said of a channel's privacy and
// members is trusted: a person removed from a private channel stops
// seeing its project on the web pages within it.
const membersTTL = time.Minute

// maxChannelsCached bounds the cache of channels' members; it is emptied
// when full.
const maxChannelsCached = 5000

// channelAccess is what Slack said of a channel: public, or its members.
type channelAccess struct {
	public  bool
	members map[string]bool
	at      time.Time // on the wall clock: it only ages the cache
}

// accessCache remembers channelAccess by channel id.
type accessCache struct {
	mu    sync.Mutex
	chans map[string]channelAccess
}

// CanSee reports whether user may see what is bound to channel b, for
// the web pages (web.Membership): everyone in the workspace sees a public
// channel's project, and only its members a private channel's, a group
// DM's or a DM's. Slack says which (conversations.info, and for the
// others conversations.members, page by page), once a minute a channel at
// most. Without the scopes to ask (channels:read, groups:read, im:read,
// mpim:read) Slack's error comes back, and the page shows nothing.
func (a *Adapter) CanSee(ctx context.Context, b checklist.Binding, user string) (bool, error) {
	if b.Platform != Platform || user == "" {
		return false, nil
	}
	ctx = withTeam(ctx, "", b.Team)
	a.access.mu.Lock()
	ca, ok := a.access.chans[b.Channel]
	a.access.mu.Unlock()
	if !ok || time.Since(ca.at) > membersTTL {
		var err error
		if ca, err = a.channelAccess(ctx, b.Channel); err != nil {
			return false, err
		}
		a.access.mu.Lock()
		if a.access.chans == nil || len(a.access.chans) >= maxChannelsCached {
			a.access.chans = map[string]channelAccess{}
		}
		a.access.chans[b.Channel] = ca
		a.access.mu.Unlock()
	}
	return ca.public || ca.members[user], nil
}

// channelAccess asks Slack whether a channel is public and, when it is
// not, who its members are.
func (a *Adapter) channelAccess(ctx context.Context, channel string) (channelAccess, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	api, err := a.api(ctx)
	if err != nil {
		return channelAccess{}, err
	}
	ch, err := api.GetConversationInfoContext(ctx, &slack.GetConversationInfoInput{ChannelID: channel})
	if err != nil {
		a.m.apiError("conversations.info")
		return channelAccess{}, fmt.Errorf("conversations.info %s: %w", channel, err)
	}
	ca := channelAccess{at: time.Now(), public: !ch.IsPrivate && !ch.IsIM && !ch.IsMpIM, members: map[string]bool{}}
	if ca.public {
		return ca, nil
	}
	cursor := ""
	for {
		ids, next, err := api.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: channel, Cursor: cursor, Limit: 1000})
		if err != nil {
			a.m.apiError("conversations.members")
			return channelAccess{}, fmt.Errorf("conversations.members %s: %w", channel, err)
		}
		for _, id := range ids {
			ca.members[id] = true
		}
		if next == "" {
			return ca, nil
		}
		cursor = next
	}
}
