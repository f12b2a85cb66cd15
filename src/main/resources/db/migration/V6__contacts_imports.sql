-- Spreadsheet imports: a job per uploaded file, processed in batches that each commit
-- atomically with the job's progress, so a crash resumes at the last whole batch.

CREATE TABLE import_job (
  id              uuid PRIMARY KEY,
  workspace_id    uuid NOT NULL REFERENCES workspace (id),
  created_by      uuid REFERENCES app_user (id),
  file_name       text NOT NULL,
  file_sha256     text NOT NULL,
  file_size       bigint NOT NULL,
  format          text NOT NULL CHECK (format IN ('CSV', 'XLSX')),
  encoding        text,
  delimiter       text,
  mapping         jsonb NOT NULL,
  country         text,
  source          text NOT NULL,
  on_duplicate    text NOT NULL CHECK (on_duplicate IN ('SKIP', 'MERGE', 'FLAG')),
  status          text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
  rows_total      int,
  rows_processed  int NOT NULL DEFAULT 0,
  created         int NOT NULL DEFAULT 0,
  merged          int NOT NULL DEFAULT 0,
  flagged         int NOT NULL DEFAULT 0,
  skipped         int NOT NULL DEFAULT 0,
  rejected        int NOT NULL DEFAULT 0,
  same_file_as    uuid,
  error           text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  heartbeat_at    timestamptz,
  finished_at     timestamptz,
  UNIQUE (workspace_id, id)
);
CREATE INDEX import_job_queue_idx ON import_job (status, created_at) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX import_job_workspace_idx ON import_job (workspace_id, created_at DESC);

-- One staged row: its normalised keys, what happened to it, and its original cells.
CREATE TABLE import_row (
  job_id           uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
  row_no           int NOT NULL,
  contact_id       uuid NOT NULL,
  first_name       text,
  surname          text,
  display_name     text,
  name_key         text,
  surname_key      text,
  organisation     text,
  company_key      text,
  job_title        text,
  address          text,
  postcode         text,
  city             text,
  country          text,
  region           text,
  line_of_business text,
  language         text,
  status           text,
  source           text,
  heard_of_us      text,
  score            int,
  custom           jsonb,
  fingerprint      text,
  outcome          text NOT NULL DEFAULT 'PENDING'
                     CHECK (outcome IN ('PENDING', 'CREATED', 'MERGED', 'FLAGGED', 'SKIPPED', 'REJECTED')),
  duplicate_of     uuid,
  reason           text,
  original         jsonb NOT NULL,
  PRIMARY KEY (job_id, row_no)
);
CREATE INDEX import_row_fingerprint_idx ON import_row (job_id, fingerprint);

CREATE TABLE import_point (
  job_id      uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
  row_no      int NOT NULL,
  kind        text NOT NULL,
  raw         text NOT NULL,
  value       text,
  match_key   text,
  national    text,
  region      text,
  time_zones  text[],
  valid       boolean NOT NULL
);
CREATE INDEX import_point_row_idx ON import_point (job_id, row_no);
CREATE INDEX import_point_value_idx ON import_point (job_id, kind, value);

-- Column headers a workspace has mapped before, so the next file of the same shape maps itself.
CREATE TABLE import_header_memory (
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  header_key    text NOT NULL,
  field         text NOT NULL,
  PRIMARY KEY (workspace_id, header_key)
);
