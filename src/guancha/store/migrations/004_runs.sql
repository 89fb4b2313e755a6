-- Briefing runs: one row per (watcher, report date, version); each stage's output is persisted before the
-- next starts, per-item results (one per story, papers, implications, heuristics) individually, so a killed
-- run resumes without repeating finished work or model calls. Reports are drafted, then finalised (published,
-- ledgered) or held (failed a gate; never published, never ledgered).

CREATE TABLE runs (
    id             TEXT PRIMARY KEY,         -- content_key(watcher_id, report_date, version)
    watcher_id     TEXT NOT NULL,
    report_date    TEXT NOT NULL,            -- YYYY-MM-DD
    version        INTEGER NOT NULL,
    as_of          TEXT NOT NULL,            -- reference time of the freshness window
    writer         TEXT NOT NULL,            -- extractive, llm
    model          TEXT,                     -- provider:model when writer = llm
    spec_hash      TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('running', 'failed', 'drafted', 'finalised', 'held')),
    last_stage     TEXT,                     -- the last stage whose output is persisted
    error          TEXT,
    started_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    finished_at    TEXT,
    UNIQUE (watcher_id, report_date, version)
);
CREATE INDEX runs_watcher ON runs(watcher_id, report_date);

-- The typed output of one stage of one run (JSON of the stage's pydantic model).
CREATE TABLE run_stages (
    run_id       TEXT NOT NULL REFERENCES runs(id),
    stage        TEXT NOT NULL,
    output_json  TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT NOT NULL,
    elapsed_ms   INTEGER NOT NULL,
    PRIMARY KEY (run_id, stage)
);

-- One finished unit of work inside a stage (e.g. the write stage's story 3), persisted as soon as it is done.
CREATE TABLE run_items (
    run_id       TEXT NOT NULL REFERENCES runs(id),
    stage        TEXT NOT NULL,
    item_key     TEXT NOT NULL,
    output_json  TEXT NOT NULL,
    elapsed_ms   INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (run_id, stage, item_key)
);

-- A rendered report. Immutable once finalised; a correction is a new run version.
CREATE TABLE reports (
    id             TEXT PRIMARY KEY,         -- = run id
    run_id         TEXT NOT NULL UNIQUE REFERENCES runs(id),
    watcher_id     TEXT NOT NULL,
    report_date    TEXT NOT NULL,
    version        INTEGER NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('drafted', 'finalised', 'held')),
    title          TEXT NOT NULL,
    markdown       TEXT NOT NULL,
    html           TEXT NOT NULL,
    json           TEXT NOT NULL,
    md_path        TEXT,
    html_path      TEXT,
    json_path      TEXT,
    created_at     TEXT NOT NULL,
    finalised_at   TEXT
);
CREATE INDEX reports_watcher ON reports(watcher_id, report_date);

-- Every article a report cites, and where (story index; NULL for papers and implications).
CREATE TABLE report_citations (
    report_id      TEXT NOT NULL REFERENCES reports(id),
    label          TEXT NOT NULL,            -- S1, S2, ...
    article_id     TEXT NOT NULL,
    canonical_url  TEXT NOT NULL,
    section        TEXT NOT NULL,            -- story, paper, implications
    story_index    INTEGER,
    PRIMARY KEY (report_id, label)
);
