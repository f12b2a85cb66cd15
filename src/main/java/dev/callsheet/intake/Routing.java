package dev.callsheet.intake;

import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactPage;
import dev.callsheet.contacts.ContactSearch;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.intake.internal.RoutingConfigRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who gets a lead that has no open process (docs/domain.md §3): the workspace's ordered rules first (conditions on
 * channel, region, language, line of business, company size, project → a person, a team in round robin, the duty
 * manager, or the card's owner); then the fallback owner; then the trade's default — the duty manager of the region,
 * else the region's manager, else a supervisor. The result says which rule fired.
 */
@Service
public class Routing {

    private static final Set<String> TARGETS = Set.of("USER", "TEAM", "DUTY", "OWNER");
    private static final Set<String> CHANNELS = Set.of("WEB", "INBOUND_CALL", "EXHIBITION");

    /** Who, and why. */
    public record Choice(Person person, String rule) {
    }

    /** The rules as a client sends and reads them. */
    public record Rules(List<RoutingRule> items, String fallbackUserId) {
    }

    /** Where one recent lead would go now. */
    public record DryRun(UUID contactId, String contactName, Person assignee, String rule) {
    }

    private final RoutingConfigRepository repository;
    private final DutyRoster roster;
    private final People people;
    private final Contacts contacts;
    private final Clock clock;

    Routing(RoutingConfigRepository repository, DutyRoster roster, People people, Contacts contacts, Clock clock) {
        this.repository = repository;
        this.roster = roster;
        this.people = people;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Rules rules(UUID workspaceId) {
        RoutingConfigRepository.Config config = repository.config(workspaceId);
        return new Rules(config.rules(), config.fallbackUserId() == null ? null : config.fallbackUserId().toString());
    }

    /** Replaces the rules whole, checking each condition and target. */
    @Transactional
    public Rules save(CurrentUser user, Rules body) {
        UUID ws = user.workspaceId();
        List<RoutingRule> given = body == null || body.items() == null ? List.of() : body.items();
        List<RoutingRule> checked = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String f = "items[" + i + "]";
            RoutingRule r = given.get(i);
            if (r == null) {
                throw ApiProblem.badRequest(f, "a rule needs a target");
            }
            String channel = upper(r.channel());
            if (channel != null && !CHANNELS.contains(channel)) {
                throw ApiProblem.badRequest(f + ".channel", "channel must be WEB, INBOUND_CALL or EXHIBITION");
            }
            if (r.region() != null && !r.region().isBlank()) {
                roster.regionId(ws, r.region());
            }
            String target = upper(r.target());
            if (target == null || !TARGETS.contains(target)) {
                throw ApiProblem.badRequest(f + ".target", "target must be USER, TEAM, DUTY or OWNER");
            }
            if (target.equals("USER")) {
                member(ws, f + ".userId", r.userId());
            }
            if (target.equals("TEAM") && people.teams(ws).stream().noneMatch(t -> t.id().toString().equals(
                    r.teamId() == null ? "" : r.teamId().strip()))) {
                throw ApiProblem.badRequest(f + ".teamId", "teamId must be a team of this workspace");
            }
            if (r.minEmployees() != null && r.minEmployees() < 0) {
                throw ApiProblem.badRequest(f + ".minEmployees", "minEmployees must be 0 or more");
            }
            checked.add(new RoutingRule(Inputs.optional(f + ".name", r.name(), 100), channel,
                    Inputs.optional(f + ".region", r.region(), 80), Inputs.optional(f + ".language", r.language(), 10),
                    Inputs.optional(f + ".lineOfBusiness", r.lineOfBusiness(), 100), r.minEmployees(),
                    r.maxEmployees(), Inputs.optional(f + ".projectId", r.projectId(), 40), target,
                    target.equals("USER") ? r.userId().strip() : null, target.equals("TEAM") ? r.teamId().strip() : null));
        }
        UUID fallback = body == null || body.fallbackUserId() == null || body.fallbackUserId().isBlank() ? null
                : member(ws, "fallbackUserId", body.fallbackUserId()).id();
        repository.save(ws, new RoutingConfigRepository.Config(checked, fallback), clock.instant());
        return rules(ws);
    }

    /** The person for a lead without an open process, and the rule that chose them. */
    @Transactional(readOnly = true)
    public Choice choose(UUID ws, ContactCard card, String channel, UUID regionId, UUID projectId, Instant now) {
        RoutingConfigRepository.Config config = repository.config(ws);
        List<Member> members = people.members(ws).stream().filter(Member::active).toList();
        UUID region = regionId != null ? regionId : card.region() == null ? null : card.region().id();
        for (int i = 0; i < config.rules().size(); i++) {
            RoutingRule rule = config.rules().get(i);
            if (!matches(ws, rule, card, channel, region, projectId)) {
                continue;
            }
            String name = "rule " + (i + 1) + (rule.name() == null ? "" : " \"" + rule.name() + "\"");
            Optional<Person> person = switch (rule.target()) {
                case "USER" -> members.stream().filter(m -> m.id().toString().equals(rule.userId())).findFirst()
                        .map(Routing::person);
                case "TEAM" -> roundRobin(ws, members, rule.teamId(), now);
                case "DUTY" -> roster.onDuty(ws, region, now).map(DutyShift::user);
                case "OWNER" -> card.owner() == null ? Optional.empty()
                        : members.stream().filter(m -> m.id().equals(card.owner().id())).findFirst().map(Routing::person);
                default -> Optional.empty();
            };
            if (person.isPresent()) {
                return new Choice(person.get(), name + " (" + rule.target().toLowerCase(Locale.ROOT) + ")");
            }
        }
        if (config.fallbackUserId() != null) {
            Optional<Member> fallback = members.stream().filter(m -> m.id().equals(config.fallbackUserId())).findFirst();
            if (fallback.isPresent()) {
                return new Choice(person(fallback.get()), "no rule matched: the fallback owner");
            }
        }
        return standard(ws, members, region, now);
    }

