-- The country a workspace sells in: the default for phone numbers typed without a country code.
ALTER TABLE workspace ADD COLUMN default_country text CHECK (default_country ~ '^[A-Z]{2}$');
