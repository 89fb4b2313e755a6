-- The monitor stage: evidence from the day's articles bearing on heuristics, decided by a judge model or a
-- person, and the status history it moves. Append-only: a decision or a status change is a new row, the
-- evidence row keeps its latest verdict for reading and nothing is ever deleted.

ALTER TABLE heuristic_evidence ADD COLUMN watcher_id TEXT;
ALTER TABLE heuristic_evidence ADD COLUMN run_id TEXT;
ALTER TABLE heuristic_evidence ADD COLUMN article_id TEXT;
ALTER TABLE heuristic_evidence ADD COLUMN heuristic_version INTEGER;
ALTER TABLE heuristic_evidence ADD COLUMN matched TEXT;              -- breaks_when or when: what the quote matched
ALTER TABLE heuristic_evidence ADD COLUMN quote TEXT;                -- the sentence, as it stands in the article
ALTER TABLE heuristic_evidence ADD COLUMN score REAL;                -- candidate score (names, figures, embeddings)
ALTER TABLE heuristic_evidence ADD COLUMN verdict TEXT NOT NULL DEFAULT 'pending'
    CHECK (verdict IN ('pending', 'supports', 'challenges', 'breaks', 'unrelated', 'dismissed'));
ALTER TABLE heuristic_evidence ADD COLUMN decided_by TEXT;           -- a model name, 'person', or NULL while pending
ALTER TABLE heuristic_evidence ADD COLUMN reason TEXT;
ALTER TABLE heuristic_evidence ADD COLUMN decided_at TEXT;

-- One piece of evidence per heuristic and article: rerunning or resuming a run adds nothing.
CREATE UNIQUE INDEX heuristic_evidence_article ON heuristic_evidence(heuristic_id, article_id)
    WHERE article_id IS NOT NULL;
CREATE INDEX heuristic_evidence_verdict ON heuristic_evidence(verdict);
CREATE INDEX heuristic_evidence_run ON heuristic_evidence(run_id);

-- Every verdict given to a piece of evidence, in order (the evidence row shows the latest).
CREATE TABLE heuristic_evidence_decisions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    evidence_id  INTEGER NOT NULL REFERENCES heuristic_evidence(id),
    verdict      TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    reason       TEXT,
    at           TEXT NOT NULL
);
CREATE INDEX heuristic_evidence_decisions_e ON heuristic_evidence_decisions(evidence_id);

-- Every status change of a heuristic, with the evidence (or person) that moved it.
CREATE TABLE heuristic_status_changes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    heuristic_id  TEXT NOT NULL REFERENCES heuristics(id),
    from_status   TEXT NOT NULL,
    to_status     TEXT NOT NULL,
    evidence_id   INTEGER REFERENCES heuristic_evidence(id),
    run_id        TEXT,
    reason        TEXT,
    at            TEXT NOT NULL
);
CREATE INDEX heuristic_status_changes_h ON heuristic_status_changes(heuristic_id);
