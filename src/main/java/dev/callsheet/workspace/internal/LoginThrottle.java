package dev.callsheet.workspace.internal;

import dev.callsheet.web.TooManyAttemptsException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Slows password guessing. Failures are counted per key (a username, and separately a client
 * address) in a 15-minute window, in the database so every app instance sees them. From the
 * fifth failure on a username the key is locked, one minute at first, doubling to at most 15.
 * An address is locked only after many more failures, so one office behind a NAT is not locked
 * out by a colleague's typos.
 */
@Component
public class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    static final int USER_LIMIT = 5;
    static final int ADDRESS_LIMIT = 50;

    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @throws TooManyAttemptsException while the key is locked */
    @Transactional(readOnly = true)
    public void check(String key) {
        Instant now = clock.instant();
        jdbc.sql("SELECT locked_until FROM login_throttle WHERE key = ? AND locked_until > ?")
                .params(key, Timestamp.from(now)).query(Timestamp.class).optional()
                .ifPresent(until -> {
                    throw new TooManyAttemptsException(Duration.between(now, until.toInstant()));
                });
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String key, boolean address) {
        Instant now = clock.instant();
        int failures = jdbc.sql("""
                INSERT INTO login_throttle (key, failures, window_start) VALUES (:key, 1, :now)
                ON CONFLICT (key) DO UPDATE SET
                  failures = CASE WHEN login_throttle.window_start < :windowStart THEN 1 ELSE login_throttle.failures + 1 END,
                  window_start = CASE WHEN login_throttle.window_start < :windowStart THEN :now
                                      ELSE login_throttle.window_start END
                RETURNING failures""")
                .param("key", key).param("now", Timestamp.from(now)).param("windowStart", Timestamp.from(now.minus(WINDOW)))
                .query(Integer.class).single();
        int limit = address ? ADDRESS_LIMIT : USER_LIMIT;
        if (failures >= limit) {
            Duration lock = Duration.ofMinutes(1L << Math.min(4, failures - limit));
            jdbc.sql("UPDATE login_throttle SET locked_until = ? WHERE key = ?")
                    .params(Timestamp.from(now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock)), key).update();
        }
    }

    @Transactional
    public void succeeded(String key) {
        jdbc.sql("DELETE FROM login_throttle WHERE key = ?").param(key).update();
    }
}
