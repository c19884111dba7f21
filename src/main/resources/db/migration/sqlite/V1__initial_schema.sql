-- Hemowatch store, SQLite dialect. Keep logically identical to postgresql/V1__initial_schema.sql.
-- Timestamps are epoch milliseconds (UTC) in BIGINT columns.

CREATE TABLE units (
    din           TEXT    NOT NULL,
    product_code  TEXT    NOT NULL,
    division      TEXT    NOT NULL,
    component     TEXT    NOT NULL,
    abo           TEXT    NOT NULL,
    rhd           TEXT    NOT NULL,
    expires       BIGINT  NOT NULL,
    site          TEXT    NOT NULL,
    location      TEXT,
    destination   TEXT,
    status        TEXT    NOT NULL,
    status_reason TEXT,
    updated       BIGINT  NOT NULL,
    version       BIGINT  NOT NULL,
    PRIMARY KEY (din, product_code, division)
);

CREATE TABLE unit_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    din           TEXT    NOT NULL,
    product_code  TEXT    NOT NULL,
    division      TEXT    NOT NULL,
    action        TEXT    NOT NULL,
    from_status   TEXT,
    to_status     TEXT    NOT NULL,
    at            BIGINT  NOT NULL,
    site          TEXT,
    location      TEXT,
    destination   TEXT,
    actor         TEXT,
    source        TEXT,
    reason        TEXT
);
CREATE INDEX unit_events_din ON unit_events (din);
CREATE INDEX unit_events_action_at ON unit_events (action, at);

CREATE TABLE api_keys (
    id       TEXT   PRIMARY KEY,
    name     TEXT   NOT NULL,
    role     TEXT   NOT NULL,
    site     TEXT,
    key_hash TEXT   NOT NULL UNIQUE,
    created  BIGINT NOT NULL,
    revoked  BIGINT
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      BIGINT NOT NULL,
    actor   TEXT   NOT NULL,
    action  TEXT   NOT NULL,
    subject TEXT,
    detail  TEXT
);

CREATE TABLE readings (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    site     TEXT   NOT NULL,
    device   TEXT   NOT NULL,
    seq      BIGINT NOT NULL,
    at       BIGINT NOT NULL,
    temp_c   REAL,
    probe    TEXT   NOT NULL,
    door     TEXT   NOT NULL,
    agitator TEXT   NOT NULL,
    source   TEXT
);
CREATE INDEX readings_site_device_at ON readings (site, device, at);
-- duplicate check: same (site, device, seq) within 24 h
CREATE INDEX readings_site_device_seq ON readings (site, device, seq);
-- retention deletes by age
CREATE INDEX readings_at ON readings (at);

CREATE TABLE documents (
    collection TEXT   NOT NULL,
    id         TEXT   NOT NULL,
    json       TEXT   NOT NULL,
    updated    BIGINT NOT NULL,
    PRIMARY KEY (collection, id)
);
