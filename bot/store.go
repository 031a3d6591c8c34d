package bot

import "github.com/standardbot/standardbot/checklist"

// Store is what the core keeps in the checklist store: projects and their
// points, checklist walks and practice panels, what it remembers of
// conversations, feedback on its answers, and what happened at
// assessments. checklist/sqlite and checklist/postgres implement it.
type Store interface {
	checklist.Projects
	checklist.Points
	checklist.Walks
	checklist.Conversations
	checklist.FeedbackLog
	checklist.Assessments
	checklist.Practice
}

var _ Store = (checklist.Store)(nil)
