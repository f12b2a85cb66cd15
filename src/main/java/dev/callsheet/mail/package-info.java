/**
 * Outgoing e-mail through SMTP ({@code spring.mail.*}): a message is written to an outbox row in the
 * same transaction as the change that causes it, and a background worker sends it, retrying with
 * back-off. Nothing is lost on a crash or when no SMTP server is configured yet: the message waits,
 * and its status (with the last error) is there for the page that caused it to show.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Outgoing e-mail")
package dev.callsheet.mail;
