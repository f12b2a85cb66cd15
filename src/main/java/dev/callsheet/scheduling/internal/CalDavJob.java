package dev.callsheet.scheduling.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The reps' CalDAV calendars in the background, one job: first the meetings waiting to be written (every poll),
 * then the calendars whose busy times are older than {@code callsheet.caldav.sync-interval}.
 */
@Component
class CalDavJob {

    private final CalDavCalendars caldav;

    CalDavJob(CalDavCalendars caldav) {
        this.caldav = caldav;
    }

    @Scheduled(fixedDelayString = "${callsheet.caldav.poll:2s}", initialDelayString = "${callsheet.caldav.poll:2s}")
    void run() {
        while (caldav.pushDue(50) == 50) {
            // another batch
        }
        caldav.syncDue(20);
    }
}
