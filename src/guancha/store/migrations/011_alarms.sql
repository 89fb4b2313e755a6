-- Alarms: the worker's heartbeat, incidents (one row per episode of a condition: opened once, kept open while
-- the condition holds, resolved when it clears) and the ledger of alarm notices. A notice is one event
-- (opened / resolved) of one incident on one channel to one recipient; the primary key makes "send it twice"
-- impossible to record, as in the report delivery ledger (008). Incident times are the evaluating clock's
-- (``guancha watchdog --now`` in tests), notice times the sender's.

CREATE TABLE heartbeats (
    worker_id      TEXT PRIMARY KEY,         -- host:pid:start of a `guancha serve` process, or a name it chose
    first_seen_at  TEXT NOT NULL,
    seen_at        TEXT NOT NULL
);

CREATE TABLE incidents (
    id             TEXT PRIMARY KEY,         -- content_key(kind, watcher, subject, opened_at)
    kind           TEXT NOT NULL,            -- late, source-failing, source-silent, held, spend, worker-silent
    watcher_id     TEXT NOT NULL DEFAULT '', -- '' for the workspace as a whole (the worker)
    subject        TEXT NOT NULL DEFAULT '', -- source id, run id, day, worker id: what the condition is about
    state          TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
    summary        TEXT NOT NULL,            -- one line, names no address or secret
    detail         TEXT NOT NULL DEFAULT '',
    opened_at      TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,            -- the last evaluation that found the condition holding
    resolved_at    TEXT
);
CREATE UNIQUE INDEX incidents_one_open ON incidents(kind, watcher_id, subject) WHERE state = 'open';
CREATE INDEX incidents_state ON incidents(state, opened_at);

CREATE TABLE alarm_notices (
    incident_id      TEXT NOT NULL REFERENCES incidents(id),
    event            TEXT NOT NULL CHECK (event IN ('opened', 'resolved')),
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'chat', 'webhook')),
    recipient        TEXT NOT NULL,          -- 'h' + hash of the address or URL: nothing personal is stored
    state            TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    claimed_by       TEXT,
    claimed_at       TEXT,
    message_id       TEXT NOT NULL,          -- stable across re-sends (email Message-ID, webhook delivery id)
    label            TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    sent_at          TEXT,
    PRIMARY KEY (incident_id, event, channel, recipient)
);
CREATE INDEX alarm_notices_open ON alarm_notices(state, next_attempt_at);

-- The weekly synthesis: one row per (watcher, ISO week, version), apart from the daily reports so a week's
-- briefing never collides with a day's. Finalised (passed its gates) or held, like a daily; immutable once
-- finalised (a correction is a new version).
CREATE TABLE weekly_reports (
    id             TEXT PRIMARY KEY,         -- content_key('weekly', watcher_id, week, version)
    watcher_id     TEXT NOT NULL,
    week           TEXT NOT NULL,            -- ISO week, YYYY-Www
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('finalised', 'held')),
    writer         TEXT NOT NULL,            -- extractive, llm
    model          TEXT,
    title          TEXT NOT NULL,
    markdown       TEXT NOT NULL,
    html           TEXT NOT NULL,
    json           TEXT NOT NULL,
    findings_json  TEXT NOT NULL,            -- the gates' findings
    md_path        TEXT,
    html_path      TEXT,
    json_path      TEXT,
    created_at     TEXT NOT NULL,
    finalised_at   TEXT,
    UNIQUE (watcher_id, week, version)
);
