package teams

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/standardbot/standardbot/bot"
)

// A channel message naming people (standup members @Sam @Ann) reaches the
// core with their Entra ids: from the mention when Teams includes it, else
// from the conversation's member record; the bot and a channel mention
// are not people.
func TestMentionedPeopleReachTheCoreByTheirEntraIDs(t *testing.T) {
	core := &stubCore{}
	h := newHarnessWith(t, core, newRefs(t))
	act := h.inChannel("1700000000500", "standup members <at>Sam Lee</at> <at>Ann Bo</at> <at>General</at> <at>Sam Lee</at>")
	act["entities"] = []any{
		map[string]any{"type": "mention", "text": "<at>standardbot</at>", "mentioned": map[string]any{"id": testBotID, "name": "standardbot"}},
		map[string]any{"type": "mention", "text": "<at>Sam Lee</at>", "mentioned": map[string]any{"id": "29:1sam", "name": "Sam Lee"}},
		map[string]any{"type": "mention", "text": "<at>Ann Bo</at>", "mentioned": map[string]any{"id": "29:1ann", "name": "Ann Bo", "aadObjectId": "aad-ann"}},
		map[string]any{"type": "mention", "text": "<at>General</at>", "mentioned": map[string]any{"id": teamChannel, "name": "General"}},
		map[string]any{"type": "mention", "text": "<at>Sam Lee</at>", "mentioned": map[string]any{"id": "29:1sam", "name": "Sam Lee"}},
	}
	h.fake.answer(scripted{code: http.StatusOK, body: `{"id":"29:1sam","name":"Sam Lee","aadObjectId":"aad-sam","userPrincipalName":"sam@example.org"}`})
	h.send(act)
	msgs := core.messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages reached the core", len(msgs))
	}
	want := []bot.Mention{{ID: "aad-sam", Name: "Sam Lee"}, {ID: "aad-ann", Name: "Ann Bo"}}
	if !reflect.DeepEqual(msgs[0].Mentions, want) {
		t.Errorf("mentions %+v, want %+v", msgs[0].Mentions, want)
	}
	if msgs[0].Text != "standup members Sam Lee Ann Bo General Sam Lee" {
		t.Errorf("text %q", msgs[0].Text)
	}
	calls := h.fake.received()
	if len(calls) < 1 || calls[0].Method != http.MethodGet || calls[0].Path != "/v3/conversations/"+teamChannel+"/members/29:1sam" {
		t.Errorf("member look-up: %+v", calls)
	}

	// A member Teams will not describe is left out, not given another
	// kind of id.
	act = h.inChannel("1700000000501", "standup members <at>Sam Lee</at>")
	act["entities"] = []any{
		map[string]any{"type": "mention", "text": "<at>standardbot</at>", "mentioned": map[string]any{"id": testBotID, "name": "standardbot"}},
		map[string]any{"type": "mention", "text": "<at>Sam Lee</at>", "mentioned": map[string]any{"id": "29:1sam", "name": "Sam Lee"}},
	}
	h.fake.answer(scripted{code: http.StatusNotFound, body: `{"error":{"code":"MemberNotFoundInConversation"}}`})
	h.send(act)
	if msgs := core.messages(); len(msgs) != 2 || msgs[1].Mentions != nil {
		t.Errorf("mentions when the look-up fails: %+v", msgs[len(msgs)-1].Mentions)
	}
}
