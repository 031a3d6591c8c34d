-- Each channel's settings (checklist.ChannelSettings): the knowledge it
-- answers from (comma-separated source names, '' for all), when the bot
-- answers there (mentions or threads, '' for mentions) and who sees the
-- answers (everyone or me-only, '' for everyone).
CREATE TABLE channel_settings (
    platform   TEXT NOT NULL,
    team       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    sources    TEXT NOT NULL DEFAULT '',
    replies    TEXT NOT NULL DEFAULT '',
    visibility TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (platform, team, channel)
) STRICT;
