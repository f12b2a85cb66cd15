-- Reports (DOMAIN.md §6, §8): KPIs, funnels, review reports on each project's cadence, the live floor.

-- Reviews are e-mailed to supervisors: people may now have an address.
ALTER TABLE app_user ADD COLUMN email text CHECK (email IS NULL OR length(email) BETWEEN 3 AND 254);

-- Mail grows an HTML body and parts: inline images (charts) and attachments.
ALTER TABLE mail_message ADD COLUMN html text;
CREATE TABLE mail_part (
  message_id    uuid NOT NULL REFERENCES mail_message (id) ON DELETE CASCADE,
  position      int NOT NULL,
  content_id    text,                              -- an inline part, as the HTML refers to it (cid:…)
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  data          bytea NOT NULL,
  PRIMARY KEY (message_id, position)
);

-- Dialing: where each agent is now (the floor view), and the moment a call's talk ended (wrap-up begins).
CREATE TABLE agent_presence (
  workspace_id  uuid NOT NULL,
  user_id       uuid NOT NULL REFERENCES app_user (id),
  state         text NOT NULL CHECK (state IN ('WAITING', 'ON_CALL', 'WRAP_UP', 'PAUSED', 'OFFLINE')),
  project_id    uuid,
  attempt_id    uuid,
  since         timestamptz NOT NULL,
  seen_at       timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
ALTER TABLE call_attempt ADD COLUMN hung_up_at timestamptz;

-- The queue remembers each lead's source (§3) and how far it got: the first half of the funnel.
ALTER TABLE queue_entry ADD COLUMN source text NOT NULL DEFAULT 'OTHER';
ALTER TABLE queue_entry ADD COLUMN first_called_at timestamptz;
ALTER TABLE queue_entry ADD COLUMN connected_at timestamptz;
ALTER TABLE queue_entry ADD COLUMN qualified_at timestamptz;
UPDATE queue_entry q SET source = c.source FROM contact c WHERE c.id = q.contact_id AND c.source IS NOT NULL;
UPDATE queue_entry q SET first_called_at = a.first, connected_at = a.connected, qualified_at = a.qualified
FROM (SELECT queue_entry_id, min(ended_at) AS first, min(ended_at) FILTER (WHERE connected) AS connected,
             min(ended_at) FILTER (WHERE qualified) AS qualified
      FROM call_attempt WHERE outcome IS NOT NULL GROUP BY queue_entry_id) a
WHERE a.queue_entry_id = q.id;
CREATE INDEX queue_entry_funnel_idx ON queue_entry (project_id, added_at)
  INCLUDE (source, first_called_at, connected_at, qualified_at);

-- Reporting's own counts, kept by its listeners in the transaction of each recorded event (so a
-- count is never lost or made twice), per project, local hour of the project's zone, agent and source.
CREATE TABLE report_hour (
  workspace_id             uuid NOT NULL,
  project_id               uuid NOT NULL,
  hour                     timestamp NOT NULL,    -- local hour in the project's zone
  agent_id                 uuid NOT NULL,
  source                   text NOT NULL,
  dials                    int NOT NULL DEFAULT 0,
  connects                 int NOT NULL DEFAULT 0,
  talk_seconds             bigint NOT NULL DEFAULT 0,
  handle_seconds           bigint NOT NULL DEFAULT 0,  -- from the lead on screen to the outcome saved
  successful_calls         int NOT NULL DEFAULT 0,
  successful_talk_seconds  bigint NOT NULL DEFAULT 0,
  qualified                int NOT NULL DEFAULT 0,
  resolved                 int NOT NULL DEFAULT 0,     -- calls with a final outcome
  resolved_first_call      int NOT NULL DEFAULT 0,     -- ...that were the lead's first call in the project
  appointments_set         int NOT NULL DEFAULT 0,
  appointments_held        int NOT NULL DEFAULT 0,
  appointments_no_show     int NOT NULL DEFAULT 0,
  deals_won                int NOT NULL DEFAULT 0,
  revenue                  numeric(16, 2) NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, hour, agent_id, source)
);
CREATE INDEX report_hour_workspace_idx ON report_hour (workspace_id, hour);

