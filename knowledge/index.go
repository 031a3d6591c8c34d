package knowledge

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	// The custom analyser type registers itself on import.
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	_ "github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
)

// schemaVersion changes whenever the document shape does, so an index
// written by an older binary is rebuilt rather than misread. Mapping changes
// need no bump: the mapping itself is part of the content hash.
const schemaVersion = "1"

const (
	analyzerName   = "standardbot_en"
	wordsAnalyzer  = "standardbot_words"
	synonymSource  = "standardbot_synonyms"
	synonymCollect = "standardbot"
	indexPrefix    = "index-"
	tmpInfix       = ".tmp-"
	lockFile       = "index.lock"
)

// IndexOptions configures OpenIndex.
type IndexOptions struct {
	// Progress, when set, is called as documents are indexed.
	Progress func(done, total int)
	// Rebuild forces a fresh index even when one for the same content exists.
	Rebuild bool
}

// IndexStats describes an opened index.
type IndexStats struct {
	Points   int
	Sections int
	Built    bool // false when an existing index was reopened
	Took     time.Duration
	Dir      string
}

// Index is the bleve index over the library's points and the guidance
// sections, with the documents kept in memory for quoting.
type Index struct {
	idx      bleve.Index
	lib      *Library
	docs     map[string]*Doc
	analyzer analysis.Analyzer
	synonyms map[string][]string // analysed term -> analysed equivalents
	phrases  []synonymGroup
	abbrevs  abbreviations
	domain   *domainModel
	topics   *topicModel
	jargon   termSet
	warmed   chan struct{} // closed once the points are analysed
	stats    IndexStats
	// outside is, for each standard, the terms only other standards'
	// points hold (scopestats.go), counted on the first scoped search.
	outsideOnce sync.Once
	outside     map[string]map[string]int
}

// OpenIndex opens the index for the library and corpus under dir, building
// it when none exists for this content. Index folders are named after a hash
// of their content, so a change of sources builds a new one beside the old
// (which is then removed) and a crash mid-build leaves nothing half-written.
func OpenIndex(ctx context.Context, dir string, lib *Library, corpus *Corpus, opt IndexOptions) (*Index, error) {
	start := time.Now()
	docs := docsFor(lib, corpus)
	hash, err := contentHash(corpus)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index folder: %w", err)
	}
	path := filepath.Join(dir, indexPrefix+hash[:16])
	ix := &Index{lib: lib, docs: make(map[string]*Doc, len(docs)), phrases: parseSynonyms(synonymData()), abbrevs: parseAbbreviations(embedded("standards/abbreviations.txt"))}
	for _, d := range docs {
		ix.docs[d.ID] = d
		if d.Type == PointDoc {
			ix.stats.Points++
		} else {
			ix.stats.Sections++
		}
	}
	if !opt.Rebuild && ix.open(path) == nil {
		return ix.ready(docs, path, start)
	}
	// Missing, damaged or to be rebuilt: build it, one process at a time.
	unlock, err := lockFolder(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	if !opt.Rebuild && ix.open(path) == nil {
		// Another process built it while this one waited.
		return ix.ready(docs, path, start)
	}
	// A damaged index, or one to rebuild, is replaced rather than trusted.
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("remove old index: %w", err)
	}
	if err := ix.build(ctx, dir, path, docs, opt.Progress); err != nil {
		return nil, err
	}
	ix.stats.Built = true
	removeStale(dir, path)
	return ix.ready(docs, path, start)
}

// open opens an existing index read-only with its term counts.
func (ix *Index) open(path string) error {
	idx, err := bleve.OpenUsing(path, map[string]any{"read_only": true})
	if err != nil {
		return err
	}
	if ix.domain, err = readDomain(path); err != nil {
		idx.Close()
		return err
	}
	ix.idx = idx
	return nil
}

// ready finishes opening: what questions are analysed with, the topic
// model, and the points analysed in the background.
func (ix *Index) ready(docs []*Doc, path string, start time.Time) (*Index, error) {
	if err := ix.loadAnalysis(); err != nil {
		ix.idx.Close()
		return nil, err
	}
	ix.topics = trainTopics(ix.domain)
	ix.jargon = ix.jargonPairs(docs)
	ix.warmed = make(chan struct{})
	go ix.warm(docs)
	ix.stats.Took = time.Since(start)
	ix.stats.Dir = path
	return ix, nil
}

// warm analyses every point in the background: a point's text is long
// (its practices), and the first question citing one would otherwise wait
// for it.
func (ix *Index) warm(docs []*Doc) {
	defer close(ix.warmed)
	ix.pointStats()
	for _, d := range docs {
		if d.Type == PointDoc {
			d.analyse(ix)
		}
	}
}

