package checklist

import (
	"context"
	"time"
)

// Store is everything the checklist keeps, as checklist/sqlite and
// checklist/postgres implement it and checklist/storetest checks it. Every
// method that changes something commits before it returns: an update the
// caller has been told about survives a crash. Implementations must be
// safe for concurrent use by several processes sharing one database.
//
// Callers take the small interfaces it is made of, each what one kind of
// caller uses: the conversation core the first six and Assessments,
// Practice and Corrections, the scheduler Timetable and Claims, the
// adapters ConversationRefs and Claimer, the inbox Inbox. Only cmd, which opens the store, holds all of it.
type Store interface {
	Projects
	Points
	Walks
	Confirmations
	Conversations
	FeedbackLog
	Claims
	Timetable
	ConversationRefs
	Inbox
	Assessments
	Practice
	Corrections
	Standups
	ChannelSettingsStore
	Installations

	// Ping checks the store is reachable, for readiness.
	Ping(ctx context.Context) error
	Close() error
}

// Projects keeps projects and the channels they are bound to.
type Projects interface {
	// CreateProject stores a new project bound to p.Bindings[0] and sets its
	// ID and timestamps. ECONFLICT if the name is taken in the workspace or
	// the channel already has a project; EINVALID for a malformed project.
	CreateProject(ctx context.Context, p *Project) error
	// ProjectByChannel returns the project bound to a channel; ENOTFOUND.
	ProjectByChannel(ctx context.Context, b Binding) (*Project, error)
	// ProjectByName finds a project by name (case-insensitive) in a
	// workspace, or in any workspace when workspace is ""; ENOTFOUND, or
	// ECONFLICT when several workspaces have projects of that name.
	ProjectByName(ctx context.Context, workspace, name string) (*Project, error)
	// Project returns a project by id; ENOTFOUND.
	Project(ctx context.Context, id int64) (*Project, error)
	// Projects lists projects matching the filter, by name.
	Projects(ctx context.Context, f ProjectFilter) ([]*Project, error)
	// UpdateProject applies the non-nil fields of u and records each change
	// in the history as made by `by`; ENOTFOUND, EINVALID, and ECONFLICT for
	// a new name another project of the workspace has.
	UpdateProject(ctx context.Context, id int64, u ProjectUpdate, by Person) (*Project, error)
	// BindChannel binds another channel to a project, with a history
	// entry; binding a channel to the project it has already does nothing.
	// ECONFLICT if the channel has another project; ENOTFOUND for an
	// unknown project; EINVALID for a channel without its platform, team
	// or id.
	BindChannel(ctx context.Context, id int64, b Binding, by Person) error
}

// Points keeps each point's status, notes and evidence, and the history of
// every change to a project.
type Points interface {
	// SetStatus records a point's status, with an optional note kept on the
	// point and in the history, atomically with the history entry (old ->
	// new). ENOTFOUND for an unknown project; EINVALID for a point outside
	// 1..Points.
	SetStatus(ctx context.Context, id int64, point int, s Status, note string, by Person) (*PointState, error)
	// AddNote and AddEvidence append an item to a point and to the history.
	AddNote(ctx context.Context, id int64, point int, text string, by Person) (*Item, error)
	AddEvidence(ctx context.Context, id int64, point int, text string, by Person) (*Item, error)
	// PointStates returns the stored state of every touched point with its
	// notes and evidence, by point number.
	PointStates(ctx context.Context, id int64) ([]PointState, error)
	// History returns changes oldest first; point 0 means all; limit 0 means
	// all, otherwise the latest `limit` changes (still oldest first).
	History(ctx context.Context, id int64, point int, limit int) ([]Change, error)
}

// Walks keeps the checklist walks in progress.
type Walks interface {
	// SaveWalk stores a checklist walk's state; Walk returns it (ENOTFOUND);
	// EndWalk deletes it.
	SaveWalk(ctx context.Context, w *Walk) error
	Walk(ctx context.Context, key string) (*Walk, error)
	EndWalk(ctx context.Context, key string) error
}

