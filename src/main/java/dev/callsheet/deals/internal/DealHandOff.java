package dev.callsheet.deals.internal;

import dev.callsheet.scheduling.AppointmentBooked;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Opens the deal of each booked meeting (DOMAIN.md §3.2). The event is kept in the publication registry until
 * this listener commits, so a crash in between replays it; the unique appointment id makes the replay harmless.
 */
@Component
class DealHandOff {

    private final DealRepository deals;

    DealHandOff(DealRepository deals) {
        this.deals = deals;
    }

    @ApplicationModuleListener
    void on(AppointmentBooked booked) {
        deals.openFromBooking(booked.workspaceId(), booked.contactId(), booked.repId(), booked.agentId(),
                booked.projectId(), booked.appointmentId(), booked.qualification(), booked.at());
    }
}
