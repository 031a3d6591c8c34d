package teams

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/lestrrat-go/httprc/v3"
	"github.com/lestrrat-go/httprc/v3/errsink"
	"github.com/lestrrat-go/jwx/v3/jwk"
)

const (
	// metadataMaxAge is how long the OpenID metadata's jwks_uri is used
	// before the metadata is read again (at the next forced refresh).
	metadataMaxAge = 24 * time.Hour
	// keysMaxAge is the longest the cache keeps a key set without fetching
	// it again; the Bot Framework rotates keys with notice, and a daily
	// fetch picks a new one up before it is used.
	keysMaxAge = 24 * time.Hour
	// defaultRefreshEvery bounds the refreshes an unknown key id forces:
	// a flood of tokens with made-up key ids costs one fetch a minute.
	defaultRefreshEvery = time.Minute
	// setupRetry bounds how often a failed first fetch is tried again, so
	// an unreachable endpoint is not asked once per request.
	setupRetry = 10 * time.Second
	// fetchTimeout bounds fetching the metadata and the key set.
	fetchTimeout = 15 * time.Second
	// maxMetadataBody bounds the metadata document; the real one is 1 kB.
	maxMetadataBody = 64 << 10
)

var (
	errUnknownKey = errors.New("token signed by an unknown key")
	errKeysClosed = errors.New("signing keys closed: the adapter has stopped")
)

// keySource finds the Bot Connector's signing keys: the OpenID metadata
// names the key set (jwks_uri), which a jwk.Cache keeps and refreshes in
// the background. A key id not in the set forces one refresh, since keys
// are rotated, but no more than one per refreshEvery.
type keySource struct {
	metadataURL  string
	client       *http.Client
	log          *slog.Logger
	refreshEvery time.Duration

	// mu guards what follows and is held across fetches, so that only one
	// setup or forced refresh runs at a time and the requests waiting on
	// it then find its result.
	mu      sync.Mutex
	cache   *jwk.Cache
	jwksURL string
	// metaAt, forcedAt and failedAt are on the wall clock, not the
	// adapter's: they pace fetches of Microsoft's keys, and stamp nothing.
	metaAt   time.Time
	forcedAt time.Time
	failedAt time.Time
	failErr  error
	closed   bool
}

func newKeySource(metadataURL string, client *http.Client, log *slog.Logger) *keySource {
	return &keySource{metadataURL: metadataURL, client: client, log: log, refreshEvery: defaultRefreshEvery}
}

// key returns the signing key with id kid.
func (ks *keySource) key(ctx context.Context, kid string) (jwk.Key, error) {
	if kid == "" {
		return nil, errors.New("token names no key (kid)")
	}
	set, err := ks.set(ctx)
	if err != nil {
		return nil, err
	}
	if k, ok := set.LookupKeyID(kid); ok {
		return k, nil
	}
	return ks.refreshFor(ctx, kid)
}

// warm fetches the keys ahead of the first request.
func (ks *keySource) warm(ctx context.Context) error {
	_, err := ks.set(ctx)
	return err
}

// set returns the cached key set, setting the cache up on first use.
func (ks *keySource) set(ctx context.Context) (jwk.Set, error) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if ks.closed {
		return nil, errKeysClosed
	}
	if ks.cache == nil {
		if err := ks.setup(ctx); err != nil {
			return nil, err
		}
	}
	set, err := ks.cache.Lookup(ctx, ks.jwksURL)
	if err != nil {
		return nil, fmt.Errorf("signing keys: %w", err)
	}
	return set, nil
}

// setup reads the metadata and registers its key set with a new cache,
// whose first fetch it waits for. ks.mu is held.
func (ks *keySource) setup(ctx context.Context) error {
	if ks.failErr != nil && time.Since(ks.failedAt) < setupRetry {
		return ks.failErr
	}
	// Detached, like a forced refresh: requests waiting on mu share it.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), fetchTimeout)
	defer cancel()
	err := ks.trySetup(ctx)
	ks.failErr, ks.failedAt = err, time.Now()
	return err
}

