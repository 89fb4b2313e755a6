-- Checks: every pass of the check/revise loop over a run's rendered report (gates and rubric), its findings,
-- the judge's score per metric, the loop's outcome, and people's approvals of held reports.
-- A report that fails a gate is held: never finalised, never ledgered, never published, until approved.

-- One check of one rendered version of a report (iteration 0 is the writer's first draft).
CREATE TABLE check_iterations (
    run_id        TEXT NOT NULL REFERENCES runs(id),
    iteration     INTEGER NOT NULL,
    checked_at    TEXT NOT NULL,
    errors        INTEGER NOT NULL,
    warnings      INTEGER NOT NULL,
    score         REAL,                      -- weighted rubric total, NULL when no judge model is configured
    max_score     REAL,
    threshold     REAL,
    passed        INTEGER NOT NULL,          -- no error findings and (no judge or score >= threshold)
    action        TEXT NOT NULL,             -- what the loop did next: revise, reframe, stop-passed, stop-limit, stop-stuck
    targets_json  TEXT NOT NULL DEFAULT '[]',-- what the next revision rewrote: ["story 2", "implications"]
    changes_json  TEXT NOT NULL DEFAULT '[]',-- what changed from the previous iteration, in words
    markdown      TEXT NOT NULL,             -- the rendered report that was checked
    draft_json    TEXT,                      -- the draft it was rendered from
    PRIMARY KEY (run_id, iteration)
);

CREATE TABLE check_findings (
    run_id     TEXT NOT NULL,
    iteration  INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    rule       TEXT NOT NULL,
    severity   TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    section    TEXT NOT NULL,
    story      INTEGER,
    line       INTEGER,
    message    TEXT NOT NULL,
    PRIMARY KEY (run_id, iteration, seq),
    FOREIGN KEY (run_id, iteration) REFERENCES check_iterations(run_id, iteration)
);
CREATE INDEX check_findings_rule ON check_findings(rule);

-- The judge's score (1-10) and reason for each rubric metric, per iteration; totals are computed in code.
CREATE TABLE rubric_scores (
    run_id     TEXT NOT NULL,
    iteration  INTEGER NOT NULL,
    metric     TEXT NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),
    weight     REAL NOT NULL,
    reason     TEXT NOT NULL,
    judge      TEXT NOT NULL,                -- provider:model
    PRIMARY KEY (run_id, iteration, metric),
    FOREIGN KEY (run_id, iteration) REFERENCES check_iterations(run_id, iteration)
);

-- The loop's verdict for a run: which iteration was kept and whether it passed or was held.
CREATE TABLE check_outcomes (
    run_id          TEXT PRIMARY KEY REFERENCES runs(id),
    status          TEXT NOT NULL CHECK (status IN ('passed', 'held', 'approved')),
    best_iteration  INTEGER NOT NULL,
    reason          TEXT NOT NULL,
    decided_at      TEXT NOT NULL
);

-- A person releasing a held report, with the reason; append-only.
CREATE TABLE approvals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id       TEXT NOT NULL REFERENCES runs(id),
    reason       TEXT NOT NULL,
    approved_by  TEXT NOT NULL,
    approved_at  TEXT NOT NULL,
    errors_at_approval INTEGER NOT NULL
);
CREATE INDEX approvals_run ON approvals(run_id);
