package dev.callsheet.dialing.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callsheet.dialing.*}: how long a lead stays leased to an agent without an outcome
 * before it returns to the queue.
 */
@ConfigurationProperties("callsheet.dialing")
public record DialingSettings(Duration lease) {

    public DialingSettings {
        lease = lease == null ? Duration.ofMinutes(10) : lease;
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("callsheet.dialing.lease must be positive");
        }
    }
}
