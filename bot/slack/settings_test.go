package slack

import (
	"strings"
	"testing"
)

// TestChannelSettingsChangeAnswers: an admin chooses, in words, that
// channel C1 answers from the local government standard alone and only to
// the asker; a question there is then answered from it with
// chat.postEphemeral to the asker, while C2 answers as before, for all.
func TestChannelSettingsChangeAnswers(t *testing.T) {
	h := newRealHarness(t)
	h.bot.Admins = []string{"UADMIN"}
	h.event(callback("EvS0", mention("UALICE", "C1", "1700000600.000100", "", "<@UBOT> visibility me-only")))
	h.settle()
	if eph := h.fake.of("chat.postEphemeral"); len(eph) != 1 || !strings.Contains(eph[0].text(), "Only the bot's admins can change this channel's settings") {
		t.Fatalf("a non-admin's change: %d ephemeral replies, want the refusal", len(eph))
	}
	h.event(callback("EvS1", mention("UADMIN", "C1", "1700000600.000200", "", "<@UBOT> sources localgov")))
	h.settle()
	h.event(callback("EvS2", mention("UADMIN", "C1", "1700000600.000300", "", "<@UBOT> visibility me-only")))
	h.settle()
	posts := h.fake.of("chat.postMessage")
	if len(posts) != 2 || !strings.Contains(posts[0].text(), "only from localgov") || !strings.Contains(posts[1].text(), "only to whoever asked") {
		for _, p := range posts {
			t.Logf("posted: %s", p.text())
		}
		t.Fatalf("the admin's changes: %d posts, want the two confirmations", len(posts))
	}

	const question = "<@UBOT> how do we make our service accessible?"
	h.event(callback("EvS3", mention("UBOB", "C1", "1700000700.000100", "", question)))
	h.settle()
	eph := h.fake.of("chat.postEphemeral")
	if len(eph) != 2 || len(h.fake.of("chat.postMessage")) != 2 {
		t.Fatalf("the answer in C1: %d ephemeral, %d posts; want it ephemeral", len(eph), len(h.fake.of("chat.postMessage")))
	}
	ans := eph[1]
	if f := ans.Form; f.Get("user") != "UBOB" || f.Get("channel") != "C1" || f.Get("thread_ts") != "1700000700.000100" {
		t.Errorf("answer shown to %v, want UBOB in C1's thread", f)
	}
	if text := ans.text(); !strings.Contains(text, "Local Government Digital Service Standard, point") || strings.Contains(text, "GOV.UK Service Standard, point") {
		t.Errorf("the answer in C1 is not from localgov alone:\n%s", text)
	}

	h.event(callback("EvS4", mention("UBOB", "C2", "1700000800.000100", "", question)))
	h.settle()
	posts = h.fake.of("chat.postMessage")
	if len(posts) != 3 || len(h.fake.of("chat.postEphemeral")) != 2 {
		t.Fatalf("the answer in C2: %d posts, want it posted for all", len(posts))
	}
	if text := posts[2].text(); !strings.Contains(text, "GOV.UK Service Standard, point") {
		t.Errorf("the answer in C2 is not from the default standard:\n%s", text)
	}
}

// threadMessage is a reply by user in a channel's thread, without a
// mention, as message.channels delivers it.
func threadMessage(user, channel, ts, thread, text string) map[string]any {
	return map[string]any{"type": "message", "channel_type": "channel", "user": user, "text": text, "ts": ts,
		"thread_ts": thread, "channel": channel, "event_ts": ts}
}

// TestThreadRepliesWhereTheChannelChoseThem: with replies threads, a
// reply in a thread the bot answered in is answered in the thread without
// a mention; before, and in another thread, nothing is posted.
func TestThreadRepliesWhereTheChannelChoseThem(t *testing.T) {
	h := newRealHarness(t)
	h.bot.Admins = []string{"UADMIN"}
	const root = "1700000900.000100"
	h.event(callback("EvT0", mention("UBOB", "C1", root, "", "<@UBOT> how do we make our service accessible?")))
	h.settle()
	h.event(callback("EvT1", threadMessage("UBOB", "C1", "1700000900.000200", root, "what about user research with disabled people?")))
	h.settle()
	if n := len(h.fake.of("chat.postMessage")); n != 1 {
		t.Fatalf("%d posts before replies threads, want the first answer only", n)
	}
	h.event(callback("EvT2", mention("UADMIN", "C1", "1700000901.000100", "", "<@UBOT> replies threads")))
	h.settle()
	const root2 = "1700000902.000100"
	h.event(callback("EvT3", mention("UBOB", "C1", root2, "", "<@UBOT> how do we make our service accessible?")))
	h.settle()
	h.event(callback("EvT4", threadMessage("UBOB", "C1", "1700000902.000200", root2, "what about user research with disabled people?")))
	h.event(callback("EvT5", threadMessage("UBOB", "C1", "1700000903.000200", "1700000903.000100", "what about user research with disabled people?")))
	h.settle()
	posts := h.fake.of("chat.postMessage")
	if len(posts) != 4 {
		t.Fatalf("%d posts, want the first answer, the confirmation, the second answer and the thread reply's", len(posts))
	}
	if f := posts[3].Form; f.Get("thread_ts") != root2 || !strings.Contains(posts[3].text(), "point") {
		t.Errorf("thread reply answered in %v:\n%s", f, posts[3].text())
	}
}
