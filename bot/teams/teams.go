// Package teams is the Microsoft Teams adapter: Bot Framework activities
// in, Adaptive Cards out. There is no maintained Go Bot Framework SDK, so
// this is a small connector of its own. It verifies the bearer token of
// every request before anything else (the Bot Framework's rules: signing
// keys from the OpenID metadata, RS256, issuer, audience, service URL and
// endorsements), stores what it acts on in the inbox, acknowledges at
// once and does the work in the background, stores a conversation
// reference for every conversation it hears from, so stand-ups and
// reminders can reach it later (a personal chat's is also found by its
// person, so a stand-up can ask them privately: SendDirect, which starts
// the chat when there is none), and calls the Bot Connector with a cached
// client-credentials token.
//
// # One activity, hand to hand
//
// An activity (a message, a card's button, the bot joining or leaving a
// conversation) passes through these hands, each with one job:
//
//  1. The request: POST /api/messages (serveHTTP) has its bearer token
//     checked before its body is read, then the body against the token;
//     any failure is a 401 with nothing done. Then its tenant: one not in
//     Config.AllowedTenants is a 403, with nothing done. From here it counts as the
//     adapter's work, so Drain waits for it; once shutdown has begun it is
//     refused with a 503, for the Bot Framework to deliver again.
//  2. The inbox put (accept, store): an activity the bot does not act on
//     (jobFor) is only acknowledged; the rest is stored in the inbox
//     (Config.Inbox), claiming its id within its conversation, so that a
//     redelivery is stored once. One that cannot be stored gets a 500 and
//     comes again.
//  3. The acknowledgement and the goroutine: once stored, its work starts
//     in a goroutine of its own (start, on a 2-minute context of its own,
//     tracked by a work.Pool), and the 200 (for a card's invoke, "Got
//     it.") goes at once, never waiting for the answer. An item a process
//     stored but did not finish comes to start through Resume.
//  4. The slot (handle): the goroutine stores the conversation's
//     reference and reaches the core only through work.Slot, wrapped once
//     in New: it waits for one of the answering slots that every adapter
//     of the process shares (a very long message waits for ordinary ones)
//     and is answered on a low-priority thread, so acknowledging keeps a
//     CPU. A model call gives the slot back while it waits on the network;
//     Teams shows the bot typing after Config.TypingAfter.
//  5. The core: bot.Bot.Handle returns the replies, and for a failure the
//     user cannot fix an error beside its apology, which handle logs,
//     once. handle then records the item done in the inbox, before any
//     reply goes out, so a reply is sent at most once; when no slot came
//     in time, the item goes back to the inbox, to be worked again.
//  6. The replies (deliver): posted in order, in the same goroutine, as
//     replies to the activity (in its thread, in a channel) through the
//     Bot Connector with a cached token; a 429, 412, 502 or 504 is tried
//     again, and a 403 marks the conversation's reference stale.
package teams

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
}

// Store is what the adapter keeps in the checklist store: how to reach
// each conversation proactively, and the keys of activities claimed, so a
// redelivered activity is handled once across restarts and replicas. The
// adapter claims through it when Config.Inbox is nil; an inbox claims each
// key as it stores the activity.
type Store interface {
	checklist.ConversationRefs
	checklist.Claimer
}

var (
	_ Core       = (*bot.Bot)(nil)
	_ Store      = (checklist.Store)(nil)
	_ Inbox      = (*inbox.Inbox)(nil)
	_ Inbox      = (*inbox.Volatile)(nil)
	_ bot.Sender = (*Adapter)(nil)
	// SendDirect asks stand-up members in their personal chats.
	_ bot.DirectSender = (*Adapter)(nil)
)

// Defaults of the Bot Framework's public cloud.
const (
	// DefaultOpenIDMetadataURL is where the Bot Connector's signing keys
	// are discovered.
	DefaultOpenIDMetadataURL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
	// defaultTokenURL is Microsoft's token endpoint; %s is the tenant.
	defaultTokenURL = "https://login.microsoftonline.com/%s/oauth2/v2.0/token"
	// multiTenant is the token endpoint's tenant for a multi-tenant bot.
	multiTenant = "botframework.com"
)

// Config is what the adapter needs from the environment.
type Config struct {
	// AppID (TEAMS_APP_ID) is the bot's Microsoft app id: the audience of
	// inbound tokens and the client id of outbound ones.
	AppID string
	// AppPassword (TEAMS_APP_PASSWORD) is the app's client secret.
	AppPassword string
	// TenantID (TEAMS_TENANT_ID) is the tenant of a single-tenant bot;
	// "" is a multi-tenant one.
	TenantID string
	// AllowedTenants (TEAMS_ALLOWED_TENANTS) are the tenant ids whose
	// activities the bot acts on; any other tenant's get a 403 and change
	// nothing. Empty allows any tenant.
	AllowedTenants []string
	// OpenIDMetadataURL (TEAMS_OPENID_METADATA_URL); "" is the Bot
	// Framework's own.
	OpenIDMetadataURL string
	// TokenURL (TEAMS_TOKEN_URL); "" is Microsoft's, for the tenant.
	TokenURL string
	// HTTPClient makes outbound calls; nil is a client with timeouts.
	HTTPClient *http.Client
	// Log receives the adapter's logs; nil is slog.Default().
	Log *slog.Logger
	// Metrics, when set, receives the adapter's counters.
	Metrics *metrics.Registry
	// Now is the clock, for token lifetimes.
	Now func() time.Time
	// TypingAfter is how long an answer may take before Teams shows the
	// bot typing; 0 is DefaultTypingAfter, negative never.
	TypingAfter time.Duration
	// Inbox keeps each activity from before its acknowledgement until it
	// is handled. nil keeps nothing: activities are claimed through the Store
	// (so a redelivery is handled once) but a crash loses what was
	// acknowledged.
	Inbox Inbox
	// Slots are where messages wait their turn to be answered, shared
	// with the process's other adapters; nil is one slot of the
	// adapter's own.
	Slots *work.Slots
}

