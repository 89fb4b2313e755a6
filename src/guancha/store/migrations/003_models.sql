-- Model calls: every call through guancha's model layer (including cache hits, refusals by budget and
-- failures), and the content-addressed response cache. Times are ISO-8601 UTC strings ending in 'Z'.
-- No column ever holds an API key: keys live in the environment only.

CREATE TABLE model_calls (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    called_at      TEXT NOT NULL,
    run_id         TEXT,
    watcher_id     TEXT,
    stage          TEXT,
    model          TEXT NOT NULL,              -- provider:model as named by the caller
    provider       TEXT NOT NULL,
    cache_key      TEXT,
    cached         INTEGER NOT NULL DEFAULT 0, -- 1: answered from model_cache, no tokens spent
    tokens_in      INTEGER NOT NULL DEFAULT 0,
    tokens_out     INTEGER NOT NULL DEFAULT 0,
    tokens_cached  INTEGER NOT NULL DEFAULT 0, -- prompt tokens the provider served from its prefix cache
    latency_ms     INTEGER NOT NULL DEFAULT 0,
    cost_usd       REAL,                       -- NULL: the model has no price (flagged, never assumed 0)
    priced         INTEGER NOT NULL DEFAULT 1,
    attempts       INTEGER NOT NULL DEFAULT 1, -- HTTP attempts including retries
    repaired       INTEGER NOT NULL DEFAULT 0, -- 1: a repair request followed invalid output
    output_type    TEXT,
    error_kind     TEXT,                       -- auth, rate-limited, unavailable, bad-output, budget, error
    error          TEXT
);
CREATE INDEX model_calls_time ON model_calls(called_at);
CREATE INDEX model_calls_run ON model_calls(run_id);
CREATE INDEX model_calls_watcher ON model_calls(watcher_id, called_at);

-- key = content_key(model, endpoint, messages, output schema, parameters); never includes a secret.
CREATE TABLE model_cache (
    key            TEXT PRIMARY KEY,
    model          TEXT NOT NULL,
    text           TEXT NOT NULL,
    output_json    TEXT,
    tokens_in      INTEGER NOT NULL DEFAULT 0,
    tokens_out     INTEGER NOT NULL DEFAULT 0,
    tokens_cached  INTEGER NOT NULL DEFAULT 0,
    cost_usd       REAL,
    created_at     TEXT NOT NULL,
    hits           INTEGER NOT NULL DEFAULT 0,
    last_hit_at    TEXT
);
