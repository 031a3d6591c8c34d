package bot

import (
	"regexp"
	"strings"
)

// greeting and thanks are answered kindly rather than searched: "good
// morning" is not a question about the standard.
var (
	greeting = regexp.MustCompile(`^(hi|hello|hey|hiya|morning|good (morning|afternoon|evening)|yo|howdy)( there)?( standardbot| bot)?[!. ]*(how are you( today| doing)?)?[?!. ]*$`)
	thanks   = regexp.MustCompile(`^(thanks|thank you|thx|ta|cheers|great|brilliant|perfect|ok|okay|nice)( so much| very much| a lot)?( standardbot| bot)?[!. ]*$`)
)

// smallTalk answers greetings and thanks, or returns false.
func (b *Bot) smallTalk(text string) (Reply, bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	t = strings.Join(strings.Fields(strings.ReplaceAll(t, ",", " ")), " ")
	switch {
	case greeting.MatchString(t):
		name := b.DefaultStandard + " standard"
		if b.Library != nil {
			if s, ok := b.Library.Standard(b.DefaultStandard); ok {
				name = s.Name
			}
		}
		return Text(ReplyInfo, "Hello! Ask me anything about the "+name+", for example: how do we make our service accessible? Type `help` for the commands."), true
	case thanks.MatchString(t):
		return Text(ReplyInfo, "You're welcome. Ask again any time, or type `help`."), true
	}
	return Reply{}, false
}
