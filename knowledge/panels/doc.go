// Package panels brings what published assessment panels said into the
// knowledge corpus. Sync lists GOV.UK's service assessment reports
// through the Search API and keeps each one's Content API JSON in a
// folder (only those whose listing date changed are fetched again; one
// that fails keeps its last copy). Load reads the kept copy with
// internal/govuk/reports into sections, one per point of each report that
// gives the panel's remarks point by point: cited at the report's
// www.gov.uk address, carrying its stage, date and result, and supporting
// the point of the report's standard (14-point reports: govuk; 18-point:
// dss2015; 26-point reports are left unmapped, and say so). Copy.Examples
// gives recent panels' remarks on a point at a stage.
package panels
