package teams

import (
	"net/http"
	"testing"
	"time"
)

func TestASlowAnswerShowsTheBotTyping(t *testing.T) {
	core := &stubCore{gate: make(chan struct{})}
	h := newHarnessWith(t, core, newRefs(t))
	h.a.cfg.TypingAfter = 10 * time.Millisecond
	if rec := h.post(h.personal("a slow question"), "Bearer "+sign(t, h.k1, h.fake.claims())); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(h.fake.received()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no typing activity while the answer was pending")
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(core.gate)
	h.settle()
	got := h.fake.received()
	if len(got) < 2 {
		t.Fatalf("%d connector calls, want typing then the reply", len(got))
	}
	typing, last := got[0], got[len(got)-1]
	if typing.Body["type"] != "typing" || typing.Method != http.MethodPost || typing.Path != "/v3/conversations/"+personalChat+"/activities" {
		t.Errorf("first call %s %s %v, want a typing activity to the conversation", typing.Method, typing.Path, typing.Body)
	}
	if last.Body["type"] != "message" || last.text() != "you said: a slow question" {
		t.Errorf("last call %v, want the reply after the typing", last.Body)
	}
}

func TestAQuickAnswerShowsNoTyping(t *testing.T) {
	h := newHarnessWith(t, &stubCore{}, newRefs(t))
	h.a.cfg.TypingAfter = time.Hour
	h.post(h.personal("quick"), "Bearer "+sign(t, h.k1, h.fake.claims()))
	h.settle()
	if got := h.fake.received(); len(got) != 1 || got[0].Body["type"] != "message" {
		t.Errorf("connector calls %v, want only the reply", got)
	}
}
