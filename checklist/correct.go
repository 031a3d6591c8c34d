package checklist

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Corrections put right what people recorded: a note or evidence edited
// or deleted, a whole project deleted, a person forgotten. Renaming and
// archiving a project are settings, through Projects.UpdateProject.
type Corrections interface {
	// Item returns one of a project's notes or pieces of evidence by its
	// id; ENOTFOUND (ErrNoItem) when the project has no item of that id.
	Item(ctx context.Context, project, item int64) (*ItemRef, error)
	// EditItem replaces an item's text, keeping its author and time, with a
	// "note edited" or "evidence edited" history entry holding the old
	// text and the new (an edit is a correction, and the history shows
	// what was corrected). ENOTFOUND; EINVALID for empty text.
	EditItem(ctx context.Context, project, item int64, text string, by Person) (*ItemRef, error)
	// DeleteItem deletes an item with a "note deleted" or "evidence
	// deleted" history entry naming its id, and removes its text, and
	// every earlier version of it, from wherever the store had copied it:
	// the history entries that recorded it (their text becomes
	// DeletedText) and an action closed with it as evidence. People
	// delete a note because it should not be there (a name, a secret, a
	// wrong paste), so the deletion keeps the fact and not the words. It
	// returns the item as it was; ENOTFOUND.
	DeleteItem(ctx context.Context, project, item int64, by Person) (*ItemRef, error)
	// DeleteProject deletes a project and every row that belongs to it, in
	// every table: its channels' bindings, points, notes, evidence,
	// history, assessments, ratings, actions, walks, practice panels and
	// answers, the claims of its scheduled messages, and what the bot
	// remembers of conversations in its channels. Nothing of it is left to
	// record the deletion in; the caller logs it. ENOTFOUND.
	DeleteProject(ctx context.Context, id int64) error
	// ForgetPerson removes a person's id and name from everything stored:
	// see Person for what it changes. Each project changed gets a
	// "forgotten" history entry by FormerMember. EINVALID for a person
	// without an id.
	ForgetPerson(ctx context.Context, p Person) (*Forgotten, error)
}

// ItemRef is a note or piece of evidence with where it belongs.
type ItemRef struct {
	Item
	ProjectID int64
	Point     int
	// Kind is "note" or "evidence".
	Kind string
}

// DeletedText stands in the history for the text of a deleted note or
// piece of evidence.
const DeletedText = "(deleted)"

// FormerMember stands for a forgotten person wherever their name was: the
// history keeps what they did, done by "a former member".
const FormerMember = "a former member"

// Person is who did something, as the stores record them (every store
// method that records who did something takes one), and someone to
// forget: ID is their platform's stable user id (Message.User), which
// only they have, and Name the name the bot showed for them
// (Message.UserName, or their id when the platform gave none), which
// replies and reports show. A display name is not proof of who someone
// is: on Slack anyone can change theirs to a colleague's. So whose a row
// is goes by the id (see Is); the stores keep the name beside it for
// display. Rows written before the stores kept ids (migration
// NNNN_actor_ids) have only the name, an empty id.
//
// Forgetting them (Corrections.ForgetPerson):
//   - every "who" the store kept (who created a project, bound a channel,
//     set a status, wrote a note or evidence, made a change in the
//     history, recorded an assessment, rated a point, added or closed an
//     action, answered a practice question) that is their id becomes
//     FormerMember, with the id cleared; a row without an id (written
//     before ids were kept) is theirs when its name is their name or id,
//     so another person who has the same display name keeps the rows
//     recorded with their own id;
//   - their id and name inside any stored text (notes, evidence, history,
//     actions, ratings' notes, practice answers, project names, the last
//     question and answer of a conversation, questions given feedback on)
//     become FormerMember, wherever it was written and by whom (see
//     Redact): text has no id to tell two people of one name apart;
//   - what is theirs alone goes: their feedback on answers, their
//     checklist walks and practice panels in progress, and the user on
//     any conversation reference.
//
// What they wrote about a service (notes, evidence, practice answers)
// stays, attributed to FormerMember: it is the team's record of the
// service, not data about them. Platform events waiting in the inbox are
// deleted within seconds of being handled and are not searched.
type Person struct {
	ID   string
	Name string
}

// Forgotten is what ForgetPerson changed.
type Forgotten struct {
	// Projects are how many projects' records named or mentioned the
	// person, each now with a "forgotten" history entry.
	Projects int
	// Rows are how many rows were changed or deleted.
	Rows int
}

// CheckPerson refuses a person without an id: a store cannot tell whose
// rows to change. EINVALID.
func CheckPerson(p Person) error {
	if strings.TrimSpace(p.ID) == "" {
		return Errorf(EINVALID, "Say whom to forget: their user id is needed.")
	}
	return nil
}

// Is reports whether a stored "who", its id and name as a store kept
// them, is this person. A row with an id is theirs only if it is their
// id: the name beside it is for display, and a colleague may have taken
// the same one. A row without an id was written before the stores kept
// ids, and the name (or the id, where the bot had no name and stored the
// id as the name) is all there is to go on: a display name can be
// changed to anyone's, so for those old rows this check is only as good
// as the names were.
func (p Person) Is(id, name string) bool {
	if id != "" {
		return id == p.ID
	}
	return name != "" && (name == p.Name || name == p.ID)
}

// Redact replaces the person's id and name in s with FormerMember,
// ignoring case: the id wherever it appears (<@U123> in a Slack mention,
// say), the name only as a whole (not "Sam" inside "Samples"). A first
// name alone cannot be told from other words, so it stays.
func (p Person) Redact(s string) string { return p.Redactor()(s) }

// Redactor is Redact with its patterns compiled once, for many texts.
func (p Person) Redactor() func(string) string {
	type pattern struct {
		re    *regexp.Regexp
		whole bool
	}
	var pats []pattern
	for _, n := range []pattern{{compile(p.ID), false}, {compile(p.Name), true}} {
		if n.re != nil {
			pats = append(pats, n)
		}
	}
	return func(s string) string {
		for _, pat := range pats {
			s = redact(s, pat.re, pat.whole)
		}
		return s
	}
}

// compile is a case-insensitive pattern matching text, nil for blank text.
func compile(text string) *regexp.Regexp {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	return regexp.MustCompile("(?i)" + regexp.QuoteMeta(text))
}

// redact replaces each match of re in s with FormerMember, only where it
// stands as a whole word when whole is set.
func redact(s string, re *regexp.Regexp, whole bool) string {
	var b strings.Builder
	last := 0
	for _, m := range re.FindAllStringIndex(s, -1) {
		if whole && (wordRuneBefore(s, m[0]) || wordRuneAfter(s, m[1])) {
			continue
		}
		b.WriteString(s[last:m[0]])
		b.WriteString(FormerMember)
		last = m[1]
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func wordRuneBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i > 0 && isWordRune(r)
}

func wordRuneAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i < len(s) && isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
