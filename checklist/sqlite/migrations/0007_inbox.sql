-- Platform events acknowledged and not yet handled (checklist.InboxItem):
-- written before the acknowledgement, deleted once handled. A process that
-- dies leaves its items behind for another process, or itself restarted,
-- to take over once their lease has run out.
CREATE TABLE inbox (
	id          INTEGER PRIMARY KEY,
	source      TEXT    NOT NULL,
	kind        TEXT    NOT NULL,
	key         TEXT    NOT NULL, -- '' when the platform gives no id
	payload     BLOB    NOT NULL,
	received_at TEXT    NOT NULL,
	owner       TEXT    NOT NULL,
	lease_until TEXT    NOT NULL,
	attempts    INTEGER NOT NULL DEFAULT 1
) STRICT;

-- Taking over: a source's items whose lease has run out, oldest first.
-- Nothing else is indexed: every acknowledgement writes a row and every
-- handled event deletes one, and the table only ever holds what is in
-- hand, so renewing (by id) and releasing (by owner) read little.
CREATE INDEX inbox_lease ON inbox (source, lease_until);
