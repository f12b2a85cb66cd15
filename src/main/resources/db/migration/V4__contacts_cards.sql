-- The client card (DOMAIN.md §3-§5): organisations, people, their phones, e-mails and
-- websites ("contact points"), and an activity timeline. Normalised keys sit beside the
-- original text, indexed for the duplicate check of §4.

CREATE TABLE organisation (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id      uuid NOT NULL REFERENCES workspace (id),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  name_key          text NOT NULL,
  line_of_business  text,
  address           text,
  postcode          text,
  city              text,
  country           text CHECK (country ~ '^[A-Z]{2}$'),
  region_id         uuid,
  merged_into       uuid,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, region_id) REFERENCES region (workspace_id, id)
);
CREATE INDEX organisation_name_key_idx ON organisation (workspace_id, name_key) WHERE merged_into IS NULL;
CREATE INDEX organisation_name_trgm_idx ON organisation USING gin (name_key gin_trgm_ops) WHERE merged_into IS NULL;

CREATE TABLE contact (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id      uuid NOT NULL REFERENCES workspace (id),
  organisation_id   uuid,
  first_name        text,
  surname           text,
  display_name      text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 300),
  surname_key       text NOT NULL DEFAULT '',
  name_key          text NOT NULL DEFAULT '',
  job_title         text,
  language          text,
  address           text,
  postcode          text,
  city              text,
  country           text CHECK (country ~ '^[A-Z]{2}$'),
  region_id         uuid,
  line_of_business  text,
  status            text NOT NULL DEFAULT 'NEW'
                      CHECK (status IN ('NEW', 'WORKING', 'QUALIFIED', 'NURTURE', 'CUSTOMER', 'DO_NOT_CONTACT')),
  owner_id          uuid REFERENCES app_user (id),
  source            text NOT NULL DEFAULT 'OTHER'
                      CHECK (source IN ('INBOUND_CALL', 'AGENT', 'WEB', 'EXHIBITION', 'OTHER')),
  heard_of_us       text,
  score             int,
  custom            jsonb NOT NULL DEFAULT '{}',
  -- All normalised keys of the card hashed together: a card identical in every key is never stored twice.
  fingerprint       text NOT NULL,
  import_id         uuid,
  merged_into       uuid,
  flagged_duplicate boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (workspace_id, id),
  FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisation (workspace_id, id),
  FOREIGN KEY (workspace_id, region_id) REFERENCES region (workspace_id, id)
);
CREATE UNIQUE INDEX contact_fingerprint_key ON contact (workspace_id, fingerprint) WHERE merged_into IS NULL;
CREATE INDEX contact_surname_key_idx ON contact (workspace_id, surname_key) WHERE merged_into IS NULL;
CREATE INDEX contact_name_trgm_idx ON contact USING gin (name_key gin_trgm_ops) WHERE merged_into IS NULL;
CREATE INDEX contact_organisation_idx ON contact (workspace_id, organisation_id);
CREATE INDEX contact_list_idx ON contact (workspace_id, created_at DESC) WHERE merged_into IS NULL;

-- Phones, e-mails, websites and the registration number (IDENTIFIER) of a contact or an organisation.
--   value:     E.164 number / folded address / registrable domain (null when it could not be read)
--   match_key: phone key (no country or area code) / corporate e-mail domain / website domain
--   national:  a phone's national significant number (its area code first), for lists by area code
CREATE TABLE contact_point (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     uuid NOT NULL,
  contact_id       uuid,
  organisation_id  uuid,
  kind             text NOT NULL CHECK (kind IN ('PHONE', 'EMAIL', 'WEBSITE', 'IDENTIFIER')),
  raw              text NOT NULL,
  value            text,
  match_key        text,
  national         text,
  region           text,
  time_zones       text[],
  valid            boolean NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((contact_id IS NULL) <> (organisation_id IS NULL)),
  FOREIGN KEY (workspace_id, contact_id) REFERENCES contact (workspace_id, id),
  FOREIGN KEY (workspace_id, organisation_id) REFERENCES organisation (workspace_id, id)
);
CREATE INDEX contact_point_value_idx ON contact_point (workspace_id, kind, value) WHERE value IS NOT NULL;
CREATE INDEX contact_point_key_idx ON contact_point (workspace_id, kind, match_key) WHERE match_key IS NOT NULL;
CREATE INDEX contact_point_national_idx ON contact_point (workspace_id, national text_pattern_ops)
  WHERE national IS NOT NULL;
CREATE INDEX contact_point_contact_idx ON contact_point (contact_id);
CREATE INDEX contact_point_organisation_idx ON contact_point (organisation_id);

-- What happened to a card: created, imported, edited, merged, and later called, booked...
CREATE TABLE contact_activity (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id     uuid NOT NULL,
  contact_id       uuid,
  organisation_id  uuid,
  kind             text NOT NULL,
  at               timestamptz NOT NULL,
  actor_id         uuid REFERENCES app_user (id),
  details          jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX contact_activity_contact_idx ON contact_activity (contact_id, at DESC);
CREATE INDEX contact_activity_organisation_idx ON contact_activity (organisation_id, at DESC);

-- Public mailbox providers a workspace adds to the built-in list (whose domains are not corporate).
CREATE TABLE public_mail_provider (
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  domain        text NOT NULL,
  PRIMARY KEY (workspace_id, domain)
);
