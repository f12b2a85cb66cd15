-- Material by e-mail (issue 9, DOMAIN.md §3.1; source 002): brochures and price lists Callsheet keeps,
-- templates per language with merge fields, and each sending to a lead, tied to the outbox message that
-- carries it so the card can say whether it went out and offer to try again.

CREATE TABLE material_file (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  file_name     text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type  text NOT NULL,
  size_bytes    int NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
  data          bytea NOT NULL,
  uploaded_by   uuid REFERENCES app_user (id),
  uploaded_at   timestamptz NOT NULL,
  UNIQUE (workspace_id, id)
);

CREATE TABLE material_template (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  language      text NOT NULL CHECK (language IN ('en', 'nb', 'es', 'ru', 'ko', 'ro')),
  subject       text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  updated_by    uuid REFERENCES app_user (id),
  updated_at    timestamptz NOT NULL,
  archived      boolean NOT NULL DEFAULT false,
  UNIQUE (workspace_id, id)
);
CREATE UNIQUE INDEX material_template_name_idx ON material_template (workspace_id, lower(name), language)
  WHERE NOT archived;

CREATE TABLE material_template_file (
  workspace_id  uuid NOT NULL,
  template_id   uuid NOT NULL,
  file_id       uuid NOT NULL,
  position      int NOT NULL,
  PRIMARY KEY (template_id, file_id),
  FOREIGN KEY (workspace_id, template_id) REFERENCES material_template (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, file_id) REFERENCES material_file (workspace_id, id)
);

-- One sending: what went to whom, why it was allowed (the lead asked, or had agreed to marketing mail),
-- and the outbox message. send_key makes a double click one sending.
CREATE TABLE material_send (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  contact_id    uuid NOT NULL,
  deal_id       uuid,
  template_id   uuid NOT NULL,
  template_name text NOT NULL,
  language      text NOT NULL,
  recipient     text NOT NULL,
  basis         text NOT NULL CHECK (basis IN ('REQUESTED', 'CONSENT')),
  mail_id       uuid NOT NULL,
  send_key      text,
  sent_by       uuid NOT NULL REFERENCES app_user (id),
  created_at    timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, template_id) REFERENCES material_template (workspace_id, id),
  UNIQUE (workspace_id, send_key)
);
CREATE INDEX material_send_contact_idx ON material_send (workspace_id, contact_id, created_at DESC);
