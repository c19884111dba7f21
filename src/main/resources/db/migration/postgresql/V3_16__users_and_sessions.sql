-- Personal accounts and browser sessions (issue 16). Keep identical to the other dialect's file.
-- password_hash is an Argon2id PHC string; a session is stored by the SHA-256 of its random id,
-- so a copy of the database does not let anyone log in.
CREATE TABLE users (
    username      TEXT   PRIMARY KEY,
    role          TEXT   NOT NULL,
    site          TEXT,
    password_hash TEXT   NOT NULL,
    created       BIGINT NOT NULL,
    password_set  BIGINT NOT NULL
);

CREATE TABLE sessions (
    id_hash   TEXT   PRIMARY KEY,
    username  TEXT   NOT NULL,
    csrf      TEXT   NOT NULL,
    created   BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_username ON sessions (username);
