package dev.callsheet.intake;

import java.time.Instant;
import java.util.UUID;

/**
 * Who is on duty for a region (or the whole workspace when {@code regionId} is null) from {@code from} to
 * {@code to}.
 *
 * @param source PATTERN (the repeating week) or SWAP (a one-off that overrides it)
 */
public record DutyShift(Person user, UUID regionId, String regionName, Instant from, Instant to, String source) {
}
