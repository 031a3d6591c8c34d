package slack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"time"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
)

const (
	// maxAttempts bounds the tries of one Web API call.
	maxAttempts = 4
	// maxRetryAfter is the longest Retry-After waited out; a longer one
	// fails the call rather than hold the work for minutes.
	maxRetryAfter = time.Minute
	// backoffBase and backoffMax shape the waits between retries of
	// transient failures.
	backoffBase = 250 * time.Millisecond
	backoffMax  = 5 * time.Second
)

// call runs one Web API call: paced when it posts to a channel, retried
// after a 429 (waiting out Retry-After) and after transient server and
// network failures (with exponential backoff and jitter), never after
// other client errors, which would only fail again.
func (a *Adapter) call(ctx context.Context, method, channel string, fn func(context.Context) error) error {
	for attempt := 1; ; attempt++ {
		if channel != "" {
			if err := a.pace.wait(ctx, channel); err != nil {
				a.m.apiError(method)
				return fmt.Errorf("%s: %w", method, err)
			}
		}
		err := fn(ctx)
		if err == nil {
			return nil
		}
		wait, reason := retryDelay(err, attempt)
		if reason == "" || attempt >= maxAttempts || ctx.Err() != nil {
			a.m.apiError(method)
			return fmt.Errorf("%s: %w", method, err)
		}
		a.m.retry(reason)
		a.log.Warn("slack call failed, retrying", "method", method, "reason", reason, "attempt", attempt, "wait", wait.String(), "err", err)
		if err := sleep(ctx, wait); err != nil {
			a.m.apiError(method)
			return fmt.Errorf("%s: %w", method, err)
		}
	}
}

// retryDelay says whether a failed call is worth another try, how long to
// wait first, and why (the retries metric's reason); "" means do not.
func retryDelay(err error, attempt int) (time.Duration, string) {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		if rl.RetryAfter > maxRetryAfter {
			return 0, ""
		}
		return max(rl.RetryAfter, time.Second), "rate_limited"
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		if sc.Code >= 500 {
			return backoff(attempt), "server_error"
		}
		return 0, ""
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "internal_error", "fatal_error", "service_unavailable", "request_timeout":
			return backoff(attempt), "server_error"
		}
		return 0, ""
	}
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) {
		return backoff(attempt), "network"
	}
	return 0, ""
}

// backoff is the wait before retry n: doubling from backoffBase up to
// backoffMax, with half of it random so replicas do not retry in step.
func backoff(attempt int) time.Duration {
	d := min(backoffBase<<(attempt-1), backoffMax)
	return d/2 + rand.N(d/2+1)
}

// msgOptions are a reply's text and blocks. Link previews are off: an
// answer cites several pages and their previews would bury it.
func msgOptions(r bot.Reply, thread string) []slack.MsgOption {
	opts := []slack.MsgOption{
		slack.MsgOptionText(fallbackText(r), true),
		slack.MsgOptionBlocks(renderBlocks(r, maxMessageBlocks)...),
		slack.MsgOptionDisableLinkUnfurl(),
		slack.MsgOptionDisableMediaUnfurl(),
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	return opts
}

// postMessage posts a reply to a channel (in a thread when thread is set)
// and returns its timestamp.
func (a *Adapter) postMessage(ctx context.Context, channel, thread string, r bot.Reply) (string, error) {
	var ts string
	err := a.call(ctx, "chat.postMessage", channel, func(ctx context.Context) error {
		var err error
		_, ts, err = a.api.PostMessageContext(ctx, channel, msgOptions(r, thread)...)
		return err
	})
	return ts, err
}

// postEphemeral shows a reply to one person in a channel.
func (a *Adapter) postEphemeral(ctx context.Context, channel, thread, user string, r bot.Reply) error {
	return a.call(ctx, "chat.postEphemeral", channel, func(ctx context.Context) error {
		_, err := a.api.PostEphemeralContext(ctx, channel, user, msgOptions(r, thread)...)
		return err
	})
}

// respond answers through a response_url (slash commands, buttons):
// ephemerally or for the whole channel.
func (a *Adapter) respond(ctx context.Context, responseURL, channel string, r bot.Reply, inChannel bool) error {
	kind := slack.ResponseTypeEphemeral
	if inChannel {
		kind = slack.ResponseTypeInChannel
	}
	return a.call(ctx, "response_url", channel, func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, channel, append(msgOptions(r, ""), slack.MsgOptionResponseURL(responseURL, kind))...)
		return err
	})
}

// update replaces a message's blocks, keeping its fallback text.
func (a *Adapter) update(ctx context.Context, channel, ts, text string, blocks []slack.Block) error {
	return a.call(ctx, "chat.update", "", func(ctx context.Context) error {
		_, _, _, err := a.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
}

// replaceOriginal replaces the message a response_url belongs to: the way
// to change an ephemeral message, which chat.update cannot reach.
func (a *Adapter) replaceOriginal(ctx context.Context, responseURL, text string, blocks []slack.Block) error {
	return a.call(ctx, "response_url", "", func(ctx context.Context) error {
		_, _, err := a.api.PostMessageContext(ctx, "", slack.MsgOptionReplaceOriginal(responseURL), slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
}

// openView opens a modal; Slack accepts the trigger for three seconds.
func (a *Adapter) openView(ctx context.Context, triggerID string, view slack.ModalViewRequest) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return a.call(ctx, "views.open", "", func(ctx context.Context) error {
		_, err := a.api.OpenViewContext(ctx, triggerID, view)
		return err
	})
}

// publishView publishes a person's App Home.
func (a *Adapter) publishView(ctx context.Context, user string, view slack.HomeTabViewRequest) error {
	return a.call(ctx, "views.publish", "", func(ctx context.Context) error {
		_, err := a.api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view})
		return err
	})
}
