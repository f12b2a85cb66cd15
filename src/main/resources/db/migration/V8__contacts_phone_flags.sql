-- A number the dialler learnt is dead ("number does not exist", DOMAIN.md §8). Kept apart from
-- contact_point, which an edit of the card rewrites, and per workspace: a dead number is dead on
-- every card that carries it.
CREATE TABLE phone_flag (
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  phone         text NOT NULL,
  flag          text NOT NULL CHECK (flag IN ('INVALID_NUMBER')),
  flagged_at    timestamptz NOT NULL,
  flagged_by    uuid REFERENCES app_user (id),
  PRIMARY KEY (workspace_id, phone)
);
