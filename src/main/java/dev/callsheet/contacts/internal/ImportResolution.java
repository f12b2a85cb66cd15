package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.ImportOptions.OnDuplicate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides, in SQL over a staged batch, what becomes of each row, then writes the cards:
 * <ol>
 *   <li>a row equal on every mapped field (after normalisation) to an earlier row of the file, or to a
 *       stored card, is skipped, whatever the policy, naming the card: the same file imported twice
 *       creates nothing;</li>
 *   <li>a row sharing a phone number or an e-mail with a stored card or an earlier row is a
 *       duplicate of it, handled by the policy: skipped, merged into it, or created and flagged; but
 *       when the two name another address or postcode (two sites sharing a switchboard) it is
 *       another site: created and flagged, whatever the policy;</li>
 *   <li>the rest become new cards, with their organisations, contact points and timelines.</li>
 * </ol>
 * Names alone never make an import duplicate (namesakes are common); fuzzy matches show on the
 * card's duplicate panel instead.
 */
@Component
public class ImportResolution {

    private static final String BATCH = "r.job_id = :job AND r.row_no BETWEEN :from AND :to";

    private final JdbcClient jdbc;

    ImportResolution(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether row {@code r} and {@code b} (a card or another row) are another site though they share a phone or
     * e-mail (a switchboard): both name an address or a postcode, and these differ. A name that differs is not
     * enough ("Minjun K." and "Kim Minjun" on one mobile are one person).
     */
    private static String conflict(String b) {
        return """
                ((r.address IS NOT NULL AND %1$s.address IS NOT NULL
                   AND lower(regexp_replace(btrim(r.address), '\\s+', ' ', 'g'))
                       <> lower(regexp_replace(btrim(%1$s.address), '\\s+', ' ', 'g')))
                 OR (r.postcode IS NOT NULL AND %1$s.postcode IS NOT NULL
                   AND upper(regexp_replace(r.postcode, '[\\s-]+', '', 'g'))
                       <> upper(regexp_replace(%1$s.postcode, '[\\s-]+', '', 'g'))))""".formatted(b);
    }

    public void resolve(UUID workspaceId, UUID jobId, int from, int to, OnDuplicate policy) {
        run("""
                UPDATE import_row r SET outcome = 'SKIPPED', reason = 'identical to an earlier row of the file'
                WHERE %s AND r.outcome = 'PENDING' AND EXISTS (
                  SELECT 1 FROM import_row e WHERE e.job_id = r.job_id AND e.fingerprint = r.fingerprint
                    AND e.row_no < r.row_no AND e.outcome <> 'REJECTED')""", workspaceId, jobId, from, to);
        run("""
                UPDATE import_row r SET outcome = 'SKIPPED', duplicate_of = c.id, reason = 'identical to an existing card'
                FROM contact c
                WHERE %s AND r.outcome = 'PENDING' AND c.workspace_id = :ws AND c.fingerprint = r.fingerprint
                  AND c.merged_into IS NULL""", workspaceId, jobId, from, to);
        run("""
                UPDATE import_row r SET duplicate_of = d.contact_id, reason = d.reason, conflict = d.conflict
                FROM (SELECT DISTINCT ON (p.row_no) p.row_no, cp.contact_id,
                             CASE p.kind WHEN 'PHONE' THEN 'same phone number ' WHEN 'EMAIL' THEN 'same e-mail '
                               ELSE 'same registration number ' END || p.value AS reason,
                             """ + conflict("c") + """
                              AS conflict
                      FROM import_point p
                      JOIN import_row r ON r.job_id = p.job_id AND r.row_no = p.row_no
                      JOIN contact_point cp ON cp.workspace_id = :ws AND cp.kind = p.kind AND cp.value = p.value
                      JOIN contact c ON c.id = cp.contact_id AND c.merged_into IS NULL
                      WHERE p.job_id = :job AND p.row_no BETWEEN :from AND :to AND p.kind IN ('PHONE', 'EMAIL', 'IDENTIFIER')
                        AND p.value IS NOT NULL AND r.outcome = 'PENDING'
                      ORDER BY p.row_no, c.created_at) d
                WHERE %s AND r.row_no = d.row_no AND r.outcome = 'PENDING'""", workspaceId, jobId, from, to);
        // An earlier row of the file with the same phone or e-mail: its card (or the card it went to).
        run("""
                UPDATE import_row r SET duplicate_of = d.target, reason = d.reason, conflict = d.conflict
                FROM (SELECT DISTINCT ON (p.row_no) p.row_no, coalesce(e.duplicate_of, e.contact_id) AS target,
                             'same ' || lower(p.kind) || ' as row ' || e.row_no AS reason,
                             """ + conflict("e") + """
                              AS conflict
                      FROM import_point p
                      JOIN import_row r ON r.job_id = p.job_id AND r.row_no = p.row_no
                      JOIN import_point q ON q.job_id = p.job_id AND q.kind = p.kind AND q.value = p.value
                        AND q.row_no < p.row_no
                      JOIN import_row e ON e.job_id = q.job_id AND e.row_no = q.row_no AND e.outcome <> 'REJECTED'
                      WHERE p.job_id = :job AND p.row_no BETWEEN :from AND :to AND p.kind IN ('PHONE', 'EMAIL', 'IDENTIFIER')
                        AND p.value IS NOT NULL AND r.outcome = 'PENDING' AND r.duplicate_of IS NULL
                      ORDER BY p.row_no, e.row_no) d
                WHERE %s AND r.row_no = d.row_no AND r.outcome = 'PENDING' AND r.duplicate_of IS NULL""",
                workspaceId, jobId, from, to);
        String duplicateOutcome = switch (policy) {
            case SKIP -> "SKIPPED";
            case MERGE -> "MERGED";
            case FLAG -> "FLAGGED";
        };
        // Another site or person sharing a phone or e-mail is never skipped or merged away: created, and flagged.
        run("UPDATE import_row r SET outcome = CASE WHEN r.duplicate_of IS NULL THEN 'CREATED' WHEN r.conflict"
                + " THEN 'FLAGGED' ELSE '" + duplicateOutcome + "' END,"
                + " reason = CASE WHEN r.conflict THEN r.reason || ', but another address or postcode'"
                + " ELSE r.reason END WHERE %s AND r.outcome = 'PENDING'", workspaceId, jobId, from, to);
        createCards(workspaceId, jobId, from, to);
        mergeIntoExisting(workspaceId, jobId, from, to);
        // A row identical to an earlier one stands on the card that row went to.
        run("""
                UPDATE import_row r SET duplicate_of = (
                  SELECT coalesce(e.duplicate_of, CASE WHEN e.outcome IN ('CREATED', 'FLAGGED') THEN e.contact_id END)
                  FROM import_row e WHERE e.job_id = r.job_id AND e.fingerprint = r.fingerprint AND e.row_no < r.row_no
                    AND e.outcome <> 'REJECTED' ORDER BY e.row_no LIMIT 1)
                WHERE %s AND r.outcome = 'SKIPPED' AND r.duplicate_of IS NULL""", workspaceId, jobId, from, to);
        run("""
                UPDATE import_row r SET duplicate_of = c.id FROM contact c
                WHERE %s AND r.outcome = 'SKIPPED' AND r.duplicate_of IS NULL AND c.workspace_id = :ws
                  AND c.fingerprint = r.fingerprint AND c.merged_into IS NULL""", workspaceId, jobId, from, to);
        // What became of each row, kept after the job is done (the staged rows are not).
        run("""
                INSERT INTO import_outcome (job_id, row_no, outcome, contact_id, reason)
                SELECT r.job_id, r.row_no, r.outcome,
                       CASE WHEN r.outcome IN ('CREATED', 'FLAGGED') THEN r.contact_id
                            WHEN r.outcome IN ('MERGED', 'SKIPPED') THEN r.duplicate_of END,
                       nullif(concat_ws('; ', r.reason, r.problems), '')
                FROM import_row r WHERE %s
                ON CONFLICT (job_id, row_no) DO NOTHING""", workspaceId, jobId, from, to);
    }

    private void createCards(UUID workspaceId, UUID jobId, int from, int to) {
        run("""
                INSERT INTO organisation (workspace_id, name, name_key, line_of_business, country)
                SELECT DISTINCT ON (r.company_key) :ws, r.organisation, r.company_key, r.line_of_business, r.country
                FROM import_row r
                WHERE %s AND r.outcome IN ('CREATED', 'FLAGGED') AND r.company_key <> '' AND NOT EXISTS (
                  SELECT 1 FROM organisation o WHERE o.workspace_id = :ws AND o.name_key = r.company_key
                    AND o.merged_into IS NULL)
                ORDER BY r.company_key, r.row_no""", workspaceId, jobId, from, to);
        run("""
                INSERT INTO contact (id, workspace_id, organisation_id, first_name, surname, display_name, surname_key,
                  name_key, job_title, language, address, postcode, city, country, region_id, line_of_business, status,
                  source, heard_of_us, score, custom, fingerprint, import_id, flagged_duplicate)
                SELECT r.contact_id, :ws,
                  (SELECT o.id FROM organisation o WHERE o.workspace_id = :ws AND o.name_key = r.company_key
                     AND r.company_key <> '' AND o.merged_into IS NULL ORDER BY o.created_at LIMIT 1),
                  r.first_name, r.surname, r.display_name, r.surname_key, r.name_key, r.job_title, r.language,
                  r.address, r.postcode, r.city, r.country,
                  (SELECT g.id FROM region g WHERE g.workspace_id = :ws AND lower(g.name) = lower(r.region) LIMIT 1),
                  r.line_of_business, r.status, r.source, r.heard_of_us, r.score, r.custom, r.fingerprint, r.job_id,
                  r.outcome = 'FLAGGED'
                FROM import_row r WHERE %s AND r.outcome IN ('CREATED', 'FLAGGED')
                ORDER BY r.row_no
                ON CONFLICT (workspace_id, fingerprint) WHERE merged_into IS NULL DO NOTHING""",
                workspaceId, jobId, from, to);
        // Another writer stored an identical card meanwhile: this row was not needed.
        run("""
                UPDATE import_row r SET outcome = 'SKIPPED', reason = 'identical to an existing card'
                WHERE %s AND r.outcome IN ('CREATED', 'FLAGGED')
                  AND NOT EXISTS (SELECT 1 FROM contact c WHERE c.id = r.contact_id)""", workspaceId, jobId, from, to);
        run("""
                INSERT INTO contact_point (workspace_id, contact_id, kind, raw, value, match_key, national, region, time_zones, valid)
                SELECT :ws, r.contact_id, p.kind, p.raw, p.value, p.match_key, p.national, p.region, p.time_zones, p.valid
                FROM import_point p JOIN import_row r ON r.job_id = p.job_id AND r.row_no = p.row_no
                WHERE %s AND r.outcome IN ('CREATED', 'FLAGGED')""", workspaceId, jobId, from, to);
        run("""
                INSERT INTO contact_activity (workspace_id, contact_id, kind, at, details)
                SELECT :ws, r.contact_id, 'IMPORTED', now(),
                       jsonb_build_object('importId', r.job_id, 'row', r.row_no, 'flagged', r.outcome = 'FLAGGED')
                FROM import_row r WHERE %s AND r.outcome IN ('CREATED', 'FLAGGED')""", workspaceId, jobId, from, to);
    }

    private void mergeIntoExisting(UUID workspaceId, UUID jobId, int from, int to) {
        run("""
                INSERT INTO contact_point (workspace_id, contact_id, kind, raw, value, match_key, national, region, time_zones, valid)
                SELECT DISTINCT ON (r.duplicate_of, p.kind, coalesce(p.value, p.raw))
                       :ws, r.duplicate_of, p.kind, p.raw, p.value, p.match_key, p.national, p.region, p.time_zones, p.valid
                FROM import_point p JOIN import_row r ON r.job_id = p.job_id AND r.row_no = p.row_no
                WHERE %s AND r.outcome = 'MERGED' AND NOT EXISTS (
                  SELECT 1 FROM contact_point k WHERE k.contact_id = r.duplicate_of AND k.kind = p.kind
                    AND coalesce(k.value, k.raw) = coalesce(p.value, p.raw))""", workspaceId, jobId, from, to);
        run("""
                UPDATE contact c SET first_name = coalesce(c.first_name, r.first_name),
                  surname = coalesce(c.surname, r.surname), job_title = coalesce(c.job_title, r.job_title),
                  address = coalesce(c.address, r.address), postcode = coalesce(c.postcode, r.postcode),
                  city = coalesce(c.city, r.city), country = coalesce(c.country, r.country),
                  line_of_business = coalesce(c.line_of_business, r.line_of_business),
                  heard_of_us = coalesce(c.heard_of_us, r.heard_of_us), custom = r.custom || c.custom,
                  updated_at = now()
                FROM (SELECT DISTINCT ON (duplicate_of) * FROM import_row r
                      WHERE %s AND r.outcome = 'MERGED' ORDER BY duplicate_of, row_no) r
                WHERE c.id = r.duplicate_of AND c.workspace_id = :ws""", workspaceId, jobId, from, to);
        run("""
                INSERT INTO contact_activity (workspace_id, contact_id, kind, at, details)
                SELECT :ws, r.duplicate_of, 'MERGED', now(),
                       jsonb_build_object('importId', r.job_id, 'row', r.row_no, 'reason', r.reason)
                FROM import_row r WHERE %s AND r.outcome = 'MERGED'""", workspaceId, jobId, from, to);
    }

    private void run(String sql, UUID workspaceId, UUID jobId, int from, int to) {
        String statement = sql.contains("%s") ? sql.formatted(BATCH) : sql;
        jdbc.sql(statement).param("ws", workspaceId).param("job", jobId).param("from", from).param("to", to)
                .update();
    }
}
