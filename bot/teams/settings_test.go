package teams

import (
	"net/http"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/bottest"
)

// TestChannelSettingsChangeAnswers: an admin chooses, in words, that the
// channel answers from the local government standard alone and only to
// the asker; a question in the channel is then answered from it in the
// asker's personal chat, and the channel is told only where the answer
// went.
func TestChannelSettingsChangeAnswers(t *testing.T) {
	store := bottest.NewStore(t)
	b := bottest.NewBotWithStore(t, store)
	b.Core.Admins = []string{aliceAAD}
	h := newHarnessWith(t, b.Core, store)
	h.store = store
	h.send(h.personal("help")) // Alice's personal chat is known
	channelPath := "/v3/conversations/" + teamChannel + ";messageid=1700000000500/activities/"

	before := len(h.fake.received())
	h.send(h.inChannel("1700000000500", "sources localgov"))
	h.send(h.inChannel("1700000000500", "visibility me-only"))
	got := h.fake.received()[before:]
	if len(got) != 2 || !strings.Contains(got[0].text(), "only from localgov") || !strings.Contains(got[1].text(), "only to whoever asked") {
		t.Fatalf("the admin's changes: %+v, want two confirmations in the thread", got)
	}

	before = len(h.fake.received())
	h.send(h.inChannel("1700000000500", "how do we make our service accessible?"))
	got = h.fake.received()[before:]
	if len(got) != 2 {
		t.Fatalf("the answer: %d connector calls, want the answer in the personal chat and a pointer in the channel: %+v", len(got), got)
	}
	answer, pointer := got[0], got[1]
	if answer.Method != http.MethodPost || answer.Path != "/v3/conversations/"+personalChat+"/activities" {
		t.Errorf("answer went to %s %s, want Alice's personal chat", answer.Method, answer.Path)
	}
	if text := answer.text(); !strings.Contains(text, "Local Government Digital Service Standard, point") || strings.Contains(text, "GOV.UK Service Standard, point") {
		t.Errorf("the answer is not from localgov alone:\n%s", text)
	}
	if !strings.HasPrefix(pointer.Path, channelPath) || !strings.Contains(pointer.text(), "answered you in our personal chat") ||
		strings.Contains(pointer.text(), "Local Government") {
		t.Errorf("the channel got %s:\n%s\nwant only where the answer went", pointer.Path, pointer.text())
	}
}

// TestThreadRepliesWhereTheChannelChoseThem: a reply in a channel thread
// without a mention (which Teams sends where the app may read the
// channel) is answered in the thread only once the channel chose replies
// threads and the bot has answered there.
func TestThreadRepliesWhereTheChannelChoseThem(t *testing.T) {
	store := bottest.NewStore(t)
	b := bottest.NewBotWithStore(t, store)
	b.Core.Admins = []string{aliceAAD}
	h := newHarnessWith(t, b.Core, store)
	h.store = store
	unaddressed := func(thread, text string) map[string]any {
		act := h.inChannel(thread, text)
		act["text"] = text
		delete(act, "entities")
		return act
	}
	before := len(h.fake.received())
	h.send(h.inChannel("1700000000600", "how do we make our service accessible?"))
	h.send(unaddressed("1700000000600", "what about user research with disabled people?"))
	if got := h.fake.received()[before:]; len(got) != 1 {
		t.Fatalf("before replies threads: %d replies, want the first answer only", len(got))
	}
	h.send(h.inChannel("1700000000700", "replies threads"))
	h.send(h.inChannel("1700000000800", "how do we make our service accessible?"))
	before = len(h.fake.received())
	h.send(unaddressed("1700000000800", "what about user research with disabled people?"))
	h.send(unaddressed("1700000000900", "what about user research with disabled people?"))
	got := h.fake.received()[before:]
	if len(got) != 1 || !strings.HasPrefix(got[0].Path, "/v3/conversations/"+teamChannel+";messageid=1700000000800/") || !strings.Contains(got[0].text(), "point") {
		t.Fatalf("thread replies: %+v, want one answer in the thread the bot answered in", got)
	}
}
