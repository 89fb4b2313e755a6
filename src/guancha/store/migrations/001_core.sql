-- Core tables: watchers, their sources, every fetch attempt, articles with provenance, duplicate groups,
-- collections (one pass over a watcher's sources) and the per-watcher ledger of used URLs.
-- Times are ISO-8601 UTC strings ending in 'Z'. Keys are content-addressed where the content defines them.

CREATE TABLE watchers (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    spec_path   TEXT,
    spec_hash   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- A configured source of a watcher: feed URL, arXiv query, search query or page URL.
-- id = content_key(watcher_id, kind, target)
CREATE TABLE sources (
    id          TEXT PRIMARY KEY,
    watcher_id  TEXT NOT NULL REFERENCES watchers(id),
    kind        TEXT NOT NULL CHECK (kind IN ('feed', 'arxiv', 'search', 'page')),
    target      TEXT NOT NULL,
    label       TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX sources_watcher ON sources(watcher_id);

-- One pass of collection for a watcher. as_of is the reference time for the freshness window.
CREATE TABLE collections (
    id           TEXT PRIMARY KEY,
    watcher_id   TEXT NOT NULL REFERENCES watchers(id),
    as_of        TEXT NOT NULL,
    window_hours INTEGER NOT NULL,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    summary_json TEXT
);
CREATE INDEX collections_watcher ON collections(watcher_id, started_at);

-- Every HTTP attempt (or refusal before one), successful or not.
CREATE TABLE fetches (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id  TEXT REFERENCES collections(id),
    source_id      TEXT REFERENCES sources(id),
    url            TEXT NOT NULL,
    final_url      TEXT,
    purpose        TEXT NOT NULL,            -- feed, arxiv, search, page, article, robots
    status_code    INTEGER,
    bytes          INTEGER NOT NULL DEFAULT 0,
    truncated      INTEGER NOT NULL DEFAULT 0,
    not_modified   INTEGER NOT NULL DEFAULT 0,
    conditional    INTEGER NOT NULL DEFAULT 0,
    attempts       INTEGER NOT NULL DEFAULT 1,
    error_kind     TEXT,                     -- blocked-scheme, blocked-private, robots-disallowed, timeout, connect-error, dns-error, http-404, too-many-redirects, ...
    error          TEXT,
    started_at     TEXT NOT NULL,
    elapsed_ms     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fetches_source ON fetches(source_id, started_at);
CREATE INDEX fetches_collection ON fetches(collection_id);
CREATE INDEX fetches_url ON fetches(url);

-- Validators for conditional GET, per requested URL, with the body they validate: a 304 answer is
-- re-parsed from that blob, so a collection interrupted after a feed's fetch loses nothing on resume.
CREATE TABLE http_validators (
    url            TEXT PRIMARY KEY,
    etag           TEXT,
    last_modified  TEXT,
    blob_hash      TEXT,
    updated_at     TEXT NOT NULL
);

-- Raw response bodies, content-addressed (sha256 of the bytes), kept so extraction can be redone.
CREATE TABLE blobs (
    hash          TEXT PRIMARY KEY,
    content_type  TEXT,
    size          INTEGER NOT NULL,
    data          BLOB NOT NULL,            -- zlib-compressed
    created_at    TEXT NOT NULL
);

-- An article (web page, feed item or arXiv paper), one row per canonical URL.
-- id = content_key(canonical_url). dup_group = id of the group's original (itself when original).
CREATE TABLE articles (
    id                 TEXT PRIMARY KEY,
    canonical_url      TEXT NOT NULL UNIQUE,
    url                TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('article', 'paper')),
    title              TEXT,
    author             TEXT,
    outlet             TEXT,
    published_at       TEXT,
    published_precision TEXT,               -- second, day (a date without a time), NULL when undated
    published_via      TEXT NOT NULL,       -- feed, page-meta, http-header, arxiv, none
    text               TEXT NOT NULL DEFAULT '',
    summary            TEXT,
    text_via           TEXT NOT NULL,       -- trafilatura, feed-summary, arxiv-abstract, none
    language           TEXT,
    raw_hash           TEXT REFERENCES blobs(hash),
    content_hash       TEXT NOT NULL,       -- sha256 of normalised text: exact duplicates share it
    encoding_declared  TEXT,
    encoding_used      TEXT,
    text_repairs       TEXT,                -- JSON list of repairs applied (mojibake, encoding mismatch)
    truncated          INTEGER NOT NULL DEFAULT 0,
    dup_group          TEXT,
    dup_kind           TEXT CHECK (dup_kind IN ('original', 'exact', 'near')),
    dup_similarity     REAL,
    meta_json          TEXT,                -- arXiv fields (authors, affiliations, categories, links), feed tags
    source_id          TEXT REFERENCES sources(id),      -- the source it was first found through
    first_collection_id TEXT REFERENCES collections(id), -- the collection that first stored it
    first_seen_at      TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_dup_group ON articles(dup_group);
CREATE INDEX articles_published ON articles(published_at);

-- Every canonical URL an article is known by (feed link, URL after redirects, trusted rel=canonical),
-- so a link seen again is recognised without fetching it again.
CREATE TABLE article_urls (
    url         TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id),
    via         TEXT NOT NULL               -- link, final, canonical, arxiv
);
CREATE INDEX article_urls_article ON article_urls(article_id);

-- MinHash signatures, so near-duplicate detection spans earlier collections.
CREATE TABLE article_minhash (
    article_id  TEXT PRIMARY KEY REFERENCES articles(id),
    num_perm    INTEGER NOT NULL,
    signature   BLOB NOT NULL
);

-- Which watcher saw which article through which source. collection_id and in_window belong to the latest
-- collection that saw it (in_window against that collection's as_of and window).
CREATE TABLE sightings (
    watcher_id     TEXT NOT NULL REFERENCES watchers(id),
    article_id     TEXT NOT NULL REFERENCES articles(id),
    source_id      TEXT NOT NULL REFERENCES sources(id),
    collection_id  TEXT NOT NULL REFERENCES collections(id),
    in_window      INTEGER,                 -- 1 inside, 0 outside, NULL undated
    first_seen_at  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    PRIMARY KEY (watcher_id, article_id, source_id)
);
CREATE INDEX sightings_collection ON sightings(collection_id);

-- How each source fared in each collection: its health over time (``guancha sources``).
CREATE TABLE source_runs (
    collection_id  TEXT NOT NULL REFERENCES collections(id),
    source_id      TEXT NOT NULL REFERENCES sources(id),
    status         TEXT NOT NULL CHECK (status IN ('running', 'ok', 'partial', 'failed')),
    items_seen     INTEGER NOT NULL DEFAULT 0,
    items_new      INTEGER NOT NULL DEFAULT 0,
    errors_json    TEXT,                    -- [{url, kind, message}]
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    PRIMARY KEY (collection_id, source_id)
);
CREATE INDEX source_runs_source ON source_runs(source_id, started_at);

-- URLs a watcher has published; later reports must not reuse them.
CREATE TABLE used_urls (
    watcher_id     TEXT NOT NULL REFERENCES watchers(id),
    canonical_url  TEXT NOT NULL,
    report_id      TEXT NOT NULL,
    report_date    TEXT NOT NULL,
    added_at       TEXT NOT NULL,
    PRIMARY KEY (watcher_id, canonical_url)
);

-- Fingerprints of stories a watcher has published (for novelty against earlier reports).
CREATE TABLE story_fingerprints (
    watcher_id   TEXT NOT NULL REFERENCES watchers(id),
    fingerprint  TEXT NOT NULL,
    report_id    TEXT NOT NULL,
    report_date  TEXT NOT NULL,
    headline     TEXT NOT NULL,
    terms_json   TEXT NOT NULL,            -- the salient names/numbers behind the fingerprint
    added_at     TEXT NOT NULL,
    PRIMARY KEY (watcher_id, fingerprint)
);
