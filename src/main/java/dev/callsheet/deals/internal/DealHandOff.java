package dev.callsheet.deals.internal;

import dev.callsheet.deals.Pipeline;
import dev.callsheet.deals.Pipelines;
import dev.callsheet.scheduling.AppointmentBooked;
import dev.callsheet.scheduling.AppointmentChanged;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens the deal of each booked meeting (docs/domain.md §3.2), in the workspace's default pipeline, owned by the rep and
 * credited to the agent; and records the meeting as a touch of the deal once held (two-way) or missed (one-way).
 * Events stay in the publication registry until these listeners commit, so a crash in between replays them; the
 * unique appointment id makes the replay of a booking harmless.
 */
@Component
class DealHandOff {

    private final DealRepository deals;
    private final Pipelines pipelines;

    DealHandOff(DealRepository deals, Pipelines pipelines) {
        this.deals = deals;
        this.pipelines = pipelines;
    }

    @ApplicationModuleListener
    void on(AppointmentBooked booked) {
        Pipeline pipeline = pipelines.defaultPipeline(booked.workspaceId());
        deals.open(new DealRepository.NewDeal(booked.workspaceId(), booked.contactId(), booked.repId(),
                booked.agentId(), booked.projectId(), booked.appointmentId(), "APPOINTMENT", pipeline.id(),
                pipeline.first().code(), null, null, null, null, booked.qualification(), booked.at()));
    }

    @ApplicationModuleListener
    void on(AppointmentChanged changed) {
        if (!"HELD".equals(changed.change()) && !"NO_SHOW".equals(changed.change())) {
            return;
        }
        deals.ofContact(changed.workspaceId(), changed.contactId()).stream().filter(d -> d.isOpen()).findFirst()
                .ifPresent(deal -> deals.addTouch(changed.workspaceId(), deal.id(), "MEETING",
                        "HELD".equals(changed.change()), changed.start(), changed.repId(), null));
    }
}
