-- The sales process (DOMAIN.md §2, §3.2, §9): pipelines with stages and exit criteria, the deal's stage
-- history with the data known when it left each stage, its buying team, touches, notes and checklist,
-- disqualification, the learnt win model, and the commission ledger.

-- A workspace's pipelines. Stages and their exit criteria are one ordered document, replaced whole;
-- stage codes are what history keeps, so renaming a stage never rewrites the past.
CREATE TABLE deal_pipeline (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL REFERENCES workspace (id),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  stages             jsonb NOT NULL,
  gone_dark_days     integer NOT NULL DEFAULT 14 CHECK (gone_dark_days BETWEEN 1 AND 365),
  stalled_factor     numeric(4, 2) NOT NULL DEFAULT 2 CHECK (stalled_factor > 0),
  min_closed_deals   integer NOT NULL DEFAULT 30 CHECK (min_closed_deals >= 10),
  is_default         boolean NOT NULL DEFAULT false,
  updated_at         timestamptz NOT NULL,
  UNIQUE (workspace_id, id),
  UNIQUE (workspace_id, name)
);
CREATE UNIQUE INDEX deal_pipeline_default_key ON deal_pipeline (workspace_id) WHERE is_default;

-- Deal settings of a workspace: disqualification reasons and who takes won customers over (DOMAIN.md §2).
CREATE TABLE deal_settings (
  workspace_id        uuid PRIMARY KEY REFERENCES workspace (id),
  dq_reasons          jsonb NOT NULL,
  account_manager_id  uuid REFERENCES app_user (id),
  updated_at          timestamptz NOT NULL
);

ALTER TABLE deal DROP CONSTRAINT deal_status_check;
ALTER TABLE deal ADD CONSTRAINT deal_status_check
  CHECK (status IN ('OPEN', 'WON', 'LOST', 'DISQUALIFIED', 'CANCELLED'));
ALTER TABLE deal ADD COLUMN pipeline_id uuid;
ALTER TABLE deal ADD COLUMN stage text;
ALTER TABLE deal ADD COLUMN stage_entered_at timestamptz;
ALTER TABLE deal ADD COLUMN title text;
ALTER TABLE deal ADD COLUMN amount numeric(14, 2) CHECK (amount >= 0);
ALTER TABLE deal ADD COLUMN currency char(3);
ALTER TABLE deal ADD COLUMN expected_close date;
ALTER TABLE deal ADD COLUMN closed_at timestamptz;
ALTER TABLE deal ADD COLUMN close_reason text;
ALTER TABLE deal ADD COLUMN close_note text;
ALTER TABLE deal ADD COLUMN external_id text;
ALTER TABLE deal ADD COLUMN features jsonb NOT NULL DEFAULT '{}';
ALTER TABLE deal ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE deal ADD CONSTRAINT deal_workspace_id_key UNIQUE (workspace_id, id);
ALTER TABLE deal ADD CONSTRAINT deal_pipeline_fk FOREIGN KEY (workspace_id, pipeline_id)
  REFERENCES deal_pipeline (workspace_id, id);
