package dev.callsheet.deals.internal;

import dev.callsheet.deals.DealInsights;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refits every pipeline's win model each night from the deals closed since (docs/domain.md §9). With several
 * instances the first to reach the lock refits; the lock is kept for at least 10 minutes so an instance whose
 * clock runs a little late does not refit a second time.
 */
@Component
class ModelRefit {

    private final DealInsights insights;

    ModelRefit(DealInsights insights) {
        this.insights = insights;
    }

    @Scheduled(cron = "${callsheet.deals.refit-cron:0 30 2 * * *}")
    @SchedulerLock(name = "deals-model-refit", lockAtLeastFor = "PT10M", lockAtMostFor = "PT3H")
    void nightly() {
        insights.trainAll();
    }
}
