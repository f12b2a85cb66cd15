package dev.callsheet.intake;

import java.util.UUID;

/**
 * What the person taking a call should do (DOMAIN.md §3.1).
 *
 * @param advice TRANSFER (the caller dealt with a colleague who can take it now), DUTY_ANSWERS (that colleague is
 *               absent or busy: the duty manager answers and a task goes to them), NEW_CALLER (the first-call form)
 * @param ownerPresence AVAILABLE, BUSY or ABSENT, when there is an owner
 */
public record InboundCall(String phone, UUID contactId, String contactName, Person owner, String ownerPresence,
        DutyShift duty, String advice) {
}
