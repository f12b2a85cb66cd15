package dev.callsheet.contacts;

import dev.callsheet.campaigns.Projects;
import dev.callsheet.contacts.internal.HeaderGuesser;
import dev.callsheet.contacts.internal.ImportFiles;
import dev.callsheet.contacts.internal.ImportJobs;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
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
import org.springframework.stereotype.Service;

/**
 * Spreadsheet imports: an upload becomes a queued job that a background worker runs in
 * batches; its status shows progress and, row by row, what became of the file.
 */
@Service
public class Imports {

    /** What a file looks like before it is imported: its headers, how they map, the first rows. */
    public record Preview(UUID draftId, String fileName, String format, String encoding, String delimiter,
            List<String> headers, Map<String, String> mapping, List<List<String>> rows) {
    }

    private final ImportJobs jobs;
    private final ImportFiles files;
    private final HeaderGuesser headers;
    private final Projects projects;

    Imports(ImportJobs jobs, ImportFiles files, HeaderGuesser headers, Projects projects) {
        this.jobs = jobs;
        this.files = files;
        this.headers = headers;
        this.projects = projects;
    }

    /** Stores the upload and queues its import; returns the job's id at once. */
    public UUID start(UUID workspaceId, UUID actorId, String fileName, InputStream content, ImportOptions options) {
        validate(workspaceId, options);
        UUID id = UUID.randomUUID();
        try {
            files.store(id, content);
        } catch (IOException e) {
            files.delete(id);
            throw ApiProblem.badRequest("file", "the upload could not be stored: " + e.getMessage());
        }
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
        Spreadsheet sheet;
        String sha256;
        long size;
        try {
            java.nio.file.Path path = files.path(id);
            sheet = Spreadsheet.open(path, options.encoding());
            List<List<String>> first = new ArrayList<>();
            sheet.read(1, first::add);
            if (first.isEmpty()) {
                throw ApiProblem.badRequest("file", "the file is empty");
            }
            sha256 = files.sha256(id);
            size = java.nio.file.Files.size(path);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            files.delete(id);
            throw ApiProblem.badRequest("file", "the file could not be read as CSV or XLSX: " + e.getMessage());
        } catch (ApiProblem e) {
            files.delete(id);
            throw e;
        }
        headers.remember(workspaceId, options.mapping());
        Optional<UUID> earlier = jobs.earlierImportOf(workspaceId, sha256);
        jobs.insert(id, workspaceId, actorId, name(fileName), sha256, size, sheet.format(), sheet.encoding(),
                sheet.delimiter(), options.mapping(), country,
                (options.source() == null ? LeadSource.OTHER : options.source()).name(),
                options.onDuplicate() == null ? ImportOptions.OnDuplicate.SKIP : options.onDuplicate(),
                earlier.orElse(null), options.projectId());
        return id;
    }


    /**
     * Keeps an upload as a draft and reads its first rows without importing it: headers, the
     * guessed mapping, a sample. {@link #startDraft} imports it.
     */
    public Preview preview(UUID workspaceId, String fileName, InputStream content, String encoding) {
        UUID id = UUID.randomUUID();
        try {
            Spreadsheet sheet = Spreadsheet.open(files.storeDraft(id, workspaceId, name(fileName), content), encoding);
            List<List<String>> rows = new ArrayList<>();
            sheet.read(11, rows::add);
            if (rows.isEmpty()) {
                throw ApiProblem.badRequest("file", "the file is empty");
            }
            Map<String, String> mapping = new LinkedHashMap<>();
            headers.map(workspaceId, rows.get(0), null).forEach((header, field) -> mapping.put(header, field.key()));
            return new Preview(id, name(fileName), sheet.format(), sheet.encoding(), sheet.delimiter(), rows.get(0),
                    mapping, rows.subList(1, rows.size()));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            files.delete(id);
            files.dropDraftMeta(id);
            throw ApiProblem.badRequest("file", "the file could not be read as CSV or XLSX: " + e.getMessage());
        }
    }

    public ImportStatus status(UUID workspaceId, UUID id) {
        return jobs.status(workspaceId, id).orElseThrow(() -> ApiProblem.notFound("import"));
    }

    public List<ImportStatus> recent(UUID workspaceId) {
        return jobs.recent(workspaceId);
    }

    /** The rows that were not imported, as CSV: row number, reason, then the row's cells. */
    public String rejectedCsv(UUID workspaceId, UUID id) {
        status(workspaceId, id);
        StringBuilder csv = new StringBuilder("row,reason,cells\n");
        for (Object[] row : jobs.rejected(workspaceId, id)) {
            csv.append(row[0]).append(',').append(quote((String) row[1])).append(',').append(quote((String) row[2]))
                    .append('\n');
        }
        return csv.toString();
    }

    private static String quote(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String name(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
