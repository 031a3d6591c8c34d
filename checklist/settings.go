package checklist

import (
	"context"
	"slices"
	"strings"
)

// Replies modes: when the bot answers in a channel.
const (
	// RepliesMentions answers only messages that mention the bot (and
	// direct messages): the default.
	RepliesMentions = "mentions"
	// RepliesThreads also answers replies in a thread the bot has
	// answered in, without a mention.
	RepliesThreads = "threads"
)

// Visibility modes: who sees the bot's answers in a channel.
const (
	// VisibleEveryone posts answers for the whole channel: the default.
	VisibleEveryone = "everyone"
	// VisibleMeOnly shows answers only to the asker (Slack's ephemeral
	// messages, a personal chat in Teams).
	VisibleMeOnly = "me-only"
)

// ChannelSettings are what one channel chose about how the bot answers
// there. The zero value is the default: every source, mentions only,
// visible to everyone.
type ChannelSettings struct {
	// Sources names the knowledge answers come from (standards by id,
	// guidance by source name); nil for all that is loaded.
	Sources []string
	// Replies is RepliesMentions or RepliesThreads; "" means mentions.
	Replies string
	// Visibility is VisibleEveryone or VisibleMeOnly; "" means everyone.
	Visibility string
}

// RepliesMode is Replies with its default filled in.
func (s ChannelSettings) RepliesMode() string {
	if s.Replies == "" {
		return RepliesMentions
	}
	return s.Replies
}

// VisibilityMode is Visibility with its default filled in.
func (s ChannelSettings) VisibilityMode() string {
	if s.Visibility == "" {
		return VisibleEveryone
	}
	return s.Visibility
}

// SourcesText is Sources as words: "all" for every source.
func (s ChannelSettings) SourcesText() string {
	if len(s.Sources) == 0 {
		return "all"
	}
	return strings.Join(s.Sources, ",")
}

// Changes lists what differs from old, as history entries (fields
// sources, replies and visibility).
func (s ChannelSettings) Changes(old ChannelSettings) []FieldChange {
	var out []FieldChange
	if !slices.Equal(old.Sources, s.Sources) {
		out = append(out, FieldChange{Field: "sources", Old: old.SourcesText(), New: s.SourcesText()})
	}
	if old.RepliesMode() != s.RepliesMode() {
		out = append(out, FieldChange{Field: "replies", Old: old.RepliesMode(), New: s.RepliesMode()})
	}
	if old.VisibilityMode() != s.VisibilityMode() {
		out = append(out, FieldChange{Field: "visibility", Old: old.VisibilityMode(), New: s.VisibilityMode()})
	}
	return out
}

// Validate reports a malformed setting as EINVALID.
func (s ChannelSettings) Validate() error {
	switch s.Replies {
	case "", RepliesMentions, RepliesThreads:
	default:
		return Errorf(EINVALID, "replies must be mentions or threads, not %q", s.Replies)
	}
	switch s.Visibility {
	case "", VisibleEveryone, VisibleMeOnly:
	default:
		return Errorf(EINVALID, "visibility must be everyone or me-only, not %q", s.Visibility)
	}
	for _, src := range s.Sources {
		if src == "" || strings.ContainsAny(src, ", ") {
			return Errorf(EINVALID, "a source name cannot be empty or hold a comma or space: %q", src)
		}
	}
	return nil
}

// ChannelSettingsStore keeps each channel's settings.
type ChannelSettingsStore interface {
	// Settings returns channel b's settings; the zero value (defaults)
	// when it chose none.
	Settings(ctx context.Context, b Binding) (ChannelSettings, error)
	// SaveSettings replaces channel b's settings. When the channel has a
	// project, each field that changed is in its history (by by), in the
	// same transaction. EINVALID for malformed settings.
	SaveSettings(ctx context.Context, b Binding, s ChannelSettings, by Person) error
}
