// Package riverjobs runs the checklist's scheduled work on River, over the
// project's own database (SQLite by default, PostgreSQL for several
// replicas): a periodic tick finds projects whose moment has come and
// inserts one send job per occurrence; send workers deliver through the
// checklist.Notifier. A failed send is retried on River's schedule, unless
// it wraps checklist.ErrUndeliverable: this package alone turns that into
// River's cancel. Chores are other periodic work (refreshing the kept
// GOV.UK copy) that River runs on one replica at a time.
package riverjobs
