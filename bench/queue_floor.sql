-- The floor of the call-queue benchmark (bench/queue.sh): a bare work queue in one table,
-- leased with SELECT ... FOR UPDATE SKIP LOCKED, on the same PostgreSQL as the app.
--
-- This file creates and fills the table; bench/queue_floor_pgbench.sql is the pgbench script
-- each client loops (lease one due READY row, then mark it DONE: next -> outcome, bare).
--
--   psql -v rows=1000000 -f bench/queue_floor.sql     (rows: default 1,000,000)
--
-- All rows are in project 1 and READY, due at random moments of the past 30 days (random
-- order against the heap, like leads imported over time). The partial index holds the READY
-- rows only, ordered by due: the one the lease walks. Logged table, default fillfactor, with
-- the server's durability settings (fsync and synchronous_commit on, as the app has them).
\set ON_ERROR_STOP on
\if :{?rows}
\else
  \set rows 1000000
\endif

SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_queue;
CREATE TABLE bench_queue (
    id            bigint PRIMARY KEY,
    project       int         NOT NULL,
    state         text        NOT NULL,
    due           timestamptz NOT NULL,
    leased_to     int,
    lease_expires timestamptz
);

SELECT setseed(0.42) AS seeded \gset
INSERT INTO bench_queue (id, project, state, due)
SELECT g, 1, 'READY', now() - random() * interval '30 days'
FROM generate_series(1, :rows) AS g;

CREATE INDEX bench_queue_ready ON bench_queue (project, due) WHERE state = 'READY';
VACUUM (ANALYZE) bench_queue;
CHECKPOINT;

SELECT count(*) AS ready_rows, pg_size_pretty(pg_table_size('bench_queue')) AS table_size,
       pg_size_pretty(pg_relation_size('bench_queue_ready')) AS ready_index_size
FROM bench_queue WHERE state = 'READY';
