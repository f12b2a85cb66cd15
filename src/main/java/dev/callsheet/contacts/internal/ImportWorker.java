package dev.callsheet.contacts.internal;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls for import jobs — queued ones, and running ones whose process died (no heartbeat for 30 s) —
 * and hands each to a thread of the imports' own pool ({@code callsheet.imports.workers}), so the
 * shared scheduler thread only claims and returns. The same poll keeps the heartbeats of this
 * process's jobs fresh, and fails for good a dead job whose attempts are used up.
 */
@Component
class ImportWorker implements DisposableBean {

    static final int STALE_SECONDS = 30;
    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

    private final ImportJobs jobs;
    private final ImportProcessor processor;
    private final ImportSettings settings;
    private final ExecutorService pool;
    private final AtomicInteger busy = new AtomicInteger();
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    ImportWorker(ImportJobs jobs, ImportProcessor processor, ImportSettings settings) {
        this.jobs = jobs;
        this.processor = processor;
        this.settings = settings;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(settings.workers(), task -> {
            Thread thread = new Thread(task, "import-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(fixedDelayString = "${callsheet.imports.poll:500ms}", initialDelayString = "${callsheet.imports.poll:500ms}")
    void poll() {
        try {
            jobs.heartbeat(Set.copyOf(running));
            int failed = jobs.failExhausted(STALE_SECONDS, settings.maxAttempts());
            if (failed > 0) {
                log.warn("{} import(s) stopped {} times without finishing and were marked failed", failed,
                        settings.maxAttempts());
            }
            while (busy.get() < settings.workers()) {
                var claimed = jobs.claim(STALE_SECONDS, settings.maxAttempts());
                if (claimed.isEmpty()) {
                    return;
                }
                ImportJobs.Job job = claimed.get();
                busy.incrementAndGet();
                running.add(job.id());
                pool.execute(() -> {
                    try {
                        processor.run(job);
                    } finally {
                        running.remove(job.id());
                        busy.decrementAndGet();
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("Import queue poll failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
