package dev.callsheet.intake;

import java.util.UUID;

/** One repeating duty: every {@code weekday} ({@code MONDAY}…) from {@code from} to {@code to} in {@code timeZone}. */
public record DutyPattern(UUID id, String weekday, String from, String to, String timeZone, Person user) {
}
