package checklist

import "testing"

func TestActionDue(t *testing.T) {
	for _, tt := range []struct{ on, want Date }{
		{Date{2026, 11, 30}, Date{2027, 2, 28}},
		{Date{2027, 11, 30}, Date{2028, 2, 29}},
		{Date{2026, 3, 15}, Date{2026, 6, 15}},
		{Date{2026, 10, 31}, Date{2027, 1, 31}},
		{Date{}, Date{}},
	} {
		if got := ActionDue(tt.on); got != tt.want {
			t.Errorf("ActionDue(%v) = %v, want %v", tt.on, got, tt.want)
		}
	}
}

func TestActionOverdue(t *testing.T) {
	a := Action{Due: Date{2027, 2, 28}}
	if a.Overdue(Date{2027, 2, 28}) || !a.Overdue(Date{2027, 3, 1}) {
		t.Errorf("overdue on the due day, or not the day after")
	}
	if err := CheckRating(""); ErrorCode(err) != EINVALID {
		t.Errorf("empty rating: %v", err)
	}
}
