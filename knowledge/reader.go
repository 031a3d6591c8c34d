package knowledge

import (
	"fmt"

	index "github.com/blevesearch/bleve_index_api"
)

// indexReader is the part of bleve's low-level reader the confidence
// measure needs: document frequencies.
type indexReader = index.IndexReader

func (ix *Index) reader() (indexReader, error) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	return r, nil
}
