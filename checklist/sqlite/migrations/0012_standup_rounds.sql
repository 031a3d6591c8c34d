-- Stand-up rounds (checklist.Standups): the members each stand-up asks,
-- each person's own time zone, and each member's answers in each round.
-- Times are text, UTC, fixed width (2006-01-02T15:04:05.000000000Z), and
-- days YYYY-MM-DD, the same in both stores, so one set of statements
-- serves both (checklist/internal/storeutil/standups.go).

-- How long a round gathers answers, in minutes; 0 is the default (2 hours).
ALTER TABLE projects ADD COLUMN standup_window INTEGER NOT NULL DEFAULT 0;

CREATE TABLE standup_members (
	project_id INTEGER NOT NULL REFERENCES projects (id),
	workspace  TEXT NOT NULL, -- platform:team of user_id
	user_id    TEXT NOT NULL,
	name       TEXT NOT NULL,
	skip_until TEXT NOT NULL DEFAULT '', -- held out through this day; '' when not
	added_at   TEXT NOT NULL,
	PRIMARY KEY (project_id, user_id)
) STRICT;

-- A person's zone: source 'person' (timezone me) or 'platform' (reported
-- by Slack or Teams); a platform's never replaces a person's.
CREATE TABLE person_zones (
	workspace  TEXT NOT NULL,
	user_id    TEXT NOT NULL,
	zone       TEXT NOT NULL,
	source     TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (workspace, user_id)
) STRICT;

-- One member's part in one round, deleted after checklist.AnswerRetention.
CREATE TABLE standup_answers (
	project_id  INTEGER NOT NULL REFERENCES projects (id),
	round       TEXT NOT NULL,
	workspace   TEXT NOT NULL,
	user_id     TEXT NOT NULL,
	name        TEXT NOT NULL,
	platform    TEXT NOT NULL, -- the direct conversation they were asked in
	team        TEXT NOT NULL,
	channel     TEXT NOT NULL,
	asked_at    TEXT NOT NULL,
	closes_at   TEXT NOT NULL,
	moved       TEXT NOT NULL,
	next_up     TEXT NOT NULL,
	blocking    TEXT NOT NULL,
	answered_at TEXT NOT NULL, -- '' while they have not answered
	PRIMARY KEY (project_id, round, user_id)
) STRICT;

CREATE INDEX standup_answers_direct ON standup_answers (platform, team, channel, user_id, closes_at);
CREATE INDEX standup_answers_asked ON standup_answers (asked_at);
