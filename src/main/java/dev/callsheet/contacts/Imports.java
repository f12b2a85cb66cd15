package dev.callsheet.contacts;

import dev.callsheet.campaigns.Projects;
import dev.callsheet.contacts.internal.HeaderGuesser;
import dev.callsheet.contacts.internal.ImportFiles;
import dev.callsheet.contacts.internal.ImportJobs;
import dev.callsheet.contacts.internal.ImportSettings;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.web.Sheets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Spreadsheet imports: an upload becomes a queued job that a background worker runs in
 * batches; its status shows progress and, row by row, what became of the file.
 */
@Service
public class Imports {

    private static final Logger log = LoggerFactory.getLogger(Imports.class);

    /**
     * What a file looks like before it is imported: its headers, how they map, the first rows, how
     * many rows it has, and the lines (as the file numbers them, the header being line 1) whose
     * quoting is broken or that use another delimiter than the rest — those rows will be rejected.
     */
    public record Preview(UUID draftId, String fileName, String format, String encoding, String delimiter,
            List<String> headers, Map<String, String> mapping, List<List<String>> rows, int rowCount,
            List<Integer> unbalancedQuotes, List<Integer> otherDelimiters) {
    }

    private final ImportJobs jobs;
    private final ImportFiles files;
    private final HeaderGuesser headers;
    private final Projects projects;
    private final ImportSettings settings;

    Imports(ImportJobs jobs, ImportFiles files, HeaderGuesser headers, Projects projects, ImportSettings settings) {
        this.settings = settings;
        this.jobs = jobs;
        this.files = files;
        this.headers = headers;
        this.projects = projects;
    }

    /** Stores the upload and queues its import; returns the job's id at once. */
    public UUID start(UUID workspaceId, UUID actorId, String fileName, InputStream content, ImportOptions options) {
        validate(workspaceId, options);
        UUID id = UUID.randomUUID();
        store(id, content, () -> files.store(id, content, settings.maxFileSize().toBytes()));
        return queue(workspaceId, actorId, id, fileName, options);
    }

    /** Queues the import of a file shown on the preview page, with the mapping the person confirmed. */
    public UUID startDraft(UUID workspaceId, UUID actorId, UUID draftId, ImportOptions options) {
        validate(workspaceId, options);
        String fileName = files.draftName(draftId, workspaceId).orElseThrow(() -> ApiProblem.notFound("upload"));
        files.dropDraftMeta(draftId);
        return queue(workspaceId, actorId, draftId, fileName, options);
    }

    private void validate(UUID workspaceId, ImportOptions options) {
        Inputs.country("country", options.country());
        if (options.projectId() != null) {
            try {
                projects.project(workspaceId, options.projectId());
            } catch (ApiProblem missing) {
                throw ApiProblem.badRequest("projectId", "project " + options.projectId() + " does not exist here");
            }
        }
        if (options.encoding() != null && !options.encoding().isBlank() && !Charset.isSupported(options.encoding().strip())) {
            throw ApiProblem.badRequest("encoding", "encoding " + options.encoding() + " is not a known charset");
        }
        if (options.mapping() != null) {
            options.mapping().forEach((header, field) -> ImportField.ofKey(field).orElseThrow(() ->
                    ApiProblem.badRequest("mapping", "mapping of " + header + ": unknown field " + field)));
        }
    }

