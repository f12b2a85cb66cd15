package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.DuplicateCandidate;
import dev.callsheet.contacts.DuplicateCandidate.Reason;
import dev.callsheet.contacts.internal.Comparisons.Compared;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The duplicate check of docs/domain.md §4 as record linkage (ADR 0006), in three steps:
 * <ol>
 *   <li><b>blocking</b> ({@link Blocking}): several index-backed, capped passes find the cards worth comparing;</li>
 *   <li><b>comparison</b> ({@link Comparisons}): each is compared with the probe field by field, and each field
 *       lands on a level — exact, a nickname, a typo apart, containing, different, missing;</li>
 *   <li><b>scoring</b> ({@link FellegiSunter}): each level weighs what the workspace's own cards say it is worth
 *       ({@link LinkageModels}), an exact agreement by how many cards share the value ({@link TermFrequencies}); the
 *       score is the probability that the two are one client, and {@link Explanation} says why.</li>
 * </ol>
 * The same cards give the same candidates, in the same order, in every workspace: blocking cuts its blocks in an
 * order of the cards' data, the estimates depend on the cards only, and ties in score are broken by the cards' data.
 */
@Component
public class DuplicateFinder {

    /** Candidates below this probability are not shown. */
    static final double SHOWN = 0.01;

    /**
     * What is known of the card being checked.
     *
     * @param birthDate a date of birth (a custom field of the card), or null
     */
    public record Probe(CardKeys keys, String firstName, String address, String postcode, String city,
            String birthDate) {

        public Probe(CardKeys keys, String firstName, String address, String postcode, String city) {
            this(keys, firstName, address, postcode, city, null);
        }
    }

    /** The value of the first custom field whose name says it is a date of birth, or null. */
    public static String birthDate(Map<String, Object> custom) {
        if (custom == null) {
            return null;
        }
        return custom.entrySet().stream().filter(e -> CardLoader.BIRTH_DATE.matcher(e.getKey()).matches())
                .sorted(Map.Entry.comparingByKey()).map(e -> String.valueOf(e.getValue())).findFirst().orElse(null);
    }

    private final Blocking blocking;
    private final CardLoader loader;
    private final LinkageModels models;
    private final TermFrequencies frequencies;
    private final NotDuplicates notDuplicates;

    DuplicateFinder(Blocking blocking, CardLoader loader, LinkageModels models, TermFrequencies frequencies,
            NotDuplicates notDuplicates) {
        this.blocking = blocking;
        this.loader = loader;
        this.models = models;
        this.frequencies = frequencies;
        this.notDuplicates = notDuplicates;
    }

    /**
     * The cards that may be the probe's client, likeliest first, at most {@code limit}; {@code exclude} is the
     * probe's own card when it is stored (never its own duplicate, nor of the cards a person said are others).
     */
    public List<DuplicateCandidate> find(UUID workspaceId, Probe probe, UUID exclude, int limit) {
        LinkageRecord record = LinkageRecord.probe(probe.keys(), probe.firstName(), probe.address(), probe.postcode(),
                probe.city(), probe.birthDate());
        Blocking.Candidates candidates = blocking.of(workspaceId, record, probe.postcode(), probe.address());
        candidates.contacts().remove(exclude);
        candidates.organisations().remove(exclude);
        if (exclude != null) {
            candidates.contacts().removeAll(notDuplicates.of(workspaceId, exclude));
        }
        LinkageModels.Estimates estimates = models.of(workspaceId);
        FellegiSunter.Frequencies counts = new FellegiSunter.Frequencies(frequencies.points(workspaceId, record),
                estimates.names(), exclude != null);
        record Ranked(DuplicateCandidate candidate, double bits, String order) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (LinkageRecord stored : loader.load(workspaceId, candidates.contacts(), candidates.organisations())) {
            Map<Field, Compared> vector = Comparisons.compare(record, stored);
            FellegiSunter.Scored scored = FellegiSunter.score(record, stored, vector,
                    stored.isOrganisation() ? estimates.organisations() : estimates.people(), counts);
            List<Reason> reasons = Explanation.reasons(scored.fields());
            if (!reasons.isEmpty() && scored.probability() >= SHOWN) {
                ranked.add(new Ranked(new DuplicateCandidate(stored.type(), stored.id(), stored.name(),
                        Math.round(scored.probability() * 1000) / 1000.0, reasons,
                        Explanation.comparisons(scored.fields())), scored.bits(), stored.type() + stored.order()));
            }
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.bits()).thenComparing(Ranked::order));
        return ranked.stream().limit(limit).map(Ranked::candidate).toList();
    }
}
