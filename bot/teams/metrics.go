package teams

import "github.com/standardbot/standardbot/internal/metrics"

// Activity outcomes, the values of the outcome label.
const (
	outcomeHandled  = "handled"
	outcomeIgnored  = "ignored"
	outcomeRejected = "rejected"
	// outcomeDuplicate is an activity the Bot Framework delivered again.
	outcomeDuplicate = "duplicate"
)

// adapterMetrics are the adapter's counters; a nil *adapterMetrics counts
// nothing, so call sites need no checks.
type adapterMetrics struct {
	activities *metrics.Counter
	apiErrors  *metrics.Counter
	retries    *metrics.Counter
}

func newAdapterMetrics(reg *metrics.Registry) *adapterMetrics {
	if reg == nil {
		return nil
	}
	return &adapterMetrics{
		activities: reg.NewCounter("standardbot_teams_activities_total", "Bot Framework activities received, by type and outcome (handled, ignored, rejected, duplicate).", "type", "outcome"),
		apiErrors:  reg.NewCounter("standardbot_teams_api_errors_total", "Bot Connector and token calls that failed after any retries, by operation.", "operation"),
		retries:    reg.NewCounter("standardbot_teams_retries_total", "Bot Connector calls retried, by reason (rate_limited, precondition_failed, bad_gateway, gateway_timeout, unauthorized).", "reason"),
	}
}

func (m *adapterMetrics) activity(typ, outcome string) {
	if m != nil {
		m.activities.Inc(typ, outcome)
	}
}

func (m *adapterMetrics) apiError(op string) {
	if m != nil {
		m.apiErrors.Inc(op)
	}
}

func (m *adapterMetrics) retry(reason string) {
	if m != nil {
		m.retries.Inc(reason)
	}
}