// Conversations keeps what the bot remembers of each conversation.
type Conversations interface {
	// SaveConversation remembers a conversation's context (a thread's
	// standard and last exchange), replacing what was there; Conversation returns it
	// (ENOTFOUND).
	SaveConversation(ctx context.Context, c *Conversation) error
	Conversation(ctx context.Context, key string) (*Conversation, error)
}

// FeedbackLog keeps people's verdicts on answers.
type FeedbackLog interface {
	// SaveFeedback records whether an answer helped a person; a later
	// click by the same person on the same answer replaces the earlier one.
	SaveFeedback(ctx context.Context, f Feedback) error
	// RecentFeedback returns the feedback given at or after since, newest
	// first, at most limit of it.
	RecentFeedback(ctx context.Context, since time.Time, limit int) ([]Feedback, error)
}

// Claimer keeps the keys claimed so far.
type Claimer interface {
	// Claim records key once: it returns true for the first caller across
	// every process sharing the store and false after, so retried platform
	// events and scheduled sends happen once. Keys older than the store's
	// retention may be forgotten.
	Claim(ctx context.Context, key string, at time.Time) (bool, error)
}

// Claims are claimed keys that may be given back.
type Claims interface {
	Claimer
	// Release forgets a claimed key, so a send that failed after its claim
	// can be tried again. Releasing an unknown key is not an error.
	Release(ctx context.Context, key string) error
}

// Timetable keeps when each project next needs the scheduler's look.
type Timetable interface {
	// DueProjects returns up to limit projects whose next scheduled moment
	// (Project.NextDue, kept by the store whenever a project is created or
	// its schedule, assessment, phase or time zone changes) is at or before
	// now, earliest first.
	DueProjects(ctx context.Context, now time.Time, limit int) ([]*Project, error)
	// SetNextDue records when a project next needs the scheduler's look,
	// after the scheduler has dealt with what was due; the zero time means
	// never. seen is the project's UpdatedAt when the scheduler read it: if
	// the project has changed since (a new stand-up time, say), the store
	// already worked out its next moment from the new settings, and this
	// call does nothing rather than overwrite it with a stale one. A zero
	// seen updates regardless. ENOTFOUND for an unknown project.
	SetNextDue(ctx context.Context, id int64, next, seen time.Time) error
}

// ConversationRefs keeps how to reach each conversation proactively.
type ConversationRefs interface {
	// SaveRef stores how to reach a conversation proactively (Teams needs
	// its service URL and ids), replacing what was there and clearing
	// Stale. EINVALID for a reference without its channel or service URL.
	SaveRef(ctx context.Context, r *ConversationRef) error
	// Ref returns the reference for a channel; ENOTFOUND.
	Ref(ctx context.Context, b Binding) (*ConversationRef, error)
	// MarkRefStale records that the bot can no longer post to a channel
	// (removed from the team, say), so senders stop retrying it until a
	// new message refreshes the reference. ENOTFOUND for an unknown one.
	MarkRefStale(ctx context.Context, b Binding) error
	// DirectRef returns the reference of the one-to-one conversation with
	// user (ConversationRef.DirectUser) in platform's team, the one
	// refreshed last if there are several; ENOTFOUND when the bot has no
	// direct conversation with them.
	DirectRef(ctx context.Context, platform, team, user string) (*ConversationRef, error)
	// TeamRef returns a reference in platform's team the bot can still
	// post with, the one refreshed last: where to reach the platform
	// (Teams' service URL and the bot's id there) to start a conversation
	// nobody has had yet. ENOTFOUND when there is none.
	TeamRef(ctx context.Context, platform, team string) (*ConversationRef, error)
}

