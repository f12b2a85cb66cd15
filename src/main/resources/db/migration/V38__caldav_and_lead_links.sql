-- Issue 25, points 6 and 7: a rep's own CalDAV calendar, its busy times, the copies of meetings written to it,
-- and the key that signs the lead's personal links.

-- A rep's CalDAV calendar (one per rep and workspace). The app password is AES-GCM ciphertext (nonce first) under
-- the key of callsheet.caldav.key; it is never returned by the API.
CREATE TABLE rep_caldav (
  workspace_id     uuid NOT NULL,
  user_id          uuid NOT NULL,
  url              text NOT NULL,
  username         text NOT NULL,
  password_secret  bytea NOT NULL,
  last_sync_at     timestamptz,           -- the last successful read of busy times
  last_attempt_at  timestamptz,
  last_error       text,                  -- of the last read or write; null after a good one
  last_error_at    timestamptz,
  busy_count       int NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES rep_calendar (workspace_id, user_id) ON DELETE CASCADE
);

-- Busy times read from the rep's calendar (events of their own, not the meetings Callsheet wrote there).
-- Availability treats them as taken; the sync replaces a rep's rows and moves scheduling_version itself.
CREATE TABLE rep_busy (
  workspace_id  uuid NOT NULL,
  user_id       uuid NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  FOREIGN KEY (workspace_id, user_id) REFERENCES rep_caldav (workspace_id, user_id) ON DELETE CASCADE
);
CREATE INDEX rep_busy_user_start_idx ON rep_busy (user_id, starts_at);

-- Meetings to write to their rep's CalDAV calendar: a row in the booking's own transaction, removed once the
-- calendar has the meeting as it is now, retried with a growing delay while the server fails.
CREATE TABLE caldav_outbox (
  id               bigserial PRIMARY KEY,
  workspace_id     uuid NOT NULL,
  appointment_id   uuid NOT NULL REFERENCES appointment (id) ON DELETE CASCADE,
  created_at       timestamptz NOT NULL,
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text
);
CREATE INDEX caldav_outbox_due_idx ON caldav_outbox (next_attempt_at);

-- Where a meeting's copy lives: the rep whose calendar holds it, its address there and the SEQUENCE written,
-- so a meeting moved to another rep leaves the first rep's calendar.
CREATE TABLE caldav_copy (
  appointment_id  uuid PRIMARY KEY REFERENCES appointment (id) ON DELETE CASCADE,
  workspace_id    uuid NOT NULL,
  user_id         uuid NOT NULL,
  href            text NOT NULL,
  sequence        int NOT NULL,
  written_at      timestamptz NOT NULL
);

-- The key that signs each workspace's lead links (HMAC-SHA256), made at the first link: no secret in configuration.
CREATE TABLE lead_link_key (
  workspace_id  uuid PRIMARY KEY,
  secret        bytea NOT NULL,
  created_at    timestamptz NOT NULL
);

-- When the lead confirmed the meeting through their link.
ALTER TABLE appointment ADD COLUMN lead_confirmed_at timestamptz;
