package panels

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"github.com/standardbot/standardbot/internal/govuk/reports"
)

// DefaultPageSize is how many reports one Search API request lists: about
// 460 are published, so five requests list them all.
const DefaultPageSize = 100

// maxPages bounds the listing, whatever total the Search API claims.
const maxPages = 50

// listed is a report as the Search API lists it.
type listed struct {
	Link            string `json:"link"`
	Title           string `json:"title"`
	PublicTimestamp string `json:"public_timestamp"`
}

// searchPage is the part of a Search API answer the listing uses.
type searchPage struct {
	Results []listed `json:"results"`
	Total   int      `json:"total"`
}

// searchPath is the Search API request for one page of reports, newest
// first so pages hold still while a report is published.
func searchPath(count, start int) string {
	q := url.Values{}
	q.Set("filter_format", reports.DocumentType)
	q.Set("count", strconv.Itoa(count))
	q.Set("start", strconv.Itoa(start))
	q.Set("fields", "link,title,public_timestamp")
	q.Set("order", "-public_timestamp")
	return "/api/search.json?" + q.Encode()
}

// list lists the published reports, page by page, each once; links that
// are not a report's address are passed over. complete is false when a
// page after the first could not be read: the reports listed are fetched,
// and none is removed. An error means the first page could not be read,
// or GOV.UK stopped answering.
func list(ctx context.Context, f Fetcher, pageSize int, res *Result) (out []listed, complete bool, err error) {
	seen := map[string]bool{}
	for page, start := 0, 0; page < maxPages; page++ {
		data, err := f.Get(ctx, searchPath(pageSize, start))
		if err == nil {
			var p searchPage
			if jerr := json.Unmarshal(data, &p); jerr != nil {
				err = fmt.Errorf("the Search API's answer: %w", jerr)
			} else {
				for _, l := range p.Results {
					bp, perr := reports.ParseURL(reports.WWW + l.Link)
					if perr == nil && !seen[bp] {
						seen[bp] = true
						l.Link = bp
						out = append(out, l)
					}
				}
				start += len(p.Results)
				if len(p.Results) == 0 || start >= p.Total {
					return out, true, nil
				}
				continue
			}
		}
		if page == 0 || stops(ctx, err) {
			return nil, false, err
		}
		res.Incomplete = append(res.Incomplete, fmt.Sprintf("the listing from report %d on (%v)", start+1, err))
		return out, false, nil
	}
	return out, true, nil
}
