-- Issue 13: one index less to maintain per stored reading. The duplicate probe of ReadingRecords reads
-- the unique index readings_dedup_day (site, device, seq, UTC day; migration V4) over the days its 24 h
-- window spans, and the highest seq of a device comes from the same index, so readings_site_device_seq_at
-- (migration V2) serves no query any more. Keep logically identical in both dialects.
DROP INDEX IF EXISTS readings_site_device_seq_at;