CREATE UNIQUE INDEX deal_external_key ON deal (workspace_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX deal_board_idx ON deal (workspace_id, pipeline_id, status, stage);
CREATE INDEX deal_closed_idx ON deal (workspace_id, status, closed_at);

-- Every move between stages, and the close: what was known and missing when the deal left the stage,
-- the alert that raised and the one-line justification given (DOMAIN.md §9: alerts, never blocks).
CREATE TABLE deal_stage_change (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id   uuid NOT NULL,
  deal_id        uuid NOT NULL,
  from_stage     text,
  to_stage       text,
  to_status      text NOT NULL,
  known          text[] NOT NULL DEFAULT '{}',
  missing        text[] NOT NULL DEFAULT '{}',
  justification  text,
  days_in_stage  numeric(8, 2),
  touches        integer NOT NULL DEFAULT 0,
  two_way        integer NOT NULL DEFAULT 0,
  by_user_id     uuid REFERENCES app_user (id),
  at             timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, deal_id) REFERENCES deal (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX deal_stage_change_deal_idx ON deal_stage_change (deal_id, id);

-- The buying team: people of the organisation with their role in the decision and personal goal.
CREATE TABLE deal_member (
  workspace_id   uuid NOT NULL,
  deal_id        uuid NOT NULL,
  contact_id     uuid NOT NULL,
  role           text NOT NULL CHECK (role IN ('ECONOMIC_BUYER', 'CHAMPION', 'USER', 'TECHNICAL', 'BLOCKER', 'OTHER')),
  personal_goal  text,
  added_at       timestamptz NOT NULL,
  PRIMARY KEY (deal_id, contact_id),
  FOREIGN KEY (workspace_id, deal_id) REFERENCES deal (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, contact_id) REFERENCES contact (workspace_id, id)
);

-- Calls, e-mails and meetings, one-way (we reached out) or two-way (they answered).
CREATE TABLE deal_touch (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  deal_id       uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('CALL', 'EMAIL', 'MEETING', 'OTHER')),
  two_way       boolean NOT NULL,
  at            timestamptz NOT NULL,
  by_user_id    uuid REFERENCES app_user (id),
  note          text,
  FOREIGN KEY (workspace_id, deal_id) REFERENCES deal (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX deal_touch_deal_idx ON deal_touch (deal_id, at);

CREATE TABLE deal_note (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  deal_id       uuid NOT NULL,
  text          text NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  by_user_id    uuid REFERENCES app_user (id),
  at            timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, deal_id) REFERENCES deal (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX deal_note_deal_idx ON deal_note (deal_id, at);

-- The deal's checklist: exit-criteria items and the buyer questions, each ticked with an answer.
CREATE TABLE deal_check (
  workspace_id  uuid NOT NULL,
  deal_id       uuid NOT NULL,
  code          text NOT NULL,
  done          boolean NOT NULL,
  note          text,
  by_user_id    uuid REFERENCES app_user (id),
  at            timestamptz NOT NULL,
  PRIMARY KEY (deal_id, code),
  FOREIGN KEY (workspace_id, deal_id) REFERENCES deal (workspace_id, id) ON DELETE CASCADE
);

-- The learnt win model of a pipeline, refitted nightly from its closed deals.
CREATE TABLE deal_model (
  pipeline_id   uuid PRIMARY KEY REFERENCES deal_pipeline (id) ON DELETE CASCADE,
  workspace_id  uuid NOT NULL,
  closed_deals  integer NOT NULL,
  model         jsonb,
  trained_at    timestamptz NOT NULL
);

-- Commission rules (DOMAIN.md §3.2): per workspace, or per project when one is set.
CREATE TABLE commission_rule (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL REFERENCES workspace (id),
  project_id         uuid,
  percent_of_amount  numeric(6, 3) NOT NULL DEFAULT 0 CHECK (percent_of_amount BETWEEN 0 AND 100),
  agent_split        numeric(6, 3) NOT NULL CHECK (agent_split BETWEEN 0 AND 100),
  rep_split          numeric(6, 3) NOT NULL CHECK (rep_split BETWEEN 0 AND 100),
  agent_per_held     numeric(12, 2) NOT NULL DEFAULT 0 CHECK (agent_per_held >= 0),
  rep_per_held       numeric(12, 2) NOT NULL DEFAULT 0 CHECK (rep_per_held >= 0),
  updated_at         timestamptz NOT NULL,
  CHECK (agent_split + rep_split = 100)
);
CREATE UNIQUE INDEX commission_rule_scope_key ON commission_rule (workspace_id, coalesce(project_id,
  '00000000-0000-0000-0000-000000000000'::uuid));

-- The ledger: one line per person per win, and a negative line for each when a won deal is cancelled.
CREATE TABLE commission_entry (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  deal_id       uuid NOT NULL,
  user_id       uuid NOT NULL REFERENCES app_user (id),
  share         text NOT NULL CHECK (share IN ('AGENT', 'REP')),
  kind          text NOT NULL CHECK (kind IN ('WIN', 'REVERSAL')),
  amount        numeric(14, 2) NOT NULL,
  currency      char(3) NOT NULL,
  basis         jsonb NOT NULL,
  period        date NOT NULL,
  at            timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, deal_id) REFERENCES deal (workspace_id, id)
);
CREATE INDEX commission_entry_person_idx ON commission_entry (workspace_id, user_id, period);
CREATE INDEX commission_entry_period_idx ON commission_entry (workspace_id, period);
CREATE UNIQUE INDEX commission_entry_once_key ON commission_entry (deal_id, share, kind, user_id);

-- Historical deals imported from another CRM have no card here.
ALTER TABLE deal ALTER COLUMN contact_id DROP NOT NULL;
