-- "Not a duplicate": a pair of cards a person decided are two clients. The pair is stored once, lower id
-- first, and is never offered as a duplicate again (card page, duplicate check, import flagging).
CREATE TABLE contact_not_duplicate (
  workspace_id uuid NOT NULL REFERENCES workspace (id),
  low_id       uuid NOT NULL,
  high_id      uuid NOT NULL,
  decided_by   uuid REFERENCES app_user (id),
  decided_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, low_id, high_id),
  CHECK (low_id < high_id),
  FOREIGN KEY (workspace_id, low_id) REFERENCES contact (workspace_id, id),
  FOREIGN KEY (workspace_id, high_id) REFERENCES contact (workspace_id, id)
);
CREATE INDEX contact_not_duplicate_high_idx ON contact_not_duplicate (workspace_id, high_id);
