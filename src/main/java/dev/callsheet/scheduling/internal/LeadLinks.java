package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.Appointment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The lead's personal link to their meeting (issue 25.7): {@code /meet/<payload>.<signature>}, where the payload holds
 * the meeting's id, the SEQUENCE of the invite that carried it and when it expires, and the signature is an
 * HMAC-SHA256 under a key made for each workspace at its first link and kept in {@code lead_link_key} (no secret in
 * configuration). A link expires at the meeting's start or after {@code callsheet.scheduling.lead-link-ttl}, whichever
 * comes first, and is used up once the meeting changes (a move or a cancellation raises SEQUENCE; the new invite
 * carries a new link). Confirming does not use it up.
 */
@Component
public class LeadLinks {

    /** What a link is worth now. */
    public enum State {
        VALID, INVALID, EXPIRED, USED, CANCELLED
    }

    /** A checked link: its state, and the meeting when the signature held. */
    public record Checked(State state, UUID workspaceId, Appointment appointment) {
    }

    private static final int PAYLOAD = 16 + 4 + 8;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final JdbcClient jdbc;
    private final AppointmentRepository appointments;
    private final Clock clock;
    private final Duration ttl;
    private final String baseUrl;
    private final SecureRandom random = new SecureRandom();

    LeadLinks(JdbcClient jdbc, AppointmentRepository appointments, Clock clock,
            @Value("${callsheet.scheduling.lead-link-ttl:30d}") Duration ttl,
            @Value("${callsheet.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.appointments = appointments;
        this.clock = clock;
        this.ttl = ttl;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The link for the meeting as it is now. */
    public String url(UUID workspaceId, Appointment appointment) {
        return baseUrl + "/meet/" + token(workspaceId, appointment);
    }

    public String token(UUID workspaceId, Appointment appointment) {
        Instant expires = clock.instant().plus(ttl);
        if (appointment.start().isBefore(expires)) {
            expires = appointment.start();
        }
        byte[] payload = ByteBuffer.allocate(PAYLOAD)
                .putLong(appointment.id().getMostSignificantBits()).putLong(appointment.id().getLeastSignificantBits())
                .putInt(appointment.sequence()).putLong(expires.getEpochSecond()).array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(key(workspaceId), payload));
    }

    /** Checks a link: signature first (a forged expiry is invalid, not expired), then time, then the meeting. */
    public Checked check(String token) {
        Checked invalid = new Checked(State.INVALID, null, null);
        if (token == null || token.length() > 200) {
            return invalid;
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, Math.max(dot, 0)));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return invalid;
        }
        if (dot < 0 || payload.length != PAYLOAD) {
            return invalid;
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        int sequence = buffer.getInt();
        Instant expires = Instant.ofEpochSecond(buffer.getLong());
        Optional<UUID> workspace = jdbc.sql("SELECT workspace_id FROM appointment WHERE id = ?").param(id)
                .query(UUID.class).optional();
        if (workspace.isEmpty()) {
            return invalid;
        }
        Optional<byte[]> key = jdbc.sql("SELECT secret FROM lead_link_key WHERE workspace_id = ?")
                .param(workspace.get()).query(byte[].class).optional();
        if (key.isEmpty() || !MessageDigest.isEqual(sign(key.get(), payload), signature)) {
            return invalid;
        }
        Appointment appointment = appointments.find(workspace.get(), id).orElse(null);
        if (appointment == null) {
            return invalid;
        }
        if (appointment.status().equals("CANCELLED")) {
            return new Checked(State.CANCELLED, workspace.get(), appointment);
        }
        if (!clock.instant().isBefore(expires)) {
            return new Checked(State.EXPIRED, workspace.get(), appointment);
        }
        if (appointment.sequence() != sequence || !appointment.status().equals("BOOKED")) {
            return new Checked(State.USED, workspace.get(), appointment);
        }
        return new Checked(State.VALID, workspace.get(), appointment);
    }

    /** When the lead confirmed the meeting through their link, if they did. */
    public Optional<Instant> confirmedAt(UUID appointmentId) {
        return jdbc.sql("SELECT lead_confirmed_at FROM appointment WHERE id = ?").param(appointmentId)
                .query((rs, n) -> rs.getTimestamp(1)).optional().filter(t -> t != null).map(Timestamp::toInstant);
    }

    /** Records the lead's confirmation; false when it was already confirmed. */
    public boolean confirm(UUID workspaceId, UUID appointmentId) {
        return jdbc.sql("""
                UPDATE appointment SET lead_confirmed_at = ? WHERE workspace_id = ? AND id = ?
                  AND lead_confirmed_at IS NULL AND status = 'BOOKED'""")
                .params(Timestamp.from(clock.instant()), workspaceId, appointmentId).update() > 0;
    }

    /** The workspace's signing key, made at its first link (two instances making it at once agree on one). */
    private byte[] key(UUID workspaceId) {
        Optional<byte[]> key = jdbc.sql("SELECT secret FROM lead_link_key WHERE workspace_id = ?").param(workspaceId)
                .query(byte[].class).optional();
        if (key.isPresent()) {
            return key.get();
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        jdbc.sql("""
                INSERT INTO lead_link_key (workspace_id, secret, created_at) VALUES (?, ?, ?)
                ON CONFLICT (workspace_id) DO NOTHING""")
                .params(workspaceId, fresh, Timestamp.from(clock.instant())).update();
        return jdbc.sql("SELECT secret FROM lead_link_key WHERE workspace_id = ?").param(workspaceId)
                .query(byte[].class).single();
    }

    private static byte[] sign(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update("callsheet-lead-link-v1".getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
