package dev.callsheet.workspace.internal;

import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.WorkspaceSummary;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Component;

/** Builds the {@link CurrentUser} of a sign-in: the person, the workspace they act in, their roles there. */
@Component
public class Principals {

    private final UserRepository users;

    Principals(UserRepository users) {
        this.users = users;
    }

    /**
     * @param preferred the workspace to act in if the person is an active member; else their
     *     last used one, else their oldest membership
     * @throws DisabledException when no active membership is left
     */
    public CurrentUser load(UserRepository.Account account, UUID preferred) {
        return of(account, preferred, users.activeMemberships(account.id()));
    }

    /** The same from memberships already read, in the order {@link UserRepository#activeMemberships} gives them. */
    CurrentUser of(UserRepository.Account account, UUID preferred, List<UserRepository.Membership> memberships) {
        List<WorkspaceSummary> workspaces = memberships.stream().map(UserRepository.Membership::workspace).toList();
        WorkspaceSummary workspace = pick(workspaces, preferred)
                .or(() -> pick(workspaces, account.currentWorkspaceId()))
                .or(() -> workspaces.stream().findFirst())
                .orElseThrow(() -> new DisabledException("The account has no active workspace"));
        Set<Role> roles = memberships.stream().filter(m -> m.workspace().equals(workspace)).findFirst()
                .map(UserRepository.Membership::roles).orElse(Set.of());
        return new CurrentUser(account.id(), account.username(), account.displayName(), workspace, roles,
                Locale.forLanguageTag(account.locale()), ZoneId.of(account.timeZone()), account.platformAdmin(),
                workspaces);
    }

    /** The same person, re-read (after a change of preferences or of workspace). */
    public CurrentUser reload(CurrentUser user, UUID workspaceId) {
        return load(users.account(user.userId()).orElseThrow(() -> new DisabledException("The account is gone")),
                workspaceId);
    }

    private static Optional<WorkspaceSummary> pick(List<WorkspaceSummary> workspaces, UUID id) {
        return id == null ? Optional.empty() : workspaces.stream().filter(w -> w.id().equals(id)).findFirst();
    }
}
