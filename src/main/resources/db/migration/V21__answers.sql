-- Product answers (issue 9; sources 000, 001): what the workspace sells, and a library of questions
-- leads ask with the answers, per language, tagged by product and project, searched as the agent types.

CREATE TABLE product (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description   text,
  price_from    numeric(14, 2) CHECK (price_from >= 0),
  price_to      numeric(14, 2) CHECK (price_to >= 0),
  currency      char(3),
  audience      text,                               -- who it is for
  created_at    timestamptz NOT NULL,
  UNIQUE (workspace_id, id)
);

CREATE TABLE answer (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id  uuid NOT NULL REFERENCES workspace (id),
  language      text NOT NULL CHECK (language IN ('en', 'nb', 'es', 'ru', 'ko', 'ro')),
  question      text NOT NULL CHECK (length(question) BETWEEN 1 AND 500),
  body          text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  product_id    uuid,
  project_ids   uuid[] NOT NULL DEFAULT '{}',
  -- the question and answer in Latin letters, folded: what typo-tolerant (trigram) matching compares
  latin         text NOT NULL,
  -- word forms: each language's own stemmer (Korean has none in PostgreSQL: trigrams do the work)
  search        tsvector GENERATED ALWAYS AS (
                  setweight(to_tsvector(CASE language WHEN 'en' THEN 'english'::regconfig
                      WHEN 'nb' THEN 'norwegian'::regconfig WHEN 'es' THEN 'spanish'::regconfig
                      WHEN 'ru' THEN 'russian'::regconfig WHEN 'ro' THEN 'romanian'::regconfig
                      ELSE 'simple'::regconfig END, question), 'A')
                  || setweight(to_tsvector(CASE language WHEN 'en' THEN 'english'::regconfig
                      WHEN 'nb' THEN 'norwegian'::regconfig WHEN 'es' THEN 'spanish'::regconfig
                      WHEN 'ru' THEN 'russian'::regconfig WHEN 'ro' THEN 'romanian'::regconfig
                      ELSE 'simple'::regconfig END, body), 'B')) STORED,
  updated_by    uuid REFERENCES app_user (id),
  updated_at    timestamptz NOT NULL,
  FOREIGN KEY (workspace_id, product_id) REFERENCES product (workspace_id, id)
);
CREATE INDEX answer_search_idx ON answer USING gin (search);
CREATE INDEX answer_latin_trgm_idx ON answer USING gin (latin gin_trgm_ops);
CREATE INDEX answer_workspace_idx ON answer (workspace_id, language);
