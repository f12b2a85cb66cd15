-- The import's write floor (bench/import.sh, issue 3): the cards a finished import created, written
-- again into the same workspace with the import's own INSERT statements, as one statement per table
-- instead of one per batch, and nothing else: no reading or normalising (the cards hold the keys
-- already), no staging COPY, no duplicate check, no statistics. Rolled back at the end.
--
--   psql -v job=<import id> -v ws=<workspace id> -f bench/import_write_floor.sql
--
-- What it writes per card, as the import does: its organisation when the company is new to the
-- workspace (here every organisation of those cards, under a key of its own), the card (nine indexes,
-- four foreign keys), its phones, e-mails and sites (five indexes, two foreign keys) and its timeline
-- entry. Fingerprints and organisation keys get a suffix, so that the unique index takes them; card ids
-- ascend like the import's time-ordered ones. The copies to write are read into temporary tables first,
-- untimed; each write prints its time (\timing) and bench/import.sh adds them up.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
BEGIN;
CREATE TEMP TABLE floor_cards ON COMMIT DROP AS
SELECT c.*, o.name AS organisation_name, o.name_key AS organisation_key,
       -- version-7 layout, a fixed time prefix and then a counter: ids ascend like the import's
       ('01900000-0000-7000-8000-' || lpad(to_hex(row_number() OVER (ORDER BY c.id)), 12, '0'))::uuid AS floor_id
FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id
WHERE c.import_id = :'job';
CREATE TEMP TABLE floor_points ON COMMIT DROP AS
SELECT p.*, f.floor_id FROM contact_point p JOIN floor_cards f ON f.id = p.contact_id;
SELECT count(*) AS floor_cards FROM floor_cards;
\timing on
INSERT INTO organisation (workspace_id, name, name_key, line_of_business, country)
SELECT DISTINCT ON (f.organisation_key) :'ws', f.organisation_name, f.organisation_key || ' #floor', f.line_of_business,
       f.country
FROM floor_cards f WHERE f.organisation_key IS NOT NULL
ORDER BY f.organisation_key, f.floor_id;
INSERT INTO contact (id, workspace_id, organisation_id, first_name, surname, display_name, surname_key,
  name_key, job_title, language, address, postcode, city, country, region_id, line_of_business, status,
  source, heard_of_us, score, custom, fingerprint, import_id, flagged_duplicate)
SELECT f.floor_id, :'ws',
  (SELECT o.id FROM organisation o WHERE o.workspace_id = :'ws' AND o.name_key = f.organisation_key || ' #floor'
     AND o.merged_into IS NULL ORDER BY o.created_at LIMIT 1),
  f.first_name, f.surname, f.display_name, f.surname_key, f.name_key, f.job_title, f.language,
  f.address, f.postcode, f.city, f.country, f.region_id, f.line_of_business, f.status, f.source, f.heard_of_us,
  f.score, f.custom, f.fingerprint || ' #floor', f.import_id, f.flagged_duplicate
FROM floor_cards f
ORDER BY f.floor_id;
INSERT INTO contact_point (workspace_id, contact_id, kind, raw, value, match_key, national, region, time_zones, valid)
SELECT :'ws', p.floor_id, p.kind, p.raw, p.value, p.match_key, p.national, p.region, p.time_zones, p.valid
FROM floor_points p;
INSERT INTO contact_activity (workspace_id, contact_id, kind, at, details)
SELECT :'ws', f.floor_id, 'IMPORTED', now(), jsonb_build_object('importId', f.import_id, 'flagged', f.flagged_duplicate)
FROM floor_cards f;
\timing off
ROLLBACK;
