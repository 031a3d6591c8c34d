package slack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"time"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/internal/retry"
)

// retries is how Web API calls are retried: up to four tries; a
// Retry-After up to a minute waited out, a longer one failing the call
// rather than hold the work for minutes; other transient failures after
// 250 ms, doubling to at most 5 s, with jitter.
var retries = retry.Policy{
	Attempts: 4,
	Backoff:  retry.Backoff{Base: 250 * time.Millisecond, Max: 5 * time.Second},
	MaxAfter: time.Minute,
}

// call runs one Web API call: paced when it posts to a channel, retried
// after a 429 (waiting out Retry-After) and after transient server and
// network failures (with exponential backoff and jitter), never after
// other client errors, which would only fail again.
func (a *Adapter) call(ctx context.Context, method, channel string, fn func(context.Context, *slack.Client) error) error {
	api, err := a.api(ctx)
	if err != nil {
		a.m.apiError(method)
		return fmt.Errorf("%s: %w", method, err)
	}
	p := retries
	p.OnRetry = func(r retry.Retry) {
		a.m.retry(r.Reason)
		a.log.Warn("slack call failed, retrying", "method", method, "reason", r.Reason, "attempt", r.Attempt, "wait", r.Wait.String(), "err", r.Err)
	}
	err = p.Do(ctx, func(ctx context.Context, _ int) (retry.Verdict, error) {
		if channel != "" {
			if err := a.pace.wait(ctx, channel); err != nil {
				return retry.Stop, err
			}
		}
		err := fn(ctx, api)
		return verdict(err), err
	})
	if err != nil {
		a.m.apiError(method)
		return fmt.Errorf("%s: %w", method, err)
	}
	return nil
}

// verdict says whether a failed call is worth another try, and why (the
// retries metric's reason).
func verdict(err error) retry.Verdict {
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return retry.AgainAfter("rate_limited", max(rl.RetryAfter, time.Second))
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) {
		if sc.Code >= 500 {
			return retry.Again("server_error")
		}
		return retry.Stop
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "internal_error", "fatal_error", "service_unavailable", "request_timeout":
			return retry.Again("server_error")
		}
		return retry.Stop
	}
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) {
		return retry.Again("network")
	}
	return retry.Stop
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
	err := a.call(ctx, "chat.postMessage", channel, func(ctx context.Context, api *slack.Client) error {
		var err error
		_, ts, err = api.PostMessageContext(ctx, channel, msgOptions(r, thread)...)
		return err
	})
	return ts, err
}

// postEphemeral shows a reply to one person in a channel.
func (a *Adapter) postEphemeral(ctx context.Context, channel, thread, user string, r bot.Reply) error {
	return a.call(ctx, "chat.postEphemeral", channel, func(ctx context.Context, api *slack.Client) error {
		_, err := api.PostEphemeralContext(ctx, channel, user, msgOptions(r, thread)...)
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
	return a.call(ctx, "response_url", channel, func(ctx context.Context, api *slack.Client) error {
		_, _, err := api.PostMessageContext(ctx, channel, append(msgOptions(r, ""), slack.MsgOptionResponseURL(responseURL, kind))...)
		return err
	})
}

// update replaces a message's blocks, keeping its fallback text.
func (a *Adapter) update(ctx context.Context, channel, ts, text string, blocks []slack.Block) error {
	return a.call(ctx, "chat.update", "", func(ctx context.Context, api *slack.Client) error {
		_, _, _, err := api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
}

// replaceOriginal replaces the message a response_url belongs to: the way
// to change an ephemeral message, which chat.update cannot reach.
func (a *Adapter) replaceOriginal(ctx context.Context, responseURL, text string, blocks []slack.Block) error {
	return a.call(ctx, "response_url", "", func(ctx context.Context, api *slack.Client) error {
		_, _, err := api.PostMessageContext(ctx, "", slack.MsgOptionReplaceOriginal(responseURL), slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...))
		return err
	})
}

// openView opens a modal; Slack accepts the trigger for three seconds.
func (a *Adapter) openView(ctx context.Context, triggerID string, view slack.ModalViewRequest) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return a.call(ctx, "views.open", "", func(ctx context.Context, api *slack.Client) error {
		_, err := api.OpenViewContext(ctx, triggerID, view)
		return err
	})
}

// publishView publishes a person's App Home.
func (a *Adapter) publishView(ctx context.Context, user string, view slack.HomeTabViewRequest) error {
	return a.call(ctx, "views.publish", "", func(ctx context.Context, api *slack.Client) error {
		_, err := api.PublishViewContext(ctx, slack.PublishViewContextRequest{UserID: user, View: view})
		return err
	})
}
