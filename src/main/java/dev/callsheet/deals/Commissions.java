package dev.callsheet.deals;

import dev.callsheet.campaigns.Projects;
import dev.callsheet.deals.internal.CommissionRepository;
import dev.callsheet.scheduling.Appointments;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Commissions on won deals (docs/domain.md §3.2): both the agent who booked the meeting and the rep who won the deal earn.
 * A rule (per workspace, or per project) sets a pool as a percent of the amount, split between agent and rep so the
 * two always add up to the pool, plus a fixed sum per held meeting for each. A cancelled win is reversed line by line.
 */
@Service
public class Commissions {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A rule as supervisors set it. {@code projectId} null is the workspace's rule. */
    public record Rule(String projectId, BigDecimal percentOfAmount, BigDecimal agentSplit, BigDecimal repSplit,
            BigDecimal agentPerHeld, BigDecimal repPerHeld) {
    }

    /** One line of the ledger. {@code period} is the month, "2026-11". */
    public record Entry(UUID id, UUID dealId, String deal, Deal.Person person, String share, String kind,
            BigDecimal amount, String currency, String period, Map<String, Object> basis, Instant at) {
    }

    /** A person's total for a period in one currency, for the payout report. */
    public record Payout(Deal.Person person, String currency, BigDecimal won, BigDecimal reversed, BigDecimal total,
            int lines) {
    }

    private final CommissionRepository repository;
    private final Projects projects;
    private final Appointments appointments;
    private final dev.callsheet.workspace.People people;
    private final Clock clock;

    Commissions(CommissionRepository repository, Projects projects, Appointments appointments,
            dev.callsheet.workspace.People people, Clock clock) {
        this.people = people;
        this.repository = repository;
        this.projects = projects;
        this.appointments = appointments;
        this.clock = clock;
    }

    /** Commission earned on the project's deals in [from, to) (wins less reversals), per person and currency. */
    @Transactional(readOnly = true)
    public Map<UUID, List<dev.callsheet.web.Money>> earned(UUID workspaceId, UUID projectId, Instant from, Instant to) {
        return repository.earned(workspaceId, projectId, from, to);
    }

    @Transactional(readOnly = true)
    public List<Rule> rules(UUID workspaceId) {
        return repository.rules(workspaceId);
    }

