package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// TestPurgeWorkspaceCommand: an admin deletes a workspace's projects at
// once; bad input changes nothing.
func TestPurgeWorkspaceCommand(t *testing.T) {
	c := newCLI(t)
	if code, _, errOut := c.run("project new Apply for a blue badge\n", "chat", "--user", "alice"); code != 0 {
		t.Fatalf("chat: exit %d: %s", code, errOut)
	}
	if code, _, errOut := c.run("", "purge-workspace"); code != 2 || !strings.Contains(errOut, "give the workspace's id") {
		t.Errorf("no workspace: exit %d: %s", code, errOut)
	}
	if code, out, errOut := c.run("", "purge-workspace", "--platform", "console", "other"); code != 0 || !strings.Contains(out, "Deleted") {
		t.Fatalf("purge another workspace: exit %d: %s %s", code, out, errOut)
	}
	if code, out, _ := c.run("", "report", "Apply for a blue badge"); code != 0 || !strings.Contains(out, "Apply for a blue badge") {
		t.Errorf("the project went with another workspace's purge: exit %d", code)
	}
	// Still installed: refused, nothing deleted.
	st, err := sqlite.Open(t.Context(), filepath.Join("data", "standardbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveInstallation(t.Context(), &checklist.Installation{Team: "local", BotToken: []byte{1}}); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := c.run("", "purge-workspace", "--platform", "console", "local"); code != 2 || !strings.Contains(errOut, "still installed") {
		t.Errorf("installed workspace: exit %d: %s", code, errOut)
	}
	if code, _, _ := c.run("", "report", "Apply for a blue badge"); code != 0 {
		t.Errorf("the project went with a refused purge: exit %d", code)
	}
	if err := st.DeleteInstallation(t.Context(), "", "local"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, out, errOut := c.run("", "purge-workspace", "--platform", "console", "local"); code != 0 || !strings.Contains(out, "Deleted what was kept of console workspace local") {
		t.Fatalf("purge: exit %d: %s %s", code, out, errOut)
	}
	if code, _, errOut := c.run("", "report", "Apply for a blue badge"); code == 0 || !strings.Contains(errOut, "no project called") {
		t.Errorf("report after the purge: exit %d: %s", code, errOut)
	}
}
