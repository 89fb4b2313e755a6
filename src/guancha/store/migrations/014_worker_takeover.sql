-- Several workers on one PostgreSQL (`guancha serve` on several machines): a worker whose heartbeat is older
-- than `serve.takeover_after_s` is dead, and one live worker takes its unfinished runs over. The claim is this
-- column, set once by a compare-and-set, so two live workers never both take the same dead worker's runs.

ALTER TABLE heartbeats ADD COLUMN taken_over_by TEXT
