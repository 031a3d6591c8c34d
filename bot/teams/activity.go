package teams

import (
	"encoding/json"
	"strings"
	"time"
)

// Activity types the adapter acts on.
const (
	typeMessage            = "message"
	typeConversationUpdate = "conversationUpdate"
	typeInstallationUpdate = "installationUpdate"
	typeInvoke             = "invoke"
)

// channelTeams is the Bot Framework channel id of Microsoft Teams.
const channelTeams = "msteams"

// activity is the part of a Bot Framework activity the adapter reads and
// writes. Unknown fields are dropped: the adapter never echoes an activity
// back, so nothing it does not understand can leak into what it sends.
type activity struct {
	Type         string          `json:"type"`
	ID           string          `json:"id,omitempty"`
	ServiceURL   string          `json:"serviceUrl,omitempty"`
	ChannelID    string          `json:"channelId,omitempty"`
	From         *account        `json:"from,omitempty"`
	Recipient    *account        `json:"recipient,omitempty"`
	Conversation *conversation   `json:"conversation,omitempty"`
	ReplyToID    string          `json:"replyToId,omitempty"`
	Text         string          `json:"text,omitempty"`
	TextFormat   string          `json:"textFormat,omitempty"`
	Summary      string          `json:"summary,omitempty"`
	Name         string          `json:"name,omitempty"`
	Action       string          `json:"action,omitempty"`
	Value        json.RawMessage `json:"value,omitempty"`
	Entities     []entity        `json:"entities,omitempty"`
	Attachments  []attachment    `json:"attachments,omitempty"`
	ChannelData  *channelData    `json:"channelData,omitempty"`
	MembersAdded []account       `json:"membersAdded,omitempty"`
	// MembersRemoved tells the bot it was taken out of a conversation.
	MembersRemoved []account `json:"membersRemoved,omitempty"`
	// LocalTimezone is the sender's IANA zone as their Teams client
	// reports it ("Europe/London").
	LocalTimezone string `json:"localTimezone,omitempty"`
}

// account is a user or the bot.
type account struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// AADObjectID is the person's Entra ID object id: stable across the
	// tenant's conversations, unlike from.id, which is per bot.
	AADObjectID string `json:"aadObjectId,omitempty"`
	Role        string `json:"role,omitempty"`
}

// conversation is a personal chat, a group chat or a channel (thread).
type conversation struct {
	ID string `json:"id"`
	// ConversationType is "personal", "groupChat" or "channel".
	ConversationType string `json:"conversationType,omitempty"`
	TenantID         string `json:"tenantId,omitempty"`
	IsGroup          bool   `json:"isGroup,omitempty"`
}

// entity is a mention, the sender's client (clientInfo, with its time
// zone), or another annotation the adapter ignores.
type entity struct {
	Type      string   `json:"type"`
	Mentioned *account `json:"mentioned,omitempty"`
	Text      string   `json:"text,omitempty"`
	Timezone  string   `json:"timezone,omitempty"`
}

// attachment carries an Adaptive Card.
type attachment struct {
	ContentType string `json:"contentType"`
	Content     any    `json:"content"`
}

// channelData is Teams' own part of an activity.
type channelData struct {
	Tenant *struct {
		ID string `json:"id"`
	} `json:"tenant,omitempty"`
	EventType string `json:"eventType,omitempty"`
}

// tenant is the Entra tenant the activity comes from.
func (act *activity) tenant() string {
	if act.ChannelData != nil && act.ChannelData.Tenant != nil && act.ChannelData.Tenant.ID != "" {
		return act.ChannelData.Tenant.ID
	}
	if act.Conversation != nil {
		return act.Conversation.TenantID
	}
	return ""
}

// conversationID is the full conversation id, ";messageid=" part included.
func (act *activity) conversationID() string {
	if act.Conversation == nil {
		return ""
	}
	return act.Conversation.ID
}

// splitConversation separates a channel thread's conversation id
// ("19:x@thread.tacv2;messageid=1700") into the channel's id and the root
// message's id. A project binds to the channel, so every thread of it
// finds the project, while walks and replies stay in their thread.
func splitConversation(id string) (channel, thread string) {
	channel, thread, _ = strings.Cut(id, ";messageid=")
	return channel, thread
}

// fromBot reports whether the activity is the bot's own (or another
// bot's): those are never answered, so two bots cannot talk for ever.
func (act *activity) fromBot() bool {
	if act.From == nil {
		return false
	}
	return act.From.Role == "bot" || (act.Recipient != nil && act.From.ID == act.Recipient.ID)
}

// personal reports whether the activity is in a one-to-one chat.
func (act *activity) personal() bool {
	return act.Conversation != nil && act.Conversation.ConversationType == "personal"
}

// includesBot reports whether the bot (the recipient) is among accounts.
func (act *activity) includesBot(accounts []account) bool {
	if act.Recipient == nil {
		return false
	}
	for _, m := range accounts {
		if m.ID == act.Recipient.ID {
			return true
		}
	}
	return false
}

// timeZone is the sender's IANA zone: the activity's localTimezone, else
// its clientInfo entity's timezone; "" when neither names a zone this
// machine knows ("Local" and offsets are not zones of a person).
func (act *activity) timeZone() string {
	zones := []string{act.LocalTimezone}
	for _, e := range act.Entities {
		if e.Type == "clientInfo" {
			zones = append(zones, e.Timezone)
		}
	}
	for _, z := range zones {
		z = strings.TrimSpace(z)
		if z == "" || z == "Local" {
			continue
		}
		if _, err := time.LoadLocation(z); err == nil {
			return z
		}
	}
	return ""
}
