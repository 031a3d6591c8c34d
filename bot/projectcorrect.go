package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// projectRename is `project rename NEW NAME`.
func (b *Bot) projectRename(ctx context.Context, req *request, name string) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(name) == "" {
		return nil, usage("Give the new name. Try: project rename NEW NAME")
	}
	old := p.Name
	up, err := b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Name: &name}, who(req.msg))
	if err != nil {
		return nil, err
	}
	if up.Name == old {
		return Text(ReplyInfo, fmt.Sprintf("The project is already called %q.", old)).one(), nil
	}
	return Text(ReplyInfo, fmt.Sprintf("Renamed %q to %q. Reports and the history use the new name; the history keeps the old one.", old, up.Name)).one(), nil
}

// projectArchive is `project archive` and `project unarchive`: an
// archived project keeps its data and its commands, and gets no
// stand-ups, reminders, nudges, action reminders or practice panels.
func (b *Bot) projectArchive(ctx context.Context, req *request, archive bool) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if p.Archived() == archive {
		if archive {
			return Text(ReplyInfo, fmt.Sprintf("%s is archived already, since %s. Bring it back with: project unarchive", p.Name, dateText(p, p.ArchivedAt))).one(), nil
		}
		return Text(ReplyInfo, p.Name+" is not archived.").one(), nil
	}
	if _, err := b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Archived: &archive}, who(req.msg)); err != nil {
		return nil, err
	}
	if archive {
		return Text(ReplyInfo, fmt.Sprintf("Archived %s: no more stand-ups, reminders, nudges, action reminders or practice panels. Its points, notes, evidence and history stay, and reports show it as archived. Bring it back with: project unarchive", p.Name)).one(), nil
	}
	return Text(ReplyInfo, fmt.Sprintf("%s is back from the archive: its stand-ups and reminders start again as set. See them with: project", p.Name)).one(), nil
}

// errArchived refuses what an archived project does not get.
func errArchived(p *checklist.Project, what string) error {
	return usage(fmt.Sprintf("%s is archived, so it gets no %s. Bring it back first with: project unarchive", p.Name, what))
}

// dateText is a time as a date the GOV.UK way, in the project's zone.
func dateText(p *checklist.Project, t time.Time) string {
	return checklist.DateOf(t.In(p.Location())).Pretty()
}

// projectDelete is `project delete`: it shows what would go and waits for
// the yes of its creator or an admin.
func (b *Bot) projectDelete(ctx context.Context, req *request, args string) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if args != "" {
		return nil, usage("project delete deletes this channel's project and takes nothing after it. Try: project delete")
	}
	if !isAuthor(req.msg, p.Creator()) && !b.isAdmin(req.msg) {
		return nil, usage(fmt.Sprintf("Only whoever created %s (%s) or an admin can delete it. To stop its stand-ups and reminders instead: project archive", p.Name, p.CreatedBy))
	}
	pr, err := b.progress(ctx, p)
	if err != nil {
		return nil, err
	}
	channels := make([]string, len(p.Bindings))
	for i, c := range p.Bindings {
		channels[i] = c.Channel
	}
	r := Reply{Type: ReplyInfo, Title: "Delete " + p.Name + "?", Blocks: []Block{
		{Type: Paragraph, Text: fmt.Sprintf("This deletes %s and everything in it, for good: every point's status (%s), its notes and evidence, the history, assessments, ratings, actions and practice answers, and what I remember of conversations in its channels (%s). It cannot be undone.",
			p.Name, progressText(pr), strings.Join(channels, ", "))},
		{Type: Paragraph, Text: "To keep the data but stop its messages, archive it instead: project archive"},
		{Type: Paragraph, Text: "Nothing is deleted yet. Reply yes to delete it, or no to keep it."},
	}}
	r.Buttons = []Button{{Label: "Delete it", Command: "yes", Style: "danger"}, {Label: "Keep it", Command: "no"}}
	err = b.awaitYes(ctx, req, confirmation{
		kind:    kindDelete,
		payload: deletePayload{Project: p.ID, Name: p.Name, Created: p.CreatedAt},
		no:      "Kept: nothing was deleted.",
		dropped: "Not deleted: the project is as it was. Ask again with: project delete",
	})
	if err != nil {
		return nil, err
	}
	return r.one(), nil
}

// deletePayload is what the yes to a delete needs: the project as it was
// shown, which the yes checks is still the channel's (deleteProject).
type deletePayload struct {
	Project int64     `json:"project"`
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
}

// deleteYes deletes a project from its confirmation.
func (b *Bot) deleteYes(ctx context.Context, req *request, p deletePayload) ([]Reply, error) {
	if p.Project == 0 {
		return nil, errStaleConfirmation
	}
	return b.deleteProject(ctx, req, &checklist.Project{ID: p.Project, Name: p.Name, CreatedAt: p.Created})
}

// deleteProject deletes the project asked about after its yes, if it is
// still this channel's and as it was shown (the same id, creation and
// name: SQLite may give a new project a deleted one's id). The history goes with it, so the log
// records who deleted which.
func (b *Bot) deleteProject(ctx context.Context, req *request, asked *checklist.Project) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if p.ID != asked.ID || !p.CreatedAt.Equal(asked.CreatedAt) || p.Name != asked.Name {
		return nil, usage("This channel's project changed since you asked, so nothing was deleted. Ask again with: project delete")
	}
	if err := b.Store.DeleteProject(ctx, p.ID); err != nil {
		return nil, err
	}
	b.log().Info("project deleted", "project", p.ID, "platform", req.msg.Address.Platform, "user", req.msg.User)
	return Text(ReplyInfo, fmt.Sprintf("Deleted %s and everything in it. This channel has no project now: start one with project new NAME.", p.Name)).one(), nil
}
