package slack

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

const (
	// maxHomeChannels caps the channels looked at for one App Home: a
	// person in more channels than this sees the projects of the first.
	maxHomeChannels = 1000
	// conversationsPage is users.conversations' page size.
	conversationsPage = 200
)

// publishHome publishes a person's App Home: the projects held by the
// channels they are in, each with its progress and assessment date.
func (a *Adapter) publishHome(ctx context.Context, team, user string) {
	chans, err := a.userChannels(ctx, user)
	if err != nil {
		// A partial list still makes a useful page.
		a.log.Warn("list channels for app home", "user", user, "err", err)
	}
	bindings := make([]checklist.Binding, 0, len(chans))
	for _, ch := range chans {
		bindings = append(bindings, checklist.Binding{Platform: Platform, Team: team, Channel: ch})
	}
	r, err := a.core.Overview(ctx, bindings)
	if err != nil {
		a.log.Error("build app home", "user", user, "err", err)
		r = bot.Text(bot.ReplyError, "Your projects could not be loaded just now. Open this tab again in a moment.")
	}
	view := slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: renderBlocks(r, maxViewBlocks)}}
	if err := a.publishView(ctx, user, view); err != nil {
		a.log.Error("publish app home", "user", user, "err", err)
	}
}

// userChannels lists the public and private channels a person is in (and
// the bot can see), page by page, up to maxHomeChannels.
func (a *Adapter) userChannels(ctx context.Context, user string) ([]string, error) {
	var ids []string
	cursor := ""
	for len(ids) < maxHomeChannels {
		var page []slack.Channel
		var next string
		err := a.call(ctx, "users.conversations", "", func(ctx context.Context, api *slack.Client) error {
			var err error
			page, next, err = api.GetConversationsForUserContext(ctx, &slack.GetConversationsForUserParameters{
				UserID: user, Cursor: cursor, Types: []string{"public_channel", "private_channel"},
				Limit: conversationsPage, ExcludeArchived: true,
			})
			return err
		})
		if err != nil {
			return ids, fmt.Errorf("list channels: %w", err)
		}
		for _, ch := range page {
			ids = append(ids, ch.ID)
		}
		if cursor = next; cursor == "" {
			break
		}
	}
	if len(ids) > maxHomeChannels {
		ids = ids[:maxHomeChannels]
	}
	return ids, nil
}
