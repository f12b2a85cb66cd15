package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.ImportCompleted;
import dev.callsheet.contacts.ImportField;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.Spreadsheet;
import java.io.IOException;
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

    private final ApplicationEventPublisher events;

    ImportProcessor(ImportJobs jobs, ImportFiles files, ImportStaging staging, ImportResolution resolution,
            HeaderGuesser headers, MailProviders mailProviders, TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jobs = jobs;
        this.files = files;
        this.staging = staging;
        this.resolution = resolution;
        this.headers = headers;
        this.mailProviders = mailProviders;
        this.transactions = transactions;
    }

    public void run(ImportJobs.Job job) {
        ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "import-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Spreadsheet sheet = Spreadsheet.open(files.path(job.id()), job.encoding());
            if (job.rowsTotal() == null) {
                int[] count = {0};
                sheet.read(Integer.MAX_VALUE, row -> count[0]++);
                jobs.setTotal(job.id(), Math.max(0, count[0] - 1));
            }
            Iterator<List<String>> rows = sheet.rows();
            if (!rows.hasNext()) {
                finish(job);
                return;
            }
            List<String> header = rows.next();
            StagedRow.Context context = context(job, header);
            int rowNo = 0;
            while (rowNo < job.rowsProcessed() && rows.hasNext()) {
                rows.next();
                rowNo++;
            }
            long cardsAtStart = staging.cardEstimate();
            int start = rowNo + 1;
            // The next batch is read and normalised on another thread while this one is written.
            CompletableFuture<Batch> next = CompletableFuture.supplyAsync(() -> read(job.id(), rows, start, context),
                    reader);
            int batches = 0;
            while (true) {
                Batch batch = next.join();
                if (batch.rows().isEmpty()) {
                    break;
                }
                int first = batch.rows().get(0).rowNo();
                int last = batch.rows().get(batch.rows().size() - 1).rowNo();
                next = CompletableFuture.supplyAsync(() -> read(job.id(), rows, last + 1, context), reader);
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
        } catch (IOException | RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            log.warn("Import {} failed: {}", job.id(), cause.getMessage(), cause);
            jobs.fail(job.id(), cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } finally {
            reader.shutdownNow();
        }
    }

    /** A batch read and normalised, with the text that stages it. */
    private record Batch(List<StagedRow> rows, ImportStaging.Copy copy) {
    }

    /** Up to {@link #BATCH} rows from {@code rows}, numbered from {@code first}, normalised on every core. */
    private Batch read(UUID jobId, Iterator<List<String>> rows, int first, StagedRow.Context context) {
        List<List<String>> cells = new ArrayList<>(BATCH);
        while (cells.size() < BATCH && rows.hasNext()) {
            cells.add(rows.next());
        }
        List<StagedRow> read = IntStream.range(0, cells.size()).parallel()
                .mapToObj(i -> StagedRow.read(first + i, cells.get(i), context)).toList();
        return new Batch(read, staging.render(jobId, read));
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
