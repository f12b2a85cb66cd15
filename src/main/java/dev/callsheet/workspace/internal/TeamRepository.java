package dev.callsheet.workspace.internal;

import dev.callsheet.workspace.Member.Named;
import dev.callsheet.workspace.Team;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Teams and regions of a workspace. */
@Repository
public class TeamRepository {

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Team> teams(UUID workspaceId) {
        return jdbc.sql("""
                SELECT t.id, t.name, r.id AS region_id, r.name AS region_name,
                       (SELECT count(*) FROM membership m WHERE m.workspace_id = t.workspace_id AND m.team_id = t.id
                        AND m.active) AS members
                FROM team t LEFT JOIN region r ON r.id = t.region_id
                WHERE t.workspace_id = ? ORDER BY lower(t.name)""")
                .param(workspaceId).query(Team.class).list();
    }

    public List<Named> regions(UUID workspaceId) {
        return jdbc.sql("SELECT id, name FROM region WHERE workspace_id = ? ORDER BY lower(name)").param(workspaceId)
                .query(Named.class).list();
    }

    public Optional<Named> team(UUID workspaceId, String idOrName) {
        return find("team", workspaceId, idOrName);
    }

    public Optional<Named> region(UUID workspaceId, String idOrName) {
        return find("region", workspaceId, idOrName);
    }

    private Optional<Named> find(String table, UUID workspaceId, String idOrName) {
        UUID id = parseUuid(idOrName);
        String sql = "SELECT id, name FROM " + table + " WHERE workspace_id = ? AND "
                + (id != null ? "id = ?" : "lower(name) = lower(?)");
        return jdbc.sql(sql).params(workspaceId, id != null ? id : idOrName.strip()).query(Named.class).optional();
    }

    public boolean nameTaken(String table, UUID workspaceId, String name) {
        return jdbc.sql("SELECT exists(SELECT 1 FROM " + table + " WHERE workspace_id = ? AND lower(name) = lower(?))")
                .params(workspaceId, name).query(Boolean.class).single();
    }

    public boolean setHourlyCost(UUID workspaceId, UUID teamId, java.math.BigDecimal cost) {
        return jdbc.sql("UPDATE team SET hourly_cost = ? WHERE workspace_id = ? AND id = ?")
                .params(cost, workspaceId, teamId).update() == 1;
    }

    public void setWorkspaceHourlyCost(UUID workspaceId, java.math.BigDecimal cost) {
        jdbc.sql("UPDATE workspace SET hourly_cost = ? WHERE id = ?").params(cost, workspaceId).update();
    }

    public java.math.BigDecimal workspaceHourlyCost(UUID workspaceId) {
        List<java.math.BigDecimal> cost = jdbc.sql("SELECT hourly_cost FROM workspace WHERE id = ?").params(workspaceId)
                .query((rs, row) -> rs.getBigDecimal(1)).list();
        return cost.isEmpty() ? null : cost.get(0);
    }

    public UUID insertTeam(UUID workspaceId, String name, UUID regionId) {
        return jdbc.sql("INSERT INTO team (workspace_id, name, region_id) VALUES (?, ?, ?) RETURNING id")
                .params(workspaceId, name, regionId).query(UUID.class).single();
    }

    public UUID insertRegion(UUID workspaceId, String name) {
        return jdbc.sql("INSERT INTO region (workspace_id, name) VALUES (?, ?) RETURNING id").params(workspaceId, name)
                .query(UUID.class).single();
    }

    /** Removes a team; its members stay, without a team. */
    public boolean deleteTeam(UUID workspaceId, UUID teamId) {
        jdbc.sql("UPDATE membership SET team_id = NULL WHERE workspace_id = ? AND team_id = ?").params(workspaceId, teamId)
                .update();
        return jdbc.sql("DELETE FROM team WHERE workspace_id = ? AND id = ?").params(workspaceId, teamId).update() > 0;
    }

    /** Removes a region; teams and people in it stay, without a region. */
    public boolean deleteRegion(UUID workspaceId, UUID regionId) {
        jdbc.sql("UPDATE membership SET region_id = NULL WHERE workspace_id = ? AND region_id = ?")
                .params(workspaceId, regionId).update();
        jdbc.sql("UPDATE team SET region_id = NULL WHERE workspace_id = ? AND region_id = ?").params(workspaceId, regionId)
                .update();
        return jdbc.sql("DELETE FROM region WHERE workspace_id = ? AND id = ?").params(workspaceId, regionId).update() > 0;
    }

    static UUID parseUuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
