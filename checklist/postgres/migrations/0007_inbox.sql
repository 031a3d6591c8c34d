-- Platform events acknowledged and not yet handled (checklist.InboxItem):
-- written before the acknowledgement, deleted once handled. A replica that
-- dies leaves its items behind for another replica, or itself restarted,
-- to take over once their lease has run out.
CREATE TABLE inbox (
	id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source      text        NOT NULL,
	kind        text        NOT NULL,
	key         text        NOT NULL, -- '' when the platform gives no id
	payload     bytea       NOT NULL,
	received_at timestamptz NOT NULL,
	owner       text        NOT NULL,
	lease_until timestamptz NOT NULL,
	attempts    integer     NOT NULL DEFAULT 1
);

-- Taking over: a source's items whose lease has run out, oldest first.
-- Nothing else is indexed: every acknowledgement writes a row and every
-- handled event deletes one, and the table only ever holds what is in
-- hand, so renewing (by id) and releasing (by owner) read little.
CREATE INDEX inbox_lease ON inbox (source, lease_until);
