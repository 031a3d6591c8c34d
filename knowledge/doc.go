// Package knowledge holds the service standards and the team's own guidance,
// indexes them with bleve and answers questions from them with citations.
//
// The standards and the assessment guidance are embedded (standards/,
// guidance/; Builtin). What a team adds arrives as a Corpus: knowledge/source
// reads it from files, folders and URLs, and knowledge/govuk adds the kept
// copy of the GOV.UK Service Manual. OpenIndex builds or reopens the search
// index over a Library of standards and a Corpus; an Answerer searches it,
// decides whether it is confident enough to answer, and quotes the best
// passages exactly, or asks an LLM (the interface in llm.go, implemented by
// knowledge/openai) to answer from them alone.
//
// knowledge imports none of its sub-packages: they import it, and cmd wires
// them together.
package knowledge
