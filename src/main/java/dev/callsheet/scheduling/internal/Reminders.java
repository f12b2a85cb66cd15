package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.Appointment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A reminder e-mail {@code callsheet.scheduling.reminder} before each booked meeting (24 hours by default), to
 * the rep and, where they were invited, the lead. Claimed with SKIP LOCKED, marked in the same transaction as
 * the outbox row: sent once, whatever the number of instances.
 */
@Component
public class Reminders {

    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final Invites invites;
    private final Clock clock;
    private final Duration ahead;

    Reminders(AppointmentRepository appointments, CalendarRepository calendars, Invites invites, Clock clock,
            @Value("${callsheet.scheduling.reminder:24h}") Duration ahead) {
        this.appointments = appointments;
        this.calendars = calendars;
        this.invites = invites;
        this.clock = clock;
        this.ahead = ahead;
    }

    /** Queues the reminders due now; returns how many meetings got one. */
    @Scheduled(fixedDelayString = "${callsheet.scheduling.reminder-poll:1m}", initialDelayString = "30s")
    @Transactional
    public int remindDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (Appointment appointment : appointments.dueForReminder(now, now.plus(ahead))) {
            UUID ws = appointments.workspaceOf(appointment.id());
            invites.remind(ws, appointment, calendars.calendar(ws, appointment.rep().id()).orElse(null));
            appointments.reminded(appointment.id(), now);
            sent++;
        }
        return sent;
    }
}
