package dev.callsheet.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Weighted round robin on its own: shares over many bookings, ties, weight 0 and calibration. */
class RepChooserTests {

    /** Books {@code n} times among reps of the given weights, each rep free every time. */
    private static Map<UUID, Integer> simulate(int[] weights, int n, Map<UUID, Double> calibration) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            ids.add(new UUID(0, i + 1));
        }
        Map<UUID, Integer> booked = new HashMap<>();
        Map<UUID, Instant> last = new HashMap<>();
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        for (int k = 0; k < n; k++) {
            List<RepChooser.Standing> standings = new ArrayList<>();
            for (int i = 0; i < weights.length; i++) {
                UUID id = ids.get(i);
                standings.add(new RepChooser.Standing(id, weights[i], booked.getOrDefault(id, 0),
                        calibration.getOrDefault(id, 0.0), last.get(id)));
            }
            UUID chosen = RepChooser.next(standings).orElseThrow().repId();
            booked.merge(chosen, 1, Integer::sum);
            now = now.plusSeconds(60);
            last.put(chosen, now);
        }
        return booked;
    }

    @Test
    void tenThousandBookingsFollowWeightsOf100To100To50WithinTwoPercent() {
        Map<UUID, Integer> booked = simulate(new int[] {100, 100, 50}, 10_000, Map.of());
        double[] shares = {0.4, 0.4, 0.2};
        for (int i = 0; i < 3; i++) {
            double expected = 10_000 * shares[i];
            assertThat((double) booked.get(new UUID(0, i + 1))).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(expected * 0.02));
        }
    }

    @Test
    void tiesGoToTheRepBookedLeastRecentlyAndWeightZeroTakesNone() {
        UUID a = new UUID(0, 1);
        UUID b = new UUID(0, 2);
        UUID c = new UUID(0, 3);
        var earlier = new RepChooser.Standing(a, 100, 3, 0, Instant.parse("2026-12-01T08:00:00Z"));
        var later = new RepChooser.Standing(b, 100, 3, 0, Instant.parse("2026-12-01T09:00:00Z"));
        var idle = new RepChooser.Standing(c, 0, 0, 0, null);
        assertThat(RepChooser.next(List.of(later, earlier, idle)).orElseThrow().repId()).isEqualTo(a);
        assertThat(RepChooser.next(List.of(idle))).isEmpty();
        var never = new RepChooser.Standing(c, 100, 3, 0, null);
        assertThat(RepChooser.next(List.of(earlier, never)).orElseThrow().repId()).isEqualTo(c);
    }

    @Test
    void aRepJoiningMidMonthGetsTheirShareFromThenOnNotACatchUpFlood() {
        // two reps have 50 bookings each; a third joins with a full weight
        double credit = RepChooser.calibration(100, 100, 200);
        assertThat(credit).isEqualTo(50.0);
        UUID newcomer = new UUID(0, 3);
        List<UUID> next = new ArrayList<>();
        Map<UUID, Integer> booked = new HashMap<>(Map.of(new UUID(0, 1), 50, new UUID(0, 2), 50));
        for (int k = 0; k < 30; k++) {
            List<RepChooser.Standing> standings = List.of(
                    new RepChooser.Standing(new UUID(0, 1), 100, booked.get(new UUID(0, 1)), 0, null),
                    new RepChooser.Standing(new UUID(0, 2), 100, booked.get(new UUID(0, 2)), 0, null),
                    new RepChooser.Standing(newcomer, 100, booked.getOrDefault(newcomer, 0), credit, null));
            UUID chosen = RepChooser.next(standings).orElseThrow().repId();
            booked.merge(chosen, 1, Integer::sum);
            next.add(chosen);
        }
        // a third of the next 30, not the first 25 in a row
        assertThat(next.stream().filter(newcomer::equals).count()).isBetween(9L, 11L);
        assertThat(next.subList(0, 6).stream().filter(newcomer::equals).count()).isLessThanOrEqualTo(2);
        // without the credit the newcomer would take every one of the next 25
        Map<UUID, Integer> plain = new HashMap<>(Map.of(new UUID(0, 1), 50, new UUID(0, 2), 50));
        for (int k = 0; k < 25; k++) {
            UUID chosen = RepChooser.next(List.of(
                    new RepChooser.Standing(new UUID(0, 1), 100, plain.get(new UUID(0, 1)), 0, null),
                    new RepChooser.Standing(new UUID(0, 2), 100, plain.get(new UUID(0, 2)), 0, null),
                    new RepChooser.Standing(newcomer, 100, plain.getOrDefault(newcomer, 0), 0, null)))
                    .orElseThrow().repId();
            plain.merge(chosen, 1, Integer::sum);
        }
        assertThat(plain.get(newcomer)).isEqualTo(25);
    }

    @Test
    void theLowestRankAmongAnyRepsFreeIsTheOneNextWouldChoose() {
        java.util.Random random = new java.util.Random(7);
        List<RepChooser.Standing> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(new RepChooser.Standing(new UUID(0, i + 1), random.nextInt(3) * 50, random.nextInt(5),
                    random.nextInt(3) * 0.5, random.nextBoolean() ? null
                            : Instant.parse("2026-12-01T08:00:00Z").plusSeconds(60L * random.nextInt(4))));
        }
        Map<UUID, Integer> ranks = RepChooser.ranks(all);
        for (int round = 0; round < 500; round++) {
            List<RepChooser.Standing> free = all.stream().filter(s -> random.nextInt(3) > 0).toList();
            var byRank = free.stream().filter(s -> ranks.containsKey(s.repId()))
                    .min(java.util.Comparator.comparingInt(s -> ranks.get(s.repId())));
            assertThat(byRank.map(RepChooser.Standing::repId))
                    .isEqualTo(RepChooser.next(free).map(RepChooser.Standing::repId));
        }
        assertThat(all.stream().filter(s -> s.weight() == 0).map(RepChooser.Standing::repId)).noneMatch(ranks::containsKey);
    }
}
