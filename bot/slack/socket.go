package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"github.com/standardbot/standardbot/internal/retry"
)

// ackTimeout bounds queueing one acknowledgement on the connection.
const ackTimeout = 2 * time.Second

// runSocket keeps a Socket Mode connection open until ctx ends. slack-go
// reconnects when Slack asks it to or the connection dies; this loop also
// starts again after anything else but a rejected token.
func (a *Adapter) runSocket(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	smc := socketmode.New(a.single, socketmode.OptionLog(slog.NewLogLogger(a.log.Handler(), slog.LevelDebug)))
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.socketEvents(ctx, smc)
	}()
	defer func() { cancel(); <-done }()
	for attempt := 1; ; attempt++ {
		err := smc.RunContext(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if fatalSocketError(err) {
			return fmt.Errorf("socket mode: %w (check SLACK_APP_TOKEN and that Socket Mode is on for the app)", err)
		}
		wait := retries.Backoff.Wait(attempt)
		a.log.Warn("socket mode connection ended, reconnecting", "err", err, "wait", wait.String())
		if retry.Sleep(ctx, wait) != nil {
			return nil
		}
	}
}

// fatalSocketError reports errors no reconnection can cure: Slack
// refusing the app token.
func fatalSocketError(err error) bool {
	if err == nil {
		return false
	}
	var se slack.SlackErrorResponse
	var sc slack.StatusCodeError
	switch {
	case errors.As(err, &se):
		return true
	case errors.As(err, &sc):
		return sc.Code >= 400 && sc.Code < 500 && sc.Code != http.StatusTooManyRequests
	}
	switch err.Error() {
	case "invalid_auth", "account_inactive", "not_authed", "token_revoked", "not_allowed_token_type":
		return true
	}
	return false
}

// socketEvents reads what the Socket Mode client emits until ctx ends.
func (a *Adapter) socketEvents(ctx context.Context, smc *socketmode.Client) {
	for {
		select {
		case <-ctx.Done():
			return
		case evt := <-smc.Events:
			a.socketEvent(ctx, smc, evt)
		}
	}
}

func (a *Adapter) socketEvent(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.log.Debug("socket mode connecting")
	case socketmode.EventTypeConnected:
		a.log.Info("socket mode connected")
	case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth, socketmode.EventTypeIncomingError, socketmode.EventTypeErrorWriteFailed:
		a.log.Warn("socket mode trouble", "event", string(evt.Type), "detail", fmt.Sprint(evt.Data))
	case socketmode.EventTypeErrorBadMessage:
		// An envelope slack-go could not read, such as an event type it
		// does not know: acknowledged all the same, or Slack would keep
		// sending it.
		a.m.event("unknown", outcomeIgnored)
		if bad, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var req struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bad.Message, &req) == nil && req.EnvelopeID != "" {
				a.ack(ctx, smc, req.EnvelopeID)
			}
		}
	case socketmode.EventTypeEventsAPI, socketmode.EventTypeSlashCommand, socketmode.EventTypeInteractive:
		if evt.Request == nil {
			return
		}
		a.work.Add() // see serveHTTP
		defer a.work.Done()
		if a.draining.Load() {
			// Not acknowledged: Slack sends it again, to another
			// connection or to this process once restarted.
			return
		}
		a.socketRequest(ctx, smc, evt)
	}
}

// socketRequest handles one envelope through the same code as HTTP, which
// stores it in the inbox, and acknowledges it, unless it could not be
// stored (the database was down), in which case Slack resends it.
func (a *Adapter) socketRequest(ctx context.Context, smc *socketmode.Client, evt socketmode.Event) {
	var err error
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		_, err = a.acceptEvent(ctx, evt.Request.Payload)
	case socketmode.EventTypeSlashCommand:
		if cmd, ok := evt.Data.(slack.SlashCommand); ok {
			err = a.acceptCommand(ctx, cmd)
		}
	case socketmode.EventTypeInteractive:
		err = a.acceptInteraction(ctx, evt.Request.Payload)
	}
	if err != nil && !errors.Is(err, errMalformed) {
		// Not stored, so not acknowledged: Slack resends it. accept has
		// logged why.
		return
	}
	// An empty acknowledgement also closes a submitted modal.
	a.ack(ctx, smc, evt.Request.EnvelopeID)
}

func (a *Adapter) ack(ctx context.Context, smc *socketmode.Client, envelopeID string) {
	ctx, cancel := context.WithTimeout(ctx, ackTimeout)
	defer cancel()
	if err := smc.AckCtx(ctx, envelopeID, nil); err != nil {
		a.log.Warn("socket mode acknowledgement", "err", err)
	}
}
