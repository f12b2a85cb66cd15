package dev.callsheet.deals.internal;

import dev.callsheet.deals.DealInsights;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Refits every pipeline's win model each night from the deals closed since (DOMAIN.md §9). */
@Component
class ModelRefit {

    private final DealInsights insights;

    ModelRefit(DealInsights insights) {
        this.insights = insights;
    }

    @Scheduled(cron = "${callsheet.deals.refit-cron:0 30 2 * * *}")
    void nightly() {
        insights.trainAll();
    }
}
