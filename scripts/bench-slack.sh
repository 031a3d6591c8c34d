#!/usr/bin/env bash
# Slack acknowledgement latency under load: standardbot serve against a
# bare signature-checking handler, measured in the same run on loopback,
# with the peak resident memory of each while it was loaded.
# Usage: scripts/bench-slack.sh [duration, default 30s]
# RATES="200 500" (events a second, one load after the other), CHANNELS=1000,
# and SERVE_ENV="GOGC=100 GOMEMLIMIT=64MiB" for settings that only serve
# should see (the load generator and the bare handler are Go programs too).
# PORT=3100 is serve's port; the fake Slack and the bare handler take the
# next two.
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-30s}
# Events are spread over 1000 channels: at 500/s that is one message every
# two seconds a channel, within the one a second Slack lets a bot post to a
# channel. Over fewer channels the bot's pacer holds replies back by design
# and the queue of waiting replies grows for as long as the load lasts
# (docs/BENCHMARKS.md shows that case too: CHANNELS=200).
channels=${CHANNELS:-1000}
rates=${RATES:-200 500}
port=${PORT:-3100}
slack_port=$((port + 1)) bare_port=$((port + 2))
secret=bench-signing-secret
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/standardbot" ./cmd/standardbot
go build -o "$tmp/slackload" ./cmd/slackload
"$tmp/slackload" -fake-slack 127.0.0.1:$slack_port >/dev/null &
"$tmp/slackload" -bare 127.0.0.1:$bare_port -secret "$secret" >/dev/null &
bare_pid=$!
# shellcheck disable=SC2086 # SERVE_ENV is a list of NAME=VALUE words
env ${SERVE_ENV:-} STANDARDBOT_DATA_DIR="$tmp/data" STANDARDBOT_HTTP_ADDR=127.0.0.1:$port SLACK_SIGNING_SECRET="$secret" \
  SLACK_BOT_TOKEN=xoxb-bench SLACK_API_URL=http://127.0.0.1:$slack_port/api/ "$tmp/standardbot" serve 2>"$tmp/serve.log" &
serve_pid=$!
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$port/readyz >/dev/null && break; sleep 0.2; done

# The kernel keeps each process's peak resident set (VmHWM); writing 5 to
# clear_refs starts it again from the current size, so each load gets its
# own peak rather than start-up's.
reset_peak() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }
peak() {
  awk -v who="$2" '/^VmHWM/ { printf "peak resident memory (%s): %.1f MiB (%.1f MB)\n", who, $2/1024, $2*1024/1e6 }' "/proc/$1/status"
}
# What serve's garbage collector did, from its /metrics (go_* series).
metric() { curl -sf "http://127.0.0.1:$port/metrics" | awk -v m="$1" '$1 == m { print $2 }'; }
gc_report() {
  local sent
  sent=$(awk '/^sent/ { print $2 }' "$tmp/load.out")
  awk -v gcs="$(metric go_gc_duration_seconds_count)" -v gcs0="$1" -v b="$(metric go_memstats_alloc_bytes_total)" -v b0="$2" -v n="$sent" \
    'BEGIN { if (gcs != "") printf "serve: %d garbage collections, %.0f MB allocated, %.0f KB an event\n", gcs - gcs0, (b - b0) / 1e6, (b - b0) / n / 1e3 }'
}
# How long serve's inbox took to commit an event (what its acknowledgement
# waits for), over the whole run: the share of puts within each bucket.
put_report() {
  curl -sf "http://127.0.0.1:$port/metrics" | awk '
    /^standardbot_inbox_put_seconds_bucket/ { match($0, /le="[^"]+"/); le = substr($0, RSTART + 4, RLENGTH - 5); n[++k] = le; c[k] = $2 }
    /^standardbot_inbox_put_seconds_count/ { total = $2 }
    END { if (total > 0) { printf "serve inbox puts: %d; committed within", total
      for (i = 1; i <= k; i++) if (n[i] == "0.00025" || n[i] == "0.001" || n[i] == "0.005") printf " %s ms %.1f%%", n[i] * 1000, 100 * c[i] / total
      print "" } }'
}
peak "$serve_pid" "serve, after start-up"
for rate in $rates; do
  echo "== $rate events/s for $dur: standardbot serve"
  gcs0=$(metric go_gc_duration_seconds_count) bytes0=$(metric go_memstats_alloc_bytes_total)
  reset_peak "$serve_pid"
  "$tmp/slackload" -url http://127.0.0.1:$port/slack/events -secret "$secret" -rate "$rate" -duration "$dur" -channels "$channels" | tee "$tmp/load.out"
  # Replies still being answered and posted after the last acknowledgement
  # count too: wait for serve to settle before reading its peak.
  sleep 2
  peak "$serve_pid" serve
  gc_report "$gcs0" "$bytes0"
  echo "== $rate events/s for $dur: bare handler (signature check only)"
  reset_peak "$bare_pid"
  "$tmp/slackload" -url http://127.0.0.1:$bare_port/ -secret "$secret" -rate "$rate" -duration "$dur" -channels "$channels"
  peak "$bare_pid" "bare handler"
done
put_report
