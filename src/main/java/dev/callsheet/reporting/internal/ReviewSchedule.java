package dev.callsheet.reporting.internal;

import dev.callsheet.reporting.Reviews;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Looks every minute for review periods that have ended: a review is due within a minute of its period's end. */
@Component
class ReviewSchedule {

    private final Reviews reviews;

    ReviewSchedule(Reviews reviews) {
        this.reviews = reviews;
    }

    @Scheduled(fixedDelayString = "${callsheet.reports.review-poll:PT1M}", initialDelayString = "PT20S")
    void run() {
        reviews.runDue();
    }
}
