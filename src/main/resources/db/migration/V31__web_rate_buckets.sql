-- Rate limits as token buckets (sign-in failures per account and per address in a workspace, public form posts
-- per address and per workspace), shared by every app instance. A row is Bucket4j's state of one bucket; a missing
-- row is a full bucket, and expires_at (epoch milliseconds) is when the bucket is full again, so the row can go.
CREATE TABLE rate_bucket (
  id          text PRIMARY KEY,
  state       bytea,
  expires_at  bigint
);
CREATE INDEX rate_bucket_expires_idx ON rate_bucket (expires_at);

-- Replaced by rate_bucket: a fixed window per minute (web_rate) and failure counts per key (login_throttle).
DROP TABLE web_rate;
DROP TABLE login_throttle;
