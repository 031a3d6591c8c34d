package bot

import "testing"

func TestTrimWalkStatus(t *testing.T) {
	const label = "GOV.UK Service Standard, point 5: Make sure everyone can use the service"
	tests := []struct{ title, want string }{
		{label + " (not started yet)", label},
		{label + " (partly met so far)", label},
		{label + " (not met so far)", label},
		{label + " (now not-started)", label}, // a card sent by an earlier version
		{label, label},
		{"Point 3 (the one about channels)", "Point 3 (the one about channels)"},
	}
	for _, tt := range tests {
		if got := TrimWalkStatus(tt.title); got != tt.want {
			t.Errorf("TrimWalkStatus(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
