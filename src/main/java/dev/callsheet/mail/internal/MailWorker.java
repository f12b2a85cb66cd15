package dev.callsheet.mail.internal;

import dev.callsheet.mail.OutgoingMail;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds, a few at a time, each claimed under {@code FOR UPDATE SKIP LOCKED} so
 * that several instances share the work. A refused address fails at once; a server that cannot be
 * reached is tried again later (1, 2, 4 … minutes, eight tries), then the message is marked failed and
 * waits for a person to retry it.
 */
@Component
class MailWorker {

    private static final Logger log = LoggerFactory.getLogger(MailWorker.class);
    private static final int MAX_ATTEMPTS = 8;

    private final MailRepository repository;
    private final ObjectProvider<JavaMailSender> sender;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String from;
    private final String fromName;

    MailWorker(MailRepository repository, ObjectProvider<JavaMailSender> sender, TransactionTemplate transactions,
            Clock clock, @Value("${callsheet.mail.from:callsheet@localhost}") String from,
            @Value("${callsheet.mail.from-name:Callsheet}") String fromName) {
        this.repository = repository;
        this.sender = sender;
        this.transactions = transactions;
        this.clock = clock;
        this.from = from;
        this.fromName = fromName;
    }

    @Scheduled(fixedDelayString = "${callsheet.mail.poll:2s}", initialDelayString = "${callsheet.mail.poll:2s}")
    void sendDue() {
        int sent;
        do {
            sent = transactions.execute(status -> sendBatch());
        } while (sent > 0);
    }

    /** Sends one batch in one transaction; returns how many were tried. */
    private int sendBatch() {
        Instant now = clock.instant();
        var due = repository.claimDue(now, 20);
        JavaMailSender mailer = sender.getIfAvailable();
        for (MailRepository.Due mail : due) {
            if (mailer == null) {
                repository.postpone(mail.id(), "no SMTP server is configured (spring.mail.host)",
                        now.plus(Duration.ofMinutes(1)));
                continue;
            }
            try {
                mailer.send(message(mailer, mail));
                repository.sent(mail.id(), clock.instant());
            } catch (MailException | MessagingException | UnsupportedEncodingException e) {
                boolean refused = refused(e);
                int attempt = mail.attempts() + 1;
                boolean giveUp = refused || attempt >= MAX_ATTEMPTS;
                String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                log.warn("Sending mail {} failed (try {}{}): {}", mail.id(), attempt, giveUp ? ", giving up" : "",
                        error);
                repository.failed(mail.id(), error.length() > 1000 ? error.substring(0, 1000) : error, giveUp,
                        now.plus(Duration.ofMinutes(1L << Math.min(attempt - 1, 10))));
            }
        }
        return mailer == null ? 0 : due.size();
    }

    private MimeMessage message(JavaMailSender mailer, MailRepository.Due mail)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = mailer.createMimeMessage();
        message.setFrom(new InternetAddress(from, fromName, StandardCharsets.UTF_8.name()));
        message.setRecipient(MimeMessage.RecipientType.TO,
                new InternetAddress(mail.recipient(), mail.recipientName(), StandardCharsets.UTF_8.name()));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        List<OutgoingMail.Part> parts = repository.parts(mail.id());
        if (mail.calendar() == null && mail.html() == null && parts.isEmpty()) {
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
        } else if (mail.calendar() == null) {
            message.setContent(withParts(mail, parts));
        } else {
            // RFC 6047: the text for people, the calendar part for their calendar client.
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), StandardCharsets.UTF_8.name());
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setContent(mail.calendar(),
                    "text/calendar; charset=UTF-8; method=" + mail.calendarMethod());
            calendar.setHeader("Content-Transfer-Encoding", "8bit");
            alternative.addBodyPart(text);
            alternative.addBodyPart(calendar);
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setContent(mail.calendar(), "application/ics; name=invite.ics");
            attachment.setFileName("invite.ics");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(attachment);
            message.setContent(mixed);
        }
        return message;
    }

    /**
     * multipart/mixed of [multipart/related of [multipart/alternative of [text, HTML], inline images],
     * attachments]: mail clients show the HTML with its images in place and list the attachments.
     */
    private static MimeMultipart withParts(MailRepository.Due mail, List<OutgoingMail.Part> parts)
            throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.body(), StandardCharsets.UTF_8.name());
        alternative.addBodyPart(text);
        if (mail.html() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            alternative.addBodyPart(html);
        }
        MimeBodyPart alternativeBody = new MimeBodyPart();
        alternativeBody.setContent(alternative);
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(alternativeBody);
        MimeMultipart mixed = new MimeMultipart("mixed");
        for (OutgoingMail.Part part : parts) {
            MimeBodyPart body = new MimeBodyPart();
            body.setDataHandler(new jakarta.activation.DataHandler(
                    new jakarta.mail.util.ByteArrayDataSource(part.data(), part.contentType())));
            body.setFileName(part.fileName());
            // Byte for byte: a file that happens to look like text must not have its line endings rewritten.
            body.setHeader("Content-Transfer-Encoding", "base64");
            if (part.contentId() != null) {
                body.setContentID("<" + part.contentId() + ">");
                body.setDisposition(MimeBodyPart.INLINE);
                related.addBodyPart(body);
            } else {
                body.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(body);
            }
        }
        MimeBodyPart relatedBody = new MimeBodyPart();
        relatedBody.setContent(related);
        mixed.addBodyPart(relatedBody, 0);
        return mixed;
    }

    /** The server said no to the address or the message: trying again would not help. */
    private static boolean refused(Exception e) {
        if (e instanceof MailAuthenticationException) {
            return false;
        }
        if (e instanceof MailSendException send) {
            for (Exception cause : send.getMessageExceptions()) {
                if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                        && failed.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return e instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                && failed.getInvalidAddresses().length > 0;
    }
}