    @Transactional
    public List<Rule> saveRules(CurrentUser user, List<Rule> rules) {
        if (rules == null) {
            throw ApiProblem.badRequest("items", "send items: the rules");
        }
        Set<String> scopes = new HashSet<>();
        List<Rule> checked = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String f = "items[" + i + "]";
            if (r == null) {
                throw ApiProblem.badRequest(f, f + " is empty");
            }
            String project = r.projectId() == null || r.projectId().isBlank() ? null : r.projectId().strip();
            if (project != null) {
                UUID id = Deals.id(f + ".projectId", project);
                try {
                    projects.project(user.workspaceId(), id);
                } catch (ApiProblem missing) {
                    throw ApiProblem.badRequest(f + ".projectId", "no such project in this workspace");
                }
                project = id.toString();
            }
            if (!scopes.add(String.valueOf(project))) {
                throw ApiProblem.badRequest(f + ".projectId", "two rules for the same project");
            }
            BigDecimal percent = percent(f + ".percentOfAmount", r.percentOfAmount(), BigDecimal.ZERO);
            BigDecimal agent = percent(f + ".agentSplit", r.agentSplit(), null);
            BigDecimal rep = r.repSplit() == null && agent != null ? HUNDRED.subtract(agent)
                    : percent(f + ".repSplit", r.repSplit(), null);
            if (agent == null && rep != null) {
                agent = HUNDRED.subtract(rep);
            }
            if (agent == null) {
                agent = BigDecimal.ZERO;
                rep = HUNDRED;
            }
            if (agent.add(rep).compareTo(HUNDRED) != 0) {
                throw ApiProblem.badRequest(f + ".repSplit", "agentSplit and repSplit must add up to 100, not "
                        + agent.add(rep).stripTrailingZeros().toPlainString());
            }
            checked.add(new Rule(project, percent, agent, rep, money(f + ".agentPerHeld", r.agentPerHeld()),
                    money(f + ".repPerHeld", r.repPerHeld())));
        }
        repository.replaceRules(user.workspaceId(), checked, clock.instant());
        return rules(user.workspaceId());
    }

    /**
     * Credits a won deal: the pool (percent of the amount, to the cent) split between the credited agent and the
     * rep — the rep's share is the pool less the agent's, so the two add up exactly — plus the fixed sums per held
     * meeting. No rule, no lines. A replay of the same win adds nothing.
     */
    void credit(UUID ws, Deal deal, Instant at) {
        var found = repository.ruleFor(ws, deal.projectId());
        if (found.isEmpty()) {
            return;
        }
        Rule rule = found.get();
        BigDecimal amount = deal.amount() == null ? BigDecimal.ZERO : deal.amount();
        String currency = deal.currency() == null ? "EUR" : deal.currency();
        int held = deal.contactId() == null ? 0 : (int) appointments.ofLead(ws, deal.contactId()).stream()
                .filter(a -> "HELD".equals(a.status())).count();
        BigDecimal pool = amount.multiply(rule.percentOfAmount()).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
        BigDecimal agentPart = deal.creditedAgent() == null ? BigDecimal.ZERO
                : pool.multiply(rule.agentSplit()).divide(HUNDRED, 2, RoundingMode.HALF_EVEN);
        BigDecimal repPart = deal.creditedAgent() == null
                ? pool.multiply(rule.repSplit()).divide(HUNDRED, 2, RoundingMode.HALF_EVEN) : pool.subtract(agentPart);
        LocalDate period = month(at);
        if (deal.creditedAgent() != null) {
            BigDecimal fixed = rule.agentPerHeld().multiply(BigDecimal.valueOf(held));
            repository.add(ws, deal, deal.creditedAgent().id(), "AGENT", "WIN", agentPart.add(fixed), currency,
                    basis(amount, rule.percentOfAmount(), pool, rule.agentSplit(), held, rule.agentPerHeld()), period,
                    at);
        }
        BigDecimal repFixed = rule.repPerHeld().multiply(BigDecimal.valueOf(held));
        repository.add(ws, deal, deal.owner().id(), "REP", "WIN", repPart.add(repFixed), currency,
                basis(amount, rule.percentOfAmount(), pool, rule.repSplit(), held, rule.repPerHeld()), period, at);
    }

    void reverse(UUID workspaceId, UUID dealId, Instant at) {
        repository.reverse(workspaceId, dealId, month(at), at);
    }

    /**
     * Ledger lines from month {@code from} to month {@code to} (both "2026-11", inclusive): a person's own, or
     * everyone's for supervisors.
     */
    @Transactional(readOnly = true)
    public List<Entry> ledger(CurrentUser user, String userId, String from, String to) {
        UUID person = user.userId();
        if (userId != null && !userId.isBlank()) {
            person = "all".equals(userId) ? null : Deals.id("userId", userId);
            if (!user.userId().equals(person) && !Deals.supervises(user)) {
                throw ApiProblem.forbidden("only supervisors see others' commissions");
            }
            if (person != null && people.member(user.workspaceId(), person).isEmpty()) {
                throw ApiProblem.notFound("person");
            }
        }
        YearMonth first = month("from", from, YearMonth.now(clock.withZone(user.timeZone())));
        YearMonth last = month("to", to, first);
        if (last.isBefore(first)) {
            throw ApiProblem.badRequest("to", "to must not be before from");
        }
        return repository.ledger(user.workspaceId(), person, first.atDay(1), last.plusMonths(1).atDay(1));
    }

    /** The lines' total per currency: a ledger over deals in several currencies has several totals, never one sum. */
    public static List<dev.callsheet.web.Money> byCurrency(List<Entry> lines) {
        return dev.callsheet.web.Money.totals(lines.stream()
                .map(e -> new dev.callsheet.web.Money(e.currency(), e.amount())).toList());
    }

    /** Each person's total per currency over the lines, won and reversed apart. */
    public static List<Payout> payout(List<Entry> lines) {
        Map<String, Payout> totals = new LinkedHashMap<>();
        for (Entry e : lines) {
            String key = e.person().id() + "/" + e.currency();
            Payout p = totals.getOrDefault(key, new Payout(e.person(), e.currency(), BigDecimal.ZERO.setScale(2),
                    BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), 0));
            boolean win = "WIN".equals(e.kind());
            totals.put(key, new Payout(p.person(), p.currency(), win ? p.won().add(e.amount()) : p.won(),
                    win ? p.reversed() : p.reversed().add(e.amount()), p.total().add(e.amount()), p.lines() + 1));
        }
        return List.copyOf(totals.values());
    }

    private static Map<String, Object> basis(BigDecimal amount, BigDecimal percent, BigDecimal pool, BigDecimal split,
            int held, BigDecimal perHeld) {
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("amount", amount);
        basis.put("percentOfAmount", percent);
        basis.put("pool", pool);
        basis.put("split", split);
        basis.put("heldMeetings", held);
        basis.put("perHeld", perHeld);
        return basis;
    }

    private static LocalDate month(Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC)).atDay(1);
    }

    private static YearMonth month(String field, String value, YearMonth fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, field + " must be a month like 2026-11");
        }
    }

    private static BigDecimal percent(String field, BigDecimal value, BigDecimal fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            throw ApiProblem.badRequest(field, field + " must be 0 to 100");
        }
        return dev.callsheet.deals.internal.Decimals.plain(value.setScale(3, RoundingMode.HALF_EVEN));
    }

    private static BigDecimal money(String field, BigDecimal value) {
        if (value == null) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (value.signum() < 0 || value.compareTo(new BigDecimal("1000000")) > 0) {
            throw ApiProblem.badRequest(field, field + " must be 0 to 1,000,000");
        }
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }
}
