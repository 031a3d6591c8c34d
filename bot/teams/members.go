package teams

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// membersTTL is how long a conversation's roster is trusted: a person
// removed from a team or chat stops seeing its project on the web pages
// within it.
const membersTTL = time.Minute

// maxRostersCached bounds the cache of rosters; it is emptied when full.
const maxRostersCached = 2000

// roster is a conversation's members' Entra object ids, as the Bot
// Connector listed them.
type roster struct {
	members map[string]bool
	at      time.Time // on the wall clock: it only ages the cache
}

// rosterCache remembers rosters by conversation.
type rosterCache struct {
	mu   sync.Mutex
	byID map[string]roster
}

// CanSee reports whether user (an Entra object id) may see what is bound
// to conversation b, for the web pages (web.Membership). Teams shows a
// conversation only to its members: a chat's, a private channel's, and a
// standard channel's team; the Bot Connector cannot tell a standard
// channel from a private one, so every conversation is checked against
// its roster (GET {serviceUrl}/v3/conversations/{id}/pagedmembers, through
// the stored conversation reference), once a minute at most. A
// conversation the bot has no reference for is seen by no one.
func (a *Adapter) CanSee(ctx context.Context, b checklist.Binding, user string) (bool, error) {
	if b.Platform != Platform || user == "" {
		return false, nil
	}
	a.rosters.mu.Lock()
	r, ok := a.rosters.byID[b.Channel]
	a.rosters.mu.Unlock()
	if !ok || time.Since(r.at) > membersTTL {
		ref, err := a.refs.Ref(ctx, b)
		if checklist.ErrorCode(err) == checklist.ENOTFOUND {
			return false, nil
		} else if err != nil {
			return false, fmt.Errorf("conversation reference: %w", err)
		}
		if r, err = a.roster(ctx, ref); err != nil {
			return false, err
		}
		a.rosters.mu.Lock()
		if a.rosters.byID == nil || len(a.rosters.byID) >= maxRostersCached {
			a.rosters.byID = map[string]roster{}
		}
		a.rosters.byID[b.Channel] = r
		a.rosters.mu.Unlock()
	}
	return r.members[user], nil
}

// roster lists a conversation's members through the Bot Connector, page
// by page.
func (a *Adapter) roster(ctx context.Context, ref *checklist.ConversationRef) (roster, error) {
	base, err := connectorBase(ref.ServiceURL)
	if err != nil {
		return roster{}, fmt.Errorf("roster: %w", err)
	}
	// No binding: a roster the bot may not read (a 403) says nothing of
	// whether it can post there, so the reference is not marked stale.
	t := target{serviceURL: ref.ServiceURL, conversation: ref.Binding.Channel}
	r := roster{members: map[string]bool{}, at: time.Now()}
	token := ""
	for {
		q := url.Values{"pageSize": {"500"}}
		if token != "" {
			q.Set("continuationToken", token)
		}
		body, err := a.call(ctx, "roster", http.MethodGet, base+"/v3/conversations/"+url.PathEscape(t.conversation)+"/pagedmembers?"+q.Encode(), t, nil)
		if err != nil {
			return roster{}, err
		}
		var page struct {
			ContinuationToken string `json:"continuationToken"`
			Members           []struct {
				AADObjectID string `json:"aadObjectId"`
			} `json:"members"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			return roster{}, fmt.Errorf("roster: %w", err)
		}
		for _, m := range page.Members {
			if m.AADObjectID != "" {
				r.members[m.AADObjectID] = true
			}
		}
		if page.ContinuationToken == "" || page.ContinuationToken == token {
			return r, nil
		}
		token = page.ContinuationToken
	}
}
