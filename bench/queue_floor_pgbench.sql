-- pgbench script of the call-queue floor (bench/queue.sh; the table: bench/queue_floor.sql).
-- One pgbench "transaction" = one cycle = two statements, each its own transaction, as the
-- app's next and outcome are two requests:
--   next:    lease the earliest due READY row of project 1 that no other client has locked;
--   outcome: mark it DONE.
-- :client_id is pgbench's own variable. If the queue ran dry the UPDATE would return no row and
-- \gset would abort the client: bench/queue.sh counts the READY rows left and warns.
UPDATE bench_queue SET state = 'LEASED', leased_to = :client_id, lease_expires = now() + interval '5 minutes'
WHERE id = (SELECT id FROM bench_queue
            WHERE project = 1 AND state = 'READY' AND due <= now()
            ORDER BY due FOR UPDATE SKIP LOCKED LIMIT 1)
RETURNING id \gset
UPDATE bench_queue SET state = 'DONE' WHERE id = :id;
