package dev.callsheet.web.internal;

import dev.callsheet.web.Rate;
import dev.callsheet.web.RateLimiter;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@link RateLimiter} on Bucket4j's PostgreSQL backend: a bucket is a row of {@code rate_bucket}, read and written
 * under {@code SELECT ... FOR UPDATE} in its own transaction (so a refused request counts even when the caller's
 * work rolls back), on the application's clock. Rows whose bucket is full again are removed in the background.
 */
@Component
class PostgresRateLimiter implements RateLimiter {

    private static final int CLEANUP_BATCH = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final JdbcClient jdbc;

    PostgresRateLimiter(DataSource dataSource, JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .clientClock(new ClockTime(clock))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
    }

    @Override
    public Optional<Duration> take(String key, List<Rate> rates) {
        ConsumptionProbe probe = buckets.getProxy(key, () -> configuration(rates)).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public Optional<Duration> waitFor(String key, List<Rate> rates) {
        if (!drawnOn(key)) {
            return Optional.empty();
        }
        EstimationProbe probe = buckets.getProxy(key, () -> configuration(rates)).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public boolean drawnOn(String key) {
        return jdbc.sql("SELECT exists(SELECT 1 FROM rate_bucket WHERE id = ? AND state IS NOT NULL)").param(key)
                .query(Boolean.class).single();
    }

    @Override
    public void forget(String key) {
        buckets.removeProxy(key);
    }

    @Scheduled(fixedDelayString = "${callsheet.http.rate-cleanup:10m}", initialDelayString = "1m")
    void removeFullBuckets() {
        while (buckets.removeExpired(CLEANUP_BATCH) == CLEANUP_BATCH) {
            // another batch
        }
    }

    private static BucketConfiguration configuration(List<Rate> rates) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (Rate rate : rates) {
            builder.addLimit(limit -> limit.capacity(rate.capacity()).refillGreedy(rate.capacity(), rate.period()));
        }
        return builder.build();
    }

    /** Bucket4j's time from the application's clock, so tests can move it. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