-- The same counts per local day: what reports over whole days read (a tenth of the rows or fewer);
-- the hours serve the half-day reviews.
CREATE TABLE report_day (
  workspace_id             uuid NOT NULL,
  project_id               uuid NOT NULL,
  day                      date NOT NULL,         -- local day in the project's zone
  agent_id                 uuid NOT NULL,
  source                   text NOT NULL,
  dials                    int NOT NULL DEFAULT 0,
  connects                 int NOT NULL DEFAULT 0,
  talk_seconds             bigint NOT NULL DEFAULT 0,
  handle_seconds           bigint NOT NULL DEFAULT 0,  -- from the lead on screen to the outcome saved
  successful_calls         int NOT NULL DEFAULT 0,
  successful_talk_seconds  bigint NOT NULL DEFAULT 0,
  qualified                int NOT NULL DEFAULT 0,
  resolved                 int NOT NULL DEFAULT 0,     -- calls with a final outcome
  resolved_first_call      int NOT NULL DEFAULT 0,     -- ...that were the lead's first call in the project
  appointments_set         int NOT NULL DEFAULT 0,
  appointments_held        int NOT NULL DEFAULT 0,
  appointments_no_show     int NOT NULL DEFAULT 0,
  deals_won                int NOT NULL DEFAULT 0,
  revenue                  numeric(16, 2) NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, day, agent_id, source)
);
CREATE INDEX report_day_workspace_idx ON report_day (workspace_id, day);

-- Outcomes per node of the tree (§8): node 1 the call, 2 the system confirmation, 3 the revisit.
CREATE TABLE report_outcome_hour (
  workspace_id  uuid NOT NULL,
  project_id    uuid NOT NULL,
  hour          timestamp NOT NULL,
  agent_id      uuid NOT NULL,
  node          smallint NOT NULL,
  code          text NOT NULL,
  connected     boolean NOT NULL,
  calls         int NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, hour, agent_id, node, code)
);

-- The second half of the funnel, per lead: booked, held, won (the first half is the queue's).
CREATE TABLE report_lead (
  workspace_id  uuid NOT NULL,
  project_id    uuid NOT NULL,
  contact_id    uuid NOT NULL,
  source        text NOT NULL,
  entered_at    timestamptz NOT NULL,           -- when the lead entered the project's queue
  booked_at     timestamptz,
  held_at       timestamptz,
  won_at        timestamptz,
  PRIMARY KEY (project_id, contact_id)
);
CREATE INDEX report_lead_cohort_idx ON report_lead (project_id, entered_at);

-- Review reports, one per project and period, stored and e-mailed; the supervisor notes decisions.
CREATE TABLE report_review (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id   uuid NOT NULL,
  project_id     uuid NOT NULL REFERENCES project (id),
  cadence        text NOT NULL,
  period_start   timestamptz NOT NULL,
  period_end     timestamptz NOT NULL,
  figures        jsonb NOT NULL,
  recipients     text[] NOT NULL,
  generated_at   timestamptz NOT NULL,
  decisions      text,
  decided_by     uuid REFERENCES app_user (id),
  decided_at     timestamptz,
  UNIQUE (project_id, period_start),
  UNIQUE (workspace_id, id)
);
CREATE INDEX report_review_workspace_idx ON report_review (workspace_id, period_start DESC);

-- What happened before this version, counted once.
INSERT INTO report_hour (workspace_id, project_id, hour, agent_id, source, dials, connects, talk_seconds,
  handle_seconds, successful_calls, successful_talk_seconds, qualified)
SELECT a.workspace_id, a.project_id, date_trunc('hour', a.started_at AT TIME ZONE p.time_zone), a.agent_id,
  coalesce(c.source, 'OTHER'), count(*), count(*) FILTER (WHERE a.connected),
  coalesce(sum(a.talk_seconds), 0), coalesce(sum(extract(epoch FROM a.ended_at - a.started_at)), 0)::bigint,
  count(*) FILTER (WHERE a.qualified), coalesce(sum(a.talk_seconds) FILTER (WHERE a.qualified), 0),
  count(*) FILTER (WHERE a.qualified)
FROM call_attempt a JOIN project p ON p.id = a.project_id LEFT JOIN contact c ON c.id = a.contact_id
WHERE a.outcome IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_outcome_hour (workspace_id, project_id, hour, agent_id, node, code, connected, calls)
SELECT a.workspace_id, a.project_id, date_trunc('hour', a.started_at AT TIME ZONE p.time_zone), a.agent_id, 1,
  a.outcome, bool_or(a.connected), count(*)
FROM call_attempt a JOIN project p ON p.id = a.project_id
WHERE a.outcome IS NOT NULL
GROUP BY 1, 2, 3, 4, 6;
INSERT INTO report_day (workspace_id, project_id, day, agent_id, source, dials, connects, talk_seconds, handle_seconds,
  successful_calls, successful_talk_seconds, qualified, resolved, resolved_first_call, appointments_set,
  appointments_held, appointments_no_show, deals_won, revenue)
SELECT workspace_id, project_id, hour::date, agent_id, source, sum(dials), sum(connects), sum(talk_seconds),
  sum(handle_seconds), sum(successful_calls), sum(successful_talk_seconds), sum(qualified), sum(resolved),
  sum(resolved_first_call), sum(appointments_set), sum(appointments_held), sum(appointments_no_show), sum(deals_won),
  sum(revenue)
FROM report_hour GROUP BY 1, 2, 3, 4, 5;
