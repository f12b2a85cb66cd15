-- The agent's toolkit on the call (issue 9): costs, the decision maker, campaign codes.

-- What an hour of a person's time costs: theirs, else their team's, else the workspace's.
ALTER TABLE app_user ADD COLUMN hourly_cost numeric(10, 2) CHECK (hourly_cost >= 0);
ALTER TABLE team ADD COLUMN hourly_cost numeric(10, 2) CHECK (hourly_cost >= 0);
ALTER TABLE workspace ADD COLUMN hourly_cost numeric(10, 2) CHECK (hourly_cost >= 0);
ALTER TABLE workspace ADD COLUMN currency char(3);

-- The person's role in the buying process (DOMAIN.md §7).
ALTER TABLE contact ADD COLUMN buying_role text
  CHECK (buying_role IN ('DECISION_MAKER', 'INFLUENCER', 'GATEKEEPER', 'USER'));
-- The marketing campaign a code on a web form or an inbound call tied the lead to.
ALTER TABLE contact ADD COLUMN campaign_code text CHECK (campaign_code ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$');

-- Reached someone, not the key person: what the agent learnt of the decision maker.
ALTER TABLE call_attempt ADD COLUMN decision_maker jsonb;
ALTER TABLE report_hour ADD COLUMN gatekeepers int NOT NULL DEFAULT 0;
ALTER TABLE report_day ADD COLUMN gatekeepers int NOT NULL DEFAULT 0;

-- Every project gains the outcome: connected, not final; due again in a day unless the agent agrees a time.
INSERT INTO project_outcome (workspace_id, project_id, code, node, connected, final, follow_up, retry_delay_minutes,
                             asks_reason, built_in, position)
SELECT p.workspace_id, p.id, 'GATEKEEPER', 1, true, false, 'RETRY', 1440, false, true,
       coalesce((SELECT max(position) FROM project_outcome o WHERE o.project_id = p.id), 0) + 1
FROM project p
ON CONFLICT (project_id, code) DO NOTHING;
