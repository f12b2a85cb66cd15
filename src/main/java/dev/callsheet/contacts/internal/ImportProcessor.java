package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.ImportCompleted;
import dev.callsheet.contacts.ImportField;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.Spreadsheet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed import: reads the file as a stream, normalises each batch of rows on every
 * core and renders it as COPY text (the next batch while the database writes this one), stages it
 * with COPY and resolves it in SQL. A batch commits together with the job's counters, so after a
 * crash the job resumes at the first row of the batch that did not commit.
 */
@Component
public class ImportProcessor {

    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(ImportProcessor.class);

    private final ImportJobs jobs;
    private final ImportFiles files;
    private final ImportStaging staging;
    private final ImportResolution resolution;
    private final HeaderGuesser headers;
    private final MailProviders mailProviders;
    private final TransactionTemplate transactions;
    private final ImportSettings settings;

    private final ApplicationEventPublisher events;

    ImportProcessor(ImportJobs jobs, ImportFiles files, ImportStaging staging, ImportResolution resolution,
            HeaderGuesser headers, MailProviders mailProviders, TransactionTemplate transactions,
            ApplicationEventPublisher events, ImportSettings settings) {
        this.settings = settings;
        this.events = events;
        this.jobs = jobs;
        this.files = files;
        this.staging = staging;
        this.resolution = resolution;
        this.headers = headers;
        this.mailProviders = mailProviders;
        this.transactions = transactions;
    }

