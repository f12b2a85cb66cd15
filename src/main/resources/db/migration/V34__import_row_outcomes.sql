-- Issue #24: every row of a file keeps its outcome after the job is done, and a source may be unknown.

-- What became of each row, kept after the staged data is deleted: narrow, one line a row.
CREATE TABLE import_outcome (
  job_id      uuid    NOT NULL,
  row_no      integer NOT NULL,
  outcome     text    NOT NULL CHECK (outcome IN ('CREATED', 'MERGED', 'FLAGGED', 'SKIPPED', 'REJECTED')),
  contact_id  uuid,
  reason      text,
  PRIMARY KEY (job_id, row_no)
);
CREATE INDEX import_outcome_by_outcome_idx ON import_outcome (job_id, outcome, row_no);

-- Unusable phones or e-mails of a row that was kept for another contact point: said on the row.
ALTER TABLE import_row ADD COLUMN problems text;

-- A list imported without a source is of unknown source, never an inbound call.
ALTER TABLE contact DROP CONSTRAINT contact_source_check;
ALTER TABLE contact ADD CONSTRAINT contact_source_check
  CHECK (source IN ('INBOUND_CALL', 'AGENT', 'WEB', 'EXHIBITION', 'OTHER', 'UNKNOWN'));

-- A row that shares a phone or e-mail with a card but names another address or postcode:
-- another site, created and flagged whatever the policy, never skipped or merged away.
ALTER TABLE import_row ADD COLUMN conflict boolean NOT NULL DEFAULT false;
