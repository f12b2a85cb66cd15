package dev.callsheet.mail;

import java.util.UUID;

/**
 * A message to send.
 *
 * @param reference      what the message is about, e.g. {@code appointment:<id>}, to list its messages later
 * @param kind           what sort of message it is, e.g. {@code INVITE} or {@code REMINDER}
 * @param calendar       an iCalendar object sent as a {@code text/calendar} part (RFC 6047), or null
 * @param calendarMethod the iCalendar METHOD of that part ({@code REQUEST}, {@code CANCEL}), or null
 */
public record OutgoingMail(UUID workspaceId, String reference, String kind, String recipient, String recipientName,
        String subject, String body, String calendar, String calendarMethod) {
}
