-- Outgoing e-mail: written in the same transaction as what caused it, sent by a background worker,
-- retried with back-off; a send that keeps failing stays visible with its error, never lost.
CREATE TABLE mail_message (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id     uuid NOT NULL REFERENCES workspace (id),
  reference        text NOT NULL,                  -- what it is about, e.g. appointment:<id>
  kind             text NOT NULL,                  -- INVITE, UPDATE, CANCEL, REMINDER…
  recipient        text NOT NULL,
  recipient_name   text,
  subject          text NOT NULL,
  body             text NOT NULL,
  calendar         text,                           -- an iCalendar part (RFC 6047), if any
  calendar_method  text,
  status           text NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz
);
CREATE INDEX mail_message_due_idx ON mail_message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX mail_message_reference_idx ON mail_message (workspace_id, reference);
