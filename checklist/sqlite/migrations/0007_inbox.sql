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

-- An item with a key claims it (see claims) as it is stored, in the same
-- statement: a key claimed before, a redelivery, fails the insert, which
-- the store takes for an item it has already. One statement is one commit
-- for an acknowledgement to wait for, where a transaction of two is three.
CREATE TRIGGER inbox_claims BEFORE INSERT ON inbox WHEN NEW.key <> ''
BEGIN
	INSERT INTO claims (key, at) VALUES (NEW.key, NEW.received_at);
END;