// Warm waits until the points are analysed, as they are in the background
// from the moment the index opens; benchmarks wait for it before timing.
func (ix *Index) Warm() { <-ix.warmed }

// Stats says what the index holds and whether it was built or reopened.
func (ix *Index) Stats() IndexStats { return ix.stats }

// Library returns the standards the index covers.
func (ix *Index) Library() *Library { return ix.lib }

// Doc returns a document by id.
func (ix *Index) Doc(id string) (*Doc, bool) {
	d, ok := ix.docs[id]
	return d, ok
}

// Close releases the index files.
func (ix *Index) Close() error { return ix.idx.Close() }

// CloseAfter closes the index once d has passed, for an index just
// replaced with Answerer.SetIndex: questions already searching it finish
// first (a search takes milliseconds; d is generous).
func (ix *Index) CloseAfter(d time.Duration) {
	time.AfterFunc(d, func() { ix.Close() })
}

// build writes a new index in a private temporary folder and renames it
// into place, so no process ever sees a half-built index, and a crash
// leaves only a temporary folder that a later build removes.
func (ix *Index) build(ctx context.Context, dir, path string, docs []*Doc, progress func(int, int)) error {
	tmp, err := os.MkdirTemp(dir, filepath.Base(path)+tmpInfix)
	if err != nil {
		return fmt.Errorf("create index folder: %w", err)
	}
	// bleve creates the folder itself.
	if err := os.Remove(tmp); err != nil {
		return fmt.Errorf("create index folder: %w", err)
	}
	m, err := newMapping()
	if err != nil {
		return err
	}
	idx, err := bleve.New(tmp, m)
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	fail := func(err error) error {
		idx.Close()
		os.RemoveAll(tmp)
		return err
	}
	if err := indexSynonyms(idx, ix.phrases); err != nil {
		return fail(err)
	}
	if err := indexDocs(ctx, idx, docs, progress); err != nil {
		return fail(err)
	}
	if ix.analyzer = idx.Mapping().AnalyzerNamed(analyzerName); ix.analyzer == nil {
		return fail(errors.New("new index lacks its analyser"))
	}
	if ix.domain, err = ix.buildDomain(ctx, docs); err != nil {
		return fail(err)
	}
	if err := ix.domain.write(tmp); err != nil {
		return fail(err)
	}
	if err := idx.Close(); err != nil {
		return fail(fmt.Errorf("close new index: %w", err))
	}
	if err := os.Rename(tmp, path); err != nil {
		// Without folder locks, another process may have moved its
		// build into place first: use that one.
		os.RemoveAll(tmp)
		if ix.open(path) == nil {
			return nil
		}
		return fmt.Errorf("move index into place: %w", err)
	}
	if err := ix.open(path); err != nil {
		return fmt.Errorf("open new index: %w", err)
	}
	return nil
}

// indexDocs writes docs into idx in batches of 500, telling progress after
// each, and stops when ctx ends.
func indexDocs(ctx context.Context, idx bleve.Index, docs []*Doc, progress func(int, int)) error {
	const batchSize = 500
	batch := idx.NewBatch()
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := batch.Index(d.ID, d.indexed()); err != nil {
			return fmt.Errorf("index %s: %w", d.ID, err)
		}
		if batch.Size() >= batchSize || i == len(docs)-1 {
			if err := idx.Batch(batch); err != nil {
				return fmt.Errorf("write index: %w", err)
			}
			batch.Reset()
			if progress != nil {
				progress(i+1, len(docs))
			}
		}
	}
	return nil
}

// removeStale deletes index folders for other content, and temporary
// folders of builds that crashed (it runs under the folder's lock, so no
// build is under way). Errors are ignored: it is only disk.
func removeStale(dir, keep string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() && strings.HasPrefix(e.Name(), indexPrefix) && p != keep {
			os.RemoveAll(p)
		}
	}
}

