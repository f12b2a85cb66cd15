package dev.callsheet.reporting;

import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.deals.Commissions;
import dev.callsheet.dialing.Floor;
import dev.callsheet.dialing.Queue;
import dev.callsheet.reporting.internal.ReportRepository;
import dev.callsheet.reporting.internal.ReportRepository.Counts;
import dev.callsheet.reporting.internal.ReportRepository.Sums;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.web.Money;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Workspaces;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The numbers a supervisor reviews a project by (docs/domain.md §6, §8): KPIs against the project's
 * targets, the funnel, the outcome tree's breakdown, the leaderboard, the daily trend and the floor.
 * Periods are whole days (or, for reviews, any local times) in the project's own time zone.
 */
@Service
@Transactional(readOnly = true)
public class Reports {

    /** Ways a KPI report can be split. */
    public static final List<String> GROUPS = List.of("agent", "team", "source", "day");

    /** The funnel's steps in order (docs/domain.md §2). */
    public static final List<String> STEPS = List.of("lead", "contacted", "connected", "qualified", "booked", "held",
            "won");

    /** A period of local time in a project's zone: [start, end). */
    public record Period(LocalDateTime start, LocalDateTime end, ZoneId zone) {

        public Instant startInstant() {
            return start.atZone(zone).toInstant();
        }

        public Instant endInstant() {
            return end.atZone(zone).toInstant();
        }

        /** The first and last day of a period of whole days. */
        public LocalDate firstDay() {
            return start.toLocalDate();
        }

        public LocalDate lastDay() {
            return end.minusNanos(1).toLocalDate();
        }
    }

    /** One target of the project with the period's actual value; {@code met} is null where "better" is not one-sided. */
    public record Target(String kpi, double target, Double actual, Boolean met) {
    }

    /** A KPI report: the totals against the targets, and the rows of the chosen split. */
    public record KpiReport(Project project, Period period, Kpis totals, List<Target> targets, String groupBy,
            List<Row> rows) {
    }

    /** One row of a split: its key (an id, a source code, a day) and a label to show. */
    public record Row(String key, String label, Kpis kpis) {
    }

    /** One step of a funnel, with the share of the step before it that reached this one. */
    public record Step(String step, long count, Double conversion) {
    }

    public record SourceFunnel(String source, List<Step> steps) {
    }

    public record Funnel(Project project, Period period, List<Step> steps, List<SourceFunnel> bySource,
            List<CampaignFunnel> byCampaign) {
    }

    /** The funnel of the leads a campaign code brought (a coupon, an advert), beside the split by source. */
    public record CampaignFunnel(String campaign, List<Step> steps) {
    }

    /** Calls per outcome: node 1 split into connected and not, node 2 and node 3 (docs/domain.md §8). */
    public record Breakdown(Project project, Period period, List<OutcomeShare> connected,
            List<OutcomeShare> notConnected, List<OutcomeShare> confirmation, List<OutcomeShare> revisit) {
    }

    public record OutcomeShare(String code, String label, long calls, Double share) {
    }

    /** One agent on the floor now. */
    public record FloorAgent(UUID userId, String name, Floor.State state, Instant since, UUID projectId,
            String project, long callsToday, long connectsToday, long appointmentsToday) {
    }

    public record FloorView(Instant at, List<FloorAgent> agents, Map<String, Long> states, long callsToday,
            long appointmentsToday) {
    }

    private final ReportRepository repository;
    private final Projects projects;
    private final People people;
    private final Queue queue;
    private final Floor floor;
    private final Commissions commissions;
    private final Workspaces workspaces;
    private final Clock clock;

    Reports(ReportRepository repository, Projects projects, People people, Queue queue, Floor floor,
            Commissions commissions, Workspaces workspaces, Clock clock) {
        this.workspaces = workspaces;
        this.repository = repository;
        this.projects = projects;
        this.people = people;
        this.queue = queue;
        this.floor = floor;
        this.commissions = commissions;
        this.clock = clock;
    }

    // --- periods ---

    /** Whole days {@code from}..{@code to} (ISO dates, both included) in the project's zone; by default the last 7 days. */
    public Period period(Project project, String from, String to) {
        ZoneId zone = project.zone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate last = to == null || to.isBlank() ? today : Inputs.date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(6) : Inputs.date("from", from);
        if (first.isAfter(last)) {
            throw ApiProblem.badRequest("from", "from must be on or before to");
        }
        if (ChronoUnit.DAYS.between(first, last) > 3660) {
            throw ApiProblem.badRequest("from", "a report covers at most ten years");
        }
        return new Period(first.atStartOfDay(), last.plusDays(1).atStartOfDay(), zone);
    }