func (ks *keySource) trySetup(ctx context.Context) error {
	jwksURL, err := ks.fetchMetadata(ctx)
	if err != nil {
		return err
	}
	cl := httprc.NewClient(httprc.WithWorkers(1), httprc.WithErrorSink(errsink.NewFunc(func(_ context.Context, err error) {
		ks.log.Warn("teams signing keys: background refresh failed", "err", err)
	})))
	cache, err := jwk.NewCache(context.Background(), cl)
	if err != nil {
		return fmt.Errorf("signing keys cache: %w", err)
	}
	if err := ks.register(ctx, cache, jwksURL); err != nil {
		_ = cache.Shutdown(context.Background())
		return err
	}
	ks.cache, ks.jwksURL, ks.metaAt = cache, jwksURL, time.Now()
	return nil
}

// register adds a key set to the cache and waits for its first fetch.
func (ks *keySource) register(ctx context.Context, cache *jwk.Cache, u string) error {
	err := cache.Register(ctx, u, jwk.WithHTTPClient(ks.client), jwk.WithMaxInterval(keysMaxAge))
	if err != nil {
		return fmt.Errorf("fetch signing keys from %s: %w", u, err)
	}
	return nil
}

// refreshFor fetches the key set again for a key id it lacks, unless a
// forced refresh ran within refreshEvery.
func (ks *keySource) refreshFor(ctx context.Context, kid string) (jwk.Key, error) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if ks.closed || ks.cache == nil {
		return nil, errKeysClosed
	}
	// Another request may have refreshed while this one waited for mu.
	if set, err := ks.cache.Lookup(ctx, ks.jwksURL); err == nil {
		if k, ok := set.LookupKeyID(kid); ok {
			return k, nil
		}
	}
	if !ks.forcedAt.IsZero() && time.Since(ks.forcedAt) < ks.refreshEvery {
		return nil, errUnknownKey
	}
	ks.forcedAt = time.Now()
	// The refresh is spent once started: a caller going away must not
	// cut it short and leave the rotated key unfetched for a minute.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), fetchTimeout)
	defer cancel()
	if time.Since(ks.metaAt) > metadataMaxAge {
		ks.rereadMetadata(ctx)
	}
	set, err := ks.cache.Refresh(ctx, ks.jwksURL)
	if err != nil {
		return nil, fmt.Errorf("refresh signing keys: %w", err)
	}
	ks.log.Info("teams signing keys refreshed for an unknown key id", "kid", kid, "keys", set.Len())
	if k, ok := set.LookupKeyID(kid); ok {
		return k, nil
	}
	return nil, errUnknownKey
}

// rereadMetadata follows the metadata to a new key set URL, should it have
// moved. On failure the old URL stays in use. ks.mu is held.
func (ks *keySource) rereadMetadata(ctx context.Context) {
	u, err := ks.fetchMetadata(ctx)
	if err != nil {
		ks.log.Warn("teams OpenID metadata: keeping the known key set", "err", err)
		return
	}
	ks.metaAt = time.Now()
	if u == ks.jwksURL {
		return
	}
	if err := ks.register(ctx, ks.cache, u); err != nil {
		ks.log.Warn("teams OpenID metadata: keeping the known key set", "err", err)
		return
	}
	_ = ks.cache.Unregister(ctx, ks.jwksURL)
	ks.jwksURL = u
}

// fetchMetadata reads the OpenID metadata and returns its jwks_uri.
func (ks *keySource) fetchMetadata(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ks.metadataURL, nil)
	if err != nil {
		return "", fmt.Errorf("OpenID metadata: %w", err)
	}
	resp, err := ks.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("OpenID metadata: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("OpenID metadata: %s from %s", resp.Status, ks.metadataURL)
	}
	var meta struct {
		JWKSURI string `json:"jwks_uri"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxMetadataBody)).Decode(&meta); err != nil {
		return "", fmt.Errorf("OpenID metadata from %s: %w", ks.metadataURL, err)
	}
	u, err := url.Parse(meta.JWKSURI)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("OpenID metadata from %s: jwks_uri %q is not an http(s) URL", ks.metadataURL, meta.JWKSURI)
	}
	return meta.JWKSURI, nil
}

// close stops the cache's background refreshes; keys are not fetched again.
func (ks *keySource) close() {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.closed = true
	if ks.cache != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = ks.cache.Shutdown(ctx)
		ks.cache = nil
	}
}
