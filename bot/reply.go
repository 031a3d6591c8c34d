package bot

// ReplyType tells an adapter what a reply is, so it can choose how to show
// it (an error may be ephemeral; an answer offers feedback buttons).
type ReplyType string

// Reply types.
const (
	ReplyInfo     ReplyType = "info"
	ReplyAnswer   ReplyType = "answer"
	ReplyNoAnswer ReplyType = "no_answer"
	ReplyError    ReplyType = "error"
	ReplyHelp     ReplyType = "help"
	ReplyPoint    ReplyType = "point"
	ReplyStatus   ReplyType = "status"
	ReplyWalk     ReplyType = "walk"
	ReplyReport   ReplyType = "report"
	ReplyNotice   ReplyType = "notice"
)

// Reply is one message back, in neutral structure.
type Reply struct {
	Type  ReplyType
	Title string
	// Blocks are the body, in order.
	Blocks []Block
	// Buttons offer actions; each also works as typed words.
	Buttons []Button
	// Ephemeral replies are shown only to the asker where the platform can.
	Ephemeral bool
	// Private replies are for the asker alone, wherever the platform can
	// put them: an answer in a channel whose visibility is me-only. Slack
	// shows them ephemeral, Teams in the asker's personal chat.
	Private bool
}

// BlockType is the shape of a block.
type BlockType string

// Block types.
const (
	Paragraph BlockType = "paragraph"
	Quote     BlockType = "quote"
	List      BlockType = "list"
	Fields    BlockType = "fields"
	Context   BlockType = "context"
)

// Block is one part of a reply's body.
type Block struct {
	Type BlockType
	Text string
	// Items are the lines of a List.
	Items []string
	// Pairs are the label/value rows of Fields.
	Pairs []Pair
	// Cite is the citation of a Quote.
	Cite string
	// URL is a link for a Quote's citation.
	URL string
	// Links are the addresses of a Paragraph's citation markers: [n]
	// cites Links[n-1]. Adapters that can make the marker a link do.
	Links []string
}

// Pair is a label and its value.
type Pair struct{ Label, Value string }

// Button is an action offered with a reply.
type Button struct {
	Label string
	// Command is the chat words the button stands for.
	Command string
	// Style is "primary", "danger" or "".
	Style string
	// AsksNote is true for a button that first asks for a note.
	AsksNote bool
	// Hidden buttons are not listed in plain text: feedback buttons only
	// make sense where there are buttons to press.
	Hidden bool
}

// Text is a one-paragraph reply.
func Text(typ ReplyType, text string) Reply {
	return Reply{Type: typ, Blocks: []Block{{Type: Paragraph, Text: text}}}
}

// Errorf is a one-line error reply with a hint.
func Errorf(msg string) Reply {
	r := Text(ReplyError, msg)
	r.Ephemeral = true
	return r
}
