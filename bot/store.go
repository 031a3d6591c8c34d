package bot

import "github.com/standardbot/standardbot/checklist"

// Store is what the core keeps in the checklist store: projects and their
// points, checklist walks and practice panels, what waits for a person's
// yes, what it remembers of conversations, feedback on its answers, what
// happened at assessments, the corrections people make, and each
// channel's settings. checklist/sqlite and checklist/postgres implement
// it.
type Store interface {
	checklist.Projects
	checklist.Points
	checklist.Walks
	checklist.Confirmations
	checklist.Conversations
	checklist.FeedbackLog
	checklist.Assessments
	checklist.Practice
	checklist.Corrections
	checklist.Standups
	checklist.ChannelSettingsStore
}

var _ Store = (checklist.Store)(nil)
