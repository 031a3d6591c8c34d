// Package bot is the platform-neutral conversation core: it takes a Message
// from any adapter (terminal, Slack, Teams), runs the command or answers the
// question, and returns Replies that each adapter renders its own way.
package bot
