-- Device identity on API keys: the device/scanner ids a device key speaks for ('*' = site gateway,
-- comma-separated ids otherwise). NULL marks a key created before this column: a legacy gateway.
ALTER TABLE api_keys ADD COLUMN devices TEXT;
-- The audit log names the principal (id beside the name in actor) and the site an entry belongs to
-- (NULL = service-wide, e.g. an unscoped key), so a site-scoped admin sees only its site.
ALTER TABLE audit_log ADD COLUMN actor_id TEXT;
ALTER TABLE audit_log ADD COLUMN site TEXT;
-- Unit history names the principal that made each change beside the free-text operator.
ALTER TABLE unit_events ADD COLUMN key_id TEXT;
ALTER TABLE unit_events ADD COLUMN key_name TEXT;
