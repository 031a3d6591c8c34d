package teams

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
)

// maxBody bounds an activity; a Teams message is at most about 28 kB.
const maxBody = 1 << 20

// invokeAck answers an adaptiveCard/action invoke at once; Teams shows it
// to the person who pressed, and the replies follow as messages.
const invokeAck = `{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Got it."}`

// serveHTTP is POST /api/messages. It checks the bearer token before it
// reads the body, then the body against the token (service URL,
// endorsed channel), and only then looks at what the activity says. Any
// failure is a 401 with nothing done; an activity from a tenant not in
// Config.AllowedTenants is then a 403, also with nothing done. What the bot acts on is stored in
// the inbox before the acknowledgement; the work runs in the background.
func (a *Adapter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	g, err := a.verifyToken(r.Context(), r.Header)
	if err != nil {
		a.reject(w, r, err)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		a.m.activity("unknown", outcomeRejected)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read request", http.StatusBadRequest)
		return
	}
	var act activity
	if err := json.Unmarshal(body, &act); err != nil {
		// Unreadable, so the service URL cannot be checked: refused as
		// unverified, not answered as a bad request.
		a.reject(w, r, errors.New("body is not an activity"))
		return
	}
	if err := g.allows(&act); err != nil {
		a.reject(w, r, err)
		return
	}
	if err := a.tenantAllowed(&act); err != nil {
		a.forbid(w, &act, err)
		return
	}
	// Counted as work from here, so Drain cannot miss an activity that is
	// being acknowledged while shutdown begins.
	a.work.Add()
	defer a.work.Done()
	if a.draining.Load() {
		// The Bot Framework retries a failed delivery, so an activity
		// arriving during shutdown reaches another replica or the
		// restarted process instead of being acknowledged and lost.
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	a.accept(w, r, &act, body)
}

// reject refuses a request that failed verification, saying why only in
// the log.
func (a *Adapter) reject(w http.ResponseWriter, r *http.Request, err error) {
	a.m.activity("unknown", outcomeRejected)
	a.log.Warn("teams request rejected", "reason", err.Error(), "remote", r.RemoteAddr)
	http.Error(w, "unauthorized", http.StatusUnauthorized)
}

// accept stores a verified activity the bot acts on in the inbox, starts
// its work and acknowledges it; one it does not act on is only
// acknowledged. body is the activity as it came, kept to work it again
// should this process die first.
func (a *Adapter) accept(w http.ResponseWriter, r *http.Request, act *activity, body []byte) {
	typ := metricType(act.Type)
	job, status := a.jobFor(act)
	if job == nil {
		a.m.activity(typ, outcomeIgnored)
		w.WriteHeader(status)
		return
	}
	it, fresh, err := a.store(r.Context(), act, body)
	switch {
	case err != nil:
		http.Error(w, "temporarily unable to accept the activity", http.StatusInternalServerError)
		return
	case fresh:
		a.start(it, typ, job)
	default:
		a.m.activity(typ, outcomeDuplicate)
	}
	if act.Type == typeInvoke {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, invokeAck)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// metricType is an activity's type as a metric label: a bounded set,
// whatever arrives.
func metricType(typ string) string {
	switch typ {
	case typeMessage, typeInvoke, typeConversationUpdate, typeInstallationUpdate:
		return typ
	}
	return "other"
}

// jobFor is the work an activity calls for, or nil and the status to
// acknowledge it with when the bot does not act on it: its own
// activities, other channels, messages in a shared conversation that do
// not mention it, and activity types it has no use for.
func (a *Adapter) jobFor(act *activity) (func(context.Context), int) {
	if act.ChannelID != channelTeams || act.fromBot() || act.Conversation == nil || act.Conversation.ID == "" || act.Recipient == nil {
		return nil, http.StatusOK
	}
	switch act.Type {
	case typeMessage:
		if data, ok := submitted(act); ok {
			return func(ctx context.Context) { a.submit(ctx, act, data) }, 0
		}
		text, mentioned := messageText(act, a.cfg.AppID)
		// In a shared conversation messages addressed to the bot are
		// for it, a bare mention getting the help; others only as below.
		switch {
		case mentioned || (act.personal() && text != ""):
			return func(ctx context.Context) { a.converse(ctx, act, text) }, 0
		case text != "" && message(act, text).Address.Thread != "":
			// A reply in a channel thread that does not mention the bot
			// (Teams sends those where the app may read the channel's
			// messages): the core answers it only where the channel
			// chose replies threads.
			return func(ctx context.Context) { a.converse(ctx, act, text, unaddressed) }, 0
		}
		return nil, http.StatusOK
	case typeInvoke:
		if act.Name != "adaptiveCard/action" {
			return nil, http.StatusNotImplemented
		}
		if data, ok := submitted(act); ok {
			return func(ctx context.Context) { a.submit(ctx, act, data) }, 0
		}
		return nil, http.StatusOK
	case typeConversationUpdate:
		switch {
		case act.includesBot(act.MembersAdded):
			return func(ctx context.Context) { a.added(ctx, act, true) }, 0
		case act.includesBot(act.MembersRemoved):
			return func(ctx context.Context) { a.markStale(ctx, refBinding(act)) }, 0
		}
	case typeInstallationUpdate:
		switch {
		case strings.HasPrefix(act.Action, "add"):
			return func(ctx context.Context) { a.added(ctx, act, false) }, 0
		case strings.HasPrefix(act.Action, "remove"):
			return func(ctx context.Context) { a.markStale(ctx, refBinding(act)) }, 0
		}
	}
	return nil, http.StatusOK
}
