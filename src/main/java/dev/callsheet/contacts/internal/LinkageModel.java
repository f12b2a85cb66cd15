package dev.callsheet.contacts.internal;

import java.util.EnumMap;
import java.util.Map;

/**
 * The Fellegi–Sunter parameters of one workspace (ADR 0006): for every field and level the m probability (two cards
 * of one client are at that level) and the u probability (two cards of two clients are), and how many duplicates a
 * card has on average. A level's weight is log2(m / u) bits; a card pair's score is the probability
 * 1 / (1 + 2^-(prior + Σ weights)), with prior = log2(duplicates per card / cards in the workspace).
 *
 * <p>Term frequencies: on an exact agreement the u probability is that of the very value — how many other cards
 * share it among the workspace's cards — so a switchboard number on thirty cards, or the first name half the list
 * shares, weighs less than a number or a name only these two cards have.
 *
 * @param cards the workspace's cards (contacts, or organisations for the organisations' model)
 * @param duplicatesPerCard how many other cards one card's client has, on average
 */
public record LinkageModel(int cards, double duplicatesPerCard, Map<Field, Map<Level, Double>> m,
        Map<Field, Map<Level, Double>> u) {

    /** Below this many cards, the prior and the term frequencies count as if there were this many. */
    static final int MIN_POPULATION = 200;

    /**
     * Values a card shares with no other card are given this fraction of a card: the chance that two clients share
     * it is not zero, only too small to see in one workspace.
     */
    static final Map<Field, Double> UNSEEN = new EnumMap<>(Map.of(Field.REGISTRATION_NUMBER, 0.002, Field.PHONE, 0.01,
            Field.EMAIL, 0.005, Field.DOMAIN, 0.3, Field.COMPANY, 0.3, Field.FIRST_NAME, 0.5, Field.SURNAME, 0.3,
            Field.ADDRESS, 0.05, Field.POSTCODE, 0.5, Field.CITY, 3.0));

    /** The model of a workspace about which nothing is known yet: the priors of {@link Field}. */
    public static LinkageModel priors(int cards) {
        Map<Field, Map<Level, Double>> m = new EnumMap<>(Field.class);
        Map<Field, Map<Level, Double>> u = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            Map<Level, Double> mf = new EnumMap<>(Level.class);
            Map<Level, Double> uf = new EnumMap<>(Level.class);
            field.priors().forEach((level, prior) -> {
                mf.put(level, prior.m());
                uf.put(level, prior.u());
            });
            m.put(field, normalised(mf));
            u.put(field, normalised(uf));
        }
        return new LinkageModel(cards, 0.5, m, u);
    }

    /** The prior log-odds, in bits, that two cards of this workspace are one client. */
    public double prior() {
        int population = Math.max(cards, MIN_POPULATION);
        return log2(duplicatesPerCard / (population - 1));
    }

    /** The weight of a level without term frequencies: log2(m / u). */
    public double weight(Field field, Level level) {
        if (level == Level.MISSING) {
            return 0;
        }
        return log2(m.get(field).get(level) / u.get(field).get(level));
    }

    /**
     * The weight of a level, an exact agreement on a value {@code others} other cards share too (null when not
     * counted) weighing by that value's frequency. An agreement never counts against, and an identical company
     * name never weighs less than a containing or similar one, so it always outranks them.
     */
    public double weight(Field field, Level level, Integer others) {
        double plain = weight(field, level);
        if (level != Level.EXACT || others == null || !UNSEEN.containsKey(field)) {
            return plain;
        }
        int population = Math.max(cards, MIN_POPULATION);
        double frequency = Math.max(others, UNSEEN.get(field)) / population;
        double weighted = log2(m.get(field).get(level) / Math.min(frequency, 0.99));
        double floor = 0.5;
        if (field == Field.COMPANY) {
            for (Level next : m.get(field).keySet()) {
                if (next != Level.EXACT && next != Level.DIFFERENT) {
                    floor = Math.max(floor, weight(field, next) + 0.5);
                }
            }
        }
        return Math.max(weighted, floor);
    }

    static Map<Level, Double> normalised(Map<Level, Double> probabilities) {
        double sum = probabilities.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<Level, Double> result = new EnumMap<>(Level.class);
        probabilities.forEach((level, p) -> result.put(level, p / sum));
        return result;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
