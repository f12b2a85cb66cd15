package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.internal.Comparisons.Compared;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scores one pair of cards: each field's level weighs log2(m / u) bits, exact agreements by the frequency of the
 * shared value ({@link LinkageModel#weight(Field, Level, Integer)}), and the probability that the two are one client
 * is 1 / (1 + 2^-(prior + Σ weights)). Fields that say the same thing twice are not counted twice: an address or
 * postcode shared by two cards that share a phone number is the same place (one switchboard), a city within a shared
 * postcode, a domain within a shared e-mail. Pure and deterministic.
 */
final class FellegiSunter {

    /** What is left of an agreement that repeats another. */
    static final double REPEATED = 0.3;

    /** One field's part in a score. */
    record Weighed(Field field, Level level, double weight, String detail) {
    }

    /** A pair's probability of being one client, its log-odds in bits, and each field's part. */
    record Scored(double probability, double bits, List<Weighed> fields) {
    }

    /** The frequencies an exact agreement is weighed by, and whether the probe is itself a stored card. */
    record Frequencies(TermFrequencies.Counts points, TermFrequencies.Counts names, boolean probeStored) {
    }

    private FellegiSunter() {
    }

    static Scored score(LinkageRecord probe, LinkageRecord candidate, Map<Field, Compared> vector, LinkageModel model,
            Frequencies frequencies) {
        List<Weighed> fields = new ArrayList<>();
        double bits = model.prior();
        for (Map.Entry<Field, Compared> entry : vector.entrySet()) {
            Field field = entry.getKey();
            Compared compared = entry.getValue();
            if (compared.level() == Level.MISSING) {
                continue;
            }
            double weight = model.weight(field, compared.level(), others(field, compared, probe, candidate, frequencies));
            if (weight > 0 && repeats(field, vector)) {
                weight *= REPEATED;
            }
            bits += weight;
            fields.add(new Weighed(field, compared.level(), weight, compared.detail()));
        }
        return new Scored(1 / (1 + Math.pow(2, -bits)), bits, fields);
    }

    /** Whether an agreement on {@code field} says again what a stronger agreement already said. */
    static boolean repeats(Field field, Map<Field, Compared> vector) {
        return switch (field) {
            case ADDRESS, POSTCODE -> vector.get(Field.PHONE).level() == Level.EXACT;
            case CITY -> vector.get(Field.POSTCODE).level() == Level.EXACT
                    || vector.get(Field.PHONE).level() == Level.EXACT;
            case DOMAIN -> vector.get(Field.EMAIL).level() == Level.EXACT;
            default -> false;
        };
    }

    /**
     * How many cards other than these two hold the value both agree on exactly; null when it is not counted (a
     * company name between organisations: there is one card per name).
     */
    static Integer others(Field field, Compared compared, LinkageRecord probe, LinkageRecord candidate,
            Frequencies frequencies) {
        if (compared.level() != Level.EXACT) {
            return null;
        }
        int count = switch (field) {
            case PHONE, EMAIL, DOMAIN, REGISTRATION_NUMBER -> frequencies.points().of(field, compared.detail());
            case FIRST_NAME -> frequencies.names().of(field, probe.firstKey());
            case SURNAME -> frequencies.names().of(field, candidate.surnameKey());
            case COMPANY -> candidate.isOrganisation() ? -1 : frequencies.names().of(field, candidate.companyKey());
            case ADDRESS -> frequencies.names().of(field, candidate.addressKey());
            case POSTCODE -> frequencies.names().of(field, candidate.postcode());
            case CITY -> frequencies.names().of(field, candidate.cityKey());
            default -> -1;
        };
        if (count < 0) {
            return null;
        }
        return Math.max(0, count - 1 - (frequencies.probeStored() ? 1 : 0));
    }
}
