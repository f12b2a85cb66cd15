-- Projects (DOMAIN.md §6): what a team sells or promotes, to whom, through which steps, with which
-- goals, KPI targets and review cadence; the outcome tree of §8 per project; scripts of §7 per
-- language; public holidays per country, on which nobody is called.

CREATE TABLE project (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id            uuid NOT NULL REFERENCES workspace (id),
  name                    text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  direction               text NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
  audience                text NOT NULL CHECK (audience IN ('NEW_CUSTOMERS', 'EXISTING_CUSTOMERS', 'SERVICE')),
  -- ordered steps: [{"kind": "DIRECT_MAIL" | "CATALOGUE" | "EMAIL" | "CALL", "afterDays": n, "note": …}]
  media_plan              jsonb NOT NULL,
  starts_on               date,
  ends_on                 date CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  review_cadence          text NOT NULL CHECK (review_cadence IN ('WEEKLY', 'DAILY', 'TWICE_DAILY')),
  kpi_targets             jsonb NOT NULL,
  primary_goal            text,
  secondary_goal          text,
  team_id                 uuid,
  -- queue order: ["AREA_CODE", "POSTCODE", "REGION", "SCORE", "CUSTOM:<field>", "OLDEST"] in priority order
  priority                jsonb NOT NULL,
  time_zone               text NOT NULL,
  -- {"MONDAY": [{"from": "09:00", "to": "20:00"}], …}, in the lead's local time
  calling_hours           jsonb NOT NULL,
  max_attempts            int NOT NULL CHECK (max_attempts BETWEEN 1 AND 100),
  max_calls_per_24h       int CHECK (max_calls_per_24h BETWEEN 1 AND 100),
  callback_grace_minutes  int NOT NULL CHECK (callback_grace_minutes BETWEEN 0 AND 10080),
  status                  text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'PAUSED', 'ENDED')),
  created_by              uuid REFERENCES app_user (id),
  created_at              timestamptz NOT NULL,
  updated_at              timestamptz NOT NULL,
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, team_id) REFERENCES team (workspace_id, id)
);
CREATE INDEX project_workspace_idx ON project (workspace_id, created_at DESC);

-- The outcome tree: node 1 is the call (connected or not), node 2 the system confirmation,
-- node 3 the revisit. Every outcome says what follows it.
CREATE TABLE project_outcome (
  workspace_id         uuid NOT NULL,
  project_id           uuid NOT NULL REFERENCES project (id),
  code                 text NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
  label                text CHECK (length(label) BETWEEN 1 AND 100),
  node                 smallint NOT NULL CHECK (node IN (1, 2, 3)),
  connected            boolean NOT NULL,
  final                boolean NOT NULL,
  follow_up            text NOT NULL CHECK (follow_up IN ('NONE', 'RETRY', 'CALLBACK', 'NEXT_STEP', 'NEVER', 'BOOK')),
  retry_delay_minutes  int CHECK (retry_delay_minutes BETWEEN 1 AND 525600),
  asks_reason          boolean NOT NULL DEFAULT false,
  built_in             boolean NOT NULL DEFAULT false,
  position             int NOT NULL,
  PRIMARY KEY (project_id, code),
  FOREIGN KEY (workspace_id, project_id) REFERENCES project (workspace_id, id)
);

CREATE TABLE project_script (
  workspace_id   uuid NOT NULL,
  project_id     uuid NOT NULL REFERENCES project (id),
  language       text NOT NULL CHECK (language ~ '^[a-z]{2}$'),
  word_for_word  boolean NOT NULL,
  body           jsonb NOT NULL,
  updated_by     uuid REFERENCES app_user (id),
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (project_id, language),
  FOREIGN KEY (workspace_id, project_id) REFERENCES project (workspace_id, id)
);

CREATE TABLE public_holiday (
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  country       text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  day           date NOT NULL,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  PRIMARY KEY (workspace_id, country, day)
);
