package checklist

import "time"

// The errors a Store returns, worded alike whichever store is in use: when
// what the user asked for is not there or clashes with what is, and when
// what it was given breaks the rules every store applies. A message about
// a value a user typed (a date, a phase, a time zone, a name) is its
// parser's, beside it, since the bot shows it before any store is asked.

// ErrNoProject is ENOTFOUND for a project id that does not exist.
func ErrNoProject(id int64) error {
	return Errorf(ENOTFOUND, "That project (id %d) does not exist. Try: project", id)
}

// ErrNoChannelProject is ENOTFOUND for a channel no project is bound to.
func ErrNoChannelProject() error {
	return Errorf(ENOTFOUND, "No project in this channel. Try: project new NAME")
}

// ErrNoProjectNamed is ENOTFOUND for a project name that does not exist.
func ErrNoProjectNamed(name string) error {
	return Errorf(ENOTFOUND, "No project called %q. Check the name, or create it with: project new %s", name, name)
}

// ErrAmbiguousName is ECONFLICT for a name, looked up in every workspace,
// that projects in several have.
func ErrAmbiguousName(name string) error {
	return Errorf(ECONFLICT, "Several workspaces have a project called %q. Ask in the project's own channel.", name)
}

// ErrNameTaken is ECONFLICT for a new project whose name, ignoring case,
// another project in the workspace has.
func ErrNameTaken(name string) error {
	return Errorf(ECONFLICT, "A project called %q already exists here. Pick another name, or use: project", name)
}

// ErrChannelTaken is ECONFLICT for binding a channel that already has a
// project, named in the message when project is not "".
func ErrChannelTaken(project string) error {
	if project == "" {
		return Errorf(ECONFLICT, "This channel already has a project. See it with: project")
	}
	return Errorf(ECONFLICT, "This channel already has a project, %q. See it with: project", project)
}

// ErrNoWalk is ENOTFOUND for a checklist walk that is not in progress.
func ErrNoWalk() error {
	return Errorf(ENOTFOUND, "No checklist walk in progress here. Start one with: checklist")
}

// ErrNoPractice is ENOTFOUND for a practice panel that is not in progress.
func ErrNoPractice() error {
	return Errorf(ENOTFOUND, "No practice panel in progress here. Start one with: practice")
}

// errEmptyPracticeAnswer is EINVALID for a practice answer with no text.
func errEmptyPracticeAnswer(point int) error {
	return Errorf(EINVALID, "Say what the team would tell the panel on point %d, or pass the question with: skip", point)
}

// ErrNoConversation is ENOTFOUND for a conversation the bot remembers
// nothing of. The bot falls back to a default rather than show it, but like
// every domain error it carries a message a user could act on.
func ErrNoConversation() error {
	return Errorf(ENOTFOUND, "Nothing remembered about this conversation yet. Choose a standard with: use STANDARD")
}

// ErrNoRef is ENOTFOUND for a channel the bot holds no reference to, so
// cannot post in unprompted: nobody has spoken to it there yet.
func ErrNoRef() error {
	return Errorf(ENOTFOUND, "The bot cannot post in this channel until someone speaks to it there. Mention the bot in the channel once, then try again.")
}

// errNotStatus is EINVALID for a status that is not one of Statuses.
func errNotStatus(s string) error {
	return Errorf(EINVALID, "%q is not a status: use met, partly, not-met or n/a", s)
}

// errPointOutOfRange is EINVALID for a point outside 1..points of a
// project's standard.
func errPointOutOfRange(standard string, points, point int) error {
	return Errorf(EINVALID, "%s has points 1 to %d, so %d is not one of them. Try: status", standard, points, point)
}

// errEmptyItem is EINVALID for a note or piece of evidence with no text;
// kind is "note" or "evidence", as the command the user typed.
func errEmptyItem(kind string, point int) error {
	hint := "TEXT"
	if kind == "evidence" {
		hint = "TEXT-OR-LINK"
	}
	return Errorf(EINVALID, "Say what the %s is. Try: %s %d %s", kind, kind, point, hint)
}

