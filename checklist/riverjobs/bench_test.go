package riverjobs_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/checklist/storetest"
)

// counter is a Notifier that only counts.
type counter struct{ n atomic.Int64 }

func (c *counter) Notify(context.Context, checklist.Binding, *checklist.Project, checklist.Due) error {
	c.n.Add(1)
	return nil
}

// throughput seeds projects that each have one reminder due now, runs the
// scheduler until every reminder is delivered, and reports jobs a second:
// the tick's insert, then one send job per project (claim, notify).
func throughput(b *testing.B, s checklist.Store, start func(riverjobs.Config) (*riverjobs.Scheduler, error)) {
	const projects = 2000
	zone := storetest.DaytimeZone(b)
	loc, _ := time.LoadLocation(zone)
	tomorrow := checklist.DateOf(time.Now().In(loc)).AddDays(1)
	for i := range projects {
		p := &checklist.Project{Name: fmt.Sprintf("P%d", i), Standard: "govuk", Points: 14, Phase: checklist.Beta, TimeZone: zone,
			Assessment: tomorrow, Schedule: checklist.Schedule{Reminders: []int{1}},
			Bindings: []checklist.Binding{{Platform: "bench", Team: "T", Channel: fmt.Sprintf("C%d", i)}}}
		if err := s.CreateProject(context.Background(), p); err != nil {
			b.Fatal(err)
		}
	}
	c := &counter{}
	sch, err := start(riverjobs.Config{Store: s, Notifier: c, Tick: 100 * time.Millisecond, Workers: 20, Log: quiet()})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b.ResetTimer()
	began := time.Now()
	go sch.Run(ctx)
	for c.n.Load() < projects {
		if time.Since(began) > 5*time.Minute {
			b.Fatalf("only %d of %d sent", c.n.Load(), projects)
		}
		time.Sleep(10 * time.Millisecond)
	}
	took := time.Since(began)
	b.StopTimer()
	sch.Drain(context.Background())
	b.ReportMetric(float64(projects)/took.Seconds(), "jobs/s")
	b.ReportMetric(took.Seconds(), "s/2000-sends")
}

func BenchmarkSendThroughputSQLite(b *testing.B) {
	for range b.N {
		s, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		throughput(b, s, func(cfg riverjobs.Config) (*riverjobs.Scheduler, error) {
			return riverjobs.NewSQLite(context.Background(), s.WriteDB(), cfg)
		})
		s.Close()
	}
}

func BenchmarkSendThroughputPostgres(b *testing.B) {
	for range b.N {
		s, err := postgres.Open(context.Background(), pgtest.FreshSchema(b))
		if err != nil {
			b.Fatal(err)
		}
		throughput(b, s, func(cfg riverjobs.Config) (*riverjobs.Scheduler, error) {
			return riverjobs.NewPostgres(context.Background(), s.Pool(), cfg)
		})
		s.Close()
	}
}
