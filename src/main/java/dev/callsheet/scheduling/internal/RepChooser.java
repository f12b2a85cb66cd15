package dev.callsheet.scheduling.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Weighted round robin with calibration. Each rep's load is their bookings this month divided by their
 * weight; the rep with the lowest load wins (the one furthest below their weighted share), ties go to
 * the rep booked least recently. A rep who starts or returns mid-month is credited, as of that moment,
 * with the load the others had then (their bookings this month per unit of weight), so they get their
 * share from then on and are not flooded with bookings to "catch up".
 */
public final class RepChooser {

    /**
     * Where a rep stands this month.
     *
     * @param booked      bookings since the rep's calibration point (the month's start, or when they started
     *                    or returned, whichever is later)
     * @param calibration the bookings the rep is credited with at that point
     */
    public record Standing(UUID repId, int weight, long booked, double calibration, Instant lastBooked) {

        public double load() {
            return weight <= 0 ? Double.POSITIVE_INFINITY : (booked + calibration) / weight;
        }

        /** How many bookings the rep would have at their weighted share of {@code total}. */
        public double share(double totalWeight, long total) {
            return totalWeight <= 0 ? 0 : total * weight / totalWeight;
        }
    }

    private static final Comparator<Standing> ORDER = Comparator.comparingDouble(Standing::load)
            .thenComparing(Standing::lastBooked, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Standing::repId);

    private RepChooser() {
    }

    /** The rep who should get the next booking among those who can take it; none when all have weight 0. */
    public static Optional<Standing> next(Collection<Standing> eligible) {
        return eligible.stream().filter(s -> s.weight() > 0).min(ORDER);
    }

    /**
     * Each rep's place in the order {@link #next} picks by (0 comes first); reps of weight 0 have none.
     * The order of two reps does not depend on who else is eligible, so among any subset the one of
     * lowest rank is the one {@link #next} would choose.
     */
    public static Map<UUID, Integer> ranks(Collection<Standing> standings) {
        List<Standing> sorted = standings.stream().filter(s -> s.weight() > 0).sorted(ORDER).toList();
        Map<UUID, Integer> ranks = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranks.put(sorted.get(i).repId(), i);
        }
        return ranks;
    }

    /** The calibration of a rep starting now: the others' current load times this rep's weight. */
    public static double calibration(int weight, long othersBooked, double othersWeight) {
        return othersWeight <= 0 ? 0 : weight * othersBooked / othersWeight;
    }
}
