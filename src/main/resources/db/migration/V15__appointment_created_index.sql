-- Round robin counts this month's bookings of a workspace by creation time.
CREATE INDEX appointment_workspace_created_idx ON appointment (workspace_id, created_at);
