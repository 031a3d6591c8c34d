package bot

import "context"

// command is one chat command of CONTRACT.md.
type command struct {
	name  string
	usage string
	help  string
	run   func(b *Bot, ctx context.Context, req *request) ([]Reply, error)
}

// commands are listed by `help` in this order. They are set in init because
// `help` itself reads the list.
var commands []command

var commandByName = map[string]*command{}

func init() {
	commands = []command{
		{name: "help", usage: "help", help: "lists the commands", run: (*Bot).cmdHelp},
		{name: "ask", usage: "ask QUESTION (or just type it)", help: "answers from the standard and the guidance, with citations", run: (*Bot).cmdAsk},
		{name: "point", usage: "point N [STANDARD]", help: "shows a point of the standard: what it asks and what a panel looks for (N may be a point's official reference, as in point 2.1 wales)", run: (*Bot).cmdPoint},
		{name: "examples", usage: "examples N [alpha|beta|live]", help: "what up to three recent published panels said on a point at that stage (default: the project's phase), for the conversation's standard, from GOV.UK's assessment reports", run: (*Bot).cmdExamples},
		{name: "standards", usage: "standards", help: "lists the standards I know", run: (*Bot).cmdStandards},
		{name: "map", usage: "map STANDARD N [TO-STANDARD] / map TO-STANDARD / map STANDARD TO-STANDARD", help: "which points of another standard match a point, and why there is none where there is none (also asked plainly: which govuk point matches nhs 9?); in a project's channel, map govuk lists each of the project's points with the GOV.UK points an assessment against that standard would also look at; map nhs govuk does the same for two standards", run: (*Bot).cmdMap},
		{name: "compare", usage: "compare TO-STANDARD / compare STANDARD TO-STANDARD", help: "the same as map TO-STANDARD: the project's points beside another standard's", run: (*Bot).cmdCompare},
		{name: "project", usage: "project / project new NAME [standard ID] / project rename NEW NAME / project archive / project unarchive / project delete / project link NAME", help: "shows this channel's project, creates one bound to this channel, renames it, archives it (no stand-ups, reminders or practice panels) or brings it back, deletes it and everything in it (its creator or an admin, after a yes), or (admins) links this channel to an existing project", run: (*Bot).cmdProject},
		{name: "phase", usage: "phase discovery|alpha|beta|live", help: "sets the project's phase", run: (*Bot).cmdPhase},
		{name: "assessment", usage: "assessment YYYY-MM-DD / assessment none / assessment result green|amber|red [YYYY-MM-DD] / assessment import URL-OR-PASTED-REPORT", help: "sets or clears the next assessment date (warning of open actions to close first); records an assessment's overall result (on the assessment date unless given; stage from the phase); or reads a panel's report from GOV.UK or pasted, shows what it read and records it once you reply yes", run: (*Bot).cmdAssessment},
		{name: "rate", usage: "rate N green|amber|red [NOTE]", help: "records the panel's rating of a point at the latest assessment", run: (*Bot).cmdRate},
		{name: "action", usage: "action N TEXT / action done ID [EVIDENCE]", help: "adds a panel's action on a point, due 3 months after the latest assessment (every action, amber or not), or closes one, adding the evidence to its point", run: (*Bot).cmdAction},
		{name: "actions", usage: "actions", help: "the open actions: id, point, who added it, when it is due (overdue marked)", run: (*Bot).cmdActions},
		{name: "timezone", usage: "timezone AREA/CITY / timezone me AREA/CITY", help: "the project's time zone (IANA), for stand-ups and reminders; or your own, which your stand-up questions follow", run: (*Bot).cmdTimezone},
		{name: "holidays", usage: "holidays / holidays england-and-wales|scotland|northern-ireland / holidays default", help: "the bank holidays the project's stand-ups skip, and the next three; or chooses them (default: from the time zone, else the bot's setting)", run: (*Bot).cmdHolidays},
		{name: "mark", usage: "mark N met|partly|not-met|n/a|not-started [NOTE]", help: "records a point's status (not-started puts it back to the start; n/a on an accessibility point needs a reason: mark 5 n/a because ...)", run: (*Bot).cmdMark},
		{name: "evidence", usage: "evidence N TEXT-OR-LINK / evidence edit ID NEW TEXT / evidence delete ID", help: "adds evidence to a point, or changes or deletes one (its author or an admin; ids are in status N)", run: (*Bot).cmdEvidence},
		{name: "note", usage: "note N TEXT / note edit ID NEW TEXT / note delete ID", help: "adds a note to a point, or changes or deletes one (its author or an admin; ids are in status N)", run: (*Bot).cmdNote},
		{name: "checklist", usage: "checklist", help: "walks the outstanding points one at a time: answer met, partly, not-met or n/a (with a note if you like), skip or stop", run: (*Bot).cmdChecklist},
		{name: "practice", usage: "practice [N,N,...] / practice report", help: "a practice panel: the panel's questions for the project's phase, point by point (all, or the points given), each reply kept as the team's practice answer; skip, stop, and practice again resumes. practice report: informal ratings, what the team has done well and needs to explore", run: (*Bot).cmdPractice},
		{name: "status", usage: "status / status N", help: "every point with its status, and what is outstanding; or one point with its notes and evidence and their ids", run: (*Bot).cmdStatus},
		{name: "history", usage: "history [N]", help: "who changed what, when (N: one point)", run: (*Bot).cmdHistory},
		{name: "report", usage: "report", help: "the readiness report, with a link to the full report that works for 7 days (in the terminal, the page written to a file)", run: (*Bot).cmdReport},
		{name: "portfolio", usage: "portfolio", help: "a link to the portfolio page: every project you may see, its readiness, next assessment and open actions", run: (*Bot).cmdPortfolio},
		{name: "standup", usage: "standup / standup at HH:MM [daily|weekdays|mon,wed,...] / standup off / standup members @a @b / standup join|leave / standup window 30m / standup skip until YYYY-MM-DD / standup back / standup now / standup summary", help: "a stand-up prompt now, on a schedule, or never; with members, each is asked privately in their own time and one summary comes here", run: (*Bot).cmdStandup},
		{name: "reminders", usage: "reminders D1,D2,... / reminders off", help: "reminders D days before the assessment (default 28,14,7,3,1)", run: (*Bot).cmdReminders},
		{name: "use", usage: "use STANDARD", help: "which standard questions in this conversation (or thread) use", run: (*Bot).cmdUse},
		{name: "forget", usage: "forget me", help: "removes your name and user id from everything the bot keeps (after you confirm): what you did is then by a former member", run: (*Bot).cmdForget},
		{name: "settings", usage: "settings / sources NAME,NAME,... / sources all / replies mentions|threads / visibility everyone|me-only", help: "this channel's settings; (admins) which knowledge it answers from, whether I answer thread replies after I have answered without a mention, and whether answers are for everyone or only the asker", run: (*Bot).cmdSettings},
		{name: "feedback", usage: "feedback", help: "(admins) how people rated answers in the last 30 days, and the questions rated not helpful", run: (*Bot).cmdFeedback},
	}
	for i := range commands {
		commandByName[commands[i].name] = &commands[i]
	}
	// The words that change one setting, which help lists under settings.
	for _, c := range []command{
		{name: "sources", usage: "sources NAME,NAME,... / sources all", help: "(admins) the knowledge this channel answers from: standards and guidance sources, as settings lists them", run: (*Bot).cmdSources},
		{name: "replies", usage: "replies mentions|threads", help: "(admins) whether I answer only when mentioned, or also replies in a thread I have answered in", run: (*Bot).cmdReplies},
		{name: "visibility", usage: "visibility everyone|me-only", help: "(admins) whether answers here are for everyone or only whoever asked", run: (*Bot).cmdVisibility},
	} {
		commandByName[c.name] = &c
	}
}

// CommandInfo is one chat command as help lists it.
type CommandInfo struct {
	// Name is the word that runs it.
	Name string
	// Usage shows its forms, as help does.
	Usage string
	// Help says what it does.
	Help string
}

// Commands are the chat commands in the order help lists them, for an
// adapter that offers some of them in its platform's own menu: the menu
// then names only commands the bot has. The words that change one
// setting (listed under settings) are not among them.
func Commands() []CommandInfo {
	out := make([]CommandInfo, len(commands))
	for i, c := range commands {
		out[i] = CommandInfo{Name: c.name, Usage: c.usage, Help: c.help}
	}
	return out
}
