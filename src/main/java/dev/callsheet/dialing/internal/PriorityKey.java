package dev.callsheet.dialing.internal;

import dev.callsheet.contacts.Dialable;
import java.util.List;
import java.util.Locale;

/**
 * A project's queue order (docs/domain.md §5) folded into one text key per lead, compared byte by
 * byte ({@code COLLATE "C"}), so that the claim walks one index in order. Text fields are
 * separated by U+0001, which sorts below every character a field may hold, so a shorter value
 * sorts before its longer continuations; numbers are zero-padded; a missing value sorts last.
 */
public final class PriorityKey {

    private static final char SEPARATOR = '\u0001';
    private static final String LAST = "\uFFFD\uFFFD";

    private PriorityKey() {
    }

    public static String of(List<String> priority, Dialable lead) {
        StringBuilder key = new StringBuilder();
        for (String field : priority) {
            if (!key.isEmpty()) {
                key.append(SEPARATOR);
            }
            key.append(switch (field) {
                case "AREA_CODE" -> text(lead.national());
                case "POSTCODE" -> text(lead.postcode() == null ? null : lead.postcode().replace(" ", ""));
                case "REGION" -> text(lead.region());
                case "SCORE" -> lead.score() == null ? "z" : "%010d".formatted(1_000_000_000L - clamp(lead.score()));
                case "OLDEST" -> "%015d".formatted(lead.createdAt().toEpochMilli());
                case "NEWEST" -> "%015d".formatted(999_999_999_999_999L - lead.createdAt().toEpochMilli());
                default -> field.startsWith("CUSTOM:") ? custom(lead, field.substring(7)) : "";
            });
        }
        return key.toString();
    }

    private static String custom(Dialable lead, String name) {
        Object value = lead.custom() == null ? null : lead.custom().get(name);
        return text(value == null ? null : value.toString());
    }

    private static long clamp(int score) {
        return Math.max(-999_999_999L, Math.min(999_999_999L, score));
    }

    private static String text(String value) {
        if (value == null || value.isBlank()) {
            return LAST;
        }
        String cleaned = value.strip().toLowerCase(Locale.ROOT).replaceAll("\\p{Cntrl}", "");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }
}
