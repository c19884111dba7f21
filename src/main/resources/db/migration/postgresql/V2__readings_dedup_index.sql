-- The duplicate check (same site, device and seq within 24 h of "at") must be answered by one index
-- probe. With (site, device, seq) alone SQLite's planner prefers readings_site_device_at for the
-- "at" range and then scans every reading of the device in 48 h: insert cost grew with the data.
-- (site, device, seq, at) serves all four conditions, so it is chosen, and covers the query.
DROP INDEX readings_site_device_seq;
CREATE INDEX readings_site_device_seq_at ON readings (site, device, seq, at);