// contentHash identifies everything that decides the index's content.
func contentHash(corpus *Corpus) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "schema %s\n", schemaVersion)
	m, err := newMapping()
	if err != nil {
		return "", err
	}
	mj, err := json.Marshal(m)
	if err != nil {
		return "", fmt.Errorf("hash mapping: %w", err)
	}
	h.Write(mj)
	if err := builtinHash(h); err != nil {
		return "", fmt.Errorf("hash built-in standards: %w", err)
	}
	if corpus != nil {
		fmt.Fprintf(h, "sources %s\n", corpus.Hash)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// questionFrameWords frame a question without saying what it is about
// ("can you give us an example of..."); dropping them, as English stop
// words are dropped, leaves the words that choose a point.
var questionFrameWords = []any{"tell", "talk", "describe", "explain", "give", "example", "examples", "please", "able", "currently", "kind", "sort", "anything", "something", "whether", "want", "wants"}

// newMapping is the index mapping: one analyser (English, snowball stems,
// stop words) with the synonym collection on every text field, BM25 scoring.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	err := m.AddCustomTokenMap("standardbot_frame_words", map[string]any{"type": "custom", "tokens": questionFrameWords})
	if err != nil {
		return nil, fmt.Errorf("define frame words: %w", err)
	}
	err = m.AddCustomTokenFilter("standardbot_frame_stop", map[string]any{"type": "stop_tokens", "stop_token_map": "standardbot_frame_words"})
	if err != nil {
		return nil, fmt.Errorf("define frame filter: %w", err)
	}
	err = m.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":          "custom",
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, en.StopName, "standardbot_frame_stop", en.SnowballStemmerName},
	})
	if err != nil {
		return nil, fmt.Errorf("define analyser: %w", err)
	}
	err = m.AddSynonymSource(synonymSource, map[string]any{"collection": synonymCollect, "analyzer": analyzerName})
	if err != nil {
		return nil, fmt.Errorf("define synonyms: %w", err)
	}
	err = m.AddCustomAnalyzer(wordsAnalyzer, map[string]any{
		"type":          "custom",
		"tokenizer":     unicode.Name,
		"token_filters": []any{lowercase.Name},
	})
	if err != nil {
		return nil, fmt.Errorf("define word analyser: %w", err)
	}
	m.DefaultAnalyzer = analyzerName
	doc := bleve.NewDocumentStaticMapping()
	keyword := bleve.NewKeywordFieldMapping()
	keyword.Store = false
	keyword.IncludeInAll = false
	doc.AddFieldMappingsAt("type", keyword)
	doc.AddFieldMappingsAt("standard", keyword)
	for _, f := range scoredFields {
		tf := bleve.NewTextFieldMapping()
		tf.Analyzer = analyzerName
		tf.Store = false
		tf.IncludeInAll = false
		tf.IncludeTermVectors = false
		tf.DocValues = false
		if f != "all" {
			tf.SynonymSource = synonymSource
		}
		doc.AddFieldMappingsAt(f, tf)
	}
	words := bleve.NewTextFieldMapping()
	words.Analyzer = wordsAnalyzer
	words.Store, words.IncludeInAll, words.IncludeTermVectors, words.DocValues = false, false, false, false
	doc.AddFieldMappingsAt(wordsField, words)
	m.DefaultMapping = doc
	return m, nil
}

// indexSynonyms stores the single-word synonym groups in the index's
// synonym collection, where bleve expands query terms with them.
func indexSynonyms(idx bleve.Index, groups []synonymGroup) error {
	si, ok := idx.(bleve.SynonymIndex)
	if !ok {
		return errors.New("index does not support synonyms")
	}
	for i, g := range groups {
		def := &bleve.SynonymDefinition{Synonyms: singleWords(g.Terms)}
		if g.Targets != nil {
			def = &bleve.SynonymDefinition{Input: singleWords(g.Terms), Synonyms: singleWords(g.Targets)}
			if len(def.Input) == 0 || len(def.Synonyms) == 0 {
				continue
			}
		} else if len(def.Synonyms) < 2 {
			continue
		}
		if err := si.IndexSynonym(fmt.Sprintf("syn-%d", i), synonymCollect, def); err != nil {
			return fmt.Errorf("index synonyms: %w", err)
		}
	}
	return nil
}

func singleWords(terms []string) []string {
	var out []string
	for _, t := range terms {
		if !strings.ContainsAny(t, " -.") {
			out = append(out, t)
		}
	}
	return out
}

// loadAnalysis prepares the analyser and the synonym table used outside
// bleve, for confidence and passage choice.
func (ix *Index) loadAnalysis() error {
	a := ix.idx.Mapping().AnalyzerNamed(analyzerName)
	if a == nil {
		return errors.New("index lacks its analyser: rebuild it with `standardbot index`")
	}
	ix.analyzer = a
	ix.synonyms = make(map[string][]string)
	for _, g := range ix.phrases {
		var from, to []string
		for _, t := range g.Terms {
			from = append(from, ix.terms(t)...)
		}
		to = from
		if g.Targets != nil {
			to = nil
			for _, t := range g.Targets {
				to = append(to, ix.terms(t)...)
			}
		}
		for _, f := range from {
			for _, t := range to {
				if t != f {
					ix.synonyms[f] = append(ix.synonyms[f], t)
				}
			}
		}
	}
	return nil
}

// terms analyses text into the index's terms.
func (ix *Index) terms(text string) []string {
	toks := ix.analyzer.Analyze([]byte(text))
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, string(t.Term))
	}
	return out
}
