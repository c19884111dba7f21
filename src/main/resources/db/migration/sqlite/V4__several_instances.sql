-- Several instances on one database (issue 15): the database decides, caches follow.
-- Keep logically identical in both dialects.

-- 1. Reading dedup enforced by the database. A reading with seq >= 0 is unique per
--    (site, device, seq, UTC day of "at"): two instances inserting the same redelivered reading at
--    once cannot both store it (INSERT ... ON CONFLICT DO NOTHING). The 24 h window probe of
--    ReadingRecords still runs first, so the index never refuses what the probe would accept.
--    Existing duplicates (same key, same day) are removed first, keeping the first stored.
DELETE FROM readings WHERE seq >= 0 AND id NOT IN (
    SELECT MIN(id) FROM readings WHERE seq >= 0 GROUP BY site, device, seq, at / 86400000);
CREATE UNIQUE INDEX readings_dedup_day ON readings (site, device, seq, (at / 86400000)) WHERE seq >= 0;

-- 2. Scan seq dedup, stored and keyed by the publisher (the key that sent it) and its scanner. A row
--    is written in the transaction that applied the scan, so a refused scan never occupies its seq.
--    A seq older than the window (a rebooted scanner counting again) is taken over, not refused.
CREATE TABLE scan_seqs (
    publisher TEXT   NOT NULL,
    site      TEXT   NOT NULL,
    scanner   TEXT   NOT NULL,
    seq       BIGINT NOT NULL,
    at        BIGINT NOT NULL,
    PRIMARY KEY (publisher, site, scanner, seq)
);

-- 3. The change log: one row per committed change of a unit, key, device, par level or alert,
--    written in the changing transaction; every instance polls it by id and re-reads the subject.
CREATE TABLE change_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      BIGINT NOT NULL,
    origin  TEXT   NOT NULL,
    kind    TEXT   NOT NULL,
    subject TEXT   NOT NULL
);
CREATE INDEX change_log_at ON change_log (at);

-- 4. One owner per site for timers and rules: a lease row renewed by its owner, taken over when expired.
CREATE TABLE site_leases (
    site    TEXT   PRIMARY KEY,
    owner   TEXT   NOT NULL,
    expires BIGINT NOT NULL
);

-- 5. Documents (devices, par levels, alerts, ...) get a version for compare-and-set writes.
ALTER TABLE documents ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
