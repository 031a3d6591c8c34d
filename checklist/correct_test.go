package checklist_test

import (
	"testing"

	"github.com/standardbot/standardbot/checklist"
)

func TestRedact(t *testing.T) {
	sam := checklist.Person{ID: "U0SAM", Name: "Sam Lee"}
	zoe := checklist.Person{ID: "29:1xyz_Q", Name: "Zoë"}
	tests := []struct {
		p         checklist.Person
		text, out string
	}{
		{sam, "ask Sam Lee", "ask a former member"},
		{sam, "SAM LEE's plan, by sam lee.", "a former member's plan, by a former member."},
		{sam, "ping <@U0SAM> or u0sam", "ping <@a former member> or a former member"},
		{sam, "Samples from Sam Leeds", "Samples from Sam Leeds"},
		{sam, "Sam alone stays", "Sam alone stays"},
		{sam, "", ""},
		{zoe, "ZOË and Zoëy met 29:1XYZ_q", "a former member and Zoëy met a former member"},
		{checklist.Person{ID: "U1"}, "U1 and U12", "a former member and a former member2"},
	}
	for _, tt := range tests {
		if got := tt.p.Redact(tt.text); got != tt.out {
			t.Errorf("%+v: Redact(%q) = %q, want %q", tt.p, tt.text, got, tt.out)
		}
	}
}

func TestPersonIs(t *testing.T) {
	p := checklist.Person{ID: "U0SAM", Name: "Sam Lee"}
	for who, want := range map[string]bool{"U0SAM": true, "Sam Lee": true, "sam lee": false, "": false, "Sam": false} {
		if got := p.Is(who); got != want {
			t.Errorf("Is(%q) = %v, want %v", who, got, want)
		}
	}
	if (checklist.Person{ID: "U0SAM"}).Is("") {
		t.Error("a person without a name is the empty who")
	}
}
