package bot

import (
	"context"
	"sort"
)

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
		{name: "point", usage: "point N [STANDARD]", help: "shows a point of the standard: what it asks and what a panel looks for", run: (*Bot).cmdPoint},
		{name: "standards", usage: "standards", help: "lists the standards I know", run: (*Bot).cmdStandards},
		{name: "map", usage: "map STANDARD N [TO-STANDARD]", help: "which points of another standard match a point (also: which govuk point matches localgov 9?)", run: (*Bot).cmdMap},
	}
	for i := range commands {
		commandByName[commands[i].name] = &commands[i]
	}
}

// commandNames lists the command words, for hints.
func commandNames() []string {
	names := make([]string, 0, len(commands))
	for _, c := range commands {
		names = append(names, c.name)
	}
	sort.Strings(names)
	return names
}
