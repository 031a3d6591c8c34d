package knowledge

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// ProcessSource is the name, in a channel's sources setting, of the
// built-in guidance on the assessment process.
const ProcessSource = "process"

// SourceNames lists what a channel's sources setting can name: the
// standards by id, then the guidance sources loaded (Section.SourceName),
// sorted.
func (ix *Index) SourceNames() []string {
	names := ix.lib.IDs()
	var guidance []string
	seen := map[string]bool{}
	for _, d := range ix.docs {
		if d.Type == GuidanceDoc && d.SourceName != "" && !seen[d.SourceName] {
			seen[d.SourceName] = true
			guidance = append(guidance, d.SourceName)
		}
	}
	sort.Strings(guidance)
	return append(names, guidance...)
}

// UnknownSourceError is returned for a source name the index lacks; its
// message names those it has.
type UnknownSourceError struct {
	Name  string
	Known []string
}

func (e *UnknownSourceError) Error() string {
	return fmt.Sprintf("no source is called %q (loaded: %s)", e.Name, strings.Join(e.Known, ", "))
}

// CheckSources returns names in the spelling SourceNames uses, or an
// *UnknownSourceError for the first one not loaded.
func (ix *Index) CheckSources(names []string) ([]string, error) {
	known := ix.SourceNames()
	out := make([]string, 0, len(names))
	for _, n := range names {
		i := slices.IndexFunc(known, func(k string) bool { return strings.EqualFold(k, strings.TrimSpace(n)) })
		if i < 0 {
			return nil, &UnknownSourceError{Name: strings.TrimSpace(n), Known: known}
		}
		if !slices.Contains(out, known[i]) {
			out = append(out, known[i])
		}
	}
	return out, nil
}

// sourcesFilter keeps only the documents of the named sources: the points
// of the standards named, and the guidance sections of the guidance
// sources named. nil when names is empty (every source). A name nothing
// holds matches nothing.
func (ix *Index) sourcesFilter(names []string) query.Query {
	if len(names) == 0 {
		return nil
	}
	var ors []query.Query
	var ids []string
	for _, d := range ix.docs {
		if d.Type == GuidanceDoc && containsFold(names, d.SourceName) {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) > 0 {
		sort.Strings(ids)
		ors = append(ors, bleve.NewDocIDQuery(ids))
	}
	for _, n := range names {
		if s, ok := ix.lib.Standard(n); ok {
			tq := bleve.NewTermQuery(s.ID)
			tq.SetField("standard")
			ors = append(ors, tq)
		}
	}
	if len(ors) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(ors...)
}

func containsFold(names []string, name string) bool {
	return name != "" && slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) })
}
