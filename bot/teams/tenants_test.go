package teams

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/checklist"
)

const otherTenant = "0b7c2d4e-1f3a-4b5c-9d8e-7f6a5b4c3d2e"

// countingInbox records every Put, so a test can see that nothing was
// stored.
type countingInbox struct {
	Inbox
	puts int
}

func (c *countingInbox) Put(ctx context.Context, it *checklist.InboxItem) (bool, error) {
	c.puts++
	return c.Inbox.Put(ctx, it)
}

// fromTenant moves an activity to another tenant, in both places Teams
// names it.
func fromTenant(act map[string]any, tenant string) map[string]any {
	act["conversation"].(map[string]any)["tenantId"] = tenant
	cd, _ := act["channelData"].(map[string]any)
	cd["tenant"] = map[string]any{"id": tenant}
	return act
}

func TestAnActivityFromATenantNotAllowedIsRefusedWith403AndNothingStored(t *testing.T) {
	h := newHarness(t)
	h.a.cfg.AllowedTenants = []string{strings.ToUpper(testTenant)}
	in := &countingInbox{Inbox: h.a.inbox}
	h.a.inbox = in
	ctx := context.Background()

	// A message, a project being made in a channel, the bot being added:
	// each from the other tenant, with a valid token.
	added := h.activity(typeConversationUpdate, teamChannel, "channel")
	added["membersAdded"] = []any{map[string]any{"id": testBotID}}
	// One that names an allowed tenant in channelData but another in the
	// conversation is refused too.
	mixed := h.personal("help")
	mixed["conversation"].(map[string]any)["tenantId"] = otherTenant
	noTenant := h.personal("help")
	delete(noTenant["conversation"].(map[string]any), "tenantId")
	delete(noTenant, "channelData")
	for name, act := range map[string]map[string]any{
		"personal message": fromTenant(h.personal("how do we make our service accessible?"), otherTenant),
		"channel project":  fromTenant(h.inChannel("1700000000999", "project new Alpha"), otherTenant),
		"bot added":        fromTenant(added, otherTenant),
		"mixed tenants":    mixed,
		"no tenant":        noTenant,
	} {
		rec := h.post(act, "Bearer "+sign(t, h.k1, h.fake.claims()))
		if rec.Code != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", name, rec.Code)
		}
	}
	h.settle()
	if in.puts != 0 {
		t.Errorf("%d inbox puts, want none", in.puts)
	}
	if got := h.fake.received(); len(got) != 0 {
		t.Errorf("%d connector calls, want none", len(got))
	}
	if ps, err := h.store.Projects(ctx, checklist.ProjectFilter{}); err != nil || len(ps) != 0 {
		t.Errorf("projects %v (err %v), want none", ps, err)
	}
	for _, tenant := range []string{otherTenant, testTenant} {
		if _, err := h.store.TeamRef(ctx, Platform, tenant); checklist.ErrorCode(err) != checklist.ENOTFOUND {
			t.Errorf("tenant %s has a conversation reference (err %v), want none stored", tenant, err)
		}
	}
	if got := h.counter("activities", "message", outcomeRejected); got != 4 {
		t.Errorf("rejected messages counted %v, want 4", got)
	}

	// The allowed tenant (any case) is answered as before.
	h.send(h.personal("help"))
	if got := h.fake.received(); len(got) != 1 {
		t.Errorf("allowed tenant: %d connector calls, want the one reply", len(got))
	}
}

func TestTwoTenantsSameNamedProjectsAndChannelsAreSeparate(t *testing.T) {
	h := newHarness(t)
	h.a.cfg.AllowedTenants = []string{testTenant, otherTenant}
	ctx := context.Background()
	// The same channel id and project name in two tenants.
	h.send(h.inChannel("1700000000901", "project new Alpha"))
	h.send(fromTenant(h.inChannel("1700000000902", "project new Alpha"), otherTenant))
	h.send(h.inChannel("1700000000903", "mark 1 met"))

	ps, err := h.store.Projects(ctx, checklist.ProjectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].Workspace == ps[1].Workspace {
		t.Fatalf("projects %+v, want two Alphas in two workspaces", ps)
	}
	for _, tenant := range []string{testTenant, otherTenant} {
		b := checklist.Binding{Platform: Platform, Team: tenant, Channel: teamChannel}
		p, err := h.store.ProjectByChannel(ctx, b)
		if err != nil || p.Name != "Alpha" || p.Workspace != b.Workspace() {
			t.Errorf("tenant %s: project %+v (err %v), want its own Alpha", tenant, p, err)
		}
		ref, err := h.store.Ref(ctx, b)
		if err != nil || ref.Binding != b {
			t.Errorf("tenant %s: reference %+v (err %v), want its own", tenant, ref, err)
		}
	}
	mine, _ := h.store.ProjectByChannel(ctx, checklist.Binding{Platform: Platform, Team: testTenant, Channel: teamChannel})
	theirs, _ := h.store.ProjectByChannel(ctx, checklist.Binding{Platform: Platform, Team: otherTenant, Channel: teamChannel})
	if mine == nil || theirs == nil || mine.ID == theirs.ID {
		t.Fatalf("the two tenants share a project")
	}
	if st := statusOf(t, h, mine.ID, 1); st != checklist.Met {
		t.Errorf("point 1 in this tenant's Alpha is %q, want met", st)
	}
	if st := statusOf(t, h, theirs.ID, 1); st == checklist.Met {
		t.Error("marking point 1 in one tenant's Alpha marked the other's")
	}
}

// statusOf is the stored status of a project's point.
func statusOf(t *testing.T, h *harness, project int64, point int) checklist.Status {
	t.Helper()
	states, err := h.store.PointStates(context.Background(), project)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		if s.Point == point {
			return s.Status
		}
	}
	return checklist.NotStarted
}
