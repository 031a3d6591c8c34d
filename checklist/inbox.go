package checklist

import "time"

// InboxItem is a platform event the bot has acknowledged but not yet
// handled. It is written to the database before the acknowledgement and
// deleted once handled, so a process that dies loses nothing it
// acknowledged: another process, or the same one restarted, takes the
// item over once its lease has run out and handles it then. The stores
// keep items; internal/inbox decides when to write, take and renew them.
type InboxItem struct {
	ID int64
	// Source is the adapter that works the item: its platform name.
	Source string
	// Type says what Payload holds, in the adapter's own terms (the
	// column kind).
	Type string
	// Key is the platform's id for the event. It is claimed (see
	// Store.Claim) in the transaction that stores the item, so a
	// redelivery is stored once; "" when the platform gives no id.
	Key string
	// Payload is the event as the adapter needs it to handle it later.
	Payload []byte
	// Received is when the event arrived, the claim's time.
	Received time.Time
	// Owner names the process working the item, and Lease is when its
	// hold on the item runs out unless renewed; after that any process
	// may take the item over.
	Owner string
	Lease time.Time
	// Attempts counts the processes that have held the item, the first
	// one included.
	Attempts int
}
