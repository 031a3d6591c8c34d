package web

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// row is one project on the portfolio.
type row struct {
	ID                     int64
	Name                   string
	Standard, StandardName string
	Phase                  checklist.Phase
	Ready                  float64
	Met, NA, Total         int
	// Assessment is the next assessment's day (zero: not booked), Days
	// how many days away it is.
	Assessment    checklist.Date
	Days          int
	Open, Overdue int
	// Last is the latest change to the project, LastBy who made it.
	Last   time.Time
	LastBy string
	// LastText is Last as the page writes it, in the project's zone.
	LastText string
	// Archived projects are marked, and listed after the others.
	Archived bool
}

// column is a sortable column of the portfolio: its key in ?sort=, its
// heading, and how two rows compare on it (ascending).
type column struct {
	Key, Heading string
	// Numeric columns sort descending first: most ready, most overdue.
	Numeric bool
	cmp     func(a, b *row) int
}

// columns are the portfolio's columns, in order.
var columns = []column{
	{Key: "name", Heading: "Project", cmp: func(a, b *row) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) }},
	{Key: "standard", Heading: "Standard", cmp: func(a, b *row) int { return cmp.Compare(a.Standard, b.Standard) }},
	{Key: "phase", Heading: "Phase", cmp: func(a, b *row) int { return cmp.Compare(phaseOrder(a.Phase), phaseOrder(b.Phase)) }},
	{Key: "ready", Heading: "Ready", Numeric: true, cmp: func(a, b *row) int { return cmp.Compare(a.Ready, b.Ready) }},
	{Key: "assessment", Heading: "Next assessment", cmp: compareAssessment},
	{Key: "open", Heading: "Open actions", Numeric: true, cmp: func(a, b *row) int { return cmp.Compare(a.Open, b.Open) }},
	{Key: "overdue", Heading: "Overdue actions", Numeric: true, cmp: func(a, b *row) int { return cmp.Compare(a.Overdue, b.Overdue) }},
	{Key: "activity", Heading: "Last activity", Numeric: true, cmp: func(a, b *row) int { return a.Last.Compare(b.Last) }},
}

// defaultSort is the assessments coming soonest first: what a head of
// digital or an assessor preparing a panel asks first.
const defaultSort = "assessment"

func columnByKey(key string) (column, bool) {
	for _, c := range columns {
		if c.Key == key {
			return c, true
		}
	}
	return column{}, false
}

// compareAssessment puts booked assessments soonest first and projects
// with none after them.
func compareAssessment(a, b *row) int {
	switch {
	case a.Assessment.IsZero() && b.Assessment.IsZero():
		return 0
	case a.Assessment.IsZero():
		return 1
	case b.Assessment.IsZero():
		return -1
	}
	return cmp.Compare(a.Assessment.String(), b.Assessment.String())
}

func phaseOrder(p checklist.Phase) int { return slices.Index(checklist.Phases, p) }

// sortRows orders rows by the column key, descending when desc, archived
// projects after the others either way; ties fall back to the name, so
// the order is the same on every load.
func sortRows(rows []*row, key string, desc bool) {
	c, ok := columnByKey(key)
	if !ok {
		c, _ = columnByKey(defaultSort)
	}
	name, _ := columnByKey("name")
	slices.SortStableFunc(rows, func(a, b *row) int {
		n := c.cmp(a, b)
		if desc {
			n = -n
		}
		return cmp.Or(compareArchived(a, b), n, name.cmp(a, b), cmp.Compare(a.ID, b.ID))
	})
}

// compareArchived puts archived projects last.
func compareArchived(a, b *row) int {
	switch {
	case a.Archived == b.Archived:
		return 0
	case a.Archived:
		return 1
	}
	return -1
}

// filter is what the portfolio's form narrows the list to; "" is any.
type filter struct {
	Phase, Standard string
}

func (f filter) keep(r *row) bool {
	return (f.Phase == "" || string(r.Phase) == f.Phase) && (f.Standard == "" || r.Standard == f.Standard)
}

