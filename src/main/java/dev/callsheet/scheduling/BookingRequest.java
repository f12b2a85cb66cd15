package dev.callsheet.scheduling;

/**
 * A booking as a client sends it ({@code POST /api/v1/appointments}).
 *
 * @param leadId     the contact's id
 * @param repId      optional: a supervisor pins a rep; an agent picks a slot shown for that rep
 * @param start      an ISO instant ({@code 2026-11-24T09:00:00Z}) or a date-time with offset
 * @param type       a meeting type code of the rep (ON_SITE, OFFICE, PHONE, VIDEO by default); left out, the project's default meeting
 *                   type (a 400 naming {@code type} when the project has none); ON_SITE only for a request naming no
 *                   project (neither projectId nor attemptId), as before
 * @param location   where; for ON_SITE the lead's address when left out
 * @param projectId  the project the lead was called in, if any
 * @param attemptId  the call that qualified the lead: its project and qualification answers go with the booking
 * @param inviteLead whether the lead gets the invite too (needs an e-mail on the card or {@code leadEmail})
 */
public record BookingRequest(String leadId, String repId, String start, String type, String location, String notes,
        String projectId, String attemptId, Boolean inviteLead, String leadEmail) {
}
