// Package govuktest is a fake GOV.UK for tests: an httptest server
// speaking the Content API (and bank holidays) from fixture documents
// written for standardbot in the shapes GOV.UK publishes, recording every
// request. Generate makes a manual of any size for benchmarks. Nothing in
// it reaches the internet.
package govuktest
