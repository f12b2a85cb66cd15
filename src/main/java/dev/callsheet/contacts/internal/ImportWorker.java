package dev.callsheet.contacts.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Polls for import jobs: queued ones, and running ones whose process died (no heartbeat for 30 s). */
@Component
class ImportWorker {

    static final int STALE_SECONDS = 30;

    private final ImportJobs jobs;
    private final ImportProcessor processor;

    ImportWorker(ImportJobs jobs, ImportProcessor processor) {
        this.jobs = jobs;
        this.processor = processor;
    }

    @Scheduled(fixedDelayString = "${callsheet.imports.poll:500ms}", initialDelayString = "${callsheet.imports.poll:500ms}")
    void poll() {
        jobs.claim(STALE_SECONDS).ifPresent(processor::run);
    }
}
