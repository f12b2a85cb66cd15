package dev.callsheet.dialing;

import dev.callsheet.dialing.internal.PresenceRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where each agent is now, for the supervisor's live floor view: waiting for the next lead, on a
 * call, wrapping one up (talk over, outcome not yet saved), or paused. An agent whose console has
 * not been heard from for a while is offline.
 */
@Service
public class Floor {

    /** An agent's state as the floor view shows it. */
    public enum State { WAITING, ON_CALL, WRAP_UP, PAUSED, OFFLINE }

    /** One agent on the floor: the state, since when, in which project and call. */
    public record AgentState(UUID userId, State state, UUID projectId, UUID attemptId, Instant since, Instant seenAt) {
    }

    private final PresenceRepository repository;
    private final Clock clock;
    private final Duration offlineAfter;

    Floor(PresenceRepository repository, Clock clock,
            @Value("${callsheet.floor.offline-after:PT3M}") Duration offlineAfter) {
        this.repository = repository;
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    /** Every agent of the workspace who has used the console, with their state now. */
    @Transactional(readOnly = true)
    public List<AgentState> agents(UUID workspaceId) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(offlineAfter);
        return repository.all(workspaceId).stream()
                .map(a -> a.seenAt().isBefore(cutoff)
                        ? new AgentState(a.userId(), State.OFFLINE, a.projectId(), null, a.seenAt(), a.seenAt())
                        : a)
                .toList();
    }

    /** The console is open: the agent is on the floor (a heartbeat every half minute). */
    @Transactional
    public void seen(CurrentUser agent) {
        repository.seen(agent.workspaceId(), agent.userId(), clock.instant());
    }

    /** A break, shown on the floor until the agent resumes or asks for the next lead. */
    @Transactional
    public void pause(CurrentUser agent) {
        if (repository.state(agent.workspaceId(), agent.userId()).filter(s -> s == State.ON_CALL || s == State.WRAP_UP)
                .isPresent()) {
            throw ApiProblem.conflict("state", "save the outcome of the call in progress before pausing");
        }
        repository.set(agent.workspaceId(), agent.userId(), State.PAUSED, null, null, clock.instant());
    }

    @Transactional
    public void resume(CurrentUser agent) {
        repository.set(agent.workspaceId(), agent.userId(), State.WAITING, null, null, clock.instant());
    }

    /** Whether the agent is on a break (the console shows the pause instead of the next lead). */
    @Transactional(readOnly = true)
    public boolean paused(CurrentUser agent) {
        return repository.state(agent.workspaceId(), agent.userId()).filter(s -> s == State.PAUSED).isPresent();
    }

    void onCall(UUID workspaceId, UUID agentId, UUID projectId, UUID attemptId, Instant at) {
        repository.set(workspaceId, agentId, State.ON_CALL, projectId, attemptId, at);
    }

    void wrapUp(UUID workspaceId, UUID agentId, UUID projectId, UUID attemptId, Instant at) {
        repository.set(workspaceId, agentId, State.WRAP_UP, projectId, attemptId, at);
    }

    void waiting(UUID workspaceId, UUID agentId, UUID projectId, Instant at) {
        repository.set(workspaceId, agentId, State.WAITING, projectId, null, at);
    }
}
