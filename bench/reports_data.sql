-- Report benchmark data, generated in the database: one project with :leads leads and :attempts
-- call attempts by :agents agents spread over the :days days before now, then reporting's counts
-- built from them as the migration builds them for existing data. psql variables: ws, project,
-- leads, attempts, agents, days. Deterministic (setseed).
\set ON_ERROR_STOP on
SELECT setseed(0.42);
\echo agents
INSERT INTO app_user (username, password_hash, display_name)
SELECT 'bench-agent-' || g || '-' || left(:'project', 8), '{noop}disabled', 'Agent ' || g FROM generate_series(1, :agents) g;
INSERT INTO membership (workspace_id, user_id, roles)
SELECT :'ws', id, ARRAY['AGENT'] FROM app_user WHERE username LIKE 'bench-agent-%-' || left(:'project', 8);
CREATE TEMP TABLE bench_agent AS
SELECT row_number() OVER (ORDER BY username) - 1 AS n, id FROM app_user
WHERE username LIKE 'bench-agent-%-' || left(:'project', 8);

\echo contacts
INSERT INTO contact (workspace_id, display_name, source, fingerprint, created_at, updated_at)
SELECT :'ws', 'Lead ' || g, (ARRAY['INBOUND_CALL', 'AGENT', 'WEB', 'EXHIBITION', 'OTHER'])[1 + g % 5],
       'bench-' || g, now() - make_interval(days => :days), now() - make_interval(days => :days)
FROM generate_series(1, :leads) g;

\echo queue entries
INSERT INTO queue_entry (workspace_id, project_id, contact_id, phone, time_zone, zone_key, state, priority, due_at,
                         source, added_at, updated_at)
SELECT :'ws', :'project', c.id, '+4722' || lpad(c.n::text, 7, '0'), 'Europe/Oslo', 'Europe/Oslo|NO', 'DONE',
       lpad(c.n::text, 10, '0'), now(), c.source,
       now() - make_interval(days => :days) + (c.n::double precision / :leads) * make_interval(days => :days - 7),
       now()
FROM (SELECT id, source, row_number() OVER (ORDER BY id) AS n FROM contact WHERE workspace_id = :'ws') c;
CREATE TEMP TABLE bench_entry AS
SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, contact_id, phone, added_at, source FROM queue_entry
WHERE project_id = :'project';
CREATE UNIQUE INDEX ON bench_entry (n);
ANALYZE bench_entry;

\echo call attempts
-- Outcomes in the proportions of a cold list: most not connected; of the connected, most rejected.
INSERT INTO call_attempt (workspace_id, project_id, queue_entry_id, contact_id, agent_id, phone, step, started_at,
                          outcome, connected, talk_seconds, ended_at, qualified)
SELECT :'ws', :'project', e.id, e.contact_id, a.id, e.phone, 0, s.started,
       o.code, o.connected, CASE WHEN o.connected THEN 30 + (s.r2 * 330)::int ELSE 0 END,
       s.started + make_interval(secs => 20 + (s.r2 * 300)::int), o.code = 'INTERESTED'
FROM (SELECT g, random() AS r, random() AS r2, random() AS r3,
             g % :leads AS entry, g % :agents AS agent, (random() * 6)::int AS offset_days
      FROM generate_series(0, :attempts - 1) g) x
JOIN bench_entry e ON e.n = x.entry
JOIN bench_agent a ON a.n = x.agent
-- a weekday, between 08:00 and 17:00 in Oslo: when a floor calls
CROSS JOIN LATERAL (SELECT (e.added_at AT TIME ZONE 'Europe/Oslo')::date + x.offset_days AS day) d
CROSS JOIN LATERAL (SELECT d.day + CASE extract(isodow FROM d.day) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END AS day) w
CROSS JOIN LATERAL (SELECT least((w.day + make_interval(secs => 28800 + x.r3 * 32400)) AT TIME ZONE 'Europe/Oslo',
                                 now()) AS started, x.r2) s
CROSS JOIN LATERAL (SELECT CASE WHEN x.r < 0.40 THEN 'NO_ANSWER' WHEN x.r < 0.52 THEN 'BUSY'
                                WHEN x.r < 0.58 THEN 'SWITCHED_OFF' WHEN x.r < 0.61 THEN 'HUNG_UP'
                                WHEN x.r < 0.62 THEN 'INVALID_NUMBER' WHEN x.r < 0.80 THEN 'REJECTED'
                                WHEN x.r < 0.90 THEN 'FOLLOW_UP' WHEN x.r < 0.995 THEN 'INTERESTED' ELSE 'DEAL' END AS code,
                           x.r >= 0.62 AS connected) o;

