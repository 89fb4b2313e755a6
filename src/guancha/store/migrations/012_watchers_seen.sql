-- When guancha first saw each watcher spec (a watchdog check, `guancha status` or the worker evaluating
-- alarms): the baseline for a scheduled watcher that has never produced a report. It is late once its first
-- tick after that moment plus the grace has passed, instead of never (a watcher whose runs never start would
-- otherwise be silent forever). Times are the evaluating clock's, as for incidents.

CREATE TABLE watchers_seen (
    watcher_id     TEXT PRIMARY KEY,
    first_seen_at  TEXT NOT NULL
);
