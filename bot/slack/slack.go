// Package slack is the Slack adapter: the Events API over HTTP or Socket
// Mode in, Block Kit out. It verifies every request, stores it in the
// inbox and acknowledges it within Slack's three seconds, drops retried
// deliveries and the bot's own messages, hands the rest to the
// conversation core as bot.Messages, and renders the core's Replies as
// threads, ephemeral messages, buttons, modals and the App Home.
//
// # One message, hand to hand
//
// A message (an event, a slash command or a button) passes through these
// hands, each with one job:
//
//  1. The request: POST /slack/events (serveHTTP) has its signature
//     checked before anything is read; in Socket Mode (socketEvent) the
//     envelope comes on the app's own connection. From here it counts as
//     the adapter's work, so Drain waits for it; once shutdown has begun
//     it is refused instead, for Slack to send again.
//  2. The inbox put (acceptEvent, acceptCommand, acceptInteraction, then
//     accept): envelopes the bot does not act on are dropped, the rest
//     stored in the inbox (Config.Inbox), an event claiming its id, so
//     that a retry is stored once. One that cannot be stored is not
//     acknowledged: Slack sends it again.
//  3. The acknowledgement and the goroutine: once stored, the item's work
//     starts in a goroutine of its own (start, on a 2-minute context of
//     its own, tracked by a work.Pool), and the request is answered at
//     once: the HTTP 200, or the Socket Mode ack, never waits for the
//     answer. An item a process stored but did not finish comes to start
//     through Resume.
//  4. The slot (handle): the goroutine reads the item (runEvent drops the
//     bot's own messages) and reaches the core only through work.Slot,
//     wrapped once in New: it waits for one of the answering slots that
//     every adapter of the process shares (a very long message waits for
//     ordinary ones) and is answered on a low-priority thread, so
//     acknowledging keeps a CPU. A model call gives the slot back while it
//     waits on the network.
//  5. The core: bot.Bot.Handle returns the replies, and for a failure the
//     user cannot fix an error beside its apology, which handle logs,
//     once. handle then records the item done in the inbox, before any
//     reply goes out, so a reply is sent at most once; when no slot came
//     in time, the item goes back to the inbox, to be worked again.
//  6. The outbox and the pacer (deliver, enqueue): replies queue by
//     channel and are posted in order, about one a second a channel (the
//     rate Slack allows), each within 2 minutes of being queued; the
//     event's own work has ended by then. A slash command and a button on
//     an ephemeral message answer through their response_url instead. A
//     slow answer's working reaction comes off once its replies are out.
package slack

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/inbox"
	"github.com/standardbot/standardbot/internal/metrics"
	"github.com/standardbot/standardbot/internal/work"
)

// Core is the part of the conversation core the adapter drives.
type Core interface {
	// Handle answers one message; see bot.Bot.Handle.
	Handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error)
	// Overview summarises the projects bound to the given channels, for
	// the App Home.
	Overview(ctx context.Context, channels []checklist.Binding) (bot.Reply, error)
}

var (
	_ Core             = (*bot.Bot)(nil)
	_ Inbox            = (*inbox.Inbox)(nil)
	_ Inbox            = (*inbox.Volatile)(nil)
	_ bot.Sender       = (*Adapter)(nil)
	_ bot.DirectSender = (*Adapter)(nil)
	_ bot.PersonFinder = (*Adapter)(nil)
)

