package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Spreadsheet;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code callsheet.imports.*}: what one upload may hold, and how imports run. The defaults let a
 * list of a million rows through and keep any file from taking the service down.
 *
 * @param maxFileSize the largest upload (413 past it)
 * @param maxRows the most data rows in a file (400 past it)
 * @param maxColumns the most columns of the header row (400 past it; a longer data row is rejected)
 * @param maxCellLength the most characters in a cell (a row with a longer cell is rejected)
 * @param workers imports running at once, each on a thread of its own
 * @param maxAttempts how many times a job is started before it is marked failed (a process that died
 *     during it counts as an attempt)
 * @param poll how often the queue is looked at
 */
@ConfigurationProperties("callsheet.imports")
public record ImportSettings(DataSize maxFileSize, Integer maxRows, Integer maxColumns, Integer maxCellLength,
        Integer workers, Integer maxAttempts, Duration poll) {

    public ImportSettings {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(256) : maxFileSize;
        maxRows = maxRows == null ? 2_000_000 : maxRows;
        maxColumns = maxColumns == null ? 500 : maxColumns;
        maxCellLength = maxCellLength == null ? 32_767 : maxCellLength;
        workers = workers == null ? 2 : workers;
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        poll = poll == null ? Duration.ofMillis(500) : poll;
        if (maxFileSize.toBytes() <= 0 || maxRows < 1 || maxColumns < 1 || maxCellLength < 1 || workers < 1
                || maxAttempts < 1 || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("callsheet.imports.* limits must be positive");
        }
    }

    public Spreadsheet.Limits limits() {
        return new Spreadsheet.Limits(maxColumns, maxCellLength);
    }
}
