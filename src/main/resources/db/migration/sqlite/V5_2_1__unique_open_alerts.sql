-- Several instances (issue 15): one unresolved alert per (kind, site, subject), enforced by the database.
-- Keep logically identical in both dialects.
--
-- A document may hold a live key: a unique identity within its collection while it is live. An
-- unresolved alert holds 'kind/site/subject' (AlertKey.toString); a resolved one holds none. Alerts
-- are inserted with ON CONFLICT DO NOTHING, so two instances raising the same condition store one,
-- and changed with UPDATE ... WHERE version = ? (compare-and-set on documents.version, V4).
ALTER TABLE documents ADD COLUMN live_key TEXT;

-- Existing duplicates (raised once per instance before this version): the first opened stays
-- unresolved, every later one of the same key is resolved by this migration.
UPDATE documents
SET json = json_set(json, '$.state', 'RESOLVED', '$.resolvedBy', 'migration V5_2_1 (duplicate)',
                    '$.nextReminderAt', NULL, '$.nextEscalationAt', NULL),
    version = version + 1
WHERE collection = 'alerts' AND id IN (
    SELECT id FROM (
        SELECT id, ROW_NUMBER() OVER (
                   PARTITION BY json_extract(json, '$.kind'), json_extract(json, '$.site'), json_extract(json, '$.subject')
                   ORDER BY json_extract(json, '$.opened'), id) AS n
        FROM documents
        WHERE collection = 'alerts' AND json_extract(json, '$.state') <> 'RESOLVED')
    WHERE n > 1);

UPDATE documents
SET live_key = json_extract(json, '$.kind') || '/' || json_extract(json, '$.site') || '/' || json_extract(json, '$.subject')
WHERE collection = 'alerts' AND json_extract(json, '$.state') <> 'RESOLVED';

CREATE UNIQUE INDEX documents_live_key ON documents (collection, live_key) WHERE live_key IS NOT NULL;
