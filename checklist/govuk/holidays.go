package govuk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
	contentapi "github.com/standardbot/standardbot/internal/govuk"
)

// Path is where GOV.UK publishes the bank holidays.
const Path = "/bank-holidays.json"

// Getter is what Fetch needs of a GOV.UK client (internal/govuk.Client).
type Getter interface {
	Get(ctx context.Context, path string) ([]byte, error)
}

// kept is the file Fetch writes: GOV.UK's document as fetched, and when.
type kept struct {
	FetchedAt time.Time       `json:"fetched_at"`
	Holidays  json.RawMessage `json:"bank_holidays"`
}

// published is the shape of bank-holidays.json: divisions, each with its
// events.
type published map[string]struct {
	Division string `json:"division"`
	Events   []struct {
		Title string `json:"title"`
		Date  string `json:"date"`
		Notes string `json:"notes"`
	} `json:"events"`
}

// Fetch fetches the bank holidays and keeps them in the file at path,
// written whole. A document without dates for each division
// (checklist.Divisions) is refused and the last copy kept.
func Fetch(ctx context.Context, g Getter, path string, now time.Time) error {
	data, err := g.Get(ctx, Path)
	if err != nil {
		return fmt.Errorf("fetch bank holidays: %w", err)
	}
	if _, err := divisions(data); err != nil {
		return fmt.Errorf("fetch bank holidays: %w", err)
	}
	out, err := json.Marshal(kept{FetchedAt: now, Holidays: data})
	if err != nil {
		return fmt.Errorf("keep bank holidays: %w", err)
	}
	return contentapi.WriteFile(path, out)
}

// Load reads the bank holidays kept at path, by division, and when they
// were fetched. Nothing kept is a nil map, a zero time and no error.
func Load(path string) (map[checklist.Division]map[checklist.Date]string, time.Time, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, time.Time{}, nil
	}
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("read kept bank holidays: %w", err)
	}
	var k kept
	if err := json.Unmarshal(data, &k); err != nil {
		return nil, time.Time{}, fmt.Errorf("read kept bank holidays: %w", err)
	}
	days, err := divisions(k.Holidays)
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("read kept bank holidays: %w", err)
	}
	return days, k.FetchedAt, nil
}

// divisions reads each division's dates from bank-holidays.json. A
// substitute day is named as the built-in tables name it: "Boxing Day
// (substitute day)".
func divisions(data []byte) (map[checklist.Division]map[checklist.Date]string, error) {
	var p published
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("not GOV.UK's bank holidays: %w", err)
	}
	out := map[checklist.Division]map[checklist.Date]string{}
	for _, div := range checklist.Divisions {
		days := map[checklist.Date]string{}
		for _, e := range p[string(div)].Events {
			d, err := checklist.ParseDate(e.Date)
			if err != nil {
				return nil, fmt.Errorf("bank holiday %q: date %q is not YYYY-MM-DD", e.Title, e.Date)
			}
			days[d] = name(e.Title, e.Notes)
		}
		if len(days) == 0 {
			return nil, fmt.Errorf("no %s bank holidays in the document", div.Title())
		}
		out[div] = days
	}
	return out, nil
}

// name is an event's title, with "(substitute day)" when its notes say
// so, and GOV.UK's typographic apostrophe made plain.
func name(title, notes string) string {
	title = strings.ReplaceAll(title, "\u2019", "'")
	if strings.EqualFold(strings.TrimSpace(notes), "substitute day") {
		return title + " (substitute day)"
	}
	return title
}
