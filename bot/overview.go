package bot

import (
	"context"
	"fmt"

	"github.com/standardbot/standardbot/checklist"
)

// Overview summarises the projects bound to the given channels, each with
// its progress and days to the assessment: what a person sees of the
// projects in the channels they are in. An adapter that can list a
// person's channels shows it (Slack, on the App Home tab).
func (b *Bot) Overview(ctx context.Context, channels []checklist.Binding) (Reply, error) {
	r := Reply{Type: ReplyInfo, Title: "Your projects"}
	if b.Store == nil || len(channels) == 0 {
		r.Blocks = []Block{{Type: Paragraph, Text: "No projects in your channels yet. In a channel, say: project new NAME"}}
		return r, nil
	}
	projects, err := b.Store.Projects(ctx, checklist.ProjectFilter{Channels: channels, Limit: 50})
	if err != nil {
		return Reply{}, err
	}
	if len(projects) == 0 {
		r.Blocks = []Block{{Type: Paragraph, Text: "No projects in your channels yet. In a channel, say: project new NAME"}}
		return r, nil
	}
	for _, p := range projects {
		pr, err := b.progress(ctx, p)
		if err != nil {
			return Reply{}, err
		}
		c := pr.Counts()
		r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
			{p.Name, fmt.Sprintf("%s · %s · %.0f%% ready (%d met, %d n/a of %d) · 🟡 %d partly · 🔴 %d not met · ⚪ %d not started",
				p.Standard, p.Phase, pr.Done()*100, c[checklist.Met], c[checklist.NA], len(pr.Points), c[checklist.Partly], c[checklist.NotMet], c[checklist.NotStarted])},
			{"Assessment", b.assessmentText(p)},
		}})
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: "In a project's channel: status, checklist, report."})
	return r, nil
}
