// Package govuk is a polite client of GOV.UK's public Content API
// (https://www.gov.uk/api/content/...), and the means to keep what it
// fetched: files written whole or not at all, and a packed copy that one
// replica publishes for the others.
//
// Politeness: every request names standardbot and its version in the
// User-Agent; requests are spaced so there are never more than five a
// second (retries included) across everything one Client fetches; a 429
// or 5xx is retried with exponential backoff and jitter, after the
// Retry-After GOV.UK gives; each request has a timeout and a size limit.
package govuk
