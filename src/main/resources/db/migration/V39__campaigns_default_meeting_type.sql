-- The meeting type a project's booking dialog starts with (issue 25, point 4). NULL: the project has none,
-- and the agent chooses the type for each booking; nothing falls back to on-site.
ALTER TABLE project ADD COLUMN default_meeting_type text
  CHECK (default_meeting_type IS NULL OR default_meeting_type ~ '^[A-Z][A-Z0-9_]{1,29}$');
