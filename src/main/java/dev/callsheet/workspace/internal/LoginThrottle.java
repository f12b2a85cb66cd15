package dev.callsheet.workspace.internal;

import dev.callsheet.web.Rate;
import dev.callsheet.web.RateLimiter;
import dev.callsheet.web.TooManyAttemptsException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing with two token buckets per attempt (see {@link LoginSettings}): one for the account
 * (the username, known or not) and one for the client's address within the workspace of that account, unknown
 * usernames in a bucket of their own. The address is the client behind a trusted proxy
 * ({@code callsheet.http.trusted-proxies}), so one guesser or one busy office locks out only the accounts of the
 * workspace it tried. A failure takes a token from both; while either is empty the sign-in is refused with the
 * time to wait, the right password included. The buckets live in the database: every instance sees them.
 */
@Component
public class LoginThrottle {

    /** Longer names cannot be accounts; cut so that a key stays small. */
    private static final int MAX_NAME = 200;

    private final RateLimiter limits;
    private final List<Rate> perAccount;
    private final List<Rate> perAddress;

    LoginThrottle(RateLimiter limits, LoginSettings settings) {
        this.limits = limits;
        this.perAccount = settings.accountRates();
        this.perAddress = settings.addressRates();
    }

    /** The buckets one sign-in counts against; {@code address} may be null (no HTTP request). */
    record Attempt(String account, String address) {
    }

    /** {@code workspace}: the one the account signs in to, null for an unknown username (or none yet). */
    static Attempt attempt(String username, boolean known, UUID workspace, String address) {
        String name = username.toLowerCase(Locale.ROOT);
        String scope = !known ? "unknown" : workspace == null ? "none" : workspace.toString();
        return new Attempt("login:account:" + (name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name),
                address == null ? null : "login:address:" + scope + ":" + address);
    }

    /**
     * @return whether the account has failures on record (to forget after the right password)
     * @throws TooManyAttemptsException while the account, or the address in this workspace, has no attempts left
     */
    public boolean check(Attempt attempt) {
        boolean failures = limits.drawnOn(attempt.account());
        Duration wait = Duration.ZERO;
        if (failures) {
            wait = limits.waitFor(attempt.account(), perAccount).orElse(Duration.ZERO);
        }
        if (attempt.address() != null) {
            Duration addressWait = limits.waitFor(attempt.address(), perAddress).orElse(Duration.ZERO);
            wait = addressWait.compareTo(wait) > 0 ? addressWait : wait;
        }
        if (!wait.isZero()) {
            throw new TooManyAttemptsException(wait);
        }
        return failures;
    }

    public void failed(Attempt attempt) {
        limits.take(attempt.account(), perAccount);
        if (attempt.address() != null) {
            limits.take(attempt.address(), perAddress);
        }
    }

    /** The right password: the account's failures are forgotten; the address's stay (others may be guessing). */
    public void succeeded(Attempt attempt) {
        limits.forget(attempt.account());
    }
}