    // --- KPIs ---

    public KpiReport kpis(CurrentUser user, UUID projectId, String from, String to, String groupBy) {
        Project project = projects.project(user.workspaceId(), projectId);
        return kpis(user.workspaceId(), project, period(project, from, to), group(groupBy));
    }

    /** The KPIs of one project over any local period, split by {@code groupBy} (null for totals only). */
    public KpiReport kpis(UUID workspaceId, Project project, Period period, String groupBy) {
        List<UUID> ids = List.of(project.id());
        Map<UUID, List<Money>> earned = commissions.earned(workspaceId, project.id(), period.startInstant(),
                period.endInstant());
        List<Money> commission = Money.totals(earned.values().stream().flatMap(List::stream).toList());
        List<Sums> agents = repository.sums(ids, period.start(), period.end(), "agent");
        Map<String, List<Money>> revenue = repository.revenue(ids, period.start(), period.end(), "agent");
        Counts total = agents.stream().map(Sums::counts).reduce(Counts.none(), Reports::plus);
        Map<UUID, BigDecimal> costs = costs(agents, people.hourlyCosts(workspaceId));
        String costCurrency = workspaces.currency(workspaceId);
        Kpis totals = kpis(total, Money.totals(revenue.values().stream().flatMap(List::stream).toList()), commission,
                costs == null ? null : costs.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add),
                costCurrency);
        List<Row> rows = groupBy == null ? List.of()
                : rows(workspaceId, ids, period, groupBy, agents, revenue, earned, costs, costCurrency);
        return new KpiReport(project, period, totals, targets(project, period, totals, ids), groupBy, rows);
    }

    private static String group(String groupBy) {
        if (groupBy == null || groupBy.isBlank()) {
            return null;
        }
        String group = groupBy.strip().toLowerCase(Locale.ROOT);
        if (!GROUPS.contains(group)) {
            throw ApiProblem.badRequest("groupBy", "groupBy must be one of " + String.join(", ", GROUPS));
        }
        return group;
    }

    /**
     * What each agent's paid time cost: the time on the phone (dialling, talk and wrap-up) at their hourly
     * cost (their own, else their team's, else the workspace's). Null when no cost is set anywhere.
     */
    private static Map<UUID, BigDecimal> costs(List<Sums> agents, Map<UUID, BigDecimal> rates) {
        if (rates.isEmpty()) {
            return null;
        }
        Map<UUID, BigDecimal> costs = new HashMap<>();
        for (Sums s : agents) {
            UUID agent = UUID.fromString(s.key());
            BigDecimal rate = rates.get(agent);
            if (rate != null) {
                costs.put(agent, rate.multiply(BigDecimal.valueOf(s.counts().handleSeconds()))
                        .divide(BigDecimal.valueOf(3600), 2, java.math.RoundingMode.HALF_UP));
            }
        }
        return costs;
    }

    /** The rows of a split; an agent or team split folds the per-agent sums the totals were made from. */
    private List<Row> rows(UUID workspaceId, List<UUID> ids, Period period, String groupBy, List<Sums> agents,
            Map<String, List<Money>> revenueByAgent, Map<UUID, List<Money>> earned, Map<UUID, BigDecimal> costs,
            String costCurrency) {
        boolean byAgents = groupBy.equals("agent") || groupBy.equals("team");
        List<Sums> sums = byAgents ? agents : repository.sums(ids, period.start(), period.end(), groupBy);
        if (!byAgents) {
            Map<String, List<Money>> revenue = repository.revenue(ids, period.start(), period.end(), groupBy);
            List<Row> rows = new ArrayList<>();
            for (Sums s : sums) {
                rows.add(new Row(s.key(), s.key(), kpis(s.counts(), revenue.getOrDefault(s.key(), List.of()), null,
                        null, costCurrency)));
            }
            if (groupBy.equals("day")) {
                return fillDays(rows, period, costCurrency);
            }
            return rows;
        }
        Map<UUID, Member> members = new HashMap<>();
        people.members(workspaceId).forEach(m -> members.put(m.id(), m));
        Function<UUID, String[]> keyOf = groupBy.equals("agent")
                ? id -> new String[] {id.toString(), members.containsKey(id) ? members.get(id).displayName() : "—"}
                : id -> {
                    Member.Named team = members.containsKey(id) ? members.get(id).team() : null;
                    return team == null ? new String[] {"", "—"} : new String[] {team.id().toString(), team.name()};
                };
        Map<String, Counts> merged = new LinkedHashMap<>();
        Map<String, String> labels = new HashMap<>();
        Map<String, List<Money>> commission = new HashMap<>();
        Map<String, List<Money>> revenue = new HashMap<>();
        Map<String, BigDecimal> cost = new HashMap<>();
        for (Sums s : sums) {
            UUID agent = UUID.fromString(s.key());
            String[] key = keyOf.apply(agent);
            merged.merge(key[0], s.counts(), Reports::plus);
            labels.put(key[0], key[1]);
            if (costs != null && costs.containsKey(agent)) {
                cost.merge(key[0], costs.get(agent), BigDecimal::add);
            }
        }
        revenueByAgent.forEach((agent, amounts) -> {
            String[] key = keyOf.apply(UUID.fromString(agent));
            revenue.computeIfAbsent(key[0], k -> new ArrayList<>()).addAll(amounts);
            labels.putIfAbsent(key[0], key[1]);
            merged.putIfAbsent(key[0], Counts.none());
        });
        earned.forEach((person, amounts) -> {
            String[] key = keyOf.apply(person);
            commission.computeIfAbsent(key[0], k -> new ArrayList<>()).addAll(amounts);
            labels.putIfAbsent(key[0], key[1]);
            merged.putIfAbsent(key[0], Counts.none());
        });
        return merged.entrySet().stream()
                .map(e -> new Row(e.getKey(), labels.get(e.getKey()),
                        kpis(e.getValue(), Money.totals(revenue.getOrDefault(e.getKey(), List.of())),
                                Money.totals(commission.getOrDefault(e.getKey(), List.of())), cost.get(e.getKey()),
                                costCurrency)))
                .sorted(Comparator.comparingLong((Row r) -> r.kpis().appointmentsSet()).reversed()
                        .thenComparing(Comparator.comparingLong((Row r) -> r.kpis().dials()).reversed())
                        .thenComparing(Row::label))
                .toList();
    }

    /** Every day of the period, a day without calls as zeros: a trend line must not skip days. */
    private static List<Row> fillDays(List<Row> rows, Period period, String costCurrency) {
        Map<String, Row> byDay = new HashMap<>();
        rows.forEach(r -> byDay.put(r.key(), r));
        List<Row> days = new ArrayList<>();
        Kpis zero = kpis(Counts.none(), List.of(), null, null, costCurrency);
        for (LocalDate d = period.firstDay(); !d.isAfter(period.lastDay()); d = d.plusDays(1)) {
            String key = d.toString();
            days.add(byDay.getOrDefault(key, new Row(key, key, zero)));
        }
        return days;
    }

    private static Counts plus(Counts a, Counts b) {
        return new Counts(a.dials() + b.dials(), a.connects() + b.connects(), a.talkSeconds() + b.talkSeconds(),
                a.handleSeconds() + b.handleSeconds(), a.successfulCalls() + b.successfulCalls(),
                a.successfulTalkSeconds() + b.successfulTalkSeconds(), a.qualified() + b.qualified(),
                a.resolved() + b.resolved(), a.resolvedFirstCall() + b.resolvedFirstCall(),
                a.appointmentsSet() + b.appointmentsSet(), a.appointmentsHeld() + b.appointmentsHeld(),
                a.appointmentsNoShow() + b.appointmentsNoShow(), a.dealsWon() + b.dealsWon(),
                a.revenue().add(b.revenue()), a.gatekeepers() + b.gatekeepers());
    }

    /** The KPIs of counts; revenue comes per currency from its own table, not the counts' legacy sum. */
    private static Kpis kpis(Counts c, List<Money> revenue, List<Money> commission, BigDecimal cost,
            String costCurrency) {
        return Kpis.of(c.dials(), c.connects(), c.talkSeconds(), c.handleSeconds(), c.successfulCalls(),
                c.successfulTalkSeconds(), c.appointmentsSet(), c.appointmentsHeld(), c.appointmentsNoShow(),
                c.resolved(), c.resolvedFirstCall(), c.qualified(), c.dealsWon(), revenue, commission,
                c.gatekeepers(), cost, costCurrency);
    }

    private List<Target> targets(Project project, Period period, Kpis totals, List<UUID> ids) {
        Project.KpiTargets t = project.kpiTargets();
        List<Target> targets = new ArrayList<>();
        if (t.connectRate() != null) {
            targets.add(atLeast("connectRate", t.connectRate(), totals.connectRate()));
        }
        if (t.appointmentsPerHour() != null) {
            targets.add(atLeast("appointmentsPerHour", t.appointmentsPerHour(), totals.appointmentsPerHour()));
        }
        if (t.oneCallResolutionRate() != null) {
            targets.add(atLeast("oneCallResolutionRate", t.oneCallResolutionRate(), totals.oneCallResolutionRate()));
        }
        int seconds = t.averageSuccessfulCallSeconds() != null ? t.averageSuccessfulCallSeconds()
                : Kpis.REFERENCE_SUCCESSFUL_CALL_SECONDS;
        targets.add(new Target("averageSuccessfulCallSeconds", seconds, totals.averageSuccessfulCallSeconds(), null));
        if (t.talkMinutesPerDay() != null) {
            long agentDays = period.start().toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                    && period.end().toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                    ? repository.agentDays(ids, period.firstDay(), period.end().toLocalDate())
                    : repository.sums(ids, period.start(), period.end(), "agentday").stream()
                            .filter(s -> s.counts().dials() > 0).count();
            Double perDay = agentDays == 0 ? null
                    : Math.round(totals.talkSeconds() / 60.0 / agentDays * 10) / 10.0;
            targets.add(atLeast("talkMinutesPerDay", t.talkMinutesPerDay(), perDay));
        }
        return targets;
    }

    private static Target atLeast(String kpi, double target, Double actual) {
        return new Target(kpi, target, actual, actual == null ? null : actual >= target);
    }

    // --- funnel ---

    public Funnel funnel(CurrentUser user, UUID projectId, String from, String to) {
        Project project = projects.project(user.workspaceId(), projectId);
        return funnel(user.workspaceId(), project, period(project, from, to));
    }

    /**
     * The leads that entered the project's queue in the period, and how far each got since: contacted
     * (called at least once), connected, qualified, booked, held, won (docs/domain.md §2), per source.
     */
    public Funnel funnel(UUID workspaceId, Project project, Period period) {
        Map<String, long[]> bySource = new LinkedHashMap<>();
        Map<String, long[]> byCampaign = new java.util.TreeMap<>();
        for (Queue.FunnelStart s : queue.funnel(workspaceId, project.id(), period.startInstant(),
                period.endInstant())) {
            long[] start = {s.entered(), s.contacted(), s.connected(), s.qualified()};
            for (long[] counts : counters(bySource, byCampaign, s.source(), s.campaign())) {
                for (int i = 0; i < start.length; i++) {
                    counts[i] += start[i];
                }
            }
        }
        for (ReportRepository.FunnelEnd e : repository.funnelEnd(project.id(), period.startInstant(),
                period.endInstant())) {
            for (long[] counts : counters(bySource, byCampaign, e.source(), e.campaign())) {
                counts[4] += e.booked();
                counts[5] += e.held();
                counts[6] += e.won();
            }
        }
        long[] total = new long[STEPS.size()];
        List<SourceFunnel> sources = new ArrayList<>();
        bySource.forEach((source, counts) -> {
            for (int i = 0; i < total.length; i++) {
                total[i] += counts[i];
            }
            sources.add(new SourceFunnel(source, steps(counts)));
        });
        sources.sort(Comparator.comparingLong((SourceFunnel f) -> f.steps().get(0).count()).reversed());
        List<CampaignFunnel> campaigns = new ArrayList<>();
        byCampaign.forEach((code, counts) -> campaigns.add(new CampaignFunnel(code, steps(counts))));
        return new Funnel(project, period, steps(total), sources, campaigns);
    }

    /** The counters a group of leads adds to: its source's, and its campaign's when it has a code. */
    private static List<long[]> counters(Map<String, long[]> bySource, Map<String, long[]> byCampaign, String source,
            String campaign) {
        long[] forSource = bySource.computeIfAbsent(source, k -> new long[STEPS.size()]);
        return campaign == null ? List.of(forSource)
                : List.of(forSource, byCampaign.computeIfAbsent(campaign, k -> new long[STEPS.size()]));
    }

    private static List<Step> steps(long[] counts) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            // A lead booked without being qualified by a call still counts in the steps after it.
            steps.add(new Step(STEPS.get(i), counts[i], i == 0 ? null : Kpis.ratio(counts[i], counts[i - 1])));
        }
        return steps;
    }

    /** The funnel of every project the user may see, over whole days in each project's zone. */
    public List<Funnel> funnels(CurrentUser user, String from, String to) {
        List<Funnel> funnels = new ArrayList<>();
        for (Project project : projects.visibleTo(user)) {
            funnels.add(funnel(user.workspaceId(), project, period(project, from, to)));
        }
        return funnels;
    }

    // --- outcomes ---

    public Breakdown breakdown(CurrentUser user, UUID projectId, String from, String to) {
        Project project = projects.project(user.workspaceId(), projectId);
        return breakdown(user.workspaceId(), project, period(project, from, to));
    }

    public Breakdown breakdown(UUID workspaceId, Project project, Period period) {
        Map<String, String> labels = new HashMap<>();
        projects.outcomes(workspaceId, project.id()).forEach(o -> labels.put(o.node() + ":" + o.code(), o.label()));
        List<ReportRepository.OutcomeCount> counts = repository.outcomes(project.id(), period.start(), period.end());
        return new Breakdown(project, period, shares(counts, 1, true, labels), shares(counts, 1, false, labels),
                shares(counts, 2, null, labels), shares(counts, 3, null, labels));
    }

    private static List<OutcomeShare> shares(List<ReportRepository.OutcomeCount> counts, int node, Boolean connected,
            Map<String, String> labels) {
        List<ReportRepository.OutcomeCount> these = counts.stream()
                .filter(c -> c.node() == node && (connected == null || c.connected() == connected)).toList();
        long all = these.stream().mapToLong(ReportRepository.OutcomeCount::calls).sum();
        return these.stream()
                .map(c -> new OutcomeShare(c.code(), labels.get(node + ":" + c.code()), c.calls(),
                        Kpis.ratio(c.calls(), all)))
                .toList();
    }

    // --- the floor ---

    /** Every agent who has used the console, with their state now and today's calls and meetings. */
    public FloorView floor(CurrentUser user) {
        Instant now = clock.instant();
        Map<UUID, LocalDate> midnight = new HashMap<>();
        Map<UUID, String> projectNames = new HashMap<>();
        for (Project p : projects.visibleTo(user)) {
            midnight.put(p.id(), LocalDate.now(clock.withZone(p.zone())));
            projectNames.put(p.id(), p.name());
        }
        Map<UUID, long[]> today = repository.today(midnight);
        Map<UUID, Member> members = new HashMap<>();
        people.members(user.workspaceId()).forEach(m -> members.put(m.id(), m));
        List<FloorAgent> agents = new ArrayList<>();
        Set<UUID> listed = new java.util.HashSet<>();
        for (Floor.AgentState a : floor.agents(user.workspaceId())) {
            Member m = members.get(a.userId());
            if (m == null || !m.active()) {
                continue;
            }
            long[] t = today.getOrDefault(a.userId(), new long[3]);
            agents.add(new FloorAgent(a.userId(), m.displayName(), a.state(), a.since(), a.projectId(),
                    a.projectId() == null ? null : projectNames.get(a.projectId()), t[0], t[1], t[2]));
            listed.add(a.userId());
        }
        today.forEach((agent, t) -> {
            Member m = members.get(agent);
            if (!listed.contains(agent) && m != null && m.active()) {
                agents.add(new FloorAgent(agent, m.displayName(), Floor.State.OFFLINE, null, null, null, t[0], t[1],
                        t[2]));
            }
        });
        agents.sort(Comparator.comparing((FloorAgent a) -> a.state().ordinal()).thenComparing(FloorAgent::name));
        Map<String, Long> states = new LinkedHashMap<>();
        for (Floor.State s : Floor.State.values()) {
            states.put(s.name(), agents.stream().filter(a -> a.state() == s).count());
        }
        return new FloorView(now, agents, states, agents.stream().mapToLong(FloorAgent::callsToday).sum(),
                agents.stream().mapToLong(FloorAgent::appointmentsToday).sum());
    }
}
