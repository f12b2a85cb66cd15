package dev.callsheet.campaigns;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One outcome of the tree of docs/domain.md §8, as a project configures it.
 *
 * @param label             the supervisor's name for it, or null for the built-in, translated one
 * @param node              1 the call, 2 the system confirmation, 3 the revisit
 * @param retryDelayMinutes for {@link FollowUp#RETRY}: when the lead is due again
 * @param asksReason        the agent must say why (a rejection's reason, §7)
 */
public record Outcome(String code, String label, int node, boolean connected, @JsonProperty("final") boolean isFinal, FollowUp followUp,
        Integer retryDelayMinutes, boolean asksReason, boolean builtIn, int position) {

    /** What happens to the lead after this outcome. */
    public enum FollowUp {
        /** Nothing more in this project. */
        NONE,
        /** Due again after the retry delay, until the attempt limits are reached. */
        RETRY,
        /** Due again at the time the agent agreed with the lead. */
        CALLBACK,
        /** The media plan's next call step, after its days. */
        NEXT_STEP,
        /** Never again: the number is dead and flagged on the card. */
        NEVER,
        /** Qualified (or not, by the qualification) and handed over to booking a meeting. */
        BOOK
    }
}