    /**
     * Runs the job to its end. It never throws: a failure of the file fails the job with a reason a
     * user can read; any other failure puts it back in the queue while it has attempts left. The raw
     * cause goes only to the log.
     */
    public void run(ImportJobs.Job job) {
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "import-reader");
            thread.setDaemon(true);
            return thread;
        });
        Spreadsheet.RowReader rows = null;
        try {
            Spreadsheet sheet = Spreadsheet.open(files.path(job.id()), job.encoding(), settings.limits());
            rows = sheet.records();
            if (job.rowsTotal() == null) {
                int count = 0;
                try (Spreadsheet.RowReader counting = sheet.records()) {
                    while (counting.hasNext()) {
                        counting.next();
                        count++;
                    }
                }
                jobs.setTotal(job.id(), Math.max(0, count - 1));
            }
            if (!rows.hasNext()) {
                finish(job);
                files.delete(job.id());
                return;
            }
            List<String> header = rows.next().cells();
            StagedRow.Context context = context(job, header);
            int rowNo = 0;
            while (rowNo < job.rowsProcessed() && rows.hasNext()) {
                rows.next();
                rowNo++;
            }
            long cardsAtStart = staging.cardEstimate();
            int start = rowNo + 1;
            Spreadsheet.RowReader source = rows;
            // The next batch is read and normalised on another thread while this one is written.
            CompletableFuture<Batch> next = CompletableFuture.supplyAsync(() -> read(job.id(), source, start, context),
                    reader);
            int batches = 0;
            while (true) {
                Batch batch = next.join();
                if (batch.rows().isEmpty()) {
                    break;
                }
                int first = batch.rows().get(0).rowNo();
                int last = batch.rows().get(batch.rows().size() - 1).rowNo();
                next = last >= settings.maxRows() ? CompletableFuture.completedFuture(new Batch(List.of(), null))
                        : CompletableFuture.supplyAsync(() -> read(job.id(), source, last + 1, context), reader);
                boolean analyze = Integer.bitCount(++batches) == 1;
                // The card tables' statistics matter while the import is large next to them (an empty workspace);
                // past that, analysing a million cards costs a second or more and changes no plan.
                boolean cardTables = analyze && (long) (last - job.rowsProcessed()) * 10 >= cardsAtStart;
                transactions.executeWithoutResult(status -> {
                    staging.stage(batch.copy());
                    if (analyze) {
                        staging.analyze(cardTables);
                    }
                    resolution.resolve(job.workspaceId(), job.id(), first, last, job.onDuplicate());
                    jobs.countBatch(job.id(), first, last);
                });
            }
            finish(job);
            files.delete(job.id());
        } catch (Throwable e) {
            failed(job, e);
        } finally {
            reader.shutdownNow();
            if (rows != null) {
                rows.close();
            }
        }
    }

    private void failed(ImportJobs.Job job, Throwable thrown) {
        Throwable cause = thrown;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException
                || cause instanceof UncheckedIOException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        try {
            if (cause instanceof OutOfMemoryError) {
                log.error("Import {} ran out of memory on attempt {}", job.id(), job.attempts(), cause);
                fail(job, "memory", "the file needs more memory than an import may use; split it into smaller files");
            } else if (cause instanceof Spreadsheet.NotASpreadsheet unreadable) {
                log.warn("Import {} could not read its file: {}", job.id(), unreadable.getMessage());
                fail(job, "unreadable", unreadable.getMessage());
            } else if (cause instanceof IOException) {
                log.warn("Import {} could not read its file", job.id(), cause);
                fail(job, "unreadable", "the file could not be read as CSV or XLSX");
            } else if (job.attempts() < settings.maxAttempts()) {
                log.warn("Import {} failed on attempt {} of {}; it will be tried again", job.id(), job.attempts(),
                        settings.maxAttempts(), cause);
                jobs.requeue(job.id());
            } else {
                log.error("Import {} failed on its last attempt ({})", job.id(), job.attempts(), cause);
                fail(job, "unexpected", "the import stopped on an unexpected error, " + job.attempts()
                        + " times; it has been logged for the administrator");
            }
        } catch (RuntimeException | Error e) {
            // The database itself is away: the job stays RUNNING, its heartbeat goes stale, and it counts as an attempt.
            log.error("Import {} failed and its failure could not be recorded", job.id(), e);
        }
    }

    private void fail(ImportJobs.Job job, String key, String reason) {
        jobs.fail(job.id(), key, reason);
        files.delete(job.id());
    }

    /** A batch read and normalised, with the text that stages it. */
    private record Batch(List<StagedRow> rows, ImportStaging.Copy copy) {
    }

    /**
     * Up to {@link #BATCH} rows from {@code rows}, numbered from {@code first}, normalised on every core;
     * a row the reader found broken is rejected with its reason.
     */
    private Batch read(UUID jobId, Iterator<Spreadsheet.Row> rows, int first, StagedRow.Context context) {
        List<Spreadsheet.Row> cells = new ArrayList<>(BATCH);
        while (cells.size() < BATCH && first + cells.size() <= settings.maxRows() && rows.hasNext()) {
            cells.add(rows.next());
        }
        List<StagedRow> read = IntStream.range(0, cells.size()).parallel()
                .mapToObj(i -> cells.get(i).problem() != null
                        ? StagedRow.rejected(first + i, cells.get(i).cells(), reason(cells.get(i).problem()), context)
                        : StagedRow.read(first + i, cells.get(i).cells(), context)).toList();
        return new Batch(read, staging.render(jobId, read));
    }

    /** Why a row the reader found broken is rejected, with the limit it went past. */
    private String reason(Spreadsheet.Problem problem) {
        return switch (problem) {
            case CELL_TOO_LONG -> "a cell is longer than " + settings.maxCellLength() + " characters, the limit";
            case TOO_MANY_COLUMNS -> "the row has more than " + settings.maxColumns() + " columns, the limit";
            default -> problem.reason();
        };
    }

    /** Done, and said so in the same transaction: listeners (a target project's queue) run after the commit. */
    private void finish(ImportJobs.Job job) {
        transactions.executeWithoutResult(status -> {
            jobs.finish(job.id());
            events.publishEvent(new ImportCompleted(job.workspaceId(), job.id(), job.projectId(), job.createdBy()));
        });
    }

    private StagedRow.Context context(ImportJobs.Job job, List<String> header) {
        Map<String, ImportField> byHeader = headers.map(job.workspaceId(), header, job.mapping());
        Map<Integer, ImportField> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(i, byHeader.getOrDefault(header.get(i), ImportField.IGNORE));
        }
        return new StagedRow.Context(columns, header, job.country(), LeadSource.valueOf(job.source()),
                mailProviders.normalizer(job.workspaceId()));
    }
}
