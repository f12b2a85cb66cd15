package dev.callsheet.contacts.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.callsheet.contacts.ImportCompleted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each workspace's {@link LinkageModel} and term frequencies, estimated from its own cards and kept for a while
 * (ADR 0006):
 * <ul>
 *   <li>u from random pairs: the workspace's cards in the order of their fingerprints (a hash of their data, so
 *       the same cards give the same sample anywhere), each compared with the next few;</li>
 *   <li>m and the share of duplicates by expectation maximisation on the candidate pairs blocking finds for a
 *       sample of the cards ({@link Expectation});</li>
 *   <li>the repeated names, addresses, postcodes and cities ({@link TermFrequencies#names}).</li>
 * </ul>
 * A workspace of fewer than {@link #MIN_CARDS} cards keeps the priors. Estimates are made again after an import
 * and refreshed in the background after {@link #REFRESH}; they depend on nothing but the cards.
 */
@Component
class LinkageModels {

    static final int MIN_CARDS = 50;
    static final int RANDOM_SAMPLE = 500;
    static final int RANDOM_NEIGHBOURS = 6;
    static final int EM_PROBES = 150;
    /** Random pairs' worth of prior evidence each u is drawn towards. */
    static final double U_PSEUDO_PAIRS = 200;
    static final Duration REFRESH = Duration.ofMinutes(10);

    /** A workspace's model and the frequencies of its names. */
    record Estimates(LinkageModel people, LinkageModel organisations, TermFrequencies.Counts names) {
    }

    private final JdbcClient jdbc;
    private final CardLoader loader;
    private final Blocking blocking;
    private final TermFrequencies frequencies;
    private final LoadingCache<UUID, Estimates> cache;

    LinkageModels(JdbcClient jdbc, CardLoader loader, Blocking blocking, TermFrequencies frequencies) {
        this.jdbc = jdbc;
        this.loader = loader;
        this.blocking = blocking;
        this.frequencies = frequencies;
        this.cache = Caffeine.newBuilder().maximumSize(500).refreshAfterWrite(REFRESH)
                .expireAfterAccess(Duration.ofHours(2)).build(this::estimate);
    }

    Estimates of(UUID workspaceId) {
        return cache.get(workspaceId);
    }

    /** Cards came in by the hundred: the next check estimates again. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ImportCompleted completed) {
        cache.invalidate(completed.workspaceId());
    }

    /** Forgets a workspace's estimates (tests, and anyone who just changed many cards). */
    void invalidate(UUID workspaceId) {
        cache.invalidate(workspaceId);
    }

    Estimates estimate(UUID workspaceId) {
        int people = count("contact", workspaceId);
        int organisations = count("organisation", workspaceId);
        TermFrequencies.Counts names = frequencies.names(workspaceId);
        LinkageModel priors = LinkageModel.priors(people);
        if (people < MIN_CARDS) {
            return new Estimates(priors, LinkageModel.priors(organisations), names);
        }
        List<UUID> sample = jdbc.sql("""
                SELECT id FROM contact WHERE workspace_id = :ws AND merged_into IS NULL
                ORDER BY fingerprint LIMIT :limit""")
                .param("ws", workspaceId).param("limit", RANDOM_SAMPLE).query(UUID.class).list();
        List<LinkageRecord> records = new ArrayList<>(loader.load(workspaceId, sample, List.of()));
        records.sort(Comparator.comparing(LinkageRecord::order));
        LinkageModel withU = new LinkageModel(people, priors.duplicatesPerCard(), priors.m(), randomPairs(records, priors));
        CandidatePairs pairs = candidatePairs(workspaceId, records);
        Expectation.Estimate em = Expectation.estimate(pairs.vectors(), withU);
        double perCard = Math.max(0.2, Math.min(1.5, em.matchShare() * pairs.vectors().size() / Math.max(1, pairs.probes())));
        LinkageModel model = new LinkageModel(people, perCard, em.m(), withU.u());
        return new Estimates(model, new LinkageModel(organisations, 0.5, model.m(), model.u()), names);
    }

    private int count(String table, UUID workspaceId) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE workspace_id = :ws AND merged_into IS NULL")
                .param("ws", workspaceId).query(Integer.class).single();
    }

    /** u per field and level from each sampled card against its next few in fingerprint order. */
    static Map<Field, Map<Level, Double>> randomPairs(List<LinkageRecord> records, LinkageModel priors) {
        Map<Field, Map<Level, Integer>> seen = new EnumMap<>(Field.class);
        Map<Field, Integer> totals = new EnumMap<>(Field.class);
        for (int i = 0; i < records.size(); i++) {
            for (int j = i + 1; j <= i + RANDOM_NEIGHBOURS && j < records.size(); j++) {
                Comparisons.compare(records.get(i), records.get(j)).forEach((field, compared) -> {
                    if (compared.level() != Level.MISSING && priors.u().get(field).containsKey(compared.level())) {
                        seen.computeIfAbsent(field, f -> new EnumMap<>(Level.class)).merge(compared.level(), 1,
                                Integer::sum);
                        totals.merge(field, 1, Integer::sum);
                    }
                });
            }
        }
        Map<Field, Map<Level, Double>> u = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            Map<Level, Double> levels = new EnumMap<>(Level.class);
            int total = totals.getOrDefault(field, 0);
            priors.u().get(field).forEach((level, prior) -> {
                int count = seen.getOrDefault(field, Map.of()).getOrDefault(level, 0);
                double p = (count + U_PSEUDO_PAIRS * prior) / (total + U_PSEUDO_PAIRS);
                levels.put(level, Expectation.bounded(p, prior));
            });
            u.put(field, LinkageModel.normalised(levels));
        }
        return u;
    }

    /** The comparison vectors of candidate pairs, and for how many probes blocking found them. */
    record CandidatePairs(List<Map<Field, Level>> vectors, int probes) {
    }

    /** The comparison vectors of the candidate pairs blocking finds for the first sampled cards, each pair once. */
    private CandidatePairs candidatePairs(UUID workspaceId, List<LinkageRecord> records) {
        List<Map<Field, Level>> pairs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int probes = Math.min(EM_PROBES, records.size());
        for (LinkageRecord probe : records.subList(0, probes)) {
            Blocking.Candidates candidates = blocking.of(workspaceId, probe, null, null);
            candidates.contacts().remove(probe.id());
            for (LinkageRecord other : loader.load(workspaceId, candidates.contacts(), List.of())) {
                String key = probe.order().compareTo(other.order()) < 0 ? probe.order() + other.order()
                        : other.order() + probe.order();
                if (seen.add(key)) {
                    Map<Field, Level> vector = new EnumMap<>(Field.class);
                    Comparisons.compare(probe, other).forEach((field, compared) -> vector.put(field, compared.level()));
                    pairs.add(vector);
                }
            }
        }
        return new CandidatePairs(pairs, probes);
    }
}
