package dev.callsheet.reporting.internal;

import dev.callsheet.campaigns.ProjectChanged;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.deals.DealClosed;
import dev.callsheet.dialing.CallLogged;
import dev.callsheet.dialing.CallResultRecorded;
import dev.callsheet.dialing.Queue;
import dev.callsheet.reporting.internal.ReportRepository.Counts;
import dev.callsheet.scheduling.AppointmentBooked;
import dev.callsheet.scheduling.AppointmentChanged;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts every recorded event into reporting's tables. The listeners run in the transaction that
 * publishes the event (not after it, not again on a retry): the count commits with the call, the
 * booking or the win it counts, or not at all.
 */
@Component
class ReportCounts {

    private final ReportRepository repository;
    private final Projects projects;
    private final Queue queue;
    private final Map<UUID, ZoneId> zones = new ConcurrentHashMap<>();

    ReportCounts(ReportRepository repository, Projects projects, Queue queue) {
        this.repository = repository;
        this.projects = projects;
        this.queue = queue;
    }

    @EventListener
    void on(CallLogged call) {
        LocalDateTime hour = hour(call.workspaceId(), call.projectId(), call.startedAt());
        long handle = Math.max(0, call.at().getEpochSecond() - call.startedAt().getEpochSecond());
        Counts counts = new Counts(1, call.connected() ? 1 : 0, call.talkSeconds(), handle,
                call.successful() ? 1 : 0, call.successful() ? call.talkSeconds() : 0, call.qualified() ? 1 : 0,
                call.resolved() ? 1 : 0, call.resolved() && call.firstCall() ? 1 : 0, 0, 0, 0, 0, BigDecimal.ZERO,
                call.gatekeeper() ? 1 : 0);
        repository.addCall(call.workspaceId(), call.projectId(), hour, call.agentId(), call.source(), counts,
                call.outcome(), call.connected());
    }

    @EventListener
    void on(CallResultRecorded result) {
        repository.addOutcome(result.workspaceId(), result.projectId(),
                hour(result.workspaceId(), result.projectId(), result.callStartedAt()), result.agentId(),
                result.node(), result.code(), true);
    }

    @EventListener
    void on(AppointmentBooked booked) {
        if (booked.projectId() == null) {
            return;
        }
        Queue.LeadEntry entry = queue.entry(booked.projectId(), booked.contactId())
                .orElse(new Queue.LeadEntry("OTHER", null, booked.at()));
        String source = repository.booked(booked.workspaceId(), booked.projectId(), booked.contactId(),
                entry.source(), entry.campaign(), entry.enteredAt(), booked.at());
        Counts set = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, BigDecimal.ZERO, 0);
        repository.add(booked.workspaceId(), booked.projectId(),
                hour(booked.workspaceId(), booked.projectId(), booked.at()), agent(booked.agentId()), source, set);
    }

    @EventListener
    void on(AppointmentChanged changed) {
        if (changed.projectId() == null) {
            return;
        }
        int held = delta("HELD", changed);
        int noShow = delta("NO_SHOW", changed);
        if (held == 0 && noShow == 0) {
            return;
        }
        String source = source(changed.projectId(), changed.contactId());
        repository.add(changed.workspaceId(), changed.projectId(),
                hour(changed.workspaceId(), changed.projectId(), changed.start()), agent(changed.bookedBy()), source,
                new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, held, noShow, 0, BigDecimal.ZERO, 0));
        if (held != 0) {
            repository.held(changed.projectId(), changed.contactId(), held > 0 ? changed.start() : null);
        }
    }

    /** +1 when the meeting became {@code status}, -1 when it stopped being it (a correction, a cancellation). */
    private static int delta(String status, AppointmentChanged changed) {
        boolean now = status.equals(changed.change());
        boolean before = status.equals(changed.previous());
        return now == before ? 0 : now ? 1 : -1;
    }

    @EventListener
    void on(DealClosed closed) {
        if (closed.projectId() == null || closed.contactId() == null) {
            return;
        }
        boolean won = "WON".equals(closed.status());
        boolean cancelled = "CANCELLED".equals(closed.status()) && closed.wonAt() != null;
        if (!won && !cancelled) {
            return;
        }
        Instant at = won ? closed.at() : closed.wonAt();
        BigDecimal amount = closed.amount() == null ? BigDecimal.ZERO : closed.amount();
        String source = source(closed.projectId(), closed.contactId());
        repository.add(closed.workspaceId(), closed.projectId(), hour(closed.workspaceId(), closed.projectId(), at),
                agent(closed.creditedAgentId()), source,
                new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, won ? 1 : -1, won ? amount : amount.negate(), 0));
        if (closed.currency() != null) {
            repository.addRevenue(closed.workspaceId(), closed.projectId(),
                    hour(closed.workspaceId(), closed.projectId(), at), agent(closed.creditedAgentId()), source,
                    closed.currency(), won ? 1 : -1, won ? amount : amount.negate());
        }
        repository.won(closed.projectId(), closed.contactId(), won ? closed.at() : null);
    }

    @EventListener
    void on(ProjectChanged changed) {
        if (changed.projectId() != null) {
            zones.remove(changed.projectId());
        }
    }

    private String source(UUID projectId, UUID contactId) {
        String source = repository.sourceOf(projectId, contactId);
        if (source != null) {
            return source;
        }
        return queue.entry(projectId, contactId).map(Queue.LeadEntry::source).orElse("OTHER");
    }

    private LocalDateTime hour(UUID workspaceId, UUID projectId, Instant at) {
        ZoneId zone = zones.computeIfAbsent(projectId, id -> projects.project(workspaceId, id).zone());
        return LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.HOURS);
    }

    private static UUID agent(UUID agentId) {
        return agentId == null ? ReportRepository.NOBODY : agentId;
    }
}