// filterRows keeps the rows f lets through.
func filterRows(rows []*row, f filter) []*row {
	var out []*row
	for _, r := range rows {
		if f.keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// query is the portfolio's address state: the sort, its direction and
// the filter, read from the URL and written back into every link.
type query struct {
	Sort string
	Desc bool
	filter
}

func readQuery(q url.Values) query {
	out := query{Sort: q.Get("sort"), Desc: q.Get("dir") == "desc", filter: filter{Phase: q.Get("phase"), Standard: q.Get("standard")}}
	if _, ok := columnByKey(out.Sort); !ok {
		out.Sort, out.Desc = defaultSort, false
	}
	return out
}

// values is q as URL parameters, leaving out what is the default.
func (q query) values() url.Values {
	v := url.Values{}
	if q.Sort != defaultSort || q.Desc {
		v.Set("sort", q.Sort)
	}
	if q.Desc {
		v.Set("dir", "desc")
	}
	if q.Phase != "" {
		v.Set("phase", q.Phase)
	}
	if q.Standard != "" {
		v.Set("standard", q.Standard)
	}
	return v
}

// sortLink is the address that sorts by c: the other way round when the
// page is already sorted by it, and its natural direction otherwise.
func (q query) sortLink(c column) string {
	n := q
	n.Sort = c.Key
	if q.Sort == c.Key {
		n.Desc = !q.Desc
	} else {
		n.Desc = c.Numeric
	}
	if enc := n.values().Encode(); enc != "" {
		return "/portfolio?" + enc
	}
	return "/portfolio"
}

// ariaSort is the aria-sort of a column heading: ascending or descending
// on the column the page is sorted by, and none ("", no attribute) on the
// others, since only one column is sorted at a time.
func ariaSort(sorted bool, desc bool) string {
	switch {
	case !sorted:
		return ""
	case desc:
		return "descending"
	}
	return "ascending"
}

// projectRow loads what the portfolio shows of p.
func (s *Server) projectRow(ctx context.Context, p *checklist.Project) (*row, error) {
	rep, err := s.report(ctx, p)
	if err != nil {
		return nil, err
	}
	last, err := s.cfg.Store.History(ctx, p.ID, 0, 1)
	if err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	today := checklist.DateOf(s.now().In(p.Location()))
	r := &row{ID: p.ID, Name: p.Name, Standard: p.Standard, StandardName: rep.StandardName, Phase: p.Phase, Ready: rep.Done,
		Met: rep.Counts[checklist.Met], NA: rep.Counts[checklist.NA], Total: len(rep.Points), Assessment: p.Assessment,
		Open: len(rep.Actions), Last: p.UpdatedAt, Archived: p.Archived()}
	if !p.Assessment.IsZero() {
		r.Days = p.Assessment.DaysFrom(today)
	}
	for _, a := range rep.Actions {
		if a.Overdue {
			r.Overdue++
		}
	}
	if len(last) > 0 {
		r.Last, r.LastBy = last[0].At, checklist.CleanLine(last[0].By)
	}
	r.LastText = whenText(r.Last, p.Location())
	return r, nil
}

// portfolioView is the portfolio page.
type portfolioView struct {
	page
	Rows    []*row
	Total   int
	Query   query
	Columns []headingView
	Phases  []checklist.Phase
	// Standards are the ids the filter offers: those of the projects
	// the viewer may see.
	Standards []string
	Clear     bool
	// SortedBy says in words how the rows are sorted.
	SortedBy string
	// SortOptions are the form's choice of column to sort by, for screens
	// too narrow for the table's headings.
	SortOptions []sortOption
}

type sortOption struct {
	Key, Heading string
	Selected     bool
}

// headingView is a column heading: its link and aria-sort.
type headingView struct {
	Heading, Link, AriaSort string
	// Arrow shows sighted readers the sorted column's direction.
	Arrow string
}

// portfolioPage lists every project the signed-in viewer may see.
func (s *Server) portfolioPage(w http.ResponseWriter, r *http.Request) {
	if s.off() {
		s.offPage(w, r)
		return
	}
	v := s.viewer(r)
	if v == nil {
		http.Redirect(w, r, "/signin?next=/portfolio", http.StatusSeeOther)
		return
	}
	projects, err := s.visibleProjects(r.Context(), v)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	pv := portfolioView{page: s.frame(r, "Portfolio", access{Viewer: v}), Query: readQuery(r.URL.Query()), Phases: checklist.Phases}
	var rows []*row
	for _, p := range projects {
		rw, err := s.projectRow(r.Context(), p)
		if err != nil {
			s.failed(w, r, err)
			return
		}
		rows = append(rows, rw)
		if !slices.Contains(pv.Standards, p.Standard) {
			pv.Standards = append(pv.Standards, p.Standard)
		}
	}
	slices.Sort(pv.Standards)
	pv.Total = len(rows)
	pv.Rows = filterRows(rows, pv.Query.filter)
	sortRows(pv.Rows, pv.Query.Sort, pv.Query.Desc)
	pv.Clear = pv.Query.filter != filter{}
	for _, c := range columns {
		pv.SortOptions = append(pv.SortOptions, sortOption{Key: c.Key, Heading: c.Heading, Selected: c.Key == pv.Query.Sort})
		h := headingView{Heading: c.Heading, Link: pv.Query.sortLink(c), AriaSort: ariaSort(pv.Query.Sort == c.Key, pv.Query.Desc)}
		if h.AriaSort != "" {
			h.Arrow = map[bool]string{false: "▲", true: "▼"}[pv.Query.Desc]
			pv.SortedBy = strings.ToLower(c.Heading) + ", " + h.AriaSort
		}
		pv.Columns = append(pv.Columns, h)
	}
	s.render(w, r, http.StatusOK, "portfolio.html", pv)
}
