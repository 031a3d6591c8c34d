package teams

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// errNoTenant is an activity that names no tenant while only some are
// allowed.
var errNoTenant = errors.New("activity names no tenant")

// tenantAllowed says whether an activity comes from a tenant the bot
// serves (Config.AllowedTenants; none set is any tenant). Teams names the
// tenant twice, in channelData.tenant.id and conversation.tenantId: both,
// where present, must be allowed, so an activity cannot pass with one
// allowed tenant and be bound to the other.
func (a *Adapter) tenantAllowed(act *activity) error {
	if len(a.cfg.AllowedTenants) == 0 {
		return nil
	}
	var named []string
	if act.ChannelData != nil && act.ChannelData.Tenant != nil && act.ChannelData.Tenant.ID != "" {
		named = append(named, act.ChannelData.Tenant.ID)
	}
	if act.Conversation != nil && act.Conversation.TenantID != "" {
		named = append(named, act.Conversation.TenantID)
	}
	if len(named) == 0 {
		return errNoTenant
	}
	for _, t := range named {
		if !slices.ContainsFunc(a.cfg.AllowedTenants, func(ok string) bool { return strings.EqualFold(ok, t) }) {
			return fmt.Errorf("tenant %s is not in TEAMS_ALLOWED_TENANTS", t)
		}
	}
	return nil
}

// forbid refuses a verified activity from a tenant the bot does not
// serve: a 403, logged, with nothing stored.
func (a *Adapter) forbid(w http.ResponseWriter, act *activity, err error) {
	a.m.activity(metricType(act.Type), outcomeRejected)
	a.log.Warn("teams activity from a tenant not allowed refused", "reason", err.Error(), "activity", act.ID)
	http.Error(w, "tenant not allowed", http.StatusForbidden)
}
