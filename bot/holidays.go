package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// cmdHolidays shows or sets the bank holidays the project's stand-ups
// skip: `holidays` shows the division and the next three; `holidays
// scotland` chooses one; `holidays default` goes back to what the time
// zone or STANDARDBOT_HOLIDAYS says.
func (b *Bot) cmdHolidays(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	arg := strings.TrimSpace(req.args)
	if arg == "" {
		return Text(ReplyInfo, b.holidaysText(p, "")+" Change it with: holidays england-and-wales|scotland|northern-ireland").one(), nil
	}
	var div checklist.Division
	if !strings.EqualFold(arg, "default") {
		if div, err = checklist.ParseDivision(arg); err != nil {
			return nil, err
		}
	}
	p, err = b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Holidays: &div}, who(req.msg))
	if err != nil {
		return nil, err
	}
	return Text(ReplyInfo, b.holidaysText(p, "now ")).one(), nil
}

// holidaysText says whose bank holidays the project's stand-ups skip, why
// those, and the next three.
func (b *Bot) holidaysText(p *checklist.Project, now string) string {
	div := p.Division()
	why := "chosen with the holidays word"
	switch {
	case p.Holidays != "":
	case checklist.DivisionOfZone(p.TimeZone) != "":
		why = "from its time zone, " + p.TimeZone
	default:
		why = "the default"
	}
	msg := fmt.Sprintf("%s's stand-ups %sskip the bank holidays of %s (%s).", p.Name, now, div.Title(), why)
	today := b.today(p)
	next := checklist.NextBankHolidays(div, today, 3)
	if len(next) == 0 {
		return msg + fmt.Sprintf(" None are known after %s: stand-ups go out on every day they are set for.", dayText(checklist.HolidaysEnd(div)))
	}
	var parts []string
	for _, h := range next {
		parts = append(parts, fmt.Sprintf("%s %s", h.Name, dayText(h.Date)))
	}
	return msg + " Next: " + strings.Join(parts, "; ") + "."
}

// dayText is a date the GOV.UK way with its weekday: Monday 30 November 2026.
func dayText(d checklist.Date) string {
	if d.IsZero() {
		return "the start"
	}
	return d.In(time.UTC).Format("Monday 2 January 2006")
}
