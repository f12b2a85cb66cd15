-- The staged rows' foreign key to their job was checked row by row on every COPY: at ~12,000 contact points
-- a batch it doubled the cost of staging them. Nothing deletes a job; a job's own processor deletes what it
-- staged when it is done (keeping the rejected rows for their download), so the key guarded nothing.
ALTER TABLE import_point DROP CONSTRAINT import_point_job_id_fkey;
ALTER TABLE import_row DROP CONSTRAINT import_row_job_id_fkey;
