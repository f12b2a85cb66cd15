package dev.callsheet.intake;

import java.util.List;
import java.util.UUID;

/**
 * What the person taking a call should do (docs/domain.md §3.1).
 *
 * @param advice TRANSFER (the caller dealt with a colleague who can take it now), DUTY_ANSWERS (that colleague is
 *               absent or busy: the duty manager answers and a task goes to them), NEW_CALLER (the first-call form)
 * @param ownerPresence AVAILABLE, BUSY or ABSENT, when there is an owner
 * @param matches every live card the number matches, the one routed on ({@code contactId}) first, each with why
 */
public record InboundCall(String phone, UUID contactId, String contactName, Person owner, String ownerPresence,
        DutyShift duty, String advice, List<Match> matches) {

    public InboundCall(String phone, UUID contactId, String contactName, Person owner, String ownerPresence,
            DutyShift duty, String advice) {
        this(phone, contactId, contactName, owner, ownerPresence, duty, advice, List.of());
    }

    /**
     * A card the caller's number matches.
     *
     * @param reason a duplicate reason code ({@code SAME_PHONE}: the same number; {@code SAME_PHONE_KEY}: the same
     *               digits as typed, without country) with its detail, the number
     */
    public record Match(UUID id, String name, String owner, String reason, String detail) {
    }
}