// Inbox keeps the platform events acknowledged but not yet handled
// (InboxItem); internal/inbox decides when to write, take and renew them.
type Inbox interface {
	// WriteInbox stores put and deletes the items of done in one
	// transaction. An item whose Key was claimed before (a redelivery) is
	// not stored and keeps ID 0; the others get their ID. EINVALID for an
	// item without source, type or owner.
	WriteInbox(ctx context.Context, put []*InboxItem, done []int64) error
	// TakeInbox gives owner up to limit of source's items whose lease ran
	// out by now, oldest first, leased until until: each to one caller.
	TakeInbox(ctx context.Context, source, owner string, now, until time.Time, limit int) ([]*InboxItem, error)
	// RenewInbox extends to until the leases owner holds on ids.
	RenewInbox(ctx context.Context, owner string, ids []int64, until time.Time) error
	// ReleaseInbox ends every lease owner holds.
	ReleaseInbox(ctx context.Context, owner string) error
}

// ProjectFilter narrows Projects. Zero fields do not filter.
type ProjectFilter struct {
	Workspace string
	// Channels keeps projects bound to any of these channels.
	Channels []Binding
	Limit    int
}

// ProjectUpdate changes some of a project's settings; nil fields stay.
type ProjectUpdate struct {
	// Name renames the project; ECONFLICT when another project of the
	// workspace has the name.
	Name *string
	// Archived archives (true) or brings back (false) the project.
	Archived   *bool
	Phase      *Phase
	Assessment *Date // a zero Date clears it
	TimeZone   *string
	// Holidays chooses the bank holiday division; "" goes back to the
	// default (Project.Division).
	Holidays   *Division
	StandupAt  *string // "" turns stand-ups off
	StandupDay *string
	Reminders  *[]int // empty turns reminders off
	// StandupWindow is how long rounds gather answers; 0 is the default.
	StandupWindow *time.Duration
}

// Walk is one person's checklist walk in one conversation: stored, so it
// survives a restart, and keyed per person, so two people can walk at once.
type Walk struct {
	Key       string // see WalkKey
	ProjectID int64
	// Current is the point being asked about.
	Current int
	// Skipped are the points this walk has passed, answered or skipped, so
	// a point left partly met is not asked again in the same walk.
	Skipped   []int
	UpdatedAt time.Time
}

// WalkKey identifies a walk: the conversation and the person.
func WalkKey(b Binding, thread, user string) string {
	return b.Platform + "|" + b.Team + "|" + b.Channel + "|" + thread + "|" + user
}

// Feedback is one person's verdict on one answer.
type Feedback struct {
	// Ref identifies the answer: stable for the same question in the same
	// conversation, so repeated clicks land on one row.
	Ref      string
	User     string
	Helpful  bool
	Question string
	Platform string
	At       time.Time
}

// Conversation is what the bot remembers of a conversation or thread
// between messages, so a follow-up keeps its context.
type Conversation struct {
	// Key is the platform, team, channel and thread (see ConversationKey).
	Key string
	// Standard is the standard the conversation is about, "" for the
	// channel's project's or the default.
	Standard string
	// Question and Answer are the last exchange in the conversation,
	// given to a language model as context for a follow-up; empty
	// without one.
	Question, Answer string
	UpdatedAt        time.Time
}

// ConversationKey identifies a conversation or thread.
func ConversationKey(b Binding, thread string) string {
	return b.Platform + "|" + b.Team + "|" + b.Channel + "|" + thread
}

// ConversationRef is what a platform needs to post into a conversation the
// bot was not just spoken to in: for Microsoft Teams, the Bot Framework
// service URL, the conversation, tenant, bot and last user.
type ConversationRef struct {
	Binding    Binding // on Teams: Team is the tenant id, Channel the conversation id
	ServiceURL string
	BotID      string
	BotName    string
	UserID     string
	UserName   string
	// DirectUser is the person a one-to-one conversation is with, by
	// their stable id (what bot.Message.User carries), so the bot can
	// write to them privately (a stand-up's question); "" for a shared
	// conversation.
	DirectUser string
	// Stale is set when the platform refused a post (the bot was removed).
	Stale     bool
	UpdatedAt time.Time
}
