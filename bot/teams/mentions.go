package teams

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/standardbot/standardbot/bot"
)

// maxMentions bounds the people resolved for one message: each may take
// a connector call.
const maxMentions = 50

// mentions are the people an activity mentions, other than the bot, by
// their Entra object id, for words that name people (standup members @a
// @b). A Teams mention carries the person's per-bot id ("29:..."), so the
// Entra id comes from the mention when Teams includes it, else from the
// conversation's member record. A person who cannot be looked up is left
// out, and logged: an id of another kind would never match them.
func (a *Adapter) mentions(ctx context.Context, act *activity) []bot.Mention {
	var out []bot.Mention
	seen := map[string]bool{}
	for _, e := range act.Entities {
		m := e.Mentioned
		if e.Type != "mention" || m == nil || seen[m.ID] || isBot(m.ID, act, a.cfg.AppID) ||
			(m.AADObjectID == "" && !strings.HasPrefix(m.ID, "29:")) || len(out) == maxMentions {
			// Channels, teams and tags are mentioned by other ids.
			continue
		}
		seen[m.ID] = true
		id := m.AADObjectID
		if id == "" {
			var err error
			if id, err = a.memberID(ctx, act, m.ID); err != nil {
				a.log.Warn("look up a mentioned teams member", "conversation", refBinding(act).Channel, "err", err)
				continue
			}
		}
		out = append(out, bot.Mention{ID: id, Name: m.Name})
	}
	return out
}

// memberID is the Entra object id of a conversation's member (GET
// {serviceUrl}/v3/conversations/{id}/members/{member}).
func (a *Adapter) memberID(ctx context.Context, act *activity, member string) (string, error) {
	base, err := connectorBase(act.ServiceURL)
	if err != nil {
		return "", fmt.Errorf("member: %w", err)
	}
	channel := refBinding(act).Channel
	// No binding: a member the bot may not read says nothing of whether
	// it can post there.
	t := target{serviceURL: act.ServiceURL, conversation: channel}
	u := base + "/v3/conversations/" + url.PathEscape(channel) + "/members/" + url.PathEscape(member)
	body, err := a.call(ctx, "member", http.MethodGet, u, t, nil)
	if err != nil {
		return "", err
	}
	var m account
	if err := json.Unmarshal(body, &m); err != nil || m.AADObjectID == "" {
		return "", fmt.Errorf("member %s: the connector answered no Entra object id", member)
	}
	return m.AADObjectID, nil
}
