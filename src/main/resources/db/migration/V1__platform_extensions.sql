-- Extensions later modules rely on: trigram similarity for fuzzy name matching (contacts)
-- and GiST over scalar columns for the no-double-booking exclusion constraint (scheduling).
-- Both are trusted extensions: a database owner may create them without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