// Adapter connects Microsoft Teams to the conversation core. Its methods
// are safe for concurrent use.
type Adapter struct {
	cfg  Config
	core Core
	// handler is the core's Handle in one of the answering slots.
	handler work.Handler
	// refs is the store, mostly read for conversation references.
	refs   Store
	inbox  Inbox
	log    *slog.Logger
	now    func() time.Time
	m      *adapterMetrics
	keys   *keySource
	tokens *tokenSource
	client *http.Client
	// work runs and tracks what acknowledged events start.
	work *work.Pool
	// rosters are conversations' members, for the web pages (CanSee).
	rosters rosterCache
	// draining refuses new activities once shutdown has begun, so the Bot
	// Framework redelivers them rather than have them acknowledged and
	// lost.
	draining atomic.Bool
}

// Platform is the name Teams conversations carry in a bot.Address and a
// checklist.Binding.
const Platform = "teams"

// defaultHTTPTimeout bounds one outbound call; retries come on top.
const defaultHTTPTimeout = 30 * time.Second

// New checks the configuration and returns an adapter. It makes no calls:
// signing keys are fetched when Run starts or the first request comes, and
// tokens when the first reply is sent.
func New(cfg Config, core Core, store Store) (*Adapter, error) {
	if strings.TrimSpace(cfg.AppID) == "" {
		return nil, errors.New("TEAMS_APP_ID is not set: the Teams adapter needs the bot's Microsoft app id (Azure Bot resource, Configuration page)")
	}
	if cfg.AppPassword == "" {
		return nil, errors.New("TEAMS_APP_PASSWORD is not set: the Teams adapter needs the app's client secret (Azure Bot resource, Configuration page, Manage password)")
	}
	if core == nil || store == nil {
		return nil, errors.New("teams adapter: core and store are required")
	}
	if err := cfg.endpoints(); err != nil {
		return nil, err
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	log = log.With("adapter", "teams")
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: defaultHTTPTimeout}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Inbox == nil {
		cfg.Inbox = &inbox.Volatile{Claim: store.Claim}
	}
	if cfg.Slots == nil {
		cfg.Slots = work.NewSlots(1, log)
	}
	a := &Adapter{
		cfg: cfg, core: core, refs: store, inbox: cfg.Inbox, log: log, now: cfg.Now,
		m:      newAdapterMetrics(cfg.Metrics),
		keys:   newKeySource(cfg.OpenIDMetadataURL, cfg.HTTPClient, log),
		tokens: newTokenSource(cfg.TokenURL, cfg.AppID, cfg.AppPassword, cfg.HTTPClient, cfg.Now),
		client: cfg.HTTPClient,
		work:   work.New(log, 2*time.Minute),
		// The slot is taken here, once for messages and card submits.
		handler: work.Slot(cfg.Slots, core),
	}
	if cfg.Metrics != nil {
		cfg.Metrics.NewGaugeFunc("standardbot_teams_work_in_progress", "Teams activities not yet finished.",
			func() float64 { return float64(a.work.Count()) })
	}
	return a, nil
}

// endpoints fills in the Bot Framework's public endpoints where cfg sets
// none, and checks that each is an http(s) URL.
func (cfg *Config) endpoints() error {
	if cfg.OpenIDMetadataURL == "" {
		cfg.OpenIDMetadataURL = DefaultOpenIDMetadataURL
	}
	if cfg.TokenURL == "" {
		tenant := cfg.TenantID
		if tenant == "" {
			tenant = multiTenant
		}
		cfg.TokenURL = fmt.Sprintf(defaultTokenURL, url.PathEscape(tenant))
	}
	for _, v := range []struct{ name, value string }{
		{"TEAMS_OPENID_METADATA_URL", cfg.OpenIDMetadataURL},
		{"TEAMS_TOKEN_URL", cfg.TokenURL},
	} {
		if u, err := url.Parse(v.value); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%s: want an http(s) URL, got %q", v.name, v.value)
		}
	}
	return nil
}

// Name names the adapter in logs and errors.
func (a *Adapter) Name() string { return "teams" }

// Routes adds POST /api/messages, the bot's messaging endpoint.
func (a *Adapter) Routes(mux *http.ServeMux) {
	mux.Handle("POST /api/messages", http.HandlerFunc(a.serveHTTP))
}

// Run fetches the signing keys, so the first message need not wait for
// them, and keeps them fresh until ctx ends. The work itself arrives
// through Routes.
func (a *Adapter) Run(ctx context.Context) error {
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	if err := a.keys.warm(wctx); err != nil {
		a.log.Warn("teams signing keys not fetched yet: will try again on the first message", "err", err)
	}
	cancel()
	<-ctx.Done()
	a.keys.close()
	return nil
}

// Drain stops taking new activities and waits until the work behind every
// activity already acknowledged has finished, or ctx ends.
func (a *Adapter) Drain(ctx context.Context) error {
	a.draining.Store(true)
	if err := a.work.Wait(ctx); err != nil {
		return fmt.Errorf("teams: %d activities still in progress: %w", a.work.Count(), err)
	}
	return nil
}