    private UUID queue(UUID workspaceId, UUID actorId, UUID id, String fileName, ImportOptions options) {
        String country = Inputs.country("country", options.country()).orElse(null);
        Survey survey;
        String sha256;
        long size;
        try {
            java.nio.file.Path path = files.path(id);
            survey = survey(path, options.encoding(), 0);
            sha256 = files.sha256(id);
            size = java.nio.file.Files.size(path);
        } catch (RuntimeException e) {
            files.delete(id);
            throw e;
        } catch (IOException e) {
            files.delete(id);
            throw unreadable(e);
        }
        headers.remember(workspaceId, options.mapping());
        Optional<UUID> earlier = jobs.earlierImportOf(workspaceId, sha256);
        Spreadsheet sheet = survey.sheet();
        jobs.insert(id, workspaceId, actorId, name(fileName), sha256, size, sheet.format(), sheet.encoding(),
                sheet.delimiter(), options.mapping(), country,
                (options.source() == null ? LeadSource.UNKNOWN : options.source()).name(),
                options.onDuplicate() == null ? ImportOptions.OnDuplicate.SKIP : options.onDuplicate(),
                earlier.orElse(null), options.projectId(), survey.rows());
        return id;
    }

    /** A file read through once, as a stream: its header, a sample, its row count and the lines with warnings. */
    private record Survey(Spreadsheet sheet, List<String> header, List<List<String>> sample, int rows,
            List<Integer> unbalancedQuotes, List<Integer> otherDelimiters) {
    }

    private static final int WARNED_LINES = 20;