// Config is what the adapter needs from the environment.
type Config struct {
	// BotToken (SLACK_BOT_TOKEN, xoxb-) calls the Web API in
	// single-workspace mode.
	BotToken string
	// Tokens, in multi-workspace mode (Add to Slack installs) instead of
	// BotToken, gives each workspace's token: every call uses the token
	// of the workspace it is for.
	Tokens TokenSource
	// AppToken (SLACK_APP_TOKEN, xapp-) turns Socket Mode on.
	AppToken string
	// SigningSecret (SLACK_SIGNING_SECRET) verifies HTTP requests.
	SigningSecret string
	// APIURL (SLACK_API_URL) is the Web API base URL; "" is Slack's own.
	APIURL string
	// HTTPClient makes outbound calls; nil is a client with timeouts.
	HTTPClient *http.Client
	// Log receives the adapter's logs; nil is slog.Default().
	Log *slog.Logger
	// Metrics, when set, receives the adapter's counters.
	Metrics *metrics.Registry
	// PostInterval paces posts to one channel; 0 is one a second, the
	// rate Slack allows.
	PostInterval time.Duration
	// Now is the clock, for the signature's timestamp window.
	Now func() time.Time
	// WorkingReaction is the emoji name (without colons) put on a
	// person's message while an answer that takes longer than
	// WorkingAfter is worked out; "" puts none.
	WorkingReaction string
	// WorkingAfter is how long before the reaction goes on; 0 is
	// DefaultWorkingAfter.
	WorkingAfter time.Duration
	// Inbox keeps each event from before its acknowledgement until it
	// is handled. nil keeps nothing: events are claimed (so a redelivery
	// is handled once) but a crash loses what was acknowledged.
	Inbox Inbox
	// Slots are where messages wait their turn to be answered, shared
	// with the process's other adapters; nil is one slot of the
	// adapter's own.
	Slots *work.Slots
}

// Adapter connects Slack to the conversation core. Its methods are safe
// for concurrent use.
type Adapter struct {
	cfg  Config
	core Core
	// handler is the core's Handle in one of the answering slots.
	handler work.Handler
	inbox   Inbox
	// single is the client of single-workspace mode; in multi-workspace
	// mode clients are made per token (see api) with opts.
	single  *slack.Client
	opts    []slack.Option
	clients clients
	log     *slog.Logger
	now     func() time.Time
	m       *adapterMetrics
	pace    *pacer
	// work runs and tracks what acknowledged events start.
	work  *work.Pool
	ids   identity
	names nameCache
	// access is what Slack said of channels' privacy and members, for
	// the web pages (CanSee).
	access accessCache
	// draining refuses new events once shutdown has begun, so Slack
	// redelivers them rather than have them acknowledged and lost.
	draining atomic.Bool
	// out queues replies by channel.
	out outbox
	// noReactions is set once Slack has refused a reaction for want of
	// the scope.
	noReactions atomic.Bool
}

// Platform is the name Slack's channels carry in a bot.Address and a
// checklist.Binding.
const Platform = "slack"

// defaultHTTPTimeout bounds one outbound call; retries come on top.
const defaultHTTPTimeout = 30 * time.Second

