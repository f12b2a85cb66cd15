package dev.callsheet.reporting;

import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Project.ReviewCadence;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.mail.Mail;
import dev.callsheet.mail.OutgoingMail;
import dev.callsheet.reporting.Reports.Period;
import dev.callsheet.reporting.internal.ChartImages;
import dev.callsheet.reporting.internal.ReviewRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Figures;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Review reports on each project's cadence (docs/domain.md §6): weekly, daily, or twice a day. When a
 * period ends the report is made once (whichever instance is first), stored, and e-mailed to the
 * project's supervisors with its charts inline; the page lists past reviews and keeps the
 * supervisor's decisions on each.
 */
@Service
public class Reviews {

    private static final Logger log = LoggerFactory.getLogger(Reviews.class);

    /** A stored review with the figures it showed. */
    public record Review(UUID id, UUID projectId, String project, String cadence, Instant periodStart,
            Instant periodEnd, String periodLabel, Map<String, Object> figures, List<String> recipients,
            Instant generatedAt, String decisions, String decidedBy, Instant decidedAt) {
    }

    private final ReviewRepository repository;
    private final Reports reports;
    private final Projects projects;
    private final People people;
    private final Mail mail;
    private final MessageSource messages;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;
    private final Clock clock;
    private final String baseUrl;

    Reviews(ReviewRepository repository, Reports reports, Projects projects, People people, Mail mail,
            MessageSource messages, TransactionTemplate transactions, ObjectMapper json, Clock clock,
            @Value("${callsheet.base-url:http://localhost:8080}") String baseUrl) {
        this.repository = repository;
        this.reports = reports;
        this.projects = projects;
        this.people = people;
        this.mail = mail;
        this.messages = messages;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    // --- the schedule ---

    /**
     * The last period of the project's cadence that has ended by {@code now}, in the project's zone:
     * last Monday to Monday (weekly), yesterday (daily), the last half day (twice daily).
     */
    public static Period lastClosed(Project project, Instant now) {
        ZoneId zone = project.zone();
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        LocalDate today = local.toLocalDate();
        return switch (project.reviewCadence()) {
            case WEEKLY -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new Period(monday.minusWeeks(1).atStartOfDay(), monday.atStartOfDay(), zone);
            }
            case DAILY -> new Period(today.minusDays(1).atStartOfDay(), today.atStartOfDay(), zone);
            case TWICE_DAILY -> {
                LocalDateTime end = local.getHour() >= 12 ? today.atTime(12, 0) : today.atStartOfDay();
                yield new Period(end.minusHours(12), end, zone);
            }
        };
    }

    /** Makes every review whose period has ended and is not made yet; returns how many it made. */
    public int runDue() {
        Instant now = clock.instant();
        int made = 0;
        for (Map.Entry<UUID, List<Project>> workspace : projects.active().entrySet()) {
            for (Project project : workspace.getValue()) {
                Period period = lastClosed(project, now);
                if (!period.endInstant().isAfter(project.createdAt()) || !runsDuring(project, period)
                        || repository.exists(project.id(), period.startInstant())) {
                    continue;
                }
                try {
                    Boolean done = transactions.execute(status -> make(workspace.getKey(), project, period).isPresent());
                    made += Boolean.TRUE.equals(done) ? 1 : 0;
                } catch (RuntimeException e) {
                    log.warn("The review of project {} for {} could not be made", project.id(), period.start(), e);
                }
            }
        }
        return made;
    }

    private static boolean runsDuring(Project project, Period period) {
        return (project.startsOn() == null || !project.startsOn().isAfter(period.lastDay()))
                && (project.endsOn() == null || !project.endsOn().isBefore(period.firstDay()));
    }

    /** The review of the project's last closed period, made now if it is not there yet (a supervisor's "make it now"). */
    @Transactional
    public Review makeLatest(CurrentUser user, UUID projectId) {
        Project project = projects.project(user.workspaceId(), projectId);
        Period period = lastClosed(project, clock.instant());
        make(user.workspaceId(), project, period);
        return repository.list(user.workspaceId(), projectId, 50).stream()
                .filter(r -> r.periodStart().equals(period.startInstant())).findFirst()
                .map(r -> review(project, r)).orElseThrow();
    }

    private java.util.Optional<UUID> make(UUID workspaceId, Project project, Period period) {
        Map<String, Object> figures = figures(workspaceId, project, period);
        List<Member> recipients = recipients(workspaceId, project);
        java.util.Optional<UUID> id = repository.insert(workspaceId, project.id(), project.reviewCadence().name(),
                period.startInstant(), period.endInstant(), json.writeValueAsString(figures),
                recipients.stream().map(Member::email).toList(), clock.instant());
        id.ifPresent(reviewId -> {
            for (Member person : recipients) {
                mail.enqueue(message(workspaceId, reviewId, project, period, figures, person));
            }
        });
        return id;
    }

    /** The project's supervisors: those of its team (or of no team), with an address, still active. */
    private List<Member> recipients(UUID workspaceId, Project project) {
        return people.members(workspaceId).stream()
                .filter(m -> m.active() && m.email() != null && m.roles().contains(Role.SUPERVISOR))
                .filter(m -> project.teamId() == null || m.team() == null || m.team().id().equals(project.teamId()))
                .toList();
    }

