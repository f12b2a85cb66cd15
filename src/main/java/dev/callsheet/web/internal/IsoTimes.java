package dev.callsheet.web.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The ISO-8601 text of an instant and of an offset date-time, exactly as {@link DateTimeFormatter#ISO_INSTANT}
 * and {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} (Jackson's defaults) write them, for whole seconds in the
 * years 0000–9999 without the formatter: it makes a string of every field it prints, and an availability answer
 * writes some 2,500 times. That was most of the answer's garbage (about half the young collections during the
 * availability benchmark). Anything else (fractions of a second, other years) goes to the formatter.
 */
final class IsoTimes {

    private static final int SECONDS_PER_DAY = 86_400;

    private IsoTimes() {
    }

    static String instant(Instant value) {
        long seconds = value.getEpochSecond();
        if (value.getNano() != 0 || !fast(seconds)) {
            return DateTimeFormatter.ISO_INSTANT.format(value);
        }
        return text(seconds, 0);
    }

    static String offsetDateTime(OffsetDateTime value) {
        long seconds = value.toLocalDateTime().toEpochSecond(ZoneOffset.UTC);
        int offsetSeconds = value.getOffset().getTotalSeconds();
        if (value.getNano() != 0 || !fast(seconds) || offsetSeconds % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
        }
        return text(seconds, offsetSeconds);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of the local seconds, then {@code Z} or {@code ±HH:mm}. */
    private static String text(long seconds, int offsetSeconds) {
        char[] text = new char[offsetSeconds == 0 ? 20 : 25];
        dateTime(text, seconds);
        if (offsetSeconds == 0) {
            text[19] = 'Z';
        } else {
            int minutes = Math.abs(offsetSeconds) / 60;
            text[19] = offsetSeconds < 0 ? '-' : '+';
            two(text, 20, minutes / 60);
            text[22] = ':';
            two(text, 23, minutes % 60);
        }
        return new String(text);
    }

    /** Local seconds from 0000-01-01T00:00 to 9999-12-31T23:59:59. */
    private static boolean fast(long seconds) {
        return seconds >= -62_167_219_200L && seconds <= 253_402_300_799L;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} into the first 19 characters. */
    private static void dateTime(char[] text, long seconds) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int year = date.getYear();
        two(text, 0, year / 100);
        two(text, 2, year % 100);
        text[4] = '-';
        two(text, 5, date.getMonthValue());
        text[7] = '-';
        two(text, 8, date.getDayOfMonth());
        text[10] = 'T';
        two(text, 11, secondOfDay / 3600);
        text[13] = ':';
        two(text, 14, secondOfDay / 60 % 60);
        text[16] = ':';
        two(text, 17, secondOfDay % 60);
    }

    private static void two(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }
}
