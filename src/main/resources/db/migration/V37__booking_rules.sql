-- Meetings a rep can attend and a lead will accept (issue 25): territories and travel per rep, where each
-- meeting takes place, and the hours a project's leads accept meetings in.

-- Per meeting type at the lead's place, the areas a rep covers:
-- [{"meetingTypes":["ON_SITE"],"countries":["NO"],"regions":["<region id>"],"postcodes":["0","10-12"]}].
-- Empty: the rep's place-based meetings are not bound to an area (as before this rule).
ALTER TABLE rep_calendar
  ADD COLUMN territories            jsonb NOT NULL DEFAULT '[]',
  -- travel between two meetings at different places; null: none beyond the types' buffers
  ADD COLUMN travel_minutes         int CHECK (travel_minutes BETWEEN 0 AND 480),
  ADD COLUMN nearby_travel_minutes  int CHECK (nearby_travel_minutes BETWEEN 0 AND 480),
  ADD COLUMN on_site_daily_cap      int CHECK (on_site_daily_cap BETWEEN 1 AND 50);

-- Where a meeting takes place, as it was when booked or moved: the type's place (LEAD, OFFICE, PHONE,
-- VIDEO) and, at the lead's, the lead's country and postcode then.
ALTER TABLE appointment
  ADD COLUMN place           text,
  ADD COLUMN place_country   text,
  ADD COLUMN place_postcode  text;

UPDATE appointment a SET place = COALESCE((
    SELECT t ->> 'place' FROM rep_calendar c, jsonb_array_elements(c.meeting_types) t
    WHERE c.workspace_id = a.workspace_id AND c.user_id = a.rep_id AND t ->> 'code' = a.type LIMIT 1),
  CASE a.type WHEN 'ON_SITE' THEN 'LEAD' WHEN 'PHONE' THEN 'PHONE' WHEN 'VIDEO' THEN 'VIDEO' ELSE 'OFFICE' END);
UPDATE appointment a SET place_country = c.country, place_postcode = c.postcode
  FROM contact c WHERE a.place = 'LEAD' AND c.workspace_id = a.workspace_id AND c.id = a.contact_id;

-- The hours a project's leads accept meetings in, in their own zone:
-- {"people":{"MONDAY":[…],…},"organisations":{…}}; null: 08:00-20:00 every day for people,
-- 08:00-18:00 Monday to Friday for organisations.
ALTER TABLE project ADD COLUMN lead_hours jsonb;
