package dev.callsheet.deals;

import dev.callsheet.contacts.Spreadsheet;
import dev.callsheet.deals.internal.DealRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Historical deals from another CRM (CSV or XLSX, a header row), so the evidence and the win model have a history to
 * learn from on day one. Recognised columns (any case):
 * <ul>
 * <li>{@code id}, {@code opportunity_id}, {@code external_id}: the deal's id there; a re-import skips those seen;</li>
 * <li>{@code status}, {@code deal_stage}, {@code stage}: Won, Lost, Disqualified, or the stage an open deal is in;</li>
 * <li>{@code last_stage}: the stage a closed deal closed in (default: the pipeline's last);</li>
 * <li>{@code opened}, {@code engage_date}, {@code created}; {@code closed}, {@code close_date}: dates;</li>
 * <li>{@code amount}, {@code value}: the deal's value while open; {@code close_value}, {@code revenue}: what a won deal
 * brought (kept, never a model input: it is the outcome);</li>
 * <li>{@code owner}, {@code sales_agent}: a member's name or username (else the importer); {@code setter},
 * {@code sdr}: who set the meeting (a member is credited with it, any other name is kept); {@code account},
 * {@code organisation}, {@code company}: the buyer;</li>
 * <li>{@code known}: data points known when the deal left its last stage (separated by ; or |);
 * {@code <stage>:<point>} (yes/no): a point known, or not, when the deal left that stage; {@code <stage>:left}: the
 * date it left that stage (else the opening date, and the close for the stage it closed in);</li>
 * <li>every other column (product, sector…) becomes an input of the win model.</li>
 * </ul>
 */
@Service
public class DealImports {

    private static final int MAX_ROWS = 200_000;
    private static final int MAX_ERRORS = 100;

    /** What an import did: deals imported, skipped as seen before, rows refused and why. */
    public record Report(UUID pipelineId, int rows, int imported, int skipped, List<RowError> errors,
            Integer closedDeals) implements java.io.Serializable {
    }

    public record RowError(int line, String field, String message) implements java.io.Serializable {
    }

    private final DealRepository repository;
    private final Pipelines pipelines;
    private final People people;
    private final DealInsights insights;
    private final Deals deals;
    private final Clock clock;

    DealImports(DealRepository repository, Pipelines pipelines, People people, DealInsights insights, Deals deals,
            Clock clock) {
        this.repository = repository;
        this.pipelines = pipelines;
        this.people = people;
        this.insights = insights;
        this.deals = deals;
        this.clock = clock;
    }

    /** Imports the file into the pipeline, then refits the pipeline's win model. */
    @Transactional
    public Report importFile(CurrentUser user, UUID pipelineId, String fileName, byte[] content) {
        if (content == null || content.length == 0) {
            throw ApiProblem.badRequest("file", "the file is empty");
        }
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), pipelineId);
        Path temp = null;
        try {
            temp = Files.createTempFile("callsheet-deals-", fileName != null && fileName.toLowerCase(Locale.ROOT)
                    .endsWith(".xlsx") ? ".xlsx" : ".csv");
            Files.write(temp, content);
            return importTable(user, pipeline.id(), Spreadsheet.open(temp, null).rows());
        } catch (IOException e) {
            throw ApiProblem.badRequest("file", "the file could not be read: " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw ApiProblem.badRequest("file", "the file could not be read: " + e.getCause().getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans it
                }
            }
        }
    }

    /** Imports rows (the header first) into the pipeline, then refits the pipeline's win model. */
    @Transactional
    public Report importTable(CurrentUser user, UUID pipelineId, Iterator<List<String>> rows) {
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), pipelineId);
        Report report = importRows(user, pipeline, rows);
        int closed = insights.train(user.workspaceId(), pipeline.id());
        return new Report(report.pipelineId(), report.rows(), report.imported(), report.skipped(), report.errors(),
                closed);
    }

    private Report importRows(CurrentUser user, Pipeline pipeline, Iterator<List<String>> rows) {
        if (!rows.hasNext()) {
            throw ApiProblem.badRequest("file", "the file has no header row");
        }
        List<String> header = rows.next().stream().map(h -> h == null ? "" : h.strip().toLowerCase(Locale.ROOT))
                .toList();
        Columns columns = new Columns(header);
        if (columns.status < 0) {
            throw ApiProblem.badRequest("file", "the file needs a status (or deal_stage) column");
        }
        Map<String, UUID> owners = owners(user.workspaceId());
        ZoneId zone = user.timeZone();
        String currency = deals.currency(user.workspaceId(), null);
        List<RowError> errors = new ArrayList<>();
        int line = 1;
        int imported = 0;
        int skipped = 0;
        Instant now = clock.instant();
        while (rows.hasNext()) {
            List<String> row = rows.next();
            line++;
            if (line - 1 > MAX_ROWS) {
                throw ApiProblem.badRequest("file", "at most " + MAX_ROWS + " deals per file");
            }
            try {
                Optional<UUID> id = importRow(user, pipeline, columns, row, owners, zone, currency, now);
                if (id.isPresent()) {
                    imported++;
                } else {
                    skipped++;
                }
            } catch (ApiProblem problem) {
                if (errors.size() < MAX_ERRORS) {
                    errors.add(new RowError(line, problem.field(), problem.getMessage()));
                }
            }
        }
        return new Report(pipeline.id(), line - 1, imported, skipped, errors, null);
    }

    private Optional<UUID> importRow(CurrentUser user, Pipeline pipeline, Columns c, List<String> row,
            Map<String, UUID> owners, ZoneId zone, String currency, Instant now) {
        String statusText = c.get(row, c.status);
        if (statusText == null) {
            throw ApiProblem.badRequest(c.header.get(c.status), "no status");
        }
        String status = closedStatus(statusText);
        String stage;
        if (status == null) {
            status = Deal.OPEN;
            stage = pipeline.stage(statusText).map(Pipeline.Stage::code).orElseThrow(() -> ApiProblem.badRequest(
                    c.header.get(c.status), statusText + " is neither won, lost, disqualified nor a stage of "
                            + pipeline.name() + " (" + String.join(", ", pipeline.stageCodes()) + ")"));
        } else {
            String last = c.get(row, c.lastStage);
            stage = last == null ? pipeline.stages().get(pipeline.stages().size() - 1).code()
                    : pipeline.stage(last).map(Pipeline.Stage::code).orElseThrow(() -> ApiProblem.badRequest(
                            "last_stage", last + " is not a stage of " + pipeline.name()));
        }
        Instant closed = status.equals(Deal.OPEN) ? null : date(c.header, c.closed, c.get(row, c.closed), zone);
        Instant opened = date(c.header, c.opened, c.get(row, c.opened), zone);
        if (opened == null) {
            opened = closed != null ? closed : now;
        }
        if (closed == null && !status.equals(Deal.OPEN)) {
            closed = opened;
        }
        if (closed != null && closed.isBefore(opened)) {
            throw ApiProblem.badRequest(c.header.get(c.closed), "closed before it opened");
        }
        BigDecimal amount = money(c.header, c.amount, c.get(row, c.amount));
        Map<String, String> features = new LinkedHashMap<>();
        String organisation = c.get(row, c.organisation);
        if (organisation != null) {
            features.put("organisation", organisation);
        }
        String ownerName = c.get(row, c.owner);
        UUID owner = user.userId();
        if (ownerName != null) {
            features.put("owner", ownerName);
            owner = owners.getOrDefault(ownerName.toLowerCase(Locale.ROOT), user.userId());
        }
        String setterName = c.get(row, c.setter);
        UUID setter = null;
        if (setterName != null) {
            features.put("setter", setterName);
            setter = owners.get(setterName.toLowerCase(Locale.ROOT));
        }
        String revenue = c.get(row, c.revenue);
        if (revenue != null) {
            features.put("revenue", revenue);
        }
        for (int i : c.extra) {
            String v = c.get(row, i);
            if (v != null && v.length() <= 80) {
                features.put(c.header.get(i), v);
            }
        }
        Set<String> base = new LinkedHashSet<>();
        if (organisation != null) {
            base.add(Pipeline.Point.ORGANISATION.code());
        }
        if (amount != null && amount.signum() > 0) {
            base.add(Pipeline.Point.AMOUNT.code());
        }
        String externalId = c.get(row, c.id);
        String title = organisation != null ? organisation : externalId;
        String source = c.get(row, c.source);
        String reason = status.equals(Deal.OPEN) ? null : c.get(row, c.reason);
        record Exit(String from, String to, String status, Set<String> known, Double days, Instant at) {
        }
        List<Exit> exits = new ArrayList<>();
        int at = pipeline.position(stage);
        int lastExit = status.equals(Deal.OPEN) ? at - 1 : at;
        Instant entered = opened;
        Set<String> everKnown = new java.util.TreeSet<>();
        for (int i = 0; i <= lastExit; i++) {
            String from = pipeline.stages().get(i).code();
            boolean closing = i == at;
            Integer leftColumn = c.stageLeft.get(from.toLowerCase(Locale.ROOT));
            Instant left = leftColumn == null ? null : date(c.header, leftColumn, c.get(row, leftColumn), zone);
            Set<String> known = new LinkedHashSet<>(base);
            c.stagePoints.forEach((column, stagePoint) -> {
                if (stagePoint[0].equalsIgnoreCase(from) && yes(c.get(row, column))) {
                    known.add(stagePoint[1]);
                }
            });
            if (closing) {
                String list = c.get(row, c.known);
                if (list != null) {
                    for (String p : list.split("[;|]")) {
                        if (!p.isBlank()) {
                            known.add(p.strip());
                        }
                    }
                }
            }
            Instant exitAt = left != null ? left : closing ? closed : opened;
            if (exitAt.isBefore(entered)) {
                throw ApiProblem.badRequest(leftColumn == null ? c.header.get(c.closed) : c.header.get(leftColumn),
                        "the stages' dates are out of order");
            }
            Double days = left != null || closing ? Duration.between(entered, exitAt).toMinutes() / 1440.0 : null;
            entered = exitAt;
            everKnown.addAll(known);
            exits.add(new Exit(from, closing ? null : pipeline.stages().get(i + 1).code(),
                    closing ? status : Deal.OPEN, known, days, exitAt));
        }
        if (status.equals(Deal.OPEN) && !everKnown.isEmpty()) {
            // what the old system knew of a deal still open: it stays known here (Deals.known reads it)
            features.put(Deals.IMPORTED_KNOWN, String.join(";", everKnown));
        }
        Optional<UUID> id = repository.importDeal(new DealRepository.NewDeal(user.workspaceId(), null, owner, setter,
                null, null, source == null ? "IMPORT" : source.length() > 40 ? source.substring(0, 40) : source,
                pipeline.id(), stage, title, amount, amount == null ? null : currency, null, null, opened), externalId,
                status, closed, reason == null ? null : reason.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"),
                features);
        if (id.isEmpty()) {
            return id;
        }
        for (Exit e : exits) {
            repository.recordChange(user.workspaceId(), id.get(), e.from(), e.to(), e.status(), e.known(), List.of(),
                    null, e.days(), 0, 0, null, e.at());
        }
        if (status.equals(Deal.OPEN) && entered.isAfter(opened)) {
            repository.moveTo(user.workspaceId(), id.get(), stage, entered);
        }
        return id;
    }

    private Map<String, UUID> owners(UUID workspaceId) {
        Map<String, UUID> owners = new HashMap<>();
        for (Member m : people.members(workspaceId)) {
            owners.put(m.username().toLowerCase(Locale.ROOT), m.id());
            if (m.displayName() != null) {
                owners.putIfAbsent(m.displayName().toLowerCase(Locale.ROOT), m.id());
            }
        }
        return owners;
    }

    static String closedStatus(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("closed", "").replace('-', ' ').strip();
        return switch (t) {
            case "won", "win" -> Deal.WON;
            case "lost", "lose" -> Deal.LOST;
            case "disqualified", "dq" -> Deal.DISQUALIFIED;
            default -> null;
        };
    }

    private static boolean yes(String v) {
        return v != null && Set.of("yes", "y", "true", "1", "x", "ja", "sí", "si", "da", "да", "예")
                .contains(v.strip().toLowerCase(Locale.ROOT));
    }

    private static Instant date(List<String> header, int column, String value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() <= 10) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                return java.time.LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(header.get(column), value + " is not a date like 2026-11-24");
        }
    }

    private static BigDecimal money(List<String> header, int column, String value) {
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.replace(" ", "").replace(",", ""));
            return amount.signum() < 0 ? null : Deals.amount(amount);
        } catch (NumberFormatException | ApiProblem e) {
            throw ApiProblem.badRequest(header.get(column), value + " is not an amount");
        }
    }

    /** Where each recognised column is; -1 when absent. */
    private static final class Columns {

        final List<String> header;
        final int id;
        final int status;
        final int lastStage;
        final int opened;
        final int closed;
        final int amount;
        final int revenue;
        final int owner;
        final int setter;
        final int organisation;
        final int known;
        final int source;
        final int reason;
        final Map<Integer, String[]> stagePoints = new LinkedHashMap<>();
        final Map<String, Integer> stageLeft = new HashMap<>();
        final List<Integer> extra = new ArrayList<>();

        Columns(List<String> header) {
            this.header = header;
            id = find("id", "opportunity_id", "external_id", "deal_id");
            status = find("status", "deal_stage", "stage");
            lastStage = find("last_stage");
            opened = find("opened", "opened_at", "engage_date", "created", "created_at", "open_date");
            closed = find("closed", "closed_at", "close_date");
            amount = find("amount", "value", "deal_value");
            revenue = find("close_value", "revenue");
            owner = find("owner", "sales_agent", "rep", "agent", "closer");
            setter = find("setter", "sdr", "booked_by");
            organisation = find("organisation", "organization", "account", "company");
            known = find("known");
            source = find("source", "lead_source");
            reason = find("reason", "close_reason", "lost_reason", "dq_reason");
            Set<Integer> used = new java.util.HashSet<>(List.of(id, status, lastStage, opened, closed, amount, revenue,
                    owner, setter, organisation, known, source, reason));
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                int colon = h.indexOf(':');
                if (colon > 0 && h.endsWith(":left")) {
                    stageLeft.put(h.substring(0, colon), i);
                } else if (colon > 0 && colon < h.length() - 1) {
                    stagePoints.put(i, new String[] {h.substring(0, colon), h.substring(colon + 1)});
                } else if (!used.contains(i) && !h.isEmpty()) {
                    extra.add(i);
                }
            }
        }

        private int find(String... names) {
            for (String n : names) {
                int at = header.indexOf(n);
                if (at >= 0) {
                    return at;
                }
            }
            return -1;
        }

        String get(List<String> row, int column) {
            if (column < 0 || column >= row.size()) {
                return null;
            }
            String v = row.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }
    }
}
