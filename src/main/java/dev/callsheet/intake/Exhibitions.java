package dev.callsheet.intake;

import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.ContactSearch;
import dev.callsheet.contacts.Dialable;
import dev.callsheet.contacts.Imports;
import dev.callsheet.intake.internal.IntakeRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exhibition, seminar and conference lists (docs/domain.md §3.4): once the list is imported (and so duplicate-checked),
 * each record goes to a manager of its region; records of the home region, of no region, or of a region without
 * managers are spread evenly among the home region's managers — counts differ by at most one, or, when asked, so
 * that each manager's existing cards are counted too. A preview shows who gets what; the distribution is then
 * committed once (a second commit finds nothing left to give).
 */
@Service
public class Exhibitions {

    /** One manager's share. */
    public record Share(Person manager, String region, int existing, List<Lead> leads) {
    }

    public record Lead(UUID id, String name, String region) {
    }

    /** The plan: shares per manager, and records nobody can take (no managers at all). */
    public record Plan(UUID importId, String homeRegion, boolean countExisting, List<Share> shares,
            List<Lead> unassigned) {
    }

    private final Imports imports;
    private final Contacts contacts;
    private final People people;
    private final DutyRoster roster;
    private final IntakeRepository repository;
    private final Clock clock;

    Exhibitions(Imports imports, Contacts contacts, People people, DutyRoster roster, IntakeRepository repository,
            Clock clock) {
        this.imports = imports;
        this.contacts = contacts;
        this.people = people;
        this.roster = roster;
        this.repository = repository;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Plan preview(CurrentUser user, UUID importId, String homeRegion, boolean countExisting) {
        UUID ws = user.workspaceId();
        var status = imports.status(ws, importId);
        if (!status.status().equals("DONE")) {
            throw ApiProblem.conflict("importId", "the import is " + status.status().toLowerCase() + "; wait for it");
        }
        UUID home = roster.regionId(ws, homeRegion);
        if (home == null) {
            throw ApiProblem.badRequest("homeRegion", "homeRegion is required: the region whose list is spread evenly");
        }
        List<Member> reps = people.members(ws).stream().filter(Member::active)
                .filter(m -> m.roles().contains(Role.REP) && m.region() != null)
                .sorted(Comparator.comparing(Member::displayName).thenComparing(Member::id)).toList();
        Map<UUID, String> regionNames = new LinkedHashMap<>();
        people.regions(ws).forEach(r -> regionNames.put(r.id(), r.name()));
        Set<UUID> done = new HashSet<>(repository.assignedFrom(ws, "EXHIBITION:" + importId));
        Map<UUID, Share> shares = new LinkedHashMap<>();
        for (Member rep : reps) {
            int existing = countExisting ? (int) contacts.search(ws, new ContactSearch(null, null, null, rep.id(), null,
                    null, null, null, null, null, null, null, 0, 1)).total() : 0;
            shares.put(rep.id(), new Share(new Person(rep.id(), rep.username(), rep.displayName()),
                    rep.region().name(), existing, new ArrayList<>()));
        }
        List<Lead> unassigned = new ArrayList<>();
        UUID after = null;
        while (true) {
            List<Dialable> page = contacts.dialablesOfImport(ws, importId, after, 1000);
            if (page.isEmpty()) {
                break;
            }
            for (Dialable d : page) {
                if (done.contains(d.contactId())) {
                    continue;
                }
                Lead lead = new Lead(d.contactId(), d.displayName(), d.region());
                UUID region = regionNames.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(
                        d.region() == null ? "" : d.region())).map(Map.Entry::getKey).findFirst().orElse(home);
                List<Share> pool = pool(reps, shares, region);
                if (pool.isEmpty()) {
                    pool = pool(reps, shares, home);
                }
                if (pool.isEmpty()) {
                    unassigned.add(lead);
                    continue;
                }
                // the least loaded (existing + given so far) gets the next; ties by name: counts differ by at most one
                pool.stream().min(Comparator.comparingInt((Share s) -> s.existing() + s.leads().size())).orElseThrow()
                        .leads().add(lead);
            }
            after = page.get(page.size() - 1).contactId();
        }
        return new Plan(importId, regionNames.get(home), countExisting, List.copyOf(shares.values()), unassigned);
    }

    /** Commits the plan: each lead's owner, a task for the manager, and the assignment with its rule. */
    @Transactional
    public Plan distribute(CurrentUser user, UUID importId, String homeRegion, boolean countExisting) {
        repository.lock("exhibition:" + importId); // a double click distributes once
        Plan plan = preview(user, importId, homeRegion, countExisting);
        Instant now = clock.instant();
        for (Share share : plan.shares()) {
            String rule = share.region().equals(plan.homeRegion())
                    ? "exhibition list: spread evenly among " + plan.homeRegion() + "'s managers"
                    : "exhibition list: a manager of " + share.region();
            for (Lead lead : share.leads()) {
                contacts.claimOwner(user.workspaceId(), lead.id(), share.manager().id(), user.userId());
                repository.addTask(user.workspaceId(), share.manager().id(), lead.id(), "EXHIBITION",
                        TaskTitle.of("task.exhibition", lead.name()), Map.of("import", importId.toString()), now);
                repository.assignment(user.workspaceId(), lead.id(), "EXHIBITION:" + importId,
                        share.manager().id(), "EXHIBITION", rule, now);
            }
        }
        return plan;
    }

    private static List<Share> pool(List<Member> reps, Map<UUID, Share> shares, UUID region) {
        return reps.stream().filter(m -> m.region().id().equals(region)).map(m -> shares.get(m.id())).toList();
    }
}
