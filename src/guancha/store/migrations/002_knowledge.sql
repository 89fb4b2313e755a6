-- Knowledge base: imported report archives (reports and run artifacts) and heuristics kept as versioned,
-- reconfirmed, linked knowledge. Nothing here is ever overwritten: versions, sightings and events append.

-- Every file an import has read, by the sha256 of its bytes: re-importing the same file changes nothing.
CREATE TABLE imported_files (
    hash         TEXT PRIMARY KEY,
    path         TEXT NOT NULL,            -- as given, archive members as "archive.tar.xz!member/path.html"
    size         INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('report', 'artifact', 'unreadable')),
    imported_at  TEXT NOT NULL
);

-- A report from another system's archive. id = content_key(file hash).
CREATE TABLE imported_reports (
    id            TEXT PRIMARY KEY,
    file_hash     TEXT NOT NULL UNIQUE REFERENCES imported_files(hash),
    watcher_id    TEXT,
    source_path   TEXT NOT NULL,
    format        TEXT NOT NULL,
    title         TEXT,
    topic         TEXT,
    emoji         TEXT,
    report_date   TEXT,
    long_date     TEXT,
    implications  TEXT NOT NULL DEFAULT '',
    summary_json  TEXT NOT NULL,           -- counts, encoding repairs, parse problems
    imported_at   TEXT NOT NULL
);
CREATE INDEX imported_reports_date ON imported_reports(report_date);
CREATE INDEX imported_reports_topic ON imported_reports(topic);

CREATE TABLE imported_stories (
    report_id     TEXT NOT NULL REFERENCES imported_reports(id),
    position      INTEGER NOT NULL,
    emoji         TEXT,
    headline      TEXT NOT NULL,
    title         TEXT NOT NULL,
    subtitle      TEXT,
    body          TEXT NOT NULL,
    links_json    TEXT NOT NULL,
    sources_json  TEXT NOT NULL,
    line          INTEGER,
    PRIMARY KEY (report_id, position)
);

CREATE TABLE imported_papers (
    report_id    TEXT NOT NULL REFERENCES imported_reports(id),
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    authors      TEXT,
    affiliation  TEXT,
    paper_date   TEXT,
    why          TEXT,
    url          TEXT,
    line         INTEGER,
    PRIMARY KEY (report_id, position)
);

-- Every heuristic entry found in an imported report, complete or not, with its problems: nothing is dropped.
CREATE TABLE imported_heuristic_entries (
    report_id      TEXT NOT NULL REFERENCES imported_reports(id),
    position       INTEGER NOT NULL,
    heuristic_id   TEXT,                   -- NULL when the entry had no usable id
    form           TEXT NOT NULL,          -- yaml, yaml-recovered, v2, mapped-vocabulary, unparsed
    complete       INTEGER NOT NULL,
    line           INTEGER,
    fields_json    TEXT NOT NULL,
    problems_json  TEXT NOT NULL,
    raw            TEXT NOT NULL,
    heuristic_json TEXT,                   -- the validated Heuristic when complete, recorded into the KB
    PRIMARY KEY (report_id, position)
);

-- Pages that are not reports: score sheets, learnings, delivery logs, drafts and iterations, index pages.
CREATE TABLE run_artifacts (
    id             TEXT PRIMARY KEY,       -- content_key(file hash)
    file_hash      TEXT NOT NULL UNIQUE REFERENCES imported_files(hash),
    watcher_id     TEXT,
    source_path    TEXT NOT NULL,
    kind           TEXT NOT NULL,          -- score-sheet, learnings, delivery-log, draft, index
    reason         TEXT NOT NULL,          -- why it was classified so
    title          TEXT,
    artifact_date  TEXT,
    text           TEXT NOT NULL,
    imported_at    TEXT NOT NULL
);

-- A heuristic: identity and knowledge-base state. The content lives in heuristic_versions.
CREATE TABLE heuristics (
    id               TEXT PRIMARY KEY,     -- slug
    watcher_id       TEXT,
    status           TEXT NOT NULL CHECK (status IN ('active', 'challenged', 'broken', 'retired')),
    current_version  INTEGER NOT NULL,
    first_seen       TEXT,
    last_confirmed   TEXT,
    confirmations    INTEGER NOT NULL DEFAULT 0,
    retired_reason   TEXT,
    merged_into      TEXT REFERENCES heuristics(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX heuristics_status ON heuristics(status);

CREATE TABLE heuristic_versions (
    heuristic_id    TEXT NOT NULL REFERENCES heuristics(id),
    version         INTEGER NOT NULL,
    content_key     TEXT NOT NULL,         -- hash of the decision content: equal keys are the same rule
    data_json       TEXT NOT NULL,         -- the Heuristic, as validated
    changed_fields  TEXT NOT NULL,         -- JSON list of fields that differ from the previous version
    source_ref      TEXT,
    source_date     TEXT,
    recorded_at     TEXT NOT NULL,
    PRIMARY KEY (heuristic_id, version)
);
CREATE INDEX heuristic_versions_key ON heuristic_versions(content_key);

-- Each statement of a heuristic by a report or run: the first, reconfirmations, and new versions.
CREATE TABLE heuristic_sightings (
    heuristic_id  TEXT NOT NULL REFERENCES heuristics(id),
    source_ref    TEXT NOT NULL,
    version       INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('new', 'reconfirmed', 'new-version')),
    source_date   TEXT,
    source_title  TEXT,
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (heuristic_id, source_ref)
);

-- Links between heuristics: near-duplicates (related, reported as merge candidates) and merges done.
CREATE TABLE heuristic_links (
    a           TEXT NOT NULL REFERENCES heuristics(id),
    b           TEXT NOT NULL REFERENCES heuristics(id),
    kind        TEXT NOT NULL CHECK (kind IN ('related', 'merged')),
    similarity  REAL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (a, b, kind)
);

-- Observations about a heuristic from new articles (later stages add these).
CREATE TABLE heuristic_evidence (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    heuristic_id  TEXT NOT NULL REFERENCES heuristics(id),
    kind          TEXT NOT NULL,
    note          TEXT NOT NULL,
    url           TEXT,
    observed_at   TEXT NOT NULL
);
CREATE INDEX heuristic_evidence_h ON heuristic_evidence(heuristic_id);

-- Status changes and merges, with who/why: the audit trail of the knowledge base.
CREATE TABLE heuristic_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    heuristic_id  TEXT NOT NULL REFERENCES heuristics(id),
    event         TEXT NOT NULL,
    detail        TEXT,
    at            TEXT NOT NULL
);
