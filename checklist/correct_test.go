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
	tests := []struct {
		id, name string
		want     bool
	}{
		{"U0SAM", "Sam Lee", true},
		{"U0SAM", "Samuel", true},     // renamed since: the id decides
		{"U0OTHER", "Sam Lee", false}, // same display name, another person
		{"", "Sam Lee", true},         // an old row, before ids: by name
		{"", "U0SAM", true},           // an old row that stored the id as the name
		{"", "sam lee", false},
		{"", "Sam", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := p.Is(tt.id, tt.name); got != tt.want {
			t.Errorf("Is(%q, %q) = %v, want %v", tt.id, tt.name, got, tt.want)
		}
	}
	if (checklist.Person{Name: "Sam Lee"}).Is("U0SAM", "Sam Lee") {
		t.Error("a person without an id is the owner of a row with one")
	}
	if (checklist.Person{ID: "U0SAM"}).Is("", "") {
		t.Error("a person without a name is the empty who")
	}
}
