package dev.callsheet.workspace;

import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.Member.Named;
import dev.callsheet.workspace.internal.Checks;
import dev.callsheet.workspace.internal.TeamRepository;
import dev.callsheet.workspace.internal.UserRepository;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people of a workspace, its teams and regions. Every method takes the workspace it acts
 * in, and rejects bad input with an {@link ApiProblem} naming the field.
 */
@Service
@Transactional
public class People {

    private final UserRepository users;
    private final TeamRepository teams;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;

    People(UserRepository users, TeamRepository teams, PasswordEncoder passwords,
            ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.teams = teams;
        this.passwords = passwords;
    }

    /** Adds a new person to the workspace. */
    public UUID createUser(UUID workspaceId, NewUser user) {
        return createUser(workspaceId, user, false);
    }

    /** Adds a person marked as demo data (their password is reset by each {@code --demo} start). */
    public UUID createDemoUser(UUID workspaceId, NewUser user) {
        return createUser(workspaceId, user, true);
    }

    private UUID createUser(UUID workspaceId, NewUser user, boolean demo) {
        String username = Checks.username(user.username());
        String password = Checks.password("password", user.password());
        Set<Role> roles = roles(user.roles());
        String displayName = Checks.optionalText("displayName", user.displayName(), 80, username);
        String timeZone = Checks.timeZone("timeZone", user.timeZone()).getId();
        String locale = Checks.locale("locale", user.locale()).toLanguageTag();
        UUID regionId = optional(user.region()).map(r -> region(workspaceId, r)).map(Named::id).orElse(null);
        UUID teamId = optional(user.team()).map(t -> team(workspaceId, t)).map(Named::id).orElse(null);
        if (users.usernameTaken(username)) {
            throw ApiProblem.conflict("username", "username " + username + " is already taken");
        }
        UUID id = users.insert(username, passwords.encode(password), displayName, locale, timeZone, false, demo,
                workspaceId);
        users.addMembership(workspaceId, id, roles, teamId, regionId);
        if (user.email() != null && !user.email().isBlank()) {
            users.updateEmail(id, Inputs.email("email", user.email()));
        }
        if (user.hourlyCost() != null) {
            users.updateHourlyCost(id, cost("hourlyCost", user.hourlyCost()));
        }
        return id;
    }

    /** Gives an existing person (for example an agency's supervisor) a place in another workspace. */
    public void addExistingUser(UUID workspaceId, String username, Set<Role> roles) {
        var account = users.account(username).orElseThrow(() -> ApiProblem.badRequest("username",
                "no user named " + username));
        users.addMembership(workspaceId, account.id(), roles(roles), null, null);
    }

    @Transactional(readOnly = true)
    public List<Member> members(UUID workspaceId) {
        return users.members(workspaceId);
    }

    @Transactional(readOnly = true)
    public Optional<Member> member(UUID workspaceId, UUID userId) {
        return users.member(workspaceId, userId);
    }

    /**
     * Changes a member's display name, roles, team, region and e-mail address; null leaves a field as
     * it is, an empty team, region or e-mail string clears it.
     */
    public Member updateMember(UUID workspaceId, UUID userId, String displayName, Set<Role> roles, String team,
            String region, String email) {
        return updateMember(workspaceId, userId, displayName, roles, team, region, email, null, false);
    }

    /** As {@link #updateMember}, and the hourly cost: when {@code setCost}, {@code hourlyCost} (null clears it). */
    public Member updateMember(UUID workspaceId, UUID userId, String displayName, Set<Role> roles, String team,
            String region, String email, java.math.BigDecimal hourlyCost, boolean setCost) {
        Member member = users.member(workspaceId, userId).orElseThrow(() -> ApiProblem.notFound("user"));
        if (displayName != null) {
            users.updateDisplayName(userId, Checks.text("displayName", displayName, 80));
        }
        if (email != null) {
            users.updateEmail(userId, email.isBlank() ? null : Inputs.email("email", email));
        }
        if (setCost) {
            users.updateHourlyCost(userId, hourlyCost == null ? null : cost("hourlyCost", hourlyCost));
        }
        Set<Role> newRoles = roles == null ? member.roles() : roles(roles);
        UUID teamId = team == null ? idOf(member.team()) : team.isBlank() ? null : team(workspaceId, team).id();
        UUID regionId = region == null ? idOf(member.region())
                : region.isBlank() ? null : region(workspaceId, region).id();
        users.updateMembership(workspaceId, userId, newRoles, teamId, regionId);
        return users.member(workspaceId, userId).orElseThrow();
    }

    /** Each member's hourly cost (their own, else their team's, else the workspace's); those with none are absent. */
    @Transactional(readOnly = true)
    public java.util.Map<UUID, java.math.BigDecimal> hourlyCosts(UUID workspaceId) {
        return users.hourlyCosts(workspaceId);
    }

    /** The team's hourly cost, for its members without their own; null clears it. */
    public void setTeamHourlyCost(UUID workspaceId, UUID teamId, java.math.BigDecimal hourlyCost) {
        if (!teams.setHourlyCost(workspaceId, teamId, hourlyCost == null ? null : cost("hourlyCost", hourlyCost))) {
            throw ApiProblem.notFound("team");
        }
    }

