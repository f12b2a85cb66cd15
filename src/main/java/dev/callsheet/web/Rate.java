package dev.callsheet.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;

/**
 * A limit as a token bucket: at most {@code capacity} at once, given back evenly over {@code period}
 * ({@code 20/1m}: twenty in a burst, then one every three seconds). Written in settings as {@code N/duration},
 * several joined by commas, all of which must allow ({@code 5/5m,30/1h}).
 */
public record Rate(long capacity, Duration period) {

    public Rate {
        if (capacity < 1 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate needs a capacity of at least 1 and a positive period");
        }
    }

    /** {@code "5/5m, 30/1h"} as rates; {@code name} is the setting, for the message when the text is wrong. */
    public static List<Rate> parse(String name, String text) {
        List<Rate> rates = new ArrayList<>();
        for (String part : text == null ? new String[0] : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] sides = part.strip().split("\\s*/\\s*");
            try {
                rates.add(new Rate(Long.parseLong(sides[0]), DurationStyle.detectAndParse(sides[1])));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ": '" + part.strip()
                        + "' is not a rate such as 20/1m (count/duration)", e);
            }
        }
        if (rates.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one rate such as 20/1m");
        }
        return List.copyOf(rates);
    }

    @Override
    public String toString() {
        return capacity + " per " + print(period);
    }

    private static String print(Duration period) {
        if (period.toMillis() % 3_600_000 == 0) {
            return period.toHours() + "h";
        }
        if (period.toMillis() % 60_000 == 0) {
            return period.toMinutes() + "m";
        }
        return period.toMillis() % 1000 == 0 ? period.toSeconds() + "s" : period.toMillis() + "ms";
    }
}
