#!/usr/bin/env bash
# Slack acknowledgement latency under load: standardbot serve against a
# bare signature-checking handler, measured in the same run on loopback.
# Usage: scripts/bench-slack.sh [duration, default 30s]
set -euo pipefail
cd "$(dirname "$0")/.."
dur=${1:-30s}
# Events are spread over 1000 channels: at 500/s that is one message every
# two seconds a channel, within the one a second Slack lets a bot post to a
# channel. Over fewer channels the bot's pacer holds replies back by design
# and the queue of waiting replies grows for as long as the load lasts
# (docs/BENCHMARKS.md shows that case too: CHANNELS=200).
channels=${CHANNELS:-1000}
secret=bench-signing-secret
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/standardbot" ./cmd/standardbot
go build -o "$tmp/slackload" ./cmd/slackload
"$tmp/slackload" -fake-slack 127.0.0.1:3101 >/dev/null &
"$tmp/slackload" -bare 127.0.0.1:3102 -secret "$secret" >/dev/null &
STANDARDBOT_DATA_DIR="$tmp/data" STANDARDBOT_HTTP_ADDR=127.0.0.1:3100 SLACK_SIGNING_SECRET="$secret" \
  SLACK_BOT_TOKEN=xoxb-bench SLACK_API_URL=http://127.0.0.1:3101/api/ "$tmp/standardbot" serve 2>"$tmp/serve.log" &
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:3100/readyz >/dev/null && break; sleep 0.2; done
for rate in 200 500; do
  echo "== $rate events/s for $dur: standardbot serve"
  "$tmp/slackload" -url http://127.0.0.1:3100/slack/events -secret "$secret" -rate "$rate" -duration "$dur" -channels "$channels"
  echo "== $rate events/s for $dur: bare handler (signature check only)"
  "$tmp/slackload" -url http://127.0.0.1:3102/ -secret "$secret" -rate "$rate" -duration "$dur" -channels "$channels"
done
