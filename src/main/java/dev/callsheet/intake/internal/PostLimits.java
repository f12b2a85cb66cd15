package dev.callsheet.intake.internal;

import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Rate;
import dev.callsheet.web.RateLimiter;
import dev.callsheet.workspace.WorkspaceSummary;
import dev.callsheet.workspace.Workspaces;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The public form's rate limits (see {@link IntakeSettings}): every post takes a token from its client address's
 * bucket in the workspace, then from the workspace's own; a post that finds either empty is refused with the time
 * to wait. An address already refused takes nothing from the workspace, so one flooding client cannot use up the
 * workspace's posts by itself.
 */
@Component
public class PostLimits {

    private final RateLimiter limits;
    private final Workspaces workspaces;
    private final List<Rate> perAddress;
    private final List<Rate> perWorkspace;

    PostLimits(RateLimiter limits, Workspaces workspaces, IntakeSettings settings) {
        this.limits = limits;
        this.workspaces = workspaces;
        this.perAddress = settings.addressRates();
        this.perWorkspace = settings.workspaceRates();
    }

    /**
     * Counts one post to {@code workspaceKey} from {@code client}.
     *
     * @throws ApiProblem 404 for an unknown workspace; 429 (with {@code retryAfter}) for a limited address
     *         ({@code field} address) or workspace ({@code field} workspaceKey, the cap named in the detail)
     */
    public void admit(String workspaceKey, String client) {
        WorkspaceSummary workspace = workspaces.byKey(workspaceKey == null ? "" : workspaceKey)
                .orElseThrow(() -> ApiProblem.notFound("workspace"));
        Optional<Duration> address = limits.take("form:address:" + workspace.id() + ":" + client, perAddress);
        if (address.isPresent()) {
            long wait = seconds(address.get());
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "address",
                    "too many posts from this address; try again in " + wait + " s").with("retryAfter", wait);
        }
        Optional<Duration> all = limits.take("form:workspace:" + workspace.id(), perWorkspace);
        if (all.isPresent()) {
            long wait = seconds(all.get());
            String cap = perWorkspace.stream().map(Rate::toString).collect(Collectors.joining(" and "));
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "workspaceKey", "this workspace takes at most " + cap
                    + " web-form posts; try again in " + wait + " s").with("retryAfter", wait).with("limit", cap);
        }
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
