package main

import (
	"strings"
	"testing"
)

func TestTeamsAllowedTenantsMustBeTenantIDs(t *testing.T) {
	c := newCLI(t)
	t.Setenv("TEAMS_ALLOWED_TENANTS", "72f988bf-86f1-41af-91ab-2d7cd011db47, example.gov.uk")
	code, _, errOut := c.run("", "standards")
	if code != 2 || !strings.Contains(errOut, "TEAMS_ALLOWED_TENANTS") || !strings.Contains(errOut, "example.gov.uk") {
		t.Errorf("exit %d, stderr %q: want 2 naming the variable and the value", code, errOut)
	}
	t.Setenv("TEAMS_ALLOWED_TENANTS", "72f988bf-86f1-41af-91ab-2d7cd011db47, 0b7c2d4e-1f3a-4b5c-9d8e-7f6a5b4c3d2e")
	if code, _, errOut := c.run("", "standards"); code != 0 {
		t.Errorf("two tenant ids: exit %d, stderr %q", code, errOut)
	}
}
