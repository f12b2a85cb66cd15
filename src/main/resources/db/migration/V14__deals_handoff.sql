-- A booked meeting opens a sales process owned by the rep and credited to the agent (DOMAIN.md §3.2).
-- The deals issue grows this table into the pipeline; today it keeps the hand-off so nothing is lost.
CREATE TABLE deal (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id       uuid NOT NULL,
  contact_id         uuid NOT NULL,
  organisation_id    uuid,
  owner_id           uuid NOT NULL REFERENCES app_user (id),
  credited_agent_id  uuid REFERENCES app_user (id),
  project_id         uuid,
  appointment_id     uuid UNIQUE,
  source             text,
  status             text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'WON', 'LOST', 'DISQUALIFIED')),
  qualification      jsonb,
  opened_at          timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, contact_id) REFERENCES contact (workspace_id, id)
);
CREATE INDEX deal_contact_idx ON deal (workspace_id, contact_id);
CREATE INDEX deal_owner_idx ON deal (workspace_id, owner_id, status);
