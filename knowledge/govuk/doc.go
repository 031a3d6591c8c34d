// Package govuk brings the GOV.UK Service Manual into the knowledge
// corpus: Sync discovers its guides through the public Content API and
// keeps each one's JSON in a folder (only those changed since the last
// sync are fetched again); Load reads the kept copy into sections, one per
// heading of each guide, cited at its www.gov.uk address with the
// heading's anchor, with the points of the Service Standard the guide
// helps meet.
package govuk
