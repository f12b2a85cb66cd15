-- Reps' calendars, appointments and the no-double-booking guarantee (DOMAIN.md §1–§3).

-- One calendar per rep and workspace: weekly hours in the rep's own zone, the meeting types the rep
-- takes (each with duration and buffers), minimum notice, caps and the round-robin weight.
CREATE TABLE rep_calendar (
  workspace_id        uuid NOT NULL,
  user_id             uuid NOT NULL,
  time_zone           text NOT NULL,
  weekly_hours        jsonb NOT NULL,                 -- {"MONDAY":[{"from":"09:00","to":"17:00"}],…}
  meeting_types       jsonb NOT NULL,                 -- [{"code":"ON_SITE","durationMinutes":60,…},…]
  min_notice_minutes  int NOT NULL DEFAULT 120 CHECK (min_notice_minutes BETWEEN 0 AND 43200),
  daily_cap           int CHECK (daily_cap BETWEEN 1 AND 100),
  weekly_cap          int CHECK (weekly_cap BETWEEN 1 AND 500),
  weight              int NOT NULL DEFAULT 100 CHECK (weight BETWEEN 0 AND 1000),
  email               text,                           -- where invites go
  active              boolean NOT NULL DEFAULT true,
  calibrated_from     timestamptz NOT NULL,           -- round robin counts this rep's share from here
  updated_at          timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES membership (workspace_id, user_id)
);

-- A date on which a rep works other hours than the week says: [] is a day off.
CREATE TABLE rep_calendar_exception (
  workspace_id  uuid NOT NULL,
  user_id       uuid NOT NULL,
  day           date NOT NULL,
  hours         jsonb NOT NULL,                       -- [{"from":"10:00","to":"14:00"}] or []
  note          text,
  PRIMARY KEY (workspace_id, user_id, day),
  FOREIGN KEY (workspace_id, user_id) REFERENCES rep_calendar (workspace_id, user_id) ON DELETE CASCADE
);

-- The territories a rep covers.
CREATE TABLE rep_region (
  workspace_id  uuid NOT NULL,
  user_id       uuid NOT NULL,
  region_id     uuid NOT NULL,
  PRIMARY KEY (workspace_id, user_id, region_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES rep_calendar (workspace_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, region_id) REFERENCES region (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE appointment (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id      uuid NOT NULL,
  contact_id        uuid NOT NULL,
  project_id        uuid,
  attempt_id        uuid,
  rep_id            uuid NOT NULL REFERENCES app_user (id),
  booked_by         uuid NOT NULL REFERENCES app_user (id),
  type              text NOT NULL,
  location          text,
  notes             text,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  -- the meeting with its buffers: what the rep cannot give to anyone else
  blocked           tstzrange NOT NULL,
  status            text NOT NULL CHECK (status IN ('BOOKED', 'HELD', 'NO_SHOW', 'CANCELLED')),
  choice            text NOT NULL,                  -- OWNER, TERRITORY, ROUND_ROBIN, PINNED, CHOSEN
  choice_reason     text NOT NULL,
  rep_time_zone     text NOT NULL,
  lead_time_zone    text NOT NULL,
  invite_lead       boolean NOT NULL DEFAULT false,
  lead_email        text,
  qualification     jsonb,
  cancel_reason     text,
  sequence          int NOT NULL DEFAULT 0,         -- the invite's SEQUENCE: +1 on every change
  reminder_sent_at  timestamptz,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  CHECK (ends_at > starts_at),
  FOREIGN KEY (workspace_id, contact_id) REFERENCES contact (workspace_id, id),
  -- One person cannot be in two meetings: the guarantee is the database's, across workspaces too.
  CONSTRAINT appointment_no_double_booking EXCLUDE USING gist (rep_id WITH =, blocked WITH &&)
    WHERE (status <> 'CANCELLED')
);
-- A double click books once: one live meeting per lead and start.
CREATE UNIQUE INDEX appointment_lead_start_key ON appointment (workspace_id, contact_id, starts_at)
  WHERE status <> 'CANCELLED';
CREATE INDEX appointment_rep_start_idx ON appointment (rep_id, starts_at);
CREATE INDEX appointment_workspace_start_idx ON appointment (workspace_id, starts_at);
CREATE INDEX appointment_contact_idx ON appointment (contact_id);
CREATE INDEX appointment_reminder_idx ON appointment (starts_at) WHERE status = 'BOOKED' AND reminder_sent_at IS NULL;