// errNoStandard is EINVALID for a project without a standard.
func errNoStandard() error {
	return Errorf(EINVALID, "Choose a standard for the project. Try: standards")
}

// errNoPoints is EINVALID for a project whose standard has no points.
func errNoPoints(standard string) error {
	return Errorf(EINVALID, "The %s standard has no points to track. Try: standards", standard)
}

// errNoBinding is EINVALID for a project without a whole channel to belong
// to.
func errNoBinding() error {
	return Errorf(EINVALID, "A project belongs to a channel. Create it in one with: project new NAME")
}

// ErrNoChannel is EINVALID for binding a channel given without its
// platform, team or id.
func ErrNoChannel() error {
	return Errorf(EINVALID, "Say which channel to bind the project to.")
}

// The errors below are a caller's mistakes rather than a user's, so their
// hints are for whoever reads the log.

// ErrEmptyKey is EINVALID for a walk, claim, feedback or conversation with
// no key: what names the thing, example says what makes a key.
func ErrEmptyKey(what, example string) error {
	return Errorf(EINVALID, "A %s needs a key, such as %s.", what, example)
}

// ErrBadRef is EINVALID for a conversation reference a store cannot key or
// a platform cannot post with: one without its channel or service URL.
func ErrBadRef() error {
	return Errorf(EINVALID, "A conversation reference needs a platform, team, channel and service URL, such as those of the activity the bot was sent.")
}

// ErrBadInboxItem is EINVALID for an inbox item a store cannot keep or
// hand back to its adapter: one without its source, type or owner.
func ErrBadInboxItem() error {
	return Errorf(EINVALID, "An inbox item needs a source, a type and an owner, such as slack, event and the process's name.")
}

// ErrNoAssessment is ENOTFOUND for a project with no assessment recorded,
// which rating a point or adding an action needs.
func ErrNoAssessment() error {
	return Errorf(ENOTFOUND, "No assessment recorded for this project yet. Record one with: assessment result green|amber|red [YYYY-MM-DD]")
}

// ErrNoAction is ENOTFOUND for an action id the project does not have.
func ErrNoAction(id int64) error {
	return Errorf(ENOTFOUND, "This project has no action %d. See the open ones with: actions", id)
}

// ErrActionClosed is ECONFLICT for closing an action closed before.
func ErrActionClosed(id int64, by string, at time.Time) error {
	return Errorf(ECONFLICT, "Action %d was already closed by %s on %s. See the open ones with: actions", id, by, DateOf(at).Pretty())
}

// errEmptyAction is EINVALID for an action with no text.
func errEmptyAction(point int) error {
	return Errorf(EINVALID, "An action needs its text. Try: action %d TEXT", point)
}

// ErrNoAssessmentDate is EINVALID for an assessment without its date.
func ErrNoAssessmentDate() error {
	return Errorf(EINVALID, "An assessment needs its date. Try: assessment result green|amber|red YYYY-MM-DD")
}

// ErrNoItem is ENOTFOUND for a note or evidence id the project does not
// have.
func ErrNoItem(id int64) error {
	return Errorf(ENOTFOUND, "This project has no note or evidence #%d. Their ids are in: status N", id)
}

// ErrRenameTaken is ECONFLICT for renaming a project to a name, ignoring
// case, another project in the workspace has.
func ErrRenameTaken(name string) error {
	return Errorf(ECONFLICT, "Another project here is already called %q, so nothing was renamed. Pick another name: project rename NEW NAME", name)
}

// ErrNoInstallation is the error for a workspace the bot is not installed in.
func ErrNoInstallation() error {
	return Errorf(ENOTFOUND, "The bot is not installed in this workspace. Install it again from the install page.")
}

// ErrBadInstallation is the error for an install the store cannot keep.
func ErrBadInstallation(why string) error {
	return Errorf(EINVALID, "Cannot keep this install: %s. Install again from the install page.", why)
}
