-- The call queue (DOMAIN.md §5, §8): one row per lead in a project, claimed by one agent at a time
-- with FOR UPDATE SKIP LOCKED; every call attempt with its outcome; the do-not-call list.

CREATE TABLE queue_entry (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     uuid NOT NULL,
  project_id       uuid NOT NULL,
  contact_id       uuid NOT NULL,
  phone            text NOT NULL,                  -- E.164, the number this queue dials
  country          text,
  time_zone        text NOT NULL,                  -- the lead's zone: from the number, else the project's
  zone_key         text NOT NULL,                  -- time_zone|country: what the calling window is decided on
  -- WAITING: due later; READY: due now (the claim walks only these); LEASED: with an agent
  state            text NOT NULL CHECK (state IN ('WAITING', 'READY', 'LEASED', 'DONE', 'EXHAUSTED', 'BLOCKED')),
  rank             smallint NOT NULL DEFAULT 1,    -- 0: a callback, served before everything else once due
  priority         text NOT NULL COLLATE "C",      -- the project's order, as one sortable key
  due_at           timestamptz NOT NULL,
  step             smallint NOT NULL DEFAULT 0,    -- index of the media plan's call step
  attempts         int NOT NULL DEFAULT 0,         -- in this step
  leased_to        uuid,
  lease_expires    timestamptz,
  attempt_id       uuid,
  callback_for     uuid,                           -- a "mine" callback's agent...
  callback_until   timestamptz,                    -- ...until the grace period ends
  exit_reason      text,
  added_at         timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  UNIQUE (project_id, contact_id),
  FOREIGN KEY (workspace_id, project_id) REFERENCES project (workspace_id, id),
  FOREIGN KEY (workspace_id, contact_id) REFERENCES contact (workspace_id, id)
);
CREATE INDEX queue_entry_ready_idx ON queue_entry (project_id, rank, priority, due_at, id) WHERE state = 'READY';
CREATE INDEX queue_entry_waiting_idx ON queue_entry (project_id, due_at) WHERE state = 'WAITING';
CREATE INDEX queue_entry_leased_idx ON queue_entry (project_id, leased_to) WHERE state = 'LEASED';
CREATE INDEX queue_entry_lease_expiry_idx ON queue_entry (project_id, lease_expires) WHERE state = 'LEASED';
CREATE INDEX queue_entry_phone_idx ON queue_entry (workspace_id, phone);
CREATE INDEX queue_entry_contact_idx ON queue_entry (contact_id);

-- The zones (with their country, for holidays) a project's leads live in: the app works out which
-- are inside their calling window now, and the claim serves only those.
CREATE TABLE queue_zone (
  project_id  uuid NOT NULL REFERENCES project (id),
  zone_key    text NOT NULL,
  PRIMARY KEY (project_id, zone_key)
);

CREATE TABLE call_attempt (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL,
  project_id       uuid NOT NULL,
  queue_entry_id   bigint NOT NULL REFERENCES queue_entry (id),
  contact_id       uuid NOT NULL,
  agent_id         uuid NOT NULL REFERENCES app_user (id),
  phone            text NOT NULL,
  step             smallint NOT NULL,
  inbound          boolean NOT NULL DEFAULT false,
  started_at       timestamptz NOT NULL,
  outcome          text,
  connected        boolean,
  notes            text,
  reason           text,
  callback_at      timestamptz,
  callback_for     text CHECK (callback_for IN ('ME', 'ANYONE')),
  qualification    jsonb,
  qualified        boolean,
  talk_seconds     int CHECK (talk_seconds BETWEEN 0 AND 86400),
  ended_at         timestamptz,
  confirmation     text,                          -- node 2 of the outcome tree
  revisit          text,                          -- node 3
  FOREIGN KEY (workspace_id, project_id) REFERENCES project (workspace_id, id)
);
CREATE INDEX call_attempt_entry_idx ON call_attempt (queue_entry_id, ended_at);
CREATE INDEX call_attempt_project_idx ON call_attempt (project_id, ended_at);
CREATE INDEX call_attempt_contact_idx ON call_attempt (contact_id, started_at DESC);
CREATE INDEX call_attempt_agent_idx ON call_attempt (agent_id, started_at DESC);

CREATE TABLE dnc_number (
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  phone         text NOT NULL,                   -- E.164: the whole number, area code included
  raw           text NOT NULL,
  source        text NOT NULL CHECK (source IN ('MANUAL', 'FILE', 'CARD')),
  added_by      uuid REFERENCES app_user (id),
  added_at      timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, phone)
);
