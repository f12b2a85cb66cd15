-- "Asking twice returns the same lease": the look-up of an agent's live lease walked the project's
-- lease-expiry index and filtered by agent, every lease of the project (about 100 index pages with
-- 200 agents at work, 0.19 ms of the next-lead request). With the expiry in the agent's index it
-- reads the agent's own entries, newest expiry first.
DROP INDEX queue_entry_leased_idx;
CREATE INDEX queue_entry_leased_idx ON queue_entry (project_id, leased_to, lease_expires) WHERE state = 'LEASED';
