-- How first contacts arrive and who gets them (DOMAIN.md §3): the duty roster, web leads, tasks,
-- and a record of every assignment with the rule that made it.

-- A repeating duty: every <weekday> from <starts> to <ends> (minutes of the day, 1440 = midnight) in a zone.
CREATE TABLE duty_pattern (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  region_id     uuid,                              -- null: the whole workspace
  user_id       uuid NOT NULL,
  weekday       smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  starts        smallint NOT NULL CHECK (starts BETWEEN 0 AND 1439),
  ends          smallint NOT NULL CHECK (ends BETWEEN 1 AND 1440),
  time_zone     text NOT NULL,
  created_at    timestamptz NOT NULL,
  CHECK (ends > starts),
  FOREIGN KEY (workspace_id, user_id) REFERENCES membership (workspace_id, user_id),
  FOREIGN KEY (workspace_id, region_id) REFERENCES region (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX duty_pattern_idx ON duty_pattern (workspace_id, region_id, weekday);

-- A swap or one-off: this person covers [starts_at, ends_at) whatever the pattern says.
CREATE TABLE duty_swap (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  region_id     uuid,
  user_id       uuid NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  note          text,
  created_by    uuid NOT NULL,
  created_at    timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  FOREIGN KEY (workspace_id, user_id) REFERENCES membership (workspace_id, user_id),
  FOREIGN KEY (workspace_id, region_id) REFERENCES region (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX duty_swap_idx ON duty_swap (workspace_id, starts_at);

-- Something a person must do about a lead: call back a web lead, take over a call for an absent owner…
CREATE TABLE intake_task (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  assignee_id   uuid NOT NULL REFERENCES app_user (id),
  contact_id    uuid NOT NULL,
  kind          text NOT NULL,                      -- WEB_LEAD, INBOUND_CALL, EXHIBITION…
  title         text NOT NULL,
  details       jsonb,
  created_at    timestamptz NOT NULL,
  done_at       timestamptz,
  FOREIGN KEY (workspace_id, contact_id) REFERENCES contact (workspace_id, id)
);
CREATE INDEX intake_task_open_idx ON intake_task (workspace_id, assignee_id) WHERE done_at IS NULL;

-- Every routing decision: who got the lead, by which rule, and when they first touched it.
CREATE TABLE assignment (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id           uuid NOT NULL,
  contact_id             uuid NOT NULL,
  channel                text NOT NULL,             -- WEB, INBOUND_CALL, EXHIBITION, OTHER
  assignee_id            uuid REFERENCES app_user (id),
  path                   text NOT NULL,             -- OPEN_DEAL, NO_OPEN_DEAL, NEW_CLIENT
  rule                   text NOT NULL,             -- which rule fired, in words
  created_at             timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, contact_id) REFERENCES contact (workspace_id, id)
);
CREATE INDEX assignment_contact_idx ON assignment (workspace_id, contact_id);

-- A resubmitted web form (same Idempotency-Key) creates one lead.
CREATE TABLE web_submission (
  workspace_id     uuid NOT NULL REFERENCES workspace (id),
  idempotency_key  text NOT NULL,
  contact_id       uuid,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, idempotency_key)
);

-- Posts per client address and minute, shared by every instance.
CREATE TABLE web_rate (
  client        text NOT NULL,
  minute        timestamptz NOT NULL,
  hits          int NOT NULL,
  PRIMARY KEY (client, minute)
);
