-- A counter per workspace that moves with every change availability depends on: meetings, reps' calendars,
-- their exceptions and regions, memberships (a rep deactivated), regions and people's names. An instance
-- keeps the last read of calendars and meetings and reads them again only when the counter has moved, so
-- several instances stay right with PostgreSQL as their one meeting point (issue 5's availability target).
CREATE TABLE scheduling_version (
  workspace_id  uuid PRIMARY KEY,
  version       bigint NOT NULL
);

CREATE FUNCTION bump_scheduling_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ws uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    ws := OLD.workspace_id;
  ELSE
    ws := NEW.workspace_id;
  END IF;
  INSERT INTO scheduling_version AS v (workspace_id, version) VALUES (ws, 1)
  ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1;
  IF TG_OP = 'UPDATE' AND OLD.workspace_id IS DISTINCT FROM NEW.workspace_id THEN
    INSERT INTO scheduling_version AS v (workspace_id, version) VALUES (OLD.workspace_id, 1)
    ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER appointment_version AFTER INSERT OR UPDATE OR DELETE ON appointment
  FOR EACH ROW EXECUTE FUNCTION bump_scheduling_version();
CREATE TRIGGER rep_calendar_version AFTER INSERT OR UPDATE OR DELETE ON rep_calendar
  FOR EACH ROW EXECUTE FUNCTION bump_scheduling_version();
CREATE TRIGGER rep_calendar_exception_version AFTER INSERT OR UPDATE OR DELETE ON rep_calendar_exception
  FOR EACH ROW EXECUTE FUNCTION bump_scheduling_version();
CREATE TRIGGER rep_region_version AFTER INSERT OR UPDATE OR DELETE ON rep_region
  FOR EACH ROW EXECUTE FUNCTION bump_scheduling_version();
CREATE TRIGGER membership_version AFTER INSERT OR UPDATE OR DELETE ON membership
  FOR EACH ROW EXECUTE FUNCTION bump_scheduling_version();
CREATE TRIGGER region_version AFTER INSERT OR UPDATE OR DELETE ON region
  FOR EACH ROW EXECUTE FUNCTION bump_scheduling_version();

-- A person's name shows on every slot: a rename moves the counter of each workspace they belong to.
CREATE FUNCTION bump_scheduling_version_of_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.username IS DISTINCT FROM NEW.username THEN
    INSERT INTO scheduling_version AS v (workspace_id, version)
    SELECT m.workspace_id, 1 FROM membership m WHERE m.user_id = NEW.id
    ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER app_user_scheduling_version AFTER UPDATE ON app_user
  FOR EACH ROW EXECUTE FUNCTION bump_scheduling_version_of_user();
