package dev.callsheet.reporting.internal;

import dev.callsheet.reporting.Reviews;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks every minute for review periods that have ended: a review is due within a minute of its period's end.
 * One instance at a time sweeps (so the figures are not worked out twice); a review is stored once in any case,
 * by the unique key on project and period.
 */
@Component
class ReviewSchedule {

    private final Reviews reviews;

    ReviewSchedule(Reviews reviews) {
        this.reviews = reviews;
    }

    @Scheduled(fixedDelayString = "${callsheet.reports.review-poll:PT1M}", initialDelayString = "PT20S")
    @SchedulerLock(name = "reporting-review-sweep", lockAtMostFor = "PT30M")
    void run() {
        reviews.runDue();
    }
}
