package dev.callsheet.workspace.internal;

import dev.callsheet.workspace.WorkspaceSummary;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class WorkspaceRepository {

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    WorkspaceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public WorkspaceSummary insert(String key, String name, boolean demo) {
        UUID id = jdbc.sql("INSERT INTO workspace (key, name, demo) VALUES (?, ?, ?) RETURNING id")
                .params(key, name, demo).query(UUID.class).single();
        return new WorkspaceSummary(id, key, name);
    }

    public Optional<WorkspaceSummary> byKey(String key) {
        return jdbc.sql("SELECT id, key, name FROM workspace WHERE key = ?").param(key).query(WorkspaceSummary.class)
                .optional();
    }

    public Optional<WorkspaceSummary> byId(UUID id) {
        return jdbc.sql("SELECT id, key, name FROM workspace WHERE id = ?").param(id).query(WorkspaceSummary.class)
                .optional();
    }

    public Optional<String> defaultCountry(UUID id) {
        return jdbc.sql("SELECT default_country FROM workspace WHERE id = ?").param(id).query(String.class).optional()
                .filter(c -> c != null);
    }

    public void setDefaultCountry(UUID id, String country) {
        jdbc.sql("UPDATE workspace SET default_country = ? WHERE id = ?").params(country, id).update();
    }

    public Optional<String> currency(UUID id) {
        return jdbc.sql("SELECT currency FROM workspace WHERE id = ?").param(id).query(String.class).optional()
                .filter(c -> c != null).map(String::strip);
    }

    public void setCurrency(UUID id, String currency) {
        jdbc.sql("UPDATE workspace SET currency = ? WHERE id = ?").params(currency, id).update();
    }

    public Optional<WorkspaceSummary> demo() {
        return jdbc.sql("SELECT id, key, name FROM workspace WHERE demo ORDER BY created_at LIMIT 1")
                .query(WorkspaceSummary.class).optional();
    }

    /**
     * A short public key from the name plus a random tail, e.g. {@code nordic-solar-k7q2}: readable
     * in a web form's URL, yet not guessable from the company name alone.
     */
    public String freeKey(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        String stem = ascii.length() < 2 ? "ws" : ascii.substring(0, Math.min(24, ascii.length())).replaceAll("-+$", "");
        while (true) {
            StringBuilder key = new StringBuilder(stem).append('-');
            for (int i = 0; i < 4; i++) {
                key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            if (byKey(key.toString()).isEmpty()) {
                return key.toString();
            }
        }
    }
}
