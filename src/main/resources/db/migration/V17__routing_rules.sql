-- A workspace's ordered assignment rules (DOMAIN.md §3) and its fallback owner; the rules are one ordered
-- document, edited and replaced whole.
CREATE TABLE routing_config (
  workspace_id      uuid PRIMARY KEY REFERENCES workspace (id),
  rules             jsonb NOT NULL DEFAULT '[]',
  fallback_user_id  uuid REFERENCES app_user (id),
  updated_at        timestamptz NOT NULL
);

-- Speed to lead: when a routed lead's owner and then the supervisor were told it is still untouched.
ALTER TABLE assignment ADD COLUMN alerted_owner_at timestamptz;
ALTER TABLE assignment ADD COLUMN alerted_supervisor_at timestamptz;
ALTER TABLE assignment ADD COLUMN touched_at timestamptz;
CREATE INDEX assignment_untouched_idx ON assignment (created_at)
  WHERE touched_at IS NULL AND alerted_supervisor_at IS NULL AND channel IN ('WEB', 'INBOUND_CALL');
