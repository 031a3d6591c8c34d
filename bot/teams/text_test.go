package teams

import (
	"testing"
)

func TestMessageText(t *testing.T) {
	botMention := entity{Type: "mention", Text: "<at>standardbot</at>", Mentioned: &account{ID: testBotID, Name: "standardbot"}}
	tests := []struct {
		name          string
		text          string
		entities      []entity
		want          string
		wantMentioned bool
	}{
		{name: "personal chat", text: "how do we make our service accessible?", want: "how do we make our service accessible?"},
		{name: "leading mention", text: "<at>standardbot</at> status", entities: []entity{botMention}, want: "status", wantMentioned: true},
		{name: "renamed bot", text: "<at>Standards helper</at> help", entities: []entity{{Type: "mention", Text: "<at>Standards helper</at>", Mentioned: &account{ID: testBotID}}}, want: "help", wantMentioned: true},
		{name: "mention by app id", text: "<at>sb</at> help", entities: []entity{{Type: "mention", Text: "<at>sb</at>", Mentioned: &account{ID: "28:" + testAppID}}}, want: "help", wantMentioned: true},
		{name: "other people keep their names", text: "<at>standardbot</at> evidence 3 agreed with <at>Sam Jones</at>", entities: []entity{botMention, {Type: "mention", Text: "<at>Sam Jones</at>", Mentioned: &account{ID: "29:sam"}}}, want: "evidence 3 agreed with Sam Jones", wantMentioned: true},
		{name: "someone else mentioned only", text: "<at>Sam Jones</at> lunch?", entities: []entity{{Type: "mention", Text: "<at>Sam Jones</at>", Mentioned: &account{ID: "29:sam"}}}, want: "Sam Jones lunch?"},
		{name: "entities and markup", text: "<at>standardbot</at>&nbsp;mark 5 partly &quot;audit&quot; &amp; statement<br>", entities: []entity{botMention}, want: `mark 5 partly "audit" & statement`, wantMentioned: true},
		{name: "a mention entity not in the text", text: "help", entities: []entity{botMention}, want: "help"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			act := &activity{Text: tt.text, Entities: tt.entities, Recipient: &account{ID: testBotID}}
			got, mentioned := messageText(act, testAppID)
			if got != tt.want || mentioned != tt.wantMentioned {
				t.Errorf("messageText = %q, %v; want %q, %v", got, mentioned, tt.want, tt.wantMentioned)
			}
		})
	}
}

func TestSplitConversation(t *testing.T) {
	for _, tt := range []struct{ id, channel, thread string }{
		{"19:abc@thread.tacv2;messageid=1700000000100", "19:abc@thread.tacv2", "1700000000100"},
		{"19:abc@thread.tacv2", "19:abc@thread.tacv2", ""},
		{"a:1personal", "a:1personal", ""},
	} {
		if c, th := splitConversation(tt.id); c != tt.channel || th != tt.thread {
			t.Errorf("splitConversation(%q) = %q, %q", tt.id, c, th)
		}
	}
}

func TestConnectorBaseRefusesToSendTheTokenInTheClear(t *testing.T) {
	for _, tt := range []struct {
		url, want string
		ok        bool
	}{
		{"https://smba.trafficmanager.net/emea/", "https://smba.trafficmanager.net/emea", true},
		{"http://127.0.0.1:8080/", "http://127.0.0.1:8080", true},
		{"http://localhost:3978", "http://localhost:3978", true},
		{"http://smba.trafficmanager.net/emea/", "", false},
		{"ftp://example.com/", "", false},
		{"not a url", "", false},
	} {
		got, err := connectorBase(tt.url)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("connectorBase(%q) = %q, %v", tt.url, got, err)
		}
	}
}
