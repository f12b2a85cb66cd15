package dev.callsheet.dialing;

/**
 * What an agent reports of a call.
 *
 * @param outcome     the outcome's code, e.g. {@code NO_ANSWER}
 * @param callbackAt  for a callback: an ISO instant ({@code 2026-11-24T09:30:00Z}) or the lead's local
 *                    date-time without offset ({@code 2026-11-24T10:30})
 * @param callbackFor {@code ME} (the default) or {@code ANYONE}
 * @param reason      why the lead said no, where the outcome asks for it
 * @param decisionMaker for {@code GATEKEEPER}: what the agent learnt of the person who decides, if anything
 */
public record OutcomeReport(String outcome, String notes, String callbackAt, String callbackFor,
        Qualification qualification, Integer talkSeconds, String reason, DecisionMaker decisionMaker) {

    public OutcomeReport(String outcome, String notes, String callbackAt, String callbackFor,
            Qualification qualification, Integer talkSeconds, String reason) {
        this(outcome, notes, callbackAt, callbackFor, qualification, talkSeconds, reason, null);
    }

    /**
     * The key person behind a gatekeeper (docs/domain.md §7).
     *
     * @param bestTime when they can be reached, in words ("mornings before 9")
     */
    public record DecisionMaker(String name, String phone, String bestTime) {
    }

    /** Interest, ability and willingness to buy (docs/domain.md §2), each 1 to 5. */
    public record Qualification(Integer interest, Integer ability, Integer willingness, String notes) {

        /** Qualified when every measure is at least 3 out of 5; otherwise the lead goes to nurture. */
        public boolean qualified() {
            return interest != null && ability != null && willingness != null && interest >= 3 && ability >= 3
                    && willingness >= 3;
        }
    }
}
