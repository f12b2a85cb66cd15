-- Imports that fail or die are retried a few times, then failed with their reason: never a crash loop.
-- attempts counts the starts of a job (a process that died during one counts too); error_key names the
-- reason for the pages, in the reader's language (error keeps the English text the API gives).
ALTER TABLE import_job ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN error_key text;
-- A job that was running when this version was installed has had a start already.
UPDATE import_job SET attempts = 1 WHERE status = 'RUNNING';
