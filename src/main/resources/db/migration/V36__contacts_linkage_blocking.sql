-- Blocking passes of the duplicate check as record linkage (ADR 0006), each an index read capped by a LIMIT:
-- the addresses sorting next to the probe's (sites of one list that share no phone);
-- a company name's last word (a prefix added: "Chicago Public Schools Cockrell" for "Cockrell");
-- a company name without its first letter (a typo there: "JUNILEVER" for "UNILEVER").
CREATE INDEX contact_address_idx ON contact (workspace_id, lower(address))
  WHERE merged_into IS NULL AND address IS NOT NULL;
CREATE INDEX organisation_last_word_idx ON organisation (workspace_id, (substring(name_key from '[^ ]+$')))
  WHERE merged_into IS NULL;
CREATE INDEX organisation_name_tail_idx ON organisation (workspace_id, substr(name_key, 2))
  WHERE merged_into IS NULL;
