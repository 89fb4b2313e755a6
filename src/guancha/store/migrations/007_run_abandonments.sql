-- Runs a person gave up on (`guancha runs abandon RUN`): a killed or failed run that should not be resumed.
-- The run keeps its stages and status 'failed'; the next `guancha run` of that watcher and date starts a new
-- version instead of asking for --resume.
CREATE TABLE run_abandonments (
    run_id        TEXT PRIMARY KEY REFERENCES runs(id),
    abandoned_at  TEXT NOT NULL,
    abandoned_by  TEXT NOT NULL,
    reason        TEXT NOT NULL,
    was_status    TEXT NOT NULL,
    last_stage    TEXT
);
