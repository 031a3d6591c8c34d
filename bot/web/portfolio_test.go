package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// names are the rows' project names, in order.
func names(rows []*row) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Name)
	}
	return out
}

func sampleRows() []*row {
	d := func(s string) checklist.Date { d, _ := checklist.ParseDate(s); return d }
	at := func(day int) time.Time { return time.Date(2027, 1, day, 9, 0, 0, 0, time.UTC) }
	return []*row{
		{ID: 1, Name: "bravo", Standard: "govuk", Phase: checklist.Beta, Ready: 0.5, Assessment: d("2027-03-01"), Open: 2, Overdue: 1, Last: at(3)},
		{ID: 2, Name: "Alpha", Standard: "localgov", Phase: checklist.Discovery, Ready: 0.9, Open: 0, Last: at(9)},
		{ID: 3, Name: "charlie", Standard: "govuk", Phase: checklist.Live, Ready: 0.1, Assessment: d("2027-02-01"), Open: 5, Overdue: 3, Last: at(1)},
		{ID: 4, Name: "delta", Standard: "dss2015", Phase: checklist.Alpha, Ready: 0.5, Open: 1, Last: at(5)},
		{ID: 5, Name: "echo", Standard: "govuk", Phase: checklist.Live, Ready: 1, Assessment: d("2027-01-01"), Open: 9, Overdue: 9, Last: at(10), Archived: true},
	}
}

func TestSortRows(t *testing.T) {
	tests := []struct {
		key  string
		desc bool
		want []string
	}{
		// The archived project comes last, whatever the sort.
		{"name", false, []string{"Alpha", "bravo", "charlie", "delta", "echo"}},
		{"name", true, []string{"delta", "charlie", "bravo", "Alpha", "echo"}},
		{"standard", false, []string{"delta", "bravo", "charlie", "Alpha", "echo"}},
		{"phase", false, []string{"Alpha", "delta", "bravo", "charlie", "echo"}},
		// Equal readiness falls back to the name.
		{"ready", true, []string{"Alpha", "bravo", "delta", "charlie", "echo"}},
		{"ready", false, []string{"charlie", "bravo", "delta", "Alpha", "echo"}},
		// Booked assessments soonest first, the unbooked after, by name.
		{"assessment", false, []string{"charlie", "bravo", "Alpha", "delta", "echo"}},
		{"open", true, []string{"charlie", "bravo", "delta", "Alpha", "echo"}},
		{"overdue", true, []string{"charlie", "bravo", "Alpha", "delta", "echo"}},
		{"activity", true, []string{"Alpha", "delta", "bravo", "charlie", "echo"}},
		{"no-such-column", false, []string{"charlie", "bravo", "Alpha", "delta", "echo"}},
	}
	for _, tc := range tests {
		rows := sampleRows()
		sortRows(rows, tc.key, tc.desc)
		if got := names(rows); !slices.Equal(got, tc.want) {
			t.Errorf("sort %s desc=%v: %v, want %v", tc.key, tc.desc, got, tc.want)
		}
	}
}

func TestFilterRows(t *testing.T) {
	tests := []struct {
		f    filter
		want []string
	}{
		{filter{}, []string{"bravo", "Alpha", "charlie", "delta", "echo"}},
		{filter{Phase: "beta"}, []string{"bravo"}},
		{filter{Standard: "govuk"}, []string{"bravo", "charlie", "echo"}},
		{filter{Phase: "live", Standard: "govuk"}, []string{"charlie", "echo"}},
		{filter{Phase: "live", Standard: "localgov"}, nil},
	}
	for _, tc := range tests {
		if got := names(filterRows(sampleRows(), tc.f)); !slices.Equal(got, tc.want) {
			t.Errorf("filter %+v: %v, want %v", tc.f, got, tc.want)
		}
	}
}

func TestSortLinksKeepTheFilterAndToggle(t *testing.T) {
	q := readQuery(url.Values{"sort": {"ready"}, "dir": {"desc"}, "phase": {"beta"}})
	ready, _ := columnByKey("ready")
	name, _ := columnByKey("name")
	overdue, _ := columnByKey("overdue")
	for _, tc := range []struct {
		c    column
		want string
	}{
		{ready, "/portfolio?phase=beta&sort=ready"},
		{name, "/portfolio?phase=beta&sort=name"},
		{overdue, "/portfolio?dir=desc&phase=beta&sort=overdue"},
	} {
		if got := q.sortLink(tc.c); got != tc.want {
			t.Errorf("link to sort by %s: %q, want %q", tc.c.Key, got, tc.want)
		}
	}
	if got := readQuery(url.Values{"sort": {"<script>"}}); got.Sort != defaultSort || got.Desc {
		t.Errorf("an unknown sort: %+v, want the default", got)
	}
}