    /** What a review shows, kept as it was on the day: KPIs and targets, funnel, outcomes, leaderboard, trend. */
    Map<String, Object> figures(UUID workspaceId, Project project, Period period) {
        Reports.KpiReport kpis = reports.kpis(workspaceId, project, period, "agent");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("kpis", kpis.totals().asMap());
        figures.put("targets", kpis.targets());
        figures.put("funnel", reports.funnel(workspaceId, project, period).steps());
        Reports.Breakdown breakdown = reports.breakdown(workspaceId, project, period);
        figures.put("outcomes", Map.of("connected", breakdown.connected(), "notConnected", breakdown.notConnected(),
                "confirmation", breakdown.confirmation(), "revisit", breakdown.revisit()));
        figures.put("leaderboard", kpis.rows().stream().limit(10).map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("agent", r.label());
            row.put("appointmentsSet", r.kpis().appointmentsSet());
            row.put("dials", r.kpis().dials());
            row.put("connectRate", r.kpis().connectRate());
            return row;
        }).toList());
        // A half-day review trends over its days too: the day it is in.
        Period days = new Period(period.start().toLocalDate().atStartOfDay(),
                period.end().toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? period.end()
                        : period.end().toLocalDate().plusDays(1).atStartOfDay(), period.zone());
        figures.put("trend", reports.kpis(workspaceId, project, days, "day").rows().stream().map(r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("day", r.key());
            row.put("dials", r.kpis().dials());
            row.put("connects", r.kpis().connects());
            row.put("appointmentsSet", r.kpis().appointmentsSet());
            return row;
        }).toList());
        return figures;
    }

    // --- reading and deciding ---

    @Transactional(readOnly = true)
    public List<Review> list(CurrentUser user, UUID projectId) {
        Map<UUID, Project> byId = new HashMap<>();
        projects.visibleTo(user).forEach(p -> byId.put(p.id(), p));
        if (projectId != null && !byId.containsKey(projectId)) {
            throw ApiProblem.notFound("project");
        }
        List<Review> reviews = new ArrayList<>();
        for (ReviewRepository.Stored stored : repository.list(user.workspaceId(), projectId, 200)) {
            Project project = byId.get(stored.projectId());
            if (project != null) {
                reviews.add(review(project, stored));
            }
        }
        return reviews;
    }

    @Transactional(readOnly = true)
    public Review review(CurrentUser user, UUID id) {
        ReviewRepository.Stored stored = repository.find(user.workspaceId(), id)
                .orElseThrow(() -> ApiProblem.notFound("review"));
        return review(projects.project(user.workspaceId(), stored.projectId()), stored);
    }

    /** The supervisor's decisions on a review (what to change, who does what); replaces earlier ones. */
    @Transactional
    public Review decide(CurrentUser user, UUID id, String decisions) {
        ReviewRepository.Stored stored = repository.find(user.workspaceId(), id)
                .orElseThrow(() -> ApiProblem.notFound("review"));
        repository.decide(user.workspaceId(), stored.id(), Inputs.optional("decisions", decisions, 10_000),
                user.userId(), clock.instant());
        return review(user, id);
    }

    private Review review(Project project, ReviewRepository.Stored stored) {
        Map<String, Object> figures = json.readValue(stored.figures(), new TypeReference<Map<String, Object>>() { });
        String decidedBy = stored.decidedBy() == null ? null
                : people.member(stored.workspaceId(), stored.decidedBy())
                        .map(Member::displayName).orElse(null);
        Period period = new Period(LocalDateTime.ofInstant(stored.periodStart(), project.zone()),
                LocalDateTime.ofInstant(stored.periodEnd(), project.zone()), project.zone());
        return new Review(stored.id(), stored.projectId(), project.name(), stored.cadence(), stored.periodStart(),
                stored.periodEnd(), label(period, ReviewCadence.valueOf(stored.cadence())), figures,
                stored.recipients(), stored.generatedAt(), stored.decisions(), decidedBy, stored.decidedAt());
    }

    /** "2026-11-23 – 2026-11-29", "2026-11-30", "2026-11-30 12:00–24:00". */
    public static String label(Period period, ReviewCadence cadence) {
        return switch (cadence) {
            case WEEKLY -> period.firstDay() + " – " + period.lastDay();
            case DAILY -> period.firstDay().toString();
            case TWICE_DAILY -> period.firstDay() + " " + (period.start().getHour() < 12 ? "00:00–12:00" : "12:00–24:00");
        };
    }

    // --- the e-mail ---

    private OutgoingMail message(UUID workspaceId, UUID reviewId, Project project, Period period,
            Map<String, Object> figures, Member person) {
        Locale locale = Locale.forLanguageTag(person.locale());
        String when = label(period, project.reviewCadence());
        String subject = text(locale, "review.mail.subject", project.name(), when);
        String link = baseUrl + "/reports/reviews/" + reviewId;
        @SuppressWarnings("unchecked")
        Map<String, Object> kpis = (Map<String, Object>) figures.get("kpis");
        StringBuilder plain = new StringBuilder(subject).append("\n\n");
        StringBuilder html = new StringBuilder("<div style=\"font-family:sans-serif;color:#1f2937\">")
                .append("<h2 style=\"margin:0 0 4px\">").append(escape(project.name())).append("</h2>")
                .append("<p style=\"margin:0 0 16px;color:#6b7280\">").append(escape(text(locale,
                        "review.mail.period", text(locale, "project.cadence." + project.reviewCadence()), when)))
                .append("</p><table style=\"border-collapse:collapse;margin-bottom:16px\">");
        for (String kpi : List.of("dials", "connects", "connectRate", "talkSeconds", "appointmentsSet",
                "appointmentsPerHour", "appointmentsHeld", "showRate", "oneCallResolutionRate", "qualificationRate",
                "averageSuccessfulCallSeconds", "dealsWon", "revenue", "commission")) {
            String value = Figures.figure(kpi, kpis, locale);
            String name = text(locale, "kpi." + kpi);
            plain.append(name).append(": ").append(value).append('\n');
            html.append("<tr><td style=\"padding:2px 16px 2px 0;color:#6b7280\">").append(escape(name))
                    .append("</td><td style=\"padding:2px 0;font-weight:600;text-align:right\">").append(escape(value))
                    .append("</td></tr>");
        }
        html.append("</table>");
        List<OutgoingMail.Part> parts = new ArrayList<>();
        for (Map.Entry<String, byte[]> chart : charts(figures, locale).entrySet()) {
            String cid = chart.getKey() + "-" + reviewId;
            parts.add(new OutgoingMail.Part(cid, chart.getKey() + ".png", "image/png", chart.getValue()));
            html.append("<p><img src=\"cid:").append(cid).append("\" alt=\"")
                    .append(escape(text(locale, "report.chart." + chart.getKey()))).append("\" width=\"640\"></p>");
        }
        String open = text(locale, "review.mail.open");
        plain.append('\n').append(open).append(": ").append(link).append('\n');
        html.append("<p><a href=\"").append(escape(link)).append("\">").append(escape(open)).append("</a></p></div>");
        return new OutgoingMail(workspaceId, "review:" + reviewId, "REVIEW", person.email(), person.displayName(),
                subject, plain.toString(), null, null, html.toString(), parts);
    }

    @SuppressWarnings("unchecked")
    private Map<String, byte[]> charts(Map<String, Object> figures, Locale locale) {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        List<Map.Entry<String, Number>> funnel = new ArrayList<>();
        for (Object o : (List<Object>) figures.get("funnel")) {
            Map<String, Object> step = asMap(o);
            funnel.add(new AbstractMap.SimpleEntry<>(text(locale, "funnel." + step.get("step")),
                    (Number) step.get("count")));
        }
        charts.put("funnel", ChartImages.bars(text(locale, "report.chart.funnel"), text(locale, "report.leads"), funnel));
        List<String> days = new ArrayList<>();
        Map<String, List<? extends Number>> series = new LinkedHashMap<>();
        List<Number> dials = new ArrayList<>();
        List<Number> connects = new ArrayList<>();
        List<Number> set = new ArrayList<>();
        for (Object o : (List<Object>) figures.get("trend")) {
            Map<String, Object> day = asMap(o);
            days.add((String) day.get("day"));
            dials.add((Number) day.get("dials"));
            connects.add((Number) day.get("connects"));
            set.add((Number) day.get("appointmentsSet"));
        }
        series.put(text(locale, "kpi.dials"), dials);
        series.put(text(locale, "kpi.connects"), connects);
        series.put(text(locale, "kpi.appointmentsSet"), set);
        charts.put("trend", ChartImages.lines(text(locale, "report.chart.trend"), days, series));
        List<Map.Entry<String, Number>> leaders = new ArrayList<>();
        for (Object o : (List<Object>) figures.get("leaderboard")) {
            Map<String, Object> row = asMap(o);
            leaders.add(new AbstractMap.SimpleEntry<>((String) row.get("agent"), (Number) row.get("appointmentsSet")));
        }
        charts.put("leaderboard", ChartImages.bars(text(locale, "report.chart.leaderboard"),
                text(locale, "kpi.appointmentsSet"), leaders));
        List<Map.Entry<String, Number>> outcomes = new ArrayList<>();
        Map<String, Object> byNode = asMap(figures.get("outcomes"));
        for (String group : List.of("connected", "notConnected")) {
            for (Object o : (List<Object>) byNode.get(group)) {
                Map<String, Object> share = asMap(o);
                String label = share.get("label") != null ? (String) share.get("label")
                        : messages.getMessage("outcome." + share.get("code"), null, (String) share.get("code"), locale);
                outcomes.add(new AbstractMap.SimpleEntry<>(label, (Number) share.get("calls")));
            }
        }
        charts.put("outcomes", ChartImages.bars(text(locale, "report.chart.outcomes"), text(locale, "kpi.dials"),
                outcomes));
        return charts;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : json.convertValue(value, Map.class);
    }

    private String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
