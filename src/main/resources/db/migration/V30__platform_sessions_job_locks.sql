-- Two instances, one service.
-- Page sessions in the database (Spring Session JDBC's own layout for PostgreSQL), so a person signed in
-- through one instance is signed in through every other. Expired sessions are deleted every minute by
-- each instance (spring.session.jdbc.cleanup-cron).
CREATE TABLE spring_session (
  primary_id            char(36) NOT NULL,
  session_id            char(36) NOT NULL,
  creation_time         bigint NOT NULL,
  last_access_time      bigint NOT NULL,
  max_inactive_interval int NOT NULL,
  expiry_time           bigint NOT NULL,
  principal_name        varchar(100),
  CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
  session_primary_id char(36) NOT NULL,
  attribute_name     varchar(200) NOT NULL,
  attribute_bytes    bytea NOT NULL,
  CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
  CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
    REFERENCES spring_session (primary_id) ON DELETE CASCADE
);

-- ShedLock: a scheduled job that must run once per tick across all instances (the nightly model refit,
-- the review sweep) takes its row here first; the others skip that tick. Times are the database's (UTC).
CREATE TABLE shedlock (
  name       varchar(64) NOT NULL PRIMARY KEY,
  lock_until timestamp NOT NULL,
  locked_at  timestamp NOT NULL,
  locked_by  varchar(255) NOT NULL
);
