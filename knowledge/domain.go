package knowledge

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
)

// domainFile is kept in each index folder: how often the indexed text uses
// each analysed term. Beside the English background it tells a word of the
// field ("accessibility": common here, rare in everyday English) from an
// everyday one the guidance happens to use ("job", "password").
const domainFile = "standardbot-terms.json"

// domainModel is a unigram model of the indexed text.
type domainModel struct {
	Counts map[string]float64 `json:"counts"`
	Total  float64            `json:"total"`
}

// buildDomain counts the terms of every document, stopping when ctx ends.
func (ix *Index) buildDomain(ctx context.Context, docs []*Doc) (*domainModel, error) {
	m := &domainModel{Counts: map[string]float64{}}
	for i, d := range docs {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		for _, t := range ix.terms(d.allText()) {
			m.Counts[t]++
			m.Total++
		}
	}
	return m, nil
}

func (m *domainModel) write(dir string) error {
	data, err := json.Marshal(m)
	if err != nil {
		return fmt.Errorf("write term counts: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, domainFile), data, 0o644); err != nil {
		return fmt.Errorf("write term counts: %w", err)
	}
	return nil
}

func readDomain(dir string) (*domainModel, error) {
	data, err := os.ReadFile(filepath.Join(dir, domainFile))
	if err != nil {
		return nil, fmt.Errorf("read term counts: %w", err)
	}
	var m domainModel
	if err := json.Unmarshal(data, &m); err != nil || m.Total == 0 {
		return nil, fmt.Errorf("read term counts: damaged %s", domainFile)
	}
	return &m, nil
}

// lift is how many bits more likely the field's text is to use a term
// than everyday English: about +13 for "accessibility", near 0 for
// "password", below 0 for "job" or "weather".
func (m *domainModel) lift(term string) float64 {
	p := (m.Counts[term] + 0.5) / m.Total
	return math.Log2(p) + english().surprisal(term)
}
