package storeutil

import (
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// JoinInts is the stored form of a list of numbers, such as a walk's
// skipped points: "3,5,9", or "" for none.
func JoinInts(v []int) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ",")
}

// SplitInts reads what JoinInts wrote, which is all the stores pass it:
// anything else between the commas is skipped.
func SplitInts(s string) []int {
	var v []int
	for f := range strings.SplitSeq(s, ",") {
		if n, err := strconv.Atoi(f); err == nil {
			v = append(v, n)
		}
	}
	return v
}

// RemindersValue is the stored form of checklist.Schedule.Reminders: nil
// (NULL) for the default, "" for off, else "28,14,7".
func RemindersValue(days []int) *string {
	if days == nil {
		return nil
	}
	s := JoinInts(days)
	return &s
}

// RemindersFrom reads what RemindersValue stored: nil for NULL, and a
// non-nil list, perhaps empty, otherwise.
func RemindersFrom(s *string) []int {
	if s == nil {
		return nil
	}
	return append([]int{}, SplitInts(*s)...)
}

// DateValue is a date's stored form: nil (NULL) when not set, else
// YYYY-MM-DD.
func DateValue(d checklist.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// BindingText is a channel as the history entry for binding it records.
func BindingText(b checklist.Binding) string { return b.Workspace() + "/" + b.Channel }

// JoinSources is a channel's source names as stored: comma-separated, ""
// for all.
func JoinSources(names []string) string { return strings.Join(names, ",") }

// SplitSources reads JoinSources' text back; nil for all.
func SplitSources(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(text, ",")
}
