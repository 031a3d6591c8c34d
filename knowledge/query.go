package knowledge

import (
	"regexp"
	"strings"
)

// framePhrases are ways of asking that say nothing about the subject: "do
// we need to", "what does the panel want to see". Left in, "need" pulls every
// question towards the user-needs point. They are removed from questions
// only; the documents keep their words.
var framePhrases = regexp.MustCompile(`(?i)\b(?:` + strings.Join([]string{
	`(?:do|does|will|would|should|must)\s+(?:we|i|you|our team|the team)\s+(?:really\s+)?(?:need|have)\s+to`,
	`(?:do|does|will|would)\s+(?:we|i|you|our team|the team)\s+(?:really\s+)?need`,
	`(?:we|i)\s+(?:really\s+)?need\s+to`,
	`what\s+(?:does|do|will|would)\s+(?:the\s+)?(?:assessment\s+)?(?:panel|panels|assessors?)\s+(?:want|expect|need|like|look for|ask)(?:\s+to\s+see)?`,
	`(?:is|are)\s+(?:we|it|you)\s+(?:expected|required|allowed)\s+to`,
}, "|") + `)\b`)

// cleanQuestion removes the framing of a question, keeping its subject.
func cleanQuestion(q string) string {
	return framePhrases.ReplaceAllString(q, " ")
}
