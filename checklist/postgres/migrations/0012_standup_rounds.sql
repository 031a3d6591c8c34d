-- Stand-up rounds (checklist.Standups): the members each stand-up asks,
-- each person's own time zone, and each member's answers in each round.
-- Times are text, UTC, fixed width (2006-01-02T15:04:05.000000000Z), and
-- days YYYY-MM-DD, the same in both stores, so one set of statements
-- serves both (checklist/internal/storeutil/standups.go).

-- How long a round gathers answers, in minutes; 0 is the default (2 hours).
ALTER TABLE projects ADD COLUMN standup_window bigint NOT NULL DEFAULT 0;

CREATE TABLE standup_members (
	project_id bigint NOT NULL REFERENCES projects (id),
	workspace  text NOT NULL, -- platform:team of user_id
	user_id    text NOT NULL,
	name       text NOT NULL,
	skip_until text NOT NULL DEFAULT '', -- held out through this day; '' when not
	added_at   text NOT NULL,
	PRIMARY KEY (project_id, user_id)
);

-- A person's zone: source 'person' (timezone me) or 'platform' (reported
-- by Slack or Teams); a platform's never replaces a person's.
CREATE TABLE person_zones (
	workspace  text NOT NULL,
	user_id    text NOT NULL,
	zone       text NOT NULL,
	source     text NOT NULL,
	updated_at text NOT NULL,
	PRIMARY KEY (workspace, user_id)
);

-- One member's part in one round, deleted after checklist.AnswerRetention.
CREATE TABLE standup_answers (
	project_id  bigint NOT NULL REFERENCES projects (id),
	round       text NOT NULL,
	workspace   text NOT NULL,
	user_id     text NOT NULL,
	name        text NOT NULL,
	platform    text NOT NULL, -- the direct conversation they were asked in
	team        text NOT NULL,
	channel     text NOT NULL,
	asked_at    text NOT NULL,
	closes_at   text NOT NULL,
	moved       text NOT NULL,
	next_up     text NOT NULL,
	blocking    text NOT NULL,
	answered_at text NOT NULL, -- '' while they have not answered
	PRIMARY KEY (project_id, round, user_id)
);

CREATE INDEX standup_answers_direct ON standup_answers (platform, team, channel, user_id, closes_at);
CREATE INDEX standup_answers_asked ON standup_answers (asked_at);
