package dev.callsheet.deals;

import java.time.Instant;
import java.util.UUID;

/** The pieces of a deal's page: its buying team, touches, notes, checklist and stage history. */
public final class DealParts {

    private DealParts() {
    }

    /** A person of the buying team and their part in the decision. */
    public record Member(UUID contactId, String name, String role, String personalGoal) {
    }

    /** A call, e-mail or meeting; two-way when the buyer answered. */
    public record Touch(UUID id, String kind, boolean twoWay, Instant at, Deal.Person by, String note) {
    }

    public record Note(UUID id, String text, Deal.Person by, Instant at) {
    }

    /** A ticked (or unticked) checklist item: an exit criterion or a buyer question, with its answer. */
    public record Check(String code, boolean done, String note, Deal.Person by, Instant at) {
    }

    /**
     * One move: from and to a stage (to null when the deal closed in {@code fromStage}), what was known and missing
     * of the stage's exit data, and the justification given for the missing.
     */
    public record StageChange(String fromStage, String toStage, String toStatus, java.util.List<String> known,
            java.util.List<String> missing, String justification, Deal.Person by, Instant at) {
    }
}
