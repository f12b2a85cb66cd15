-- The duplicate check's name blocking becomes a sorted neighbourhood on b-trees: the cards whose
-- name sorts next to the probe's (by full name, and by surname then full name), the cards of its
-- postcode, the companies whose name sorts next to it. At a million cards the trigram searches it
-- replaces cost 50-250 ms each (common trigrams have posting lists of tens of thousands); these
-- read a few dozen index entries whatever the size. The trigram index stays for text search.
DROP INDEX contact_surname_key_idx;
CREATE INDEX contact_surname_name_idx ON contact (workspace_id, surname_key, name_key) WHERE merged_into IS NULL;
CREATE INDEX contact_name_key_idx ON contact (workspace_id, name_key) WHERE merged_into IS NULL;
CREATE INDEX contact_postcode_idx ON contact (workspace_id, postcode) WHERE merged_into IS NULL;
