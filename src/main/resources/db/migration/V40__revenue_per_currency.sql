-- Money with its currency (issue 26): revenue is counted per currency, never summed across two.
-- One row per project, local hour, agent, source and currency; wins are rare, so hours serve days too.
CREATE TABLE report_revenue_hour (
  workspace_id  uuid NOT NULL,
  project_id    uuid NOT NULL,
  hour          timestamp NOT NULL,    -- local hour in the project's zone
  agent_id      uuid NOT NULL,
  source        text NOT NULL,
  currency      char(3) NOT NULL,
  deals_won     int NOT NULL DEFAULT 0,
  amount        numeric(16, 2) NOT NULL DEFAULT 0,
  PRIMARY KEY (project_id, hour, agent_id, source, currency)
);
CREATE INDEX report_revenue_hour_workspace_idx ON report_revenue_hour (workspace_id, hour);

-- Revenue counted before this version has no currency of its own: it takes the currency of the project's won
-- deals when they share one, else the workspace's setting, else EUR.
INSERT INTO report_revenue_hour (workspace_id, project_id, hour, agent_id, source, currency, deals_won, amount)
SELECT r.workspace_id, r.project_id, r.hour, r.agent_id, r.source,
       coalesce((SELECT min(d.currency) FROM deal d WHERE d.project_id = r.project_id AND d.status = 'WON'
                 HAVING count(DISTINCT d.currency) = 1),
                (SELECT w.currency FROM workspace w WHERE w.id = r.workspace_id), 'EUR'),
       r.deals_won, r.revenue
FROM report_hour r WHERE r.revenue <> 0;

-- The platform administrator chooses the workspace to work in (issue 26): until they do, sign-in asks, rather
-- than silently using the workspace created for them on the first start.
ALTER TABLE app_user ADD COLUMN workspace_chosen_at timestamptz;