    /** The workspace's hourly cost, for members with neither their own nor a team's; null clears it. */
    public void setWorkspaceHourlyCost(UUID workspaceId, java.math.BigDecimal hourlyCost) {
        teams.setWorkspaceHourlyCost(workspaceId, hourlyCost == null ? null : cost("hourlyCost", hourlyCost));
    }

    /** The workspace's own hourly cost, or null. */
    @Transactional(readOnly = true)
    public java.math.BigDecimal workspaceHourlyCost(UUID workspaceId) {
        return teams.workspaceHourlyCost(workspaceId);
    }

    private static java.math.BigDecimal cost(String field, java.math.BigDecimal cost) {
        if (cost.signum() < 0 || cost.compareTo(java.math.BigDecimal.valueOf(100_000)) > 0 || cost.scale() > 2
                && cost.stripTrailingZeros().scale() > 2) {
            throw ApiProblem.badRequest(field, field + " must be 0 to 100000 with at most two decimals");
        }
        return cost.setScale(2, java.math.RoundingMode.HALF_UP);
    }

    /** Deactivates or reactivates a member: a deactivated member can no longer sign in to the workspace. */
    public void setActive(UUID workspaceId, UUID userId, boolean active, UUID actingUserId) {
        users.member(workspaceId, userId).orElseThrow(() -> ApiProblem.notFound("user"));
        if (!active && userId.equals(actingUserId)) {
            throw ApiProblem.conflict("id", "you cannot deactivate yourself");
        }
        users.setActive(workspaceId, userId, active);
        if (!active) {
            events.publishEvent(new MemberDeactivated(workspaceId, userId));
        }
    }

    /** A person's own language and time zone. */
    public void updatePreferences(UUID userId, String locale, String timeZone) {
        users.updatePreferences(userId, Checks.locale("locale", locale).toLanguageTag(),
                Checks.timeZone("timeZone", timeZone).getId());
    }

    /** Whether the person ever chose the workspace they work in (a platform admin is asked until they do). */
    @Transactional(readOnly = true)
    public boolean workspaceChosen(UUID userId) {
        return users.workspaceChosen(userId);
    }

    /** The workspace a person's next sign-in starts in. */
    public void setCurrentWorkspace(UUID userId, UUID workspaceId) {
        users.setCurrentWorkspace(userId, workspaceId);
    }

    public void changePassword(UUID userId, String currentPassword, String newPassword) {
        var account = users.account(userId).orElseThrow(() -> ApiProblem.notFound("user"));
        if (currentPassword == null || !passwords.matches(currentPassword, account.passwordHash())) {
            throw ApiProblem.badRequest("currentPassword", "currentPassword is not your current password");
        }
        users.updatePassword(userId, passwords.encode(Checks.password("newPassword", newPassword)));
    }

    /** Sets the password of every demo user (and only theirs). */
    public void resetDemoPasswords(String password) {
        String hash = passwords.encode(password);
        users.demoUsers().forEach(id -> users.updatePassword(id, hash));
    }

    @Transactional(readOnly = true)
    public List<Team> teams(UUID workspaceId) {
        return teams.teams(workspaceId);
    }

    @Transactional(readOnly = true)
    public List<Named> regions(UUID workspaceId) {
        return teams.regions(workspaceId);
    }

    public UUID createTeam(UUID workspaceId, String name, String region) {
        String teamName = Checks.text("name", name, 80);
        if (teams.nameTaken("team", workspaceId, teamName)) {
            throw ApiProblem.conflict("name", "a team named " + teamName + " already exists");
        }
        UUID regionId = optional(region).map(r -> region(workspaceId, r)).map(Named::id).orElse(null);
        return teams.insertTeam(workspaceId, teamName, regionId);
    }

    public UUID createRegion(UUID workspaceId, String name) {
        String regionName = Checks.text("name", name, 80);
        if (teams.nameTaken("region", workspaceId, regionName)) {
            throw ApiProblem.conflict("name", "a region named " + regionName + " already exists");
        }
        return teams.insertRegion(workspaceId, regionName);
    }

    public void deleteTeam(UUID workspaceId, UUID teamId) {
        if (!teams.deleteTeam(workspaceId, teamId)) {
            throw ApiProblem.notFound("team");
        }
    }

    public void deleteRegion(UUID workspaceId, UUID regionId) {
        if (!teams.deleteRegion(workspaceId, regionId)) {
            throw ApiProblem.notFound("region");
        }
    }

    private Named region(UUID workspaceId, String idOrName) {
        return teams.region(workspaceId, idOrName).orElseThrow(() -> ApiProblem.badRequest("region",
                "region " + idOrName + " does not exist in this workspace"));
    }

    private Named team(UUID workspaceId, String idOrName) {
        return teams.team(workspaceId, idOrName).orElseThrow(() -> ApiProblem.badRequest("team",
                "team " + idOrName + " does not exist in this workspace"));
    }

    private static Set<Role> roles(Set<Role> roles) {
        if (roles == null || roles.isEmpty() || roles.stream().anyMatch(Objects::isNull)) {
            throw ApiProblem.badRequest("roles", "roles must list at least one of AGENT, REP, SUPERVISOR, ADMIN");
        }
        return EnumSet.copyOf(roles);
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static UUID idOf(Named named) {
        return named == null ? null : named.id();
    }
}
