package dev.callsheet.scheduling.internal;

import dev.callsheet.web.ApiProblem;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Secrets kept at rest (a rep's CalDAV app password) as AES-256-GCM: a random 12-byte nonce, then the ciphertext
 * with its tag. The key is {@code callsheet.caldav.key} (base64 of 32 bytes, e.g. {@code openssl rand -base64 32}),
 * which has no default: without it Callsheet starts, says so once in its log, and refuses to connect a calendar with
 * a 409 naming the setting.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE = 12;

    private final SecretKey key;
    private final String problem;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${callsheet.caldav.key:}") String encoded) {
        SecretKey parsed = null;
        String why = null;
        if (encoded == null || encoded.isBlank()) {
            why = "callsheet.caldav.key (CALLSHEET_CALDAV_KEY) is not set: set it to 32 random bytes in base64 "
                    + "(openssl rand -base64 32) to connect reps' calendars";
        } else {
            try {
                byte[] bytes = Base64.getDecoder().decode(encoded.strip());
                if (bytes.length != 32) {
                    why = "callsheet.caldav.key must be 32 bytes in base64, not " + bytes.length + " bytes";
                } else {
                    parsed = new SecretKeySpec(bytes, "AES");
                }
            } catch (IllegalArgumentException e) {
                why = "callsheet.caldav.key is not base64: set it to the output of openssl rand -base64 32";
            }
        }
        this.key = parsed;
        this.problem = why;
        if (why != null) {
            log.warn("Reps' CalDAV calendars are off: {}", why);
        }
    }

    /** Whether a key is configured. */
    public boolean ready() {
        return key != null;
    }

    /** The 409 a request gets while no key is configured. */
    public ApiProblem notReady(String field) {
        return new ApiProblem(HttpStatus.CONFLICT, field, problem);
    }

    public byte[] seal(String secret) {
        if (key == null) {
            throw notReady("password");
        }
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The secret; an {@link IllegalStateException} when the key is missing or another key sealed it. */
    public String open(byte[] sealed) {
        if (key == null) {
            throw new IllegalStateException(problem);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, NONCE));
            return new String(cipher.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored password cannot be read with callsheet.caldav.key "
                    + "(was the key changed?): enter the password again", e);
        }
    }
}
