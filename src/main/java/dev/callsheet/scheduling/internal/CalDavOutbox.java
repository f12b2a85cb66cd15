package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.AppointmentBooked;
import dev.callsheet.scheduling.AppointmentChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Fills the CalDAV outbox in the booking's own transaction (these listeners run synchronously, inside it): the
 * write to the rep's calendar is committed with the meeting or not at all, so a crash loses none.
 */
@Component
class CalDavOutbox {

    private final CalDavRepository repository;

    CalDavOutbox(CalDavRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void on(AppointmentBooked booked) {
        repository.enqueue(booked.workspaceId(), booked.appointmentId(), booked.repId(), booked.at());
    }

    @EventListener
    void on(AppointmentChanged changed) {
        if (changed.change().equals("HELD") || changed.change().equals("NO_SHOW")) {
            return; // the calendar's event stays as it was
        }
        repository.enqueue(changed.workspaceId(), changed.appointmentId(), changed.repId(), changed.at());
    }
}
