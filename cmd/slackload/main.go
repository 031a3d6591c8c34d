// Command slackload measures how fast `standardbot serve` acknowledges
// Slack events. It sends signed app_mention events at a fixed rate (an open
// loop: a slow server does not slow the sender) and reports acknowledgement
// latency and errors. It can also stand in for Slack's Web API, so the
// answers serve posts have somewhere to go, and run a bare handler that
// only checks signatures, as the baseline to compare with.
//
//	slackload -fake-slack 127.0.0.1:3101            # a Web API that accepts posts
//	slackload -bare 127.0.0.1:3102 -secret S        # signature check only
//	slackload -url http://127.0.0.1:3100/slack/events -secret S -rate 500 -duration 30s
package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	url := flag.String("url", "", "events URL to load, e.g. http://127.0.0.1:3000/slack/events")
	secret := flag.String("secret", "", "signing secret shared with the server")
	rate := flag.Int("rate", 200, "events per second")
	duration := flag.Duration("duration", 30*time.Second, "how long to send")
	channels := flag.Int("channels", 200, "spread events over this many channels")
	question := flag.String("question", "how do we make our service accessible?", "the question each event asks")
	fakeSlack := flag.String("fake-slack", "", "serve a fake Slack Web API on this address instead")
	bare := flag.String("bare", "", "serve a bare signature-checking handler on this address instead")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var err error
	switch {
	case *fakeSlack != "":
		err = serveFakeSlack(ctx, *fakeSlack)
	case *bare != "":
		err = serveBare(ctx, *bare, *secret)
	case *url != "" && *secret != "":
		err = load(ctx, *url, *secret, *rate, *duration, *channels, *question)
	default:
		fmt.Fprintln(os.Stderr, "slackload: give -url and -secret to send load, or -fake-slack ADDR, or -bare ADDR -secret S")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "slackload:", err)
		os.Exit(1)
	}
}

// sign is Slack's v0 request signature.
func sign(secret, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:", ts)
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

func event(i, channels int, question string) []byte {
	ts := fmt.Sprintf("%d.%06d", time.Now().Unix(), i%1000000)
	return fmt.Appendf(nil, `{"token":"x","team_id":"TLOAD","api_app_id":"ALOAD","type":"event_callback","event_id":"EvLoad%d_%d",`+
		`"event_time":%d,"event":{"type":"app_mention","user":"U%d","text":"<@UBOT> %s","ts":"%s","channel":"C%d","event_ts":"%s"}}`,
		time.Now().UnixNano(), i, time.Now().Unix(), i%50, question, ts, i%channels, ts)
}

func load(ctx context.Context, url, secret string, rate int, duration time.Duration, channels int, question string) error {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024, MaxConnsPerHost: 0}}
	var (
		mu        sync.Mutex
		latencies []time.Duration
		errs      atomic.Int64
		statuses  sync.Map
		wg        sync.WaitGroup
	)
	interval := time.Second / time.Duration(rate)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	deadline := time.Now().Add(duration)
	start := time.Now()
	sent := 0
	for time.Now().Before(deadline) && ctx.Err() == nil {
		<-ticker.C
		sent++
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			body := event(i, channels, question)
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Slack-Request-Timestamp", ts)
			req.Header.Set("X-Slack-Signature", sign(secret, ts, body))
			t0 := time.Now()
			resp, err := client.Do(req)
			d := time.Since(t0)
			if err != nil {
				errs.Add(1)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				errs.Add(1)
				v, _ := statuses.LoadOrStore(resp.StatusCode, new(atomic.Int64))
				v.(*atomic.Int64).Add(1)
			}
			mu.Lock()
			latencies = append(latencies, d)
			mu.Unlock()
		}(sent)
	}
	wg.Wait()
	report(url, sent, time.Since(start), latencies, errs.Load(), &statuses)
	return nil
}

// report prints what a load run measured: the rate reached, the
// acknowledgement latencies and the errors by HTTP status.
func report(url string, sent int, elapsed time.Duration, latencies []time.Duration, errs int64, statuses *sync.Map) {
	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[int(p*float64(len(latencies)-1))]
	}
	fmt.Printf("sent %d events in %s (%.0f/s) to %s\n", sent, elapsed.Round(time.Millisecond), float64(sent)/elapsed.Seconds(), url)
	fmt.Printf("ack latency p50 %s  p99 %s  max %s\n", ms(pct(0.5)), ms(pct(0.99)), ms(pct(1)))
	fmt.Printf("errors %d", errs)
	statuses.Range(func(k, v any) bool { fmt.Printf("  (HTTP %v: %d)", k, v.(*atomic.Int64).Load()); return true })
	fmt.Println()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

// serveBare verifies signatures and acknowledges, nothing more: the floor
// any Slack handler's latency sits on.
func serveBare(ctx context.Context, addr, secret string) error {
	if secret == "" {
		return fmt.Errorf("-bare needs -secret")
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			http.Error(w, "too large", http.StatusRequestEntityTooLarge)
			return
		}
		ts := r.Header.Get("X-Slack-Request-Timestamp")
		sec, err := strconv.ParseInt(ts, 10, 64)
		if err != nil || time.Since(time.Unix(sec, 0)).Abs() > 5*time.Minute ||
			!hmac.Equal([]byte(sign(secret, ts, body)), []byte(r.Header.Get("X-Slack-Signature"))) {
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	return serve(ctx, addr, h)
}

// serveFakeSlack answers the Web API methods serve calls with ok, and counts
// the messages posted.
func serveFakeSlack(ctx context.Context, addr string) error {
	var posts atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"ok":true,"user_id":"UBOT","bot_id":"BBOT","team_id":"TLOAD","user":"standardbot"}`)
	})
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		posts.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"channel":"C1","ts":"%d.000100"}`, time.Now().Unix())
	})
	go func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				fmt.Printf("fake slack: %d calls\n", posts.Load())
			}
		}
	}()
	return serve(ctx, addr, mux)
}

func serve(ctx context.Context, addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { <-ctx.Done(); srv.Close() }()
	fmt.Printf("listening on %s\n", addr)
	if err := srv.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}
