package bot

import "github.com/standardbot/standardbot/checklist"

// Store is what the core keeps in the checklist store: projects and their
// points, checklist walks, what it remembers of conversations, and
// feedback on its answers. checklist/sqlite and checklist/postgres
// implement it.
type Store interface {
	checklist.Projects
	checklist.Points
	checklist.Walks
	checklist.Conversations
	checklist.FeedbackLog
}

var _ Store = (checklist.Store)(nil)
