// Package checklist is the record of each project's progress against its
// standard: projects bound to channels, a status, notes and evidence per
// point, and an append-only history of every change. It declares the Store
// it needs; checklist/sqlite and checklist/postgres implement it.
package checklist
