package dev.callsheet.campaigns.internal;

import dev.callsheet.campaigns.Outcome;
import dev.callsheet.campaigns.Outcome.FollowUp;
import java.util.List;

/**
 * The outcome tree every project starts with (docs/domain.md §8), and the retry delays the trade
 * starts from: busy 15 minutes, no answer 2 hours, switched off 4 hours, out of the service area
 * a day, hung up a day. Labels are null: pages show each code in the reader's language.
 */
public final class DefaultOutcomes {

    public static final List<Outcome> TREE = List.of(
            builtIn("REJECTED", 1, true, FollowUp.NONE, null, true, 1),
            builtIn("INTERESTED", 1, true, FollowUp.BOOK, null, false, 2),
            builtIn("DEAL", 1, true, FollowUp.NONE, null, false, 3),
            builtIn("FOLLOW_UP", 1, true, FollowUp.CALLBACK, null, false, 4),
            builtIn("HUNG_UP", 1, false, FollowUp.RETRY, 24 * 60, false, 5),
            builtIn("NO_ANSWER", 1, false, FollowUp.RETRY, 120, false, 6),
            builtIn("SWITCHED_OFF", 1, false, FollowUp.RETRY, 240, false, 7),
            builtIn("BUSY", 1, false, FollowUp.RETRY, 15, false, 8),
            builtIn("INVALID_NUMBER", 1, false, FollowUp.NEVER, null, false, 9),
            builtIn("OUT_OF_AREA", 1, false, FollowUp.RETRY, 24 * 60, false, 10),
            // reached someone, not the key person (§7): the agent notes who decides and when to call back
            builtIn("GATEKEEPER", 1, true, FollowUp.RETRY, 24 * 60, false, 11),
            builtIn("SALE_SUCCESSFUL", 2, true, FollowUp.NONE, null, false, 12),
            builtIn("CANCELLED", 2, true, FollowUp.NONE, null, true, 13),
            builtIn("PENDING_CONFIRMATION", 2, true, FollowUp.NONE, null, false, 14),
            builtIn("REVISIT_SCHEDULED", 2, true, FollowUp.NONE, null, false, 15),
            builtIn("REVISIT_SALE", 3, true, FollowUp.NONE, null, false, 16),
            builtIn("REVISIT_CANCELLED", 3, true, FollowUp.NONE, null, true, 17),
            builtIn("RESCHEDULED", 3, true, FollowUp.NONE, null, false, 18),
            builtIn("ON_HOLD", 3, true, FollowUp.NONE, null, false, 19));

    private DefaultOutcomes() {
    }

    private static Outcome builtIn(String code, int node, boolean connected, FollowUp followUp, Integer delay,
            boolean asksReason, int position) {
        boolean isFinal = followUp == FollowUp.NONE || followUp == FollowUp.NEVER || followUp == FollowUp.BOOK;
        return new Outcome(code, null, node, connected, isFinal, followUp, delay, asksReason, true, position);
    }
}
