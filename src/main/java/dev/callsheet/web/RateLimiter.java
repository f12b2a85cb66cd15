package dev.callsheet.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Token buckets by key, kept in the database so that every instance of Callsheet counts against the same
 * buckets. A bucket that was never used, or has filled up again, holds its full capacity and costs no row.
 */
public interface RateLimiter {

    /** Takes one token from the bucket of {@code key}: empty when taken, else how long until one is free. */
    Optional<Duration> take(String key, List<Rate> rates);

    /** How long until the bucket of {@code key} has a token, taking none; empty when it has one now. */
    Optional<Duration> waitFor(String key, List<Rate> rates);

    /** Whether the bucket of {@code key} has been drawn on and not yet filled up again (one indexed read). */
    boolean drawnOn(String key);

    /** Fills the bucket of {@code key} again, e.g. an account's failed sign-ins once the right password came. */
    void forget(String key);
}
