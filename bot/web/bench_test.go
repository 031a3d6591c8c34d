package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// BenchmarkPortfolio is an admin's portfolio page over a SQLite store of
// 300 projects, each with a few statuses, notes and an action: what a
// head of digital opening the page waits for. It reports the p50 and p99
// of a page, besides ns/op. Run with
//
//	go test ./bot/web -run '^$' -bench Portfolio -benchtime 200x
func BenchmarkPortfolio(b *testing.B) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer store.Close()
	for i := range 300 {
		bind := checklist.Binding{Platform: chat, Team: "T1", Channel: fmt.Sprintf("C%04d", i)}
		p := &checklist.Project{Name: fmt.Sprintf("Service %03d", i), Workspace: bind.Workspace(), Standard: "govuk", Points: 14,
			Phase: checklist.Alpha, TimeZone: "Europe/London", Bindings: []checklist.Binding{bind}, CreatedBy: "Alice Example"}
		if err := store.CreateProject(ctx, p); err != nil {
			b.Fatal(err)
		}
		for n := 1; n <= 5; n++ {
			if _, err := store.SetStatus(ctx, p.ID, n, checklist.Met, "", checklist.Person{ID: "U-PRIYASHAH", Name: "Priya Shah"}); err != nil {
				b.Fatal(err)
			}
			if _, err := store.AddNote(ctx, p.ID, n, "Checked with the team on Monday", checklist.Person{ID: "U-PRIYASHAH", Name: "Priya Shah"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	srv, err := New(Config{PublicURL: "http://standardbot.test", Secret: testSecret, Store: store, Library: bottest.Library(b),
		Admins: []string{"UADMIN"}, Members: []Membership{&members{platform: chat, public: map[string]bool{}, in: map[string][]string{}}}})
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	srv.Routes(mux)
	rec := httptest.NewRecorder()
	if err := srv.startSession(rec, Viewer{Platform: chat, User: "UADMIN", Team: "T1", Name: "Admin", Expires: time.Now().Add(time.Hour).Unix()}); err != nil {
		b.Fatal(err)
	}
	cookies := rec.Result().Cookies()
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, "http://standardbot.test/portfolio?sort=ready", nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		w := httptest.NewRecorder()
		start := time.Now()
		mux.ServeHTTP(w, req)
		took = append(took, time.Since(start))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Service 299") {
			b.Fatalf("portfolio: %d, the last project not listed: %.300s", w.Code, w.Body.String())
		}
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}
