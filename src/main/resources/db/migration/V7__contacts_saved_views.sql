-- A person's saved lead lists: a name and the list's filter and order as a query string.
CREATE TABLE saved_view (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  user_id       uuid NOT NULL REFERENCES app_user (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  query         text NOT NULL CHECK (length(query) <= 2000),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX saved_view_user_idx ON saved_view (workspace_id, user_id, lower(name));
