package slack

import "github.com/standardbot/standardbot/internal/metrics"

// Event outcomes, the values of the outcome label.
const (
	outcomeHandled   = "handled"
	outcomeDuplicate = "duplicate"
	outcomeIgnored   = "ignored"
	outcomeRejected  = "rejected"
)

// adapterMetrics are the adapter's counters; a nil *adapterMetrics counts
// nothing, so call sites need no checks.
type adapterMetrics struct {
	events    *metrics.Counter
	apiErrors *metrics.Counter
	retries   *metrics.Counter
}

func newAdapterMetrics(reg *metrics.Registry) *adapterMetrics {
	if reg == nil {
		return nil
	}
	return &adapterMetrics{
		events:    reg.NewCounter("standardbot_slack_events_total", "Slack events, commands and interactions received, by type and outcome (handled, duplicate, ignored, rejected).", "type", "outcome"),
		apiErrors: reg.NewCounter("standardbot_slack_api_errors_total", "Slack Web API calls that failed after any retries, by method.", "method"),
		retries:   reg.NewCounter("standardbot_slack_retries_total", "Slack Web API calls retried, by reason (rate_limited, server_error, network).", "reason"),
	}
}

func (m *adapterMetrics) event(typ, outcome string) {
	if m != nil {
		m.events.Inc(typ, outcome)
	}
}

func (m *adapterMetrics) apiError(method string) {
	if m != nil {
		m.apiErrors.Inc(method)
	}
}

func (m *adapterMetrics) retry(reason string) {
	if m != nil {
		m.retries.Inc(reason)
	}
}
