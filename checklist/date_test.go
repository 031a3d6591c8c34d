package checklist

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{in: "2027-03-15", want: Date{2027, time.March, 15}},
		{in: "2028-02-29", want: Date{2028, time.February, 29}},
		{in: "2027-02-29", wantErr: true},
		{in: "15/03/2027", wantErr: true},
		{in: "", wantErr: true},
		// Year 0 is the zero Date, "not set": it would print as a blank.
		{in: "0000-01-01", wantErr: true},
		{in: "0001-01-01", want: Date{1, time.January, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr {
				if err == nil || ErrorCode(err) != EINVALID {
					t.Fatalf("ParseDate(%q) = %v, %v; want an EINVALID error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want || got.String() != tt.in {
				t.Errorf("ParseDate(%q) = %v (%q), %v; want %v", tt.in, got, got.String(), err, tt.want)
			}
		})
	}
}