\echo the first half of the funnel
UPDATE queue_entry q SET first_called_at = a.first, connected_at = a.connected, qualified_at = a.qualified
FROM (SELECT queue_entry_id, min(ended_at) AS first, min(ended_at) FILTER (WHERE connected) AS connected,
             min(ended_at) FILTER (WHERE qualified) AS qualified
      FROM call_attempt WHERE project_id = :'project' GROUP BY queue_entry_id) a
WHERE a.queue_entry_id = q.id;

\echo reporting counts
INSERT INTO report_hour (workspace_id, project_id, hour, agent_id, source, dials, connects, talk_seconds,
  handle_seconds, successful_calls, successful_talk_seconds, qualified, resolved, appointments_set)
SELECT a.workspace_id, a.project_id, date_trunc('hour', a.started_at AT TIME ZONE 'Europe/Oslo'), a.agent_id,
  e.source, count(*), count(*) FILTER (WHERE a.connected), sum(a.talk_seconds),
  sum(extract(epoch FROM a.ended_at - a.started_at))::bigint,
  count(*) FILTER (WHERE a.qualified OR a.outcome = 'DEAL'),
  coalesce(sum(a.talk_seconds) FILTER (WHERE a.qualified OR a.outcome = 'DEAL'), 0),
  count(*) FILTER (WHERE a.qualified),
  count(*) FILTER (WHERE a.outcome IN ('REJECTED', 'INTERESTED', 'DEAL', 'INVALID_NUMBER')),
  count(*) FILTER (WHERE a.qualified)
FROM call_attempt a JOIN bench_entry e ON e.id = a.queue_entry_id
WHERE a.project_id = :'project'
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_day (workspace_id, project_id, day, agent_id, source, dials, connects, talk_seconds, handle_seconds,
  successful_calls, successful_talk_seconds, qualified, resolved, appointments_set)
SELECT workspace_id, project_id, hour::date, agent_id, source, sum(dials), sum(connects), sum(talk_seconds),
  sum(handle_seconds), sum(successful_calls), sum(successful_talk_seconds), sum(qualified), sum(resolved),
  sum(appointments_set)
FROM report_hour WHERE project_id = :'project' GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_outcome_hour (workspace_id, project_id, hour, agent_id, node, code, connected, calls)
SELECT a.workspace_id, a.project_id, date_trunc('hour', a.started_at AT TIME ZONE 'Europe/Oslo'), a.agent_id, 1,
  a.outcome, bool_or(a.connected), count(*)
FROM call_attempt a WHERE a.project_id = :'project'
GROUP BY 1, 2, 3, 4, 6;
INSERT INTO report_lead (workspace_id, project_id, contact_id, source, entered_at, booked_at, held_at, won_at)
SELECT :'ws', :'project', e.contact_id, e.source, e.added_at, q.qualified_at,
       CASE WHEN random() < 0.6 THEN q.qualified_at + interval '3 days' END,
       CASE WHEN random() < 0.15 THEN q.qualified_at + interval '20 days' END
FROM queue_entry q JOIN bench_entry e ON e.id = q.id WHERE q.qualified_at IS NOT NULL;

\echo presence
INSERT INTO agent_presence (workspace_id, user_id, state, project_id, since, seen_at)
SELECT :'ws', id, (ARRAY['WAITING', 'ON_CALL', 'WRAP_UP', 'PAUSED'])[1 + n % 4], :'project', now(), now()
FROM bench_agent;

VACUUM ANALYZE call_attempt;
VACUUM ANALYZE queue_entry;
VACUUM ANALYZE report_hour;
VACUUM ANALYZE report_day;
VACUUM ANALYZE report_outcome_hour;
VACUUM ANALYZE report_lead;
SELECT (SELECT count(*) FROM call_attempt WHERE project_id = :'project') AS attempts,
       (SELECT count(*) FROM queue_entry WHERE project_id = :'project') AS leads,
       (SELECT count(*) FROM report_hour WHERE project_id = :'project') AS hour_rows,
       (SELECT count(*) FROM report_day WHERE project_id = :'project') AS day_rows,
       (SELECT count(*) FROM report_lead WHERE project_id = :'project') AS booked_leads;
