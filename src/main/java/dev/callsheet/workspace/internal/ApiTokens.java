package dev.callsheet.workspace.internal;

import dev.callsheet.web.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: 256 random bits, shown once, stored as a SHA-256 (a slow hash adds
 * nothing against a secret of that strength), each bound to the workspace it was made in.
 */
@Component
@Transactional
public class ApiTokens {

    static final String PREFIX = "cs_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as listed: never the secret, only a hint of its last characters. */
    public record Listed(UUID id, String name, String hint, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** A new token with its secret, which is not stored and cannot be shown again. */
    public record Created(UUID id, String name, String token) {
    }

    /** Whose a presented token is. */
    /** The token's person (their account, read in the same query) and the workspace it is bound to. */
    /** @param memberships the owner's active memberships, the token's among them */
    public record Owner(UUID userId, UUID workspaceId, UserRepository.Account account,
            List<UserRepository.Membership> memberships) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Created create(UUID workspaceId, UUID userId, String name) {
        String label = Checks.text("name", name, 80);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        UUID id = jdbc.sql("""
                INSERT INTO api_token (workspace_id, user_id, name, token_hash, hint, created_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, userId, label, hash(token), "…" + token.substring(token.length() - 4),
                        Timestamp.from(clock.instant()))
                .query(UUID.class).single();
        return new Created(id, label, token);
    }

    @Transactional(readOnly = true)
    public List<Listed> list(UUID workspaceId, UUID userId) {
        return jdbc.sql("""
                SELECT id, name, hint, created_at, last_used_at, revoked_at FROM api_token
                WHERE workspace_id = ? AND user_id = ? ORDER BY revoked_at NULLS FIRST, created_at DESC""")
                .params(workspaceId, userId).query(Listed.class).list();
    }

    public void revoke(UUID workspaceId, UUID userId, UUID tokenId) {
        int revoked = jdbc.sql("""
                UPDATE api_token SET revoked_at = coalesce(revoked_at, ?)
                WHERE id = ? AND workspace_id = ? AND user_id = ?""")
                .params(Timestamp.from(clock.instant()), tokenId, workspaceId, userId).update();
        if (revoked == 0) {
            throw ApiProblem.notFound("token");
        }
    }

    /**
     * The owner of a live token whose membership is still active, with all of the owner's active memberships. Runs on
     * every API call, so it opens no transaction of its own: one statement reads it all.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Optional<Owner> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = hash(token);
        // one statement on every API call: the token, its owner and the owner's memberships, a row per membership
        List<Row> rows = jdbc.sql("""
                SELECT t.workspace_id AS token_workspace_id, t.last_used_at AS token_last_used_at, u.*,
                       w.id AS m_id, w.key AS m_key, w.name AS m_name, mine.roles AS m_roles
                FROM api_token t
                JOIN membership m ON m.workspace_id = t.workspace_id AND m.user_id = t.user_id AND m.active
                JOIN app_user u ON u.id = t.user_id
                JOIN membership mine ON mine.user_id = u.id AND mine.active
                JOIN workspace w ON w.id = mine.workspace_id
                WHERE t.token_hash = ? AND t.revoked_at IS NULL
                ORDER BY mine.created_at, w.name""")
                .param(hash)
                .query((rs, n) -> new Row(rs.getObject("token_workspace_id", UUID.class), UserRepository.account(rs, n),
                        rs.getTimestamp("token_last_used_at"), UserRepository.membership(rs, "m_")))
                .list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        // Record use at most once a minute, so that a busy integration does not write, nor even ask to, on every call.
        Instant now = clock.instant();
        Instant stale = now.minus(Duration.ofMinutes(1));
        Timestamp lastUsed = rows.get(0).lastUsed();
        if (lastUsed == null || lastUsed.toInstant().isBefore(stale)) {
            jdbc.sql("""
                    UPDATE api_token SET last_used_at = :now
                    WHERE token_hash = :hash AND (last_used_at IS NULL OR last_used_at < :stale)""")
                    .param("now", Timestamp.from(now)).param("hash", hash)
                    .param("stale", Timestamp.from(stale)).update();
        }
        Row first = rows.get(0);
        return Optional.of(new Owner(first.account().id(), first.tokenWorkspaceId(), first.account(),
                rows.stream().map(Row::membership).toList()));
    }

    /** The token's owner and one of the owner's active memberships. */
    private record Row(UUID tokenWorkspaceId, UserRepository.Account account, Timestamp lastUsed,
            UserRepository.Membership membership) {
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
