package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestNewStandardsThroughTheBinary: the chat words and the report command
// on the NHS, TCoP and Wales packs as a terminal user meets them: each
// point shown with its official link, Wales by its own numbers, the
// everyday names for the standards, and a Wales report with its refs.
func TestNewStandardsThroughTheBinary(t *testing.T) {
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "off")
	day := time.Now().AddDate(0, 0, 30).Format("2006-01-02")
	code, out, errOut := c.run(strings.Join([]string{
		"point 16 nhs", "point 12 tcop", "point 2.1 wales", "point 6 welsh", "point 4.1 cymru",
		"project new Apply for a bus pass standard welsh", "assessment " + day,
		"mark 2.1 met", "mark 7 partly", "mark 1.9 met", "report",
	}, "\n"), "chat", "--user", "alice")
	if code != 0 {
		t.Fatalf("chat: exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"NHS service standard, point 16: Make your service clinically safe", "https://service-manual.nhs.uk/standards-and-technology/service-standard-points/16-",
		"Technology Code of Practice, point 12: Make your technology sustainable", "In a spend control or technology review", "https://www.gov.uk/guidance/the-technology-code-of-practice#",
		"Digital Service Standards for Wales, point 2.1 (Creating good digital teams): Have an empowered service owner",
		"https://www.digitalpublicservices.gov.wales/resources/digital-service-standards#",
		"wales has points 1.1 to 1.5, 2.1 to 2.4, 3.1 to 3.3 (or 1 to 12 in published order), not 4.1",
		"Point 2.1 (Have an empowered service owner) is now met", "Point 2.2 (Have a multidisciplinary team) is now partly",
		"so 1.9 is not one of them", "2.2. Have a multidisciplinary team: partly",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("chat lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "point 2.1 (Creating good digital teams): Have an empowered service owner") != 2 {
		t.Errorf("point 2.1 wales and point 6 welsh should show the same point:\n%s", out)
	}
	_, tcop, _ := strings.Cut(out, "Technology Code of Practice, point 12")
	tcop, _, _ = strings.Cut(tcop, "\n\n")
	if strings.Contains(tcop, "At alpha") || strings.Contains(tcop, "At beta") {
		t.Errorf("point 12 tcop shows phases:\n%s", tcop)
	}
	code, out, errOut = c.run("", "report", "Apply for a bus pass", "--format", "json")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	var rep struct {
		Standard string
		Points   []struct {
			Point  int
			Ref    string
			Title  string
			Status string
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report JSON: %v\n%s", err, out)
	}
	if rep.Standard != "wales" || len(rep.Points) != 12 || rep.Points[5].Point != 6 || rep.Points[5].Ref != "2.1" || rep.Points[5].Status != "met" || rep.Points[11].Ref != "3.3" {
		t.Errorf("report = %+v", rep)
	}
	code, out, errOut = c.run("", "report", "Apply for a bus pass", "--format", "markdown")
	if code != 0 || !strings.Contains(out, "| 2.1 | Have an empowered service owner | met |") {
		t.Errorf("markdown report: exit %d, %s\n%s", code, errOut, out)
	}
}

// TestAskTakesEverydayStandardNames: ask --standard welsh asks the Wales
// standard, and its JSON names it by id, with the point's plain number
// and its reference.
func TestAskTakesEverydayStandardNames(t *testing.T) {
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "off")
	code, out, errOut := c.run("", "ask", "--json", "--standard", "welsh", "do we need an empowered service owner?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ans struct {
		Sources []struct {
			Standard, Ref string
			Point         int
		}
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(ans.Sources) == 0 || ans.Sources[0].Standard != "wales" || ans.Sources[0].Point != 6 || ans.Sources[0].Ref != "2.1" {
		t.Errorf("sources = %+v\n%s", ans.Sources, out)
	}
}

// TestStandardsListsEachWithItsCount: each new standard's own line has its
// own point count.
func TestStandardsListsEachWithItsCount(t *testing.T) {
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "off")
	code, out, errOut := c.run("", "standards")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := map[string]string{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			lines[f[0]] = l
		}
	}
	for id, want := range map[string]string{"nhs": "NHS service standard", "tcop": "Technology Code of Practice", "wales": "Digital Service Standards for Wales"} {
		n := map[string]string{"nhs": "17", "tcop": "13", "wales": "12"}[id]
		f := strings.Fields(lines[id])
		if !strings.Contains(lines[id], want) || len(f) == 0 || f[len(f)-1] != n {
			t.Errorf("standards line for %s = %q, want %s with %s points", id, lines[id], want, n)
		}
	}
}
