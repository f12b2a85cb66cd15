-- An import may name the project whose queue its new leads join once it is done (issue 3, §5).
ALTER TABLE import_job ADD COLUMN project_id uuid;
