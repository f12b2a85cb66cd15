package dev.callsheet.scheduling;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A time a rep can meet.
 *
 * @param start           when the meeting starts (UTC)
 * @param leadLocalStart  the same instant on the lead's clock
 * @param agentLocalStart the same instant on the asking user's clock
 * @param repLocalStart   the same instant on the rep's clock
 * @param choice          with a lead: why this rep (OWNER, TERRITORY, ROUND_ROBIN, CHOSEN); else null
 */
public record Slot(Instant start, Instant end, Person rep, String type, OffsetDateTime leadLocalStart,
        OffsetDateTime agentLocalStart, OffsetDateTime repLocalStart, String choice) {
}