    /** Where the last 100 leads would go under the rules as they are now; nothing is written. */
    @Transactional(readOnly = true)
    public List<DryRun> dryRun(CurrentUser user) {
        UUID ws = user.workspaceId();
        Instant now = clock.instant();
        ContactPage recent = contacts.search(ws, new ContactSearch(null, null, null, null, null, null, null, null, null,
                null, null, "newest", 0, 100));
        List<DryRun> runs = new ArrayList<>();
        recent.items().forEach(summary -> {
            ContactCard card = contacts.card(ws, summary.id());
            String channel = card.source() == null ? null : switch (card.source()) {
                case WEB -> "WEB";
                case INBOUND_CALL -> "INBOUND_CALL";
                case EXHIBITION -> "EXHIBITION";
                default -> null;
            };
            Choice choice = choose(ws, card, channel, null, null, now);
            runs.add(new DryRun(card.id(), card.displayName(), choice.person(), choice.rule()));
        });
        return runs;
    }

    /** docs/domain.md §3.1/§3.3: the duty manager; else the region's manager; else a supervisor. */
    private Choice standard(UUID ws, List<Member> members, UUID region, Instant now) {
        Optional<DutyShift> duty = roster.onDuty(ws, region, now);
        if (duty.isPresent()) {
            return new Choice(duty.get().user(), "on duty" + (duty.get().regionName() == null ? ""
                    : " for " + duty.get().regionName()) + " (" + duty.get().source().toLowerCase(Locale.ROOT) + ")");
        }
        if (region != null) {
            Optional<Member> regional = members.stream().filter(m -> m.roles().contains(Role.REP))
                    .filter(m -> m.region() != null && m.region().id().equals(region)).findFirst();
            if (regional.isPresent()) {
                return new Choice(person(regional.get()), "nobody on duty: the manager of "
                        + regional.get().region().name());
            }
        }
        Member fallback = members.stream().filter(m -> m.roles().contains(Role.SUPERVISOR)).findFirst()
                .or(() -> members.stream().filter(m -> m.roles().contains(Role.ADMIN)).findFirst())
                .orElseThrow(() -> new IllegalStateException("a workspace without supervisors or admins"));
        return new Choice(person(fallback), "nobody on duty and no manager of the region: the supervisor");
    }

    private boolean matches(UUID ws, RoutingRule rule, ContactCard card, String channel, UUID region, UUID project) {
        if (rule.channel() != null && !rule.channel().equals(channel)) {
            return false;
        }
        if (rule.region() != null && (region == null || !people.regions(ws).stream()
                .anyMatch(r -> r.id().equals(region) && r.name().equalsIgnoreCase(rule.region())))) {
            return false;
        }
        if (rule.language() != null && (card.language() == null
                || !card.language().toLowerCase(Locale.ROOT).startsWith(rule.language().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        if (rule.lineOfBusiness() != null && (card.lineOfBusiness() == null || !card.lineOfBusiness()
                .toLowerCase(Locale.ROOT).contains(rule.lineOfBusiness().toLowerCase(Locale.ROOT)))) {
            return false;
        }
        if (rule.minEmployees() != null || rule.maxEmployees() != null) {
            Integer employees = employees(card.custom());
            if (employees == null || (rule.minEmployees() != null && employees < rule.minEmployees())
                    || (rule.maxEmployees() != null && employees > rule.maxEmployees())) {
                return false;
            }
        }
        return rule.projectId() == null || (project != null && project.toString().equals(rule.projectId()));
    }

    private Optional<Person> roundRobin(UUID ws, List<Member> members, String teamId, Instant now) {
        Instant month = YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<UUID, Long> load = repository.assignmentsSince(ws, month);
        return members.stream().filter(m -> m.team() != null && m.team().id().toString().equals(teamId))
                .min(Comparator.comparingLong((Member m) -> load.getOrDefault(m.id(), 0L))
                        .thenComparing(Member::displayName).thenComparing(Member::id))
                .map(Routing::person);
    }

    private static Integer employees(Map<String, Object> custom) {
        Object value = custom == null ? null : custom.getOrDefault("employees", custom.get("company_size"));
        if (value == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.toString().replaceAll("[^0-9]", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Member member(UUID ws, String field, String id) {
        return people.members(ws).stream().filter(Member::active)
                .filter(m -> m.id().toString().equals(id == null ? "" : id.strip())).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest(field, "no active person with this id in this workspace"));
    }

    private static Person person(Member m) {
        return new Person(m.id(), m.username(), m.displayName());
    }

    private static String upper(String text) {
        return text == null || text.isBlank() ? null : text.strip().toUpperCase(Locale.ROOT);
    }
}
