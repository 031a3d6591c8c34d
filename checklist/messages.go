package checklist

// The errors a Store returns when what the user asked for is not there or
// clashes with what is, worded alike whichever store is in use.

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
