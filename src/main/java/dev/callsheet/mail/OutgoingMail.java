package dev.callsheet.mail;

import java.util.List;
import java.util.UUID;

/**
 * A message to send.
 *
 * @param reference      what the message is about, e.g. {@code appointment:<id>}, to list its messages later
 * @param kind           what sort of message it is, e.g. {@code INVITE} or {@code REMINDER}
 * @param calendar       an iCalendar object sent as a {@code text/calendar} part (RFC 6047), or null
 * @param calendarMethod the iCalendar METHOD of that part ({@code REQUEST}, {@code CANCEL}), or null
 * @param html           an HTML alternative of the body, or null; it refers to inline parts as {@code cid:<contentId>}
 * @param parts          inline images and attachments
 */
public record OutgoingMail(UUID workspaceId, String reference, String kind, String recipient, String recipientName,
        String subject, String body, String calendar, String calendarMethod, String html, List<Part> parts) {

    /**
     * A part of the message: an inline image (with a content id the HTML refers to) or an attachment
     * (without one).
     */
    public record Part(String contentId, String fileName, String contentType, byte[] data) {
    }

    /** A plain-text message, with an optional calendar part. */
    public OutgoingMail(UUID workspaceId, String reference, String kind, String recipient, String recipientName,
            String subject, String body, String calendar, String calendarMethod) {
        this(workspaceId, reference, kind, recipient, recipientName, subject, body, calendar, calendarMethod, null,
                List.of());
    }
}
