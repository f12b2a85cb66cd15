package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.ImportField;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Maps a file's column headers to fields: first as this workspace mapped them before, then by
 * the synonyms of {@code contacts/import-headers.txt} in six languages; anything else is kept
 * as a custom field under its own header.
 */
@Component
public class HeaderGuesser {

    private static final Map<String, ImportField> SYNONYMS = load();

    private final JdbcClient jdbc;

    HeaderGuesser(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Header (as written) to field, for every header; {@code given} (header to field key) wins. */
    public Map<String, ImportField> map(UUID workspaceId, List<String> headers, Map<String, String> given) {
        Map<String, String> remembered = new HashMap<>();
        jdbc.sql("SELECT header_key, field FROM import_header_memory WHERE workspace_id = ?").param(workspaceId)
                .query((rs, n) -> remembered.put(rs.getString(1), rs.getString(2))).list();
        Map<String, ImportField> mapping = new LinkedHashMap<>();
        for (String header : headers) {
            String key = key(header);
            ImportField field = given != null && given.containsKey(header)
                    ? ImportField.ofKey(given.get(header)).orElse(ImportField.CUSTOM)
                    : ImportField.ofKey(remembered.get(key)).orElseGet(() -> guess(header));
            mapping.put(header, field);
        }
        return mapping;
    }

    /** The field a header names in any of the six languages; a custom field when none, ignored when blank. */
    public static ImportField guess(String header) {
        String key = key(header);
        return SYNONYMS.getOrDefault(key, key.isEmpty() ? ImportField.IGNORE : ImportField.CUSTOM);
    }

    /** Remembers a mapping the caller chose, for the next file with these headers. */
    public void remember(UUID workspaceId, Map<String, String> given) {
        if (given == null) {
            return;
        }
        given.forEach((header, field) -> ImportField.ofKey(field).ifPresent(f -> jdbc.sql("""
                INSERT INTO import_header_memory (workspace_id, header_key, field) VALUES (?, ?, ?)
                ON CONFLICT (workspace_id, header_key) DO UPDATE SET field = excluded.field""")
                .params(workspaceId, key(header), f.key()).update()));
    }

    /** Lower case, no accents, no digits, spaces or punctuation: "Phone 2" and "phone_2" are "phone". */
    static String key(String header) {
        if (header == null) {
            return "";
        }
        String folded = Normalizer.normalize(header.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
        return folded.replaceAll("[\\p{M}\\p{N}\\p{P}\\p{S}\\s]", "");
    }

    private static Map<String, ImportField> load() {
        Map<String, ImportField> synonyms = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                HeaderGuesser.class.getResourceAsStream("/contacts/import-headers.txt"), StandardCharsets.UTF_8))) {
            reader.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(line -> {
                int colon = line.indexOf(':');
                ImportField field = ImportField.ofKey(line.substring(0, colon)).orElseThrow();
                for (String synonym : line.substring(colon + 1).split("\\|")) {
                    synonyms.putIfAbsent(key(synonym), field);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(synonyms);
    }
}
