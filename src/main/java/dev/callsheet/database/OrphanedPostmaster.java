package dev.callsheet.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code kill -9} of the JVM leaves the postmaster running, re-parented to PID 1, still
 * holding the cluster. Before a new server starts on the same cluster, such a server is
 * found through its {@code postmaster.pid} and shut down cleanly.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private OrphanedPostmaster() {
    }

    static void stopIfRunning(Path cluster) throws IOException {
        Optional<ProcessHandle> orphan = find(cluster);
        if (orphan.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = orphan.get();
        log.warn("A PostgreSQL server (pid {}) left running by an earlier Callsheet process still holds {}; stopping it",
                postmaster.pid(), cluster);
        // SIGTERM is PostgreSQL's "smart" shutdown: with its client gone it checkpoints and exits.
        postmaster.destroy();
        if (!waitForExit(postmaster)) {
            log.warn("PostgreSQL (pid {}) did not stop within {}s; killing it (it will recover from its WAL)",
                    postmaster.pid(), PATIENCE.toSeconds());
            postmaster.destroyForcibly();
            if (!waitForExit(postmaster)) {
                throw new IOException("could not stop the PostgreSQL server (pid " + postmaster.pid() + ") holding "
                        + cluster);
            }
        }
    }

    /** The live postmaster recorded in the cluster's pid file, if it really is a PostgreSQL process. */
    static Optional<ProcessHandle> find(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // A stale pid file may name a pid since reused by an unrelated process: check what it runs.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    private static boolean waitForExit(ProcessHandle process) {
        try {
            process.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return !process.isAlive();
        }
    }
}
