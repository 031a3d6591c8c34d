// Command standardbot is a chat bot for UK public-sector service teams
// working to a digital service standard: it answers questions with
// citations, keeps each project's checklist, and reminds the team before
// the assessment. See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	// Time zones are embedded so the binary works on images without tzdata.
	_ "time/tzdata"

	"github.com/standardbot/standardbot/checklist"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// exitError carries an exit status: 2 for bad usage, 1 for other failures.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// subcommand is one `standardbot NAME`.
type subcommand struct {
	name, args, help string
	run              func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand runs with: configuration, standard streams and
// the clock. now is the one clock of the process: the store stamps with
// it, and the core, the adapters, the inbox and the scheduler read it.
// Durations measured for logs and metrics stay on the wall clock.
type env struct {
	cfg    *Config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
}

var subcommands []subcommand

func init() {
	subcommands = []subcommand{
		{"chat", "[--user U] [--channel C]", "the bot in the terminal: one line in, replies out", runChat},
		{"ask", "[--json] [--standard ID] [--source PATH]... QUESTION", "one question, one answer", runAsk},
		{"index", "[--source PATH]... [--rebuild]", "fetch the GOV.UK Service Manual and bank holidays, build or refresh the search index, and print what was fetched and indexed", runIndex},
		{"eval", "FILE.jsonl [--standard ID] [--source PATH]...", "retrieval quality: hit@1, hit@3, mean reciprocal rank, misses", runEval},
		{"standards", "", "list the loaded standards: id, name, number of points", runStandards},
		{"report", "PROJECT [--format markdown|csv|json|html] [--out FILE] [--practice]", "a project's readiness report, or with --practice its practice report", runReport},
		{"teams-package", teamsPackageUsage, "write the Microsoft Teams app package (zip)", runTeamsPackage},
		{"serve", "[--addr :3000]", "HTTP endpoints, Slack and Teams adapters, and the scheduler", runServe},
		{"purge-workspace", "[--platform slack] WORKSPACE_ID", "delete what the bot keeps of a workspace now, after the app was uninstalled there, instead of after STANDARDBOT_UNINSTALL_RETENTION", runPurgeWorkspace},
		{"healthcheck", "[--addr :3000] [--timeout 5s]", "ask a running serve's /healthz: exit 0 when it answers, 1 with the reason (for a container's HEALTHCHECK)", runHealthcheck},
		{"version", "", "print the version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: it returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	var sc *subcommand
	for i := range subcommands {
		if subcommands[i].name == args[0] {
			sc = &subcommands[i]
		}
	}
	if sc == nil {
		fmt.Fprintf(stderr, "standardbot: unknown command %q (run `standardbot help` for the list)\n", args[0])
		return 2
	}
	cfg, err := loadConfig()
	if err != nil {
		fmt.Fprintf(stderr, "standardbot: %v\n", err)
		return 2
	}
	// The default division is the process's, as the calendar is.
	checklist.SetDefaultDivision(cfg.Holidays)
	err = sc.run(ctx, &env{cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr, now: clockFromEnv()}, args[1:])
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		fmt.Fprintf(stderr, "standardbot %s: %s\n", sc.name, ee.msg)
		return ee.code
	}
	fmt.Fprintf(stderr, "standardbot %s: %s\n", sc.name, oneLine(err.Error()))
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "standardbot: the digital service standard, in your team's chat")
	fmt.Fprintln(w, "\nUsage:")
	for _, sc := range subcommands {
		fmt.Fprintf(w, "  standardbot %-10s %s\n      %s\n", sc.name, sc.args, sc.help)
	}
	fmt.Fprintln(w, "\nConfiguration comes from the environment or a .env file; see README.md.")
}

// oneLine keeps an error to the single line the contract promises.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// multiFlag collects a repeated flag such as --source.
type multiFlag []string

func (m *multiFlag) String() string { return strings.Join(*m, ",") }

// Set adds a value; a comma-separated value adds each part.
func (m *multiFlag) Set(v string) error {
	*m = append(*m, splitList(v)...)
	return nil
}

// parseFlags parses flags wherever they appear among the arguments, so
// `eval FILE --standard dss2015` works as well as `eval --standard dss2015 FILE`.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usageErr("usage: standardbot %s %s", fs.Name(), usageOf(fs.Name()))
			}
			return nil, usageErr("%v (usage: standardbot %s %s)", err, fs.Name(), usageOf(fs.Name()))
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

func usageOf(name string) string {
	for _, sc := range subcommands {
		if sc.name == name {
			return sc.args
		}
	}
	return ""
}
