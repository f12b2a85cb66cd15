-- Tenants, people and their roles. Every business table of later modules carries
-- workspace_id; composite foreign keys keep a row from pointing into another workspace.

CREATE TABLE workspace (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key          text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{2,39}$'),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  demo         boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app_user (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username              text NOT NULL,
  password_hash         text NOT NULL,
  display_name          text NOT NULL,
  locale                text NOT NULL DEFAULT 'en',
  time_zone             text NOT NULL DEFAULT 'UTC',
  platform_admin        boolean NOT NULL DEFAULT false,
  demo                  boolean NOT NULL DEFAULT false,
  current_workspace_id  uuid REFERENCES workspace (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));

CREATE TABLE region (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id)
);
CREATE UNIQUE INDEX region_name_key ON region (workspace_id, lower(name));

CREATE TABLE team (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  region_id     uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, region_id) REFERENCES region (workspace_id, id)
);
CREATE UNIQUE INDEX team_name_key ON team (workspace_id, lower(name));

-- A user's place in one workspace: an agency's people may hold several.
CREATE TABLE membership (
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  user_id       uuid NOT NULL REFERENCES app_user (id),
  roles         text[] NOT NULL CHECK (cardinality(roles) > 0
                  AND roles <@ ARRAY['AGENT', 'REP', 'SUPERVISOR', 'ADMIN']::text[]),
  team_id       uuid,
  region_id     uuid,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, user_id),
  FOREIGN KEY (workspace_id, team_id) REFERENCES team (workspace_id, id),
  FOREIGN KEY (workspace_id, region_id) REFERENCES region (workspace_id, id)
);
CREATE INDEX membership_user_idx ON membership (user_id);

-- Personal API tokens: only a SHA-256 of the token is kept; the token is shown once.
CREATE TABLE api_token (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL,
  user_id       uuid NOT NULL,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  token_hash    bytea NOT NULL UNIQUE,
  hint          text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz,
  FOREIGN KEY (workspace_id, user_id) REFERENCES membership (workspace_id, user_id)
);
CREATE INDEX api_token_user_idx ON api_token (user_id);

-- Failed sign-ins per key (a username or a client address), shared by every app instance.
CREATE TABLE login_throttle (
  key            text PRIMARY KEY,
  failures       int NOT NULL,
  window_start   timestamptz NOT NULL,
  locked_until   timestamptz
);
