-- The questions a lead asked on a call (source 000): picked from the answer library, or typed when the
-- library has none yet, so supervisors see what comes up and what still lacks a good answer.
CREATE TABLE attempt_question (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  project_id    uuid NOT NULL,
  attempt_id    uuid NOT NULL,
  agent_id      uuid NOT NULL REFERENCES app_user (id),
  answer_id     uuid REFERENCES answer (id) ON DELETE SET NULL,
  text          text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
  asked_at      timestamptz NOT NULL,
  UNIQUE (attempt_id, text)
);
CREATE INDEX attempt_question_project_idx ON attempt_question (project_id, asked_at);
