package checklist

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// weekDays are the day names ParseDays accepts, in the order it writes them.
var weekDays = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// ParseClock checks a stand-up time and writes it as HH:MM, so "9:30"
// becomes "09:30". An empty or blank string is "" with no error: no
// stand-up. EINVALID for anything that is not a time of day.
func ParseClock(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return "", Errorf(EINVALID, "%q is not a time of day: use HH:MM, for example: standup at 09:30 weekdays", s)
	}
	return t.Format("15:04"), nil
}

// ParseDays checks stand-up days: "daily", "weekdays" or days such as
// "mon, wed", and writes them lower case without spaces; listed days come
// back in week order without repeats ("wed,mon,wed" is "mon,wed"). An empty
// string is "" with no error, which a schedule reads as its default.
// EINVALID for an unknown day.
func ParseDays(s string) (string, error) {
	s = strings.ToLower(strings.Join(strings.Fields(s), ""))
	if s == "" || s == "daily" || s == "weekdays" {
		return s, nil
	}
	var days []string
	for d := range strings.SplitSeq(s, ",") {
		if !slices.Contains(weekDays, d) {
			return "", Errorf(EINVALID, "%q is not a day: use daily, weekdays or days such as mon,wed. Try: standup at 09:30 mon,wed", d)
		}
		days = append(days, d)
	}
	var out []string
	for _, d := range weekDays {
		if slices.Contains(days, d) {
			out = append(out, d)
		}
	}
	return strings.Join(out, ","), nil
}

// NormReminders checks reminder offsets, days before the assessment, and
// sorts them furthest first without repeats. The result is never nil, as a
// nil Schedule.Reminders means the default: an empty list is reminders off.
// EINVALID for an offset outside 0 to 365.
func NormReminders(days []int) ([]int, error) {
	out := []int{}
	for _, d := range days {
		if d < 0 || d > 365 {
			return nil, Errorf(EINVALID, "Reminders are 0 to 365 days before the assessment, not %d. Try: reminders 28,14,7", d)
		}
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	slices.Reverse(out)
	return out, nil
}

// ParseReminders reads reminder offsets as a user writes them, "28,14,7"
// or "28 14 7", and normalises them as NormReminders does. "off", like an
// empty string, is an empty list: reminders off, and what RemindersText
// writes for one. EINVALID for a word that is not a number of days.
func ParseReminders(s string) ([]int, error) {
	if strings.EqualFold(strings.TrimSpace(s), "off") {
		return []int{}, nil
	}
	var days []int
	for f := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			return nil, Errorf(EINVALID, "%q is not a number of days. Try: reminders 28,14,7", f)
		}
		days = append(days, n)
	}
	return NormReminders(days)
}

// normalise checks a schedule and puts it in its stored form: a stand-up
// time with no days is on weekdays.
func (s *Schedule) normalise() error {
	var err error
	if s.StandupAt, err = ParseClock(s.StandupAt); err != nil {
		return err
	}
	if s.StandupDays, err = ParseDays(s.StandupDays); err != nil {
		return err
	}
	if s.StandupAt != "" && s.StandupDays == "" {
		s.StandupDays = "weekdays"
	}
	if s.Reminders != nil {
		s.Reminders, err = NormReminders(s.Reminders)
	}
	return err
}

// StandupText is a stand-up schedule as history and the bot show it:
// "09:30 weekdays", or "off".
func StandupText(s Schedule) string {
	if s.StandupAt == "" {
		return "off"
	}
	return s.StandupAt + " " + s.StandupDays
}

// RemindersText is reminder offsets as history and the bot show them:
// "28,14,7", or "off" for none.
func RemindersText(days []int) string {
	if len(days) == 0 {
		return "off"
	}
	s := make([]string, len(days))
	for i, d := range days {
		s[i] = strconv.Itoa(d)
	}
	return strings.Join(s, ",")
}