    /** Reads the whole file once without keeping it: refuses a file over the row or column limits. */
    private Survey survey(java.nio.file.Path path, String encoding, int sampleRows) throws IOException {
        Spreadsheet sheet;
        try {
            sheet = Spreadsheet.open(path, encoding, settings.limits());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("encoding", "encoding " + encoding + " is not a known charset");
        }
        List<List<String>> sample = new ArrayList<>();
        List<Integer> quotes = new ArrayList<>();
        List<Integer> delimiters = new ArrayList<>();
        int count = 0;
        List<String> header;
        try (Spreadsheet.RowReader rows = sheet.records()) {
            if (!rows.hasNext()) {
                throw ApiProblem.badRequest("file", "the file is empty");
            }
            Spreadsheet.Row first = rows.next();
            if (first.problem() == Spreadsheet.Problem.TOO_MANY_COLUMNS) {
                throw ApiProblem.badRequest("file", "the file has more than " + settings.maxColumns()
                        + " columns, the limit (callsheet.imports.max-columns)")
                        .with("limit", settings.maxColumns()).with("setting", "callsheet.imports.max-columns");
            }
            header = first.cells();
            while (rows.hasNext()) {
                Spreadsheet.Row row = rows.next();
                if (++count > settings.maxRows()) {
                    throw ApiProblem.badRequest("file", "the file has more than " + settings.maxRows()
                            + " rows, the limit (callsheet.imports.max-rows): split it into smaller files")
                            .with("limit", settings.maxRows()).with("setting", "callsheet.imports.max-rows");
                }
                if (sample.size() < sampleRows) {
                    sample.add(row.cells());
                }
                if (row.problem() == Spreadsheet.Problem.UNBALANCED_QUOTE && quotes.size() < WARNED_LINES) {
                    quotes.add(row.line());
                } else if (row.problem() == Spreadsheet.Problem.OTHER_DELIMITER && delimiters.size() < WARNED_LINES) {
                    delimiters.add(row.line());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new Survey(sheet, header, sample, count, quotes, delimiters);
    }

    private static ApiProblem unreadable(IOException e) {
        if (e instanceof Spreadsheet.NotASpreadsheet) {
            return ApiProblem.badRequest("file", e.getMessage());
        }
        log.info("An upload could not be read: {}", e.toString());
        return ApiProblem.badRequest("file", "the file could not be read as CSV or XLSX");
    }

    private interface Store {
        void run() throws IOException;
    }

    private void store(UUID id, InputStream content, Store store) {
        try {
            store.run();
        } catch (ImportFiles.TooLarge e) {
            files.delete(id);
            files.dropDraftMeta(id);
            throw new ApiProblem(org.springframework.http.HttpStatus.valueOf(413), "file", "the file is larger than "
                    + settings.maxFileSize().toMegabytes() + " MB, the limit (callsheet.imports.max-file-size)")
                    .with("limit", settings.maxFileSize().toBytes())
                    .with("setting", "callsheet.imports.max-file-size");
        } catch (IOException e) {
            files.delete(id);
            files.dropDraftMeta(id);
            log.warn("An upload could not be stored", e);
            throw ApiProblem.badRequest("file", "the upload could not be stored");
        }
    }

    /**
     * Keeps an upload as a draft and reads its first rows without importing it: headers, the
     * guessed mapping, a sample. {@link #startDraft} imports it.
     */
    public Preview preview(UUID workspaceId, String fileName, InputStream content, String encoding) {
        UUID id = UUID.randomUUID();
        store(id, content, () -> files.storeDraft(id, workspaceId, name(fileName), content,
                settings.maxFileSize().toBytes()));
        try {
            Survey survey = survey(files.path(id), encoding, 10);
            Map<String, String> mapping = new LinkedHashMap<>();
            headers.map(workspaceId, survey.header(), null).forEach((header, field) -> mapping.put(header, field.key()));
            Spreadsheet sheet = survey.sheet();
            return new Preview(id, name(fileName), sheet.format(), sheet.encoding(), sheet.delimiter(), survey.header(),
                    mapping, survey.sample(), survey.rows(), survey.unbalancedQuotes(), survey.otherDelimiters());
        } catch (RuntimeException e) {
            files.delete(id);
            files.dropDraftMeta(id);
            throw e;
        } catch (IOException e) {
            files.delete(id);
            files.dropDraftMeta(id);
            throw unreadable(e);
        }
    }

    public ImportStatus status(UUID workspaceId, UUID id) {
        return jobs.status(workspaceId, id).orElseThrow(() -> ApiProblem.notFound("import"));
    }

    public List<ImportStatus> recent(UUID workspaceId) {
        return jobs.recent(workspaceId);
    }

    /** What became of each row of a file: a page of them, in row order. */
    public record RowPage(List<RowOutcome> items, long total) {
    }

    /** One row of a file (its number as the rejected-rows CSV gives it) and what became of it. */
    public record RowOutcome(int row, String outcome, UUID contactId, String reason) {
    }

    private static final java.util.Set<String> OUTCOMES = java.util.Set.of("CREATED", "MERGED", "FLAGGED", "SKIPPED",
            "REJECTED");

    /**
     * What became of the rows of import {@code id}, {@code size} at a time; {@code outcome} (CREATED, MERGED,
     * FLAGGED, SKIPPED or REJECTED, any case) keeps only those.
     */
    public RowPage rows(UUID workspaceId, UUID id, String outcome, int page, int size) {
        status(workspaceId, id);
        String wanted = null;
        if (outcome != null && !outcome.isBlank()) {
            wanted = outcome.strip().toUpperCase(java.util.Locale.ROOT);
            if (!OUTCOMES.contains(wanted)) {
                throw ApiProblem.badRequest("outcome", "outcome must be one of CREATED, MERGED, FLAGGED, SKIPPED, REJECTED");
            }
        }
        if (page < 0) {
            throw ApiProblem.badRequest("page", "page must be 0 or more");
        }
        if (size < 1 || size > 1000) {
            throw ApiProblem.badRequest("size", "size must be between 1 and 1000");
        }
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw ApiProblem.badRequest("page", "page is too large");
        }
        return new RowPage(jobs.outcomes(id, wanted, (int) offset, size).stream()
                .map(r -> new RowOutcome(r.row(), r.outcome(), r.contactId(), r.reason())).toList(),
                jobs.countOutcomes(id, wanted));
    }

    /** The rows that were not imported, as CSV: row number, reason, then the row's cells (as JSON). */
    public String rejectedCsv(UUID workspaceId, UUID id) {
        status(workspaceId, id);
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : jobs.rejected(workspaceId, id)) {
            rows.add(java.util.Arrays.asList(row[0], row[1], row[2]));
        }
        return Sheets.csv(List.of(new Sheets.Sheet("rejected", List.of("row", "reason", "cells"), rows)));
    }

    private static String name(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
