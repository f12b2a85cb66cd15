package dev.callsheet.workspace.internal;

import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.WorkspaceSummary;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users, their memberships and preferences. Every membership query names its workspace. */
@Repository
public class UserRepository {

    /** A user's sign-in record. */
    public record Account(UUID id, String username, String passwordHash, String displayName, String locale,
            String timeZone, boolean platformAdmin, UUID currentWorkspaceId) {
    }

    private static final String MEMBER_COLUMNS = """
            u.id, u.username, u.display_name, u.email, u.hourly_cost, m.roles, u.locale, u.time_zone, m.active, u.demo, m.created_at,
            t.id AS team_id, t.name AS team_name, r.id AS region_id, r.name AS region_name
            FROM membership m
            JOIN app_user u ON u.id = m.user_id
            LEFT JOIN team t ON t.id = m.team_id
            LEFT JOIN region r ON r.id = m.region_id
            """;

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single();
    }

    public Optional<Account> account(String username) {
        return jdbc.sql("SELECT * FROM app_user WHERE lower(username) = lower(?)").param(username)
                .query(UserRepository::account).optional();
    }

    public Optional<Account> account(UUID id) {
        return jdbc.sql("SELECT * FROM app_user WHERE id = ?").param(id).query(UserRepository::account).optional();
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("SELECT exists(SELECT 1 FROM app_user WHERE lower(username) = lower(?))").param(username)
                .query(Boolean.class).single();
    }

    public UUID insert(String username, String passwordHash, String displayName, String locale, String timeZone,
            boolean platformAdmin, boolean demo, UUID workspaceId) {
        return jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, locale, time_zone, platform_admin, demo,
                                      current_workspace_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(username, passwordHash, displayName, locale, timeZone, platformAdmin, demo, workspaceId)
                .query(UUID.class).single();
    }

    public void addMembership(UUID workspaceId, UUID userId, Set<Role> roles, UUID teamId, UUID regionId) {
        jdbc.sql("""
                INSERT INTO membership (workspace_id, user_id, roles, team_id, region_id) VALUES (?, ?, ?::text[], ?, ?)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET roles = excluded.roles, active = true""")
                .params(workspaceId, userId, rolesLiteral(roles), teamId, regionId).update();
    }

    public List<Member> members(UUID workspaceId) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " WHERE m.workspace_id = ? ORDER BY m.active DESC, lower(u.display_name)")
                .param(workspaceId).query(UserRepository::member).list();
    }

    public Optional<Member> member(UUID workspaceId, UUID userId) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " WHERE m.workspace_id = ? AND m.user_id = ?")
                .params(workspaceId, userId).query(UserRepository::member).optional();
    }

    public void updateMembership(UUID workspaceId, UUID userId, Set<Role> roles, UUID teamId, UUID regionId) {
        jdbc.sql("UPDATE membership SET roles = ?::text[], team_id = ?, region_id = ? WHERE workspace_id = ? AND user_id = ?")
                .params(rolesLiteral(roles), teamId, regionId, workspaceId, userId).update();
    }

    public void updateHourlyCost(UUID userId, java.math.BigDecimal cost) {
        jdbc.sql("UPDATE app_user SET hourly_cost = ?, updated_at = now() WHERE id = ?").params(cost, userId).update();
    }

    /** Each member's hourly cost: their own, else their team's, else the workspace's; members with none are left out. */
    public java.util.Map<UUID, java.math.BigDecimal> hourlyCosts(UUID workspaceId) {
        java.util.Map<UUID, java.math.BigDecimal> costs = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT m.user_id, coalesce(u.hourly_cost, t.hourly_cost, w.hourly_cost) AS cost
                FROM membership m JOIN app_user u ON u.id = m.user_id JOIN workspace w ON w.id = m.workspace_id
                LEFT JOIN team t ON t.id = m.team_id
                WHERE m.workspace_id = ? AND coalesce(u.hourly_cost, t.hourly_cost, w.hourly_cost) IS NOT NULL""")
                .params(workspaceId)
                .query(rs -> {
                    costs.put(rs.getObject("user_id", UUID.class), rs.getBigDecimal("cost"));
                });
        return costs;
    }

    public void updateEmail(UUID userId, String email) {
        jdbc.sql("UPDATE app_user SET email = ?, updated_at = now() WHERE id = ?").params(email, userId).update();
    }

    public void updateDisplayName(UUID userId, String displayName) {
        jdbc.sql("UPDATE app_user SET display_name = ?, updated_at = now() WHERE id = ?").params(displayName, userId).update();
    }

    public void setActive(UUID workspaceId, UUID userId, boolean active) {
        jdbc.sql("UPDATE membership SET active = ? WHERE workspace_id = ? AND user_id = ?")
                .params(active, workspaceId, userId).update();
    }

    public void updatePreferences(UUID userId, String locale, String timeZone) {
        jdbc.sql("UPDATE app_user SET locale = ?, time_zone = ?, updated_at = now() WHERE id = ?")
                .params(locale, timeZone, userId).update();
    }

    public void updatePassword(UUID userId, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, updated_at = now() WHERE id = ?").params(passwordHash, userId)
                .update();
    }

    /** The workspace the person's next sign-in starts in, chosen by them (so never asked again). */
    public void setCurrentWorkspace(UUID userId, UUID workspaceId) {
        jdbc.sql("UPDATE app_user SET current_workspace_id = ?, workspace_chosen_at = now() WHERE id = ?")
                .params(workspaceId, userId).update();
    }

    /** Whether the person ever chose a workspace themselves (the switch, the chooser). */
    public boolean workspaceChosen(UUID userId) {
        return jdbc.sql("SELECT workspace_chosen_at IS NOT NULL FROM app_user WHERE id = ?").param(userId)
                .query(Boolean.class).optional().orElse(false);
    }

    /** A person's active memberships with their roles, oldest first: one query for a whole sign-in. */
    public record Membership(WorkspaceSummary workspace, Set<Role> roles) {
    }

    public List<Membership> activeMemberships(UUID userId) {
        return jdbc.sql("""
                SELECT w.id, w.key, w.name, m.roles FROM membership m JOIN workspace w ON w.id = m.workspace_id
                WHERE m.user_id = ? AND m.active ORDER BY m.created_at, w.name""")
                .param(userId)
                .query((rs, n) -> membership(rs, ""))
                .list();
    }

    /** A membership from the columns {@code id, key, name, roles}, each name behind {@code prefix}. */
    static Membership membership(ResultSet rs, String prefix) throws SQLException {
        return new Membership(new WorkspaceSummary(rs.getObject(prefix + "id", UUID.class), rs.getString(prefix + "key"),
                rs.getString(prefix + "name")), roles(rs.getArray(prefix + "roles")));
    }

    public Set<Role> activeRoles(UUID workspaceId, UUID userId) {
        return jdbc.sql("SELECT roles FROM membership WHERE workspace_id = ? AND user_id = ? AND active")
                .params(workspaceId, userId).query((rs, n) -> roles(rs.getArray(1))).optional().orElse(Set.of());
    }

    public List<UUID> demoUsers() {
        return jdbc.sql("SELECT id FROM app_user WHERE demo").query(UUID.class).list();
    }

    static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("password_hash"),
                rs.getString("display_name"), rs.getString("locale"), rs.getString("time_zone"),
                rs.getBoolean("platform_admin"), rs.getObject("current_workspace_id", UUID.class));
    }

    private static Member member(ResultSet rs, int row) throws SQLException {
        UUID teamId = rs.getObject("team_id", UUID.class);
        UUID regionId = rs.getObject("region_id", UUID.class);
        return new Member(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                roles(rs.getArray("roles")), rs.getString("locale"), rs.getString("time_zone"),
                teamId == null ? null : new Member.Named(teamId, rs.getString("team_name")),
                regionId == null ? null : new Member.Named(regionId, rs.getString("region_name")),
                rs.getBoolean("active"), rs.getBoolean("demo"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("email"), rs.getBigDecimal("hourly_cost"));
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    private static String rolesLiteral(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(",", "{", "}"));
    }
}
