package dev.callsheet.mail.internal;

import dev.callsheet.mail.MailStatus;
import dev.callsheet.mail.OutgoingMail;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code mail_message} outbox. */
@Repository
public class MailRepository {

    /** A message due to be sent, as the worker reads it. */
    record Due(UUID id, String recipient, String recipientName, String subject, String body, String calendar,
            String calendarMethod, String html, int attempts) {
    }

    private final JdbcClient jdbc;

    MailRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(OutgoingMail mail, Instant now) {
        UUID id = jdbc.sql("""
                INSERT INTO mail_message (workspace_id, reference, kind, recipient, recipient_name, subject, body,
                  calendar, calendar_method, html, status, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) RETURNING id""")
                .params(mail.workspaceId(), mail.reference(), mail.kind(), mail.recipient(), mail.recipientName(),
                        mail.subject(), mail.body(), mail.calendar(), mail.calendarMethod(), mail.html(),
                        Timestamp.from(now), Timestamp.from(now))
                .query(UUID.class).single();
        int position = 0;
        for (OutgoingMail.Part part : mail.parts()) {
            jdbc.sql("""
                    INSERT INTO mail_part (message_id, position, content_id, file_name, content_type, data)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(id, position++, part.contentId(), part.fileName(), part.contentType(), part.data())
                    .update();
        }
        return id;
    }

    /** The message's inline images and attachments, in order. */
    List<OutgoingMail.Part> parts(UUID messageId) {
        return jdbc.sql("SELECT content_id, file_name, content_type, data FROM mail_part WHERE message_id = ? ORDER BY position")
                .params(messageId)
                .query((rs, n) -> new OutgoingMail.Part(rs.getString("content_id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getBytes("data")))
                .list();
    }

    public List<MailStatus> about(UUID workspaceId, String reference) {
        return jdbc.sql("""
                SELECT id, kind, recipient, subject, status, attempts, last_error, created_at, sent_at
                FROM mail_message WHERE workspace_id = ? AND reference = ? ORDER BY created_at DESC, id""")
                .params(workspaceId, reference).query(MailRepository::status).list();
    }

    public boolean retry(UUID workspaceId, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE mail_message SET status = 'PENDING', attempts = 0, next_attempt_at = ?
                WHERE workspace_id = ? AND id = ?
                  AND (status = 'FAILED' OR status = 'PENDING' AND last_error IS NOT NULL)""")
                .params(Timestamp.from(now), workspaceId, id).update() == 1;
    }

    /** Claims the messages due now, so that two instances never send one twice. */
    List<Due> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id, recipient, recipient_name, subject, body, calendar, calendar_method, html, attempts
                FROM mail_message WHERE status = 'PENDING' AND next_attempt_at <= ?
                ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                .params(Timestamp.from(now), limit)
                .query((rs, n) -> new Due(rs.getObject("id", UUID.class), rs.getString("recipient"),
                        rs.getString("recipient_name"), rs.getString("subject"), rs.getString("body"),
                        rs.getString("calendar"), rs.getString("calendar_method"), rs.getString("html"),
                        rs.getInt("attempts")))
                .list();
    }

    void sent(UUID id, Instant now) {
        jdbc.sql("UPDATE mail_message SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL"
                + " WHERE id = ?").params(Timestamp.from(now), id).update();
    }

    void failed(UUID id, String error, boolean giveUp, Instant next) {
        jdbc.sql("""
                UPDATE mail_message SET status = CASE WHEN ? THEN 'FAILED' ELSE 'PENDING' END, attempts = attempts + 1,
                  last_error = ?, next_attempt_at = ? WHERE id = ?""")
                .params(giveUp, error, Timestamp.from(next), id).update();
    }

    /** Waits without counting a try: nothing can be sent until an SMTP server is configured. */
    void postpone(UUID id, String reason, Instant next) {
        jdbc.sql("UPDATE mail_message SET last_error = ?, next_attempt_at = ? WHERE id = ?")
                .params(reason, Timestamp.from(next), id).update();
    }

    private static MailStatus status(ResultSet rs, int row) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new MailStatus(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant());
    }
}