// TestVisibility is who sees which project: their own workspace's public
// channels and the private ones they are in; never another workspace's,
// nor a private channel's they are not in, nor one the platform cannot be
// asked about; admins everything.
func TestVisibility(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Admins = []string{"UADMIN"} })
	public := h.project("Public one", "T1", "CPUB", checklist.Beta)
	private := h.project("Private one", "T1", "GPRIV", checklist.Alpha)
	elsewhere := h.project("Other workspace", "T2", "CPUB2", checklist.Live)
	h.members.public["CPUB"], h.members.public["CPUB2"] = true, true
	h.members.in["GPRIV"] = []string{"UMEMBER"}
	ctx := context.Background()
	tests := []struct {
		name string
		v    *Viewer
		want []string
	}{
		{"not signed in", nil, nil},
		{"a member of the private channel", &Viewer{Platform: chat, Team: "T1", User: "UMEMBER"}, []string{"Private one", "Public one"}},
		{"not a member", &Viewer{Platform: chat, Team: "T1", User: "UOTHER"}, []string{"Public one"}},
		{"the other workspace", &Viewer{Platform: chat, Team: "T2", User: "UMEMBER"}, []string{"Other workspace"}},
		{"another platform with the same team id", &Viewer{Platform: "elsewhere", Team: "T1", User: "UMEMBER"}, nil},
		{"an admin", &Viewer{Platform: "elsewhere", Team: "T9", User: "UADMIN"}, []string{"Other workspace", "Private one", "Public one"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range []*checklist.Project{elsewhere, private, public} {
				if h.srv.visible(ctx, tc.v, p) {
					got = append(got, p.Name)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("sees %v, want %v", got, tc.want)
			}
		})
	}
	h.members.err = errPlatformDown
	if h.srv.visible(ctx, &Viewer{Platform: chat, Team: "T1", User: "UMEMBER"}, public) {
		t.Error("a project was shown while the platform could not say who may see its channel")
	}
}

// TestPortfolioPage is the portfolio as a signed-in person sees it:
// sorted and filtered through links and a GET form, the sorted column's
// aria-sort set, a private channel's project hidden from a non-member.
func TestPortfolioPage(t *testing.T) {
	h := newHarness(t, nil)
	ctx := context.Background()
	a := h.project("Apply for a blue badge", "T1", "C1", checklist.Beta)
	h.project("Book a driving test", "T1", "C2", checklist.Alpha)
	h.project("Secret project", "T1", "G1", checklist.Beta)
	h.members.public["C1"], h.members.public["C2"] = true, true
	h.members.in["G1"] = []string{"UMEMBER"}
	beta := checklist.Date{Year: 2027, Month: 2, Day: 15}
	if _, err := h.store.UpdateProject(ctx, a.ID, checklist.ProjectUpdate{Assessment: &beta}, checklist.Person{ID: "U-ALICE", Name: "Alice"}); err != nil {
		t.Fatal(err)
	}
	if r := h.get(nil, "/portfolio"); r.code != http.StatusSeeOther || r.header.Get("Location") != "/signin?next=/portfolio" {
		t.Fatalf("portfolio without a session: %d to %q", r.code, r.header.Get("Location"))
	}
	outsider := h.signedIn(Viewer{Platform: chat, Team: "T1", User: "UOTHER", Name: "Olu Other"})
	r := h.get(outsider, "/portfolio")
	if r.code != http.StatusOK || !strings.Contains(r.body, "Signed in as Olu Other") {
		t.Fatalf("portfolio: %d\n%s", r.code, r.body)
	}
	if got := rowNames(r.body); !slices.Equal(got, []string{"Apply for a blue badge", "Book a driving test"}) {
		t.Errorf("rows %v: the booked assessment first, the private channel's project hidden", got)
	}
	if !strings.Contains(r.body, "15 February 2027") || !strings.Contains(r.body, "in 80 days") {
		t.Errorf("the assessment is not written the GOV.UK way with the days to it:\n%s", r.body)
	}
	if !regexp.MustCompile(`<th scope="col" aria-sort="ascending"><a href="[^"]*">Next assessment`).MatchString(r.body) || strings.Count(r.body, "aria-sort=") != 1 {
		t.Errorf("aria-sort is not on the sorted column alone:\n%s", r.body)
	}
	if got := rowNames(h.get(outsider, "/portfolio?sort=name&dir=desc").body); !slices.Equal(got, []string{"Book a driving test", "Apply for a blue badge"}) {
		t.Errorf("sorted by name, descending: %v", got)
	}
	if got := rowNames(h.get(outsider, "/portfolio?phase=alpha").body); !slices.Equal(got, []string{"Book a driving test"}) {
		t.Errorf("filtered to alpha: %v", got)
	}
	member := h.signedIn(Viewer{Platform: chat, Team: "T1", User: "UMEMBER", Name: "Mo Member"})
	if got := rowNames(h.get(member, "/portfolio?phase=beta").body); !slices.Equal(got, []string{"Apply for a blue badge", "Secret project"}) {
		t.Errorf("a member filtering to beta: %v", got)
	}
	if r := h.get(outsider, "/projects/3"); r.code != http.StatusNotFound || strings.Contains(r.body, "Secret project") {
		t.Errorf("a non-member opening the private project's page: %d", r.code)
	}
	if r := h.get(member, "/projects/3"); r.code != http.StatusOK || !strings.Contains(r.body, "Secret project") {
		t.Errorf("a member opening the private project's page: %d", r.code)
	}
}

// rowNames are the project names of a portfolio page's rows, in order.
func rowNames(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<th scope="row" data-label="Project"><a href="/projects/\d+">([^<]*)</a>`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}
