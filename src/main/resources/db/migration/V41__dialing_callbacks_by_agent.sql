-- "My callbacks" on the console and in Tasks reads an agent's own callbacks, soonest first, on every page load.
CREATE INDEX queue_entry_callback_for_idx ON queue_entry (callback_for, due_at)
  WHERE callback_for IS NOT NULL AND state IN ('READY', 'WAITING', 'LEASED');