// New checks the configuration and returns an adapter. It makes no calls
// to Slack: the bot's own identity is looked up when first needed. claims
// records each event's key once across every process sharing the store,
// so an event Slack delivers twice (a retry, or to two replicas) is
// handled once: the adapter claims through it when Config.Inbox is nil (an
// inbox claims each key as it stores the event).
func New(cfg Config, core Core, claims checklist.Claimer) (*Adapter, error) {
	if cfg.Tokens != nil && cfg.AppToken != "" {
		return nil, errors.New("SLACK_APP_TOKEN (Socket Mode) serves one workspace: unset it to take Add to Slack installs over HTTP, or use SLACK_BOT_TOKEN")
	}
	if cfg.Tokens == nil && strings.TrimSpace(cfg.BotToken) == "" {
		return nil, errors.New("SLACK_BOT_TOKEN is not set: the Slack adapter needs the bot token (xoxb-...) from the app's OAuth & Permissions page")
	}
	if cfg.AppToken == "" && cfg.SigningSecret == "" {
		return nil, errors.New("SLACK_SIGNING_SECRET is not set: the Events API over HTTP needs the app's signing secret (Basic Information page); or set SLACK_APP_TOKEN for Socket Mode")
	}
	if core == nil || claims == nil {
		return nil, errors.New("slack adapter: core and claims are required")
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	log = log.With("adapter", "slack")
	if cfg.Tokens == nil && !strings.HasPrefix(cfg.BotToken, "xoxb-") {
		log.Warn("SLACK_BOT_TOKEN does not look like a bot token (xoxb-...)")
	}
	if cfg.AppToken != "" && !strings.HasPrefix(cfg.AppToken, "xapp-") {
		log.Warn("SLACK_APP_TOKEN does not look like an app-level token (xapp-...)")
	}
	opts, err := apiOptions(&cfg)
	if err != nil {
		return nil, err
	}
	if cfg.PostInterval <= 0 {
		cfg.PostInterval = time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Inbox == nil {
		cfg.Inbox = &inbox.Volatile{Claim: claims.Claim}
	}
	if cfg.Slots == nil {
		cfg.Slots = work.NewSlots(1, log)
	}
	a := &Adapter{
		cfg: cfg, core: core, inbox: cfg.Inbox, single: slack.New(cfg.BotToken, opts...), opts: opts,
		log: log, now: cfg.Now, m: newAdapterMetrics(cfg.Metrics), pace: newPacer(cfg.PostInterval),
		work: work.New(log, 2*time.Minute),
		// The slot is taken here, once for every way a message comes.
		handler: work.Slot(cfg.Slots, core),
	}
	if cfg.Metrics != nil {
		cfg.Metrics.NewGaugeFunc("standardbot_slack_work_in_progress", "Slack events and queued replies not yet finished.",
			func() float64 { return float64(a.work.Count()) })
		cfg.Metrics.NewGaugeFunc("standardbot_slack_replies_queued", "Replies waiting their turn to be posted (Slack takes about one a second a channel).",
			func() float64 { return float64(a.queued()) })
	}
	return a, nil
}

// apiOptions configures slack-go from cfg: the Web API's URL, an HTTP
// client (cfg's, or one that keeps connections to Slack open), and the
// app-level token of Socket Mode.
func apiOptions(cfg *Config) ([]slack.Option, error) {
	opts := []slack.Option{}
	if cfg.APIURL != "" {
		u, err := url.Parse(cfg.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("SLACK_API_URL: want an http(s) URL such as https://slack.com/api/, got %q", cfg.APIURL)
		}
		// slack-go appends method names to the base, so it must end in "/".
		if !strings.HasSuffix(cfg.APIURL, "/") {
			cfg.APIURL += "/"
		}
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	if cfg.HTTPClient == nil {
		// Slack is one host: keep enough idle connections to it that busy
		// periods reuse them instead of opening new ones (the default
		// transport keeps two).
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 64
		cfg.HTTPClient = &http.Client{Timeout: defaultHTTPTimeout, Transport: tr}
	}
	opts = append(opts, slack.OptionHTTPClient(cfg.HTTPClient))
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	return opts, nil
}

// Name names the adapter in logs and errors.
func (a *Adapter) Name() string {
	if a.socketMode() {
		return "slack (socket mode)"
	}
	return "slack"
}

// Routes adds POST /slack/events, the one Request URL for events, slash
// commands and interactivity, and in multi-workspace mode the Add to
// Slack pages of Config.Tokens (see Installer.Routes). In Socket Mode it is added only when a
// signing secret is set, since requests could not be verified otherwise.
func (a *Adapter) Routes(mux *http.ServeMux) {
	if a.cfg.SigningSecret == "" {
		return
	}
	mux.Handle("POST /slack/events", http.HandlerFunc(a.serveHTTP))
	if r, ok := a.cfg.Tokens.(interface{ Routes(*http.ServeMux) }); ok {
		r.Routes(mux) // Add to Slack: /slack/install, /slack/oauth_redirect
	}
}

// Run looks up the bot's identity and, in Socket Mode, keeps a connection
// to Slack open until ctx ends. Over HTTP the work arrives through Routes,
// so Run only waits.
func (a *Adapter) Run(ctx context.Context) error {
	a.selfID(ctx)
	if a.socketMode() {
		return a.runSocket(ctx)
	}
	<-ctx.Done()
	return nil
}

// Drain stops taking new events and waits until the work behind every
// event already acknowledged has finished, or ctx ends.
func (a *Adapter) Drain(ctx context.Context) error {
	a.draining.Store(true)
	if err := a.work.Wait(ctx); err != nil {
		return fmt.Errorf("slack: %d event(s) still in progress: %w", a.work.Count(), err)
	}
	return nil
}

func (a *Adapter) socketMode() bool { return a.cfg.AppToken != "" }
