-- Publishing: per-watcher email subscribers and the delivery ledger. A delivery is one report version sent
-- on one channel to one recipient; the primary key makes "send it twice" impossible to record. A delivery is
-- claimed (pending/failed -> sending) in its own transaction before anything goes on the wire, then marked
-- sent, failed (retried at next_attempt_at with exponential backoff), dead (permanent or out of attempts) or
-- cancelled (the recipient left). Subscriber addresses live only in the subscribers table; the ledger names
-- recipients by opaque id (email) or by a hash of the URL (chat, webhooks), so no secret or address is copied.

CREATE TABLE subscribers (
    id             TEXT PRIMARY KEY,         -- random, opaque
    watcher_id     TEXT NOT NULL,
    address        TEXT NOT NULL,            -- local part as given, domain lowercased
    token          TEXT NOT NULL UNIQUE,     -- opaque unsubscribe token (List-Unsubscribe)
    status         TEXT NOT NULL CHECK (status IN ('active', 'unsubscribed', 'suspended')),
    reason         TEXT,                     -- why suspended or unsubscribed
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (watcher_id, address)
);

CREATE TABLE deliveries (
    report_id        TEXT NOT NULL REFERENCES reports(id),
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'chat', 'webhook')),
    recipient        TEXT NOT NULL,          -- subscriber id, or 'h' + hash of the chat/webhook URL
    watcher_id       TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,                   -- when a pending or failed delivery is due
    claimed_by       TEXT,                   -- host:pid:start of the process sending it
    claimed_at       TEXT,
    message_id       TEXT,                   -- email Message-ID / webhook delivery id, stable across re-sends
    label            TEXT NOT NULL,          -- what status shows: masked address, scheme://host
    last_error       TEXT,                   -- never contains an address or a secret
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    sent_at          TEXT,
    PRIMARY KEY (report_id, channel, recipient)
);
CREATE INDEX deliveries_due ON deliveries(state, next_attempt_at);
CREATE INDEX deliveries_watcher ON deliveries(watcher_id, state)
