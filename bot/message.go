package bot

// Address says where a message came from and where replies go.
type Address struct {
	// Platform names the adapter the message came through, as each adapter
	// declares it (slack.Platform, say); the core only compares it.
	Platform string `json:"platform"`
	// Team is the Slack workspace or Teams tenant.
	Team string `json:"team"`
	// Channel is the channel, group or direct-message conversation.
	Channel string `json:"channel"`
	// Thread is the thread the message belongs to, if any.
	Thread string `json:"thread,omitempty"`
}

// Message is one thing a user said or did.
type Message struct {
	Address Address
	// User is the platform's stable user id; UserName is for display.
	User     string
	UserName string
	// Text is what the user typed, with any @mention of the bot removed.
	Text string
	// Action is set when the user pressed a button or submitted a card.
	Action *Action
	// Direct is true in a one-to-one conversation with the bot.
	Direct bool
	// Unaddressed is set on a reply in a channel thread that does not
	// mention the bot. The core answers it, as a question, only where
	// the channel's replies setting is threads and the bot has answered
	// in that thread; otherwise, and when it has no answer, it returns no
	// replies.
	Unaddressed bool
	// Admin is set by an adapter that vouches for its user as an admin
	// whatever Bot.Admins says: the console does, since whoever runs the
	// terminal has the data anyway.
	Admin bool
	// TimeZone is the IANA zone the platform reports for the sender
	// (Slack's users.info tz, Teams' localTimezone), "" when it reports
	// none. The core keeps it as the person's zone for stand-ups unless
	// they chose one with "timezone me".
	TimeZone string
	// Mentions are the people the message mentions, other than the bot,
	// in order, each with the id User would carry for them: for a
	// platform whose text names people rather than ids (Teams). nil when
	// none, or where the text carries the ids (Slack's <@U123>).
	Mentions []Mention
}

// Mention is a person a message mentions.
type Mention struct {
	// ID is their stable user id, as Message.User would carry it.
	ID string
	// Name is how the message names them.
	Name string
}

// Action is a button press or card submission, carried back from the
// platform as the same words a user could type (Command), so every action
// also works as text.
type Action struct {
	// Command is the chat words the action stands for, e.g. "mark 5 met".
	Command string
	// Note is free text entered with the action (a modal or card input).
	Note string
	// Ref identifies the message the action came from, for updating it.
	Ref string
}
