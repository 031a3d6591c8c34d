package slack

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// maxBody bounds a request from Slack; real ones are a few kilobytes.
const maxBody = 1 << 20

// serveHTTP is POST /slack/events: Events API callbacks (JSON), slash
// commands (a form) and interactivity (a form with a JSON payload). It
// verifies the signature before reading anything, stores what the bot
// acts on in the inbox, answers, and leaves the work to a background
// goroutine.
func (a *Adapter) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		a.m.event("unknown", outcomeRejected)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "could not read request", http.StatusBadRequest)
		return
	}
	if err := verify(r.Header, body, a.cfg.SigningSecret, a.now()); err != nil {
		a.m.event("unknown", outcomeRejected)
		a.log.Warn("slack request rejected", "reason", err.Error(), "remote", r.RemoteAddr)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	// Counted as work from here, so Drain cannot miss an event that is
	// being acknowledged while shutdown begins.
	a.work.Add()
	defer a.work.Done()
	if a.draining.Load() {
		// Slack retries a request that fails, so one arriving during
		// shutdown reaches another replica or the restarted process
		// instead of being acknowledged and then cut off.
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		a.httpEvent(w, r, body)
		return
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(body))
		if err != nil {
			break
		}
		if p := form.Get("payload"); p != "" {
			a.httpInteraction(w, r, []byte(p))
			return
		}
		if form.Get("command") != "" {
			if err := a.acceptCommand(r.Context(), slashFromForm(form)); err != nil {
				http.Error(w, "temporarily unable to accept the command", http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	a.m.event("unknown", outcomeRejected)
	http.Error(w, "not an event, command or interaction", http.StatusBadRequest)
}

func (a *Adapter) httpEvent(w http.ResponseWriter, r *http.Request, body []byte) {
	challenge, err := a.acceptEvent(r.Context(), body)
	switch {
	case errors.Is(err, errMalformed):
		http.Error(w, "malformed event", http.StatusBadRequest)
	case err != nil:
		// Not acknowledged, so Slack retries it: better twice late than
		// never (the claim makes the retry run once).
		http.Error(w, "temporarily unable to accept the event", http.StatusInternalServerError)
	case challenge != "":
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"challenge": challenge})
	default:
		w.WriteHeader(http.StatusOK)
	}
}

func (a *Adapter) httpInteraction(w http.ResponseWriter, r *http.Request, payload []byte) {
	switch err := a.acceptInteraction(r.Context(), payload); {
	case errors.Is(err, errMalformed):
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	case err != nil:
		http.Error(w, "temporarily unable to accept the interaction", http.StatusInternalServerError)
		return
	}
	// An empty 200 acknowledges a button and closes a submitted modal.
	w.WriteHeader(http.StatusOK)
}
