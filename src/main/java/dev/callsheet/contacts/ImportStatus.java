package dev.callsheet.contacts;

import java.time.Instant;
import java.util.UUID;

/**
 * An import's progress and outcome, row by row counted.
 *
 * @param error why it failed, in English, for a user to read; null unless FAILED
 * @param errorKey the reason's message key under {@code imports.error.}, for the pages; null when none fits
 */
public record ImportStatus(UUID id, String fileName, String status, Integer rows, int processed, int created,
        int merged, int flagged, int skipped, int rejected, UUID sameFileAs, String error, Instant createdAt,
        Instant finishedAt, String errorKey) {

    /** 0 to 100. */
    public int percent() {
        if ("DONE".equals(status)) {
            return 100;
        }
        return rows == null || rows == 0 ? 0 : (int) Math.min(99, processed * 100L / rows);
    }
}
