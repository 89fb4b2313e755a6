-- The delivery ledger of weekly syntheses: the same protocol and columns as the daily reports' (008), one row
-- per (weekly report version, channel, recipient), so a weekly goes out on the watcher's channels exactly
-- once like a daily. A table of its own because each ledger's rows reference the report they send.

CREATE TABLE weekly_deliveries (
    report_id        TEXT NOT NULL REFERENCES weekly_reports(id),
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'chat', 'webhook')),
    recipient        TEXT NOT NULL,
    watcher_id       TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    claimed_by       TEXT,
    claimed_at       TEXT,
    message_id       TEXT,
    label            TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    sent_at          TEXT,
    PRIMARY KEY (report_id, channel, recipient)
);
CREATE INDEX weekly_deliveries_due ON weekly_deliveries(state, next_attempt_at);
CREATE INDEX weekly_deliveries_watcher ON weekly_deliveries(watcher_id, state)
