package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.NormalizedEmail;
import dev.callsheet.contacts.NormalizedPhone;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Streams a batch of read rows into the staging tables with {@code COPY}, inside the caller's transaction. */
@Component
public class ImportStaging {

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ImportStaging(DataSource dataSource, JdbcClient jdbc, ObjectMapper json) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Refreshes the planner's statistics of the staging tables and, with {@code cardTables}, of the
     * card tables they are joined with. Without it a job's batches are planned for the tables as
     * they were (empty staging, a workspace a fraction of its size: nested loops, seconds instead of
     * milliseconds); the processor calls it after batches 1, 2, 4, 8… so its cost stays logarithmic.
     */
    public void analyze(boolean cardTables) {
        jdbc.sql(cardTables ? "ANALYZE import_row, import_point, contact, contact_point, organisation"
                : "ANALYZE import_row, import_point").update();
    }

    /** The planner's estimate of the cards on file, in every workspace: a catalogue read, no count. */
    public long cardEstimate() {
        return jdbc.sql("SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = 'contact'::regclass")
                .query(Long.class).single();
    }

    /** The batch as the text of its COPY statements: done by the reader, while the database writes the batch before. */
    public Copy render(UUID jobId, List<StagedRow> rows) {
        return render(jobId, rows, json);
    }

    public void stage(Copy copy) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            var api = connection.unwrap(PGConnection.class).getCopyAPI();
            api.copyIn("""
                    COPY import_row (job_id, row_no, contact_id, first_name, surname, display_name, name_key, surname_key,
                      organisation, company_key, job_title, address, postcode, city, country, region, line_of_business,
                      language, status, source, heard_of_us, score, custom, fingerprint, outcome, reason, original, problems)
                    FROM STDIN (FORMAT csv)""", new StringReader(copy.rows()));
            api.copyIn("""
                    COPY import_point (job_id, row_no, kind, raw, value, match_key, national, region, time_zones, valid)
                    FROM STDIN (FORMAT csv)""", new StringReader(copy.points()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not stage import rows: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A batch as the text of the two COPY statements: the rows, and their phones, e-mails, identifiers and sites. */
    public record Copy(String rows, String points) {
    }

    static Copy render(UUID jobId, List<StagedRow> rows, ObjectMapper json) {
        StringBuilder rowCsv = new StringBuilder(rows.size() * 256);
        StringBuilder pointCsv = new StringBuilder(rows.size() * 128);
        for (StagedRow row : rows) {
            csv(rowCsv, jobId, row.rowNo(), row.contactId(), row.firstName(), row.surname(), row.displayName(),
                    row.keys().nameKey(), row.keys().surnameKey(), row.organisation(), row.keys().companyKey(),
                    row.jobTitle(), row.address(), row.postcode(), row.city(), row.country(), row.region(),
                    row.lineOfBusiness(), row.language(), row.status(), row.source(), row.heardOfUs(), row.score(),
                    json.writeValueAsString(row.custom()), row.fingerprint(),
                    row.rejection() == null ? "PENDING" : "REJECTED", row.rejection(),
                    json.writeValueAsString(row.original()), row.problems());
            if (row.rejection() != null) {
                continue;
            }
            for (NormalizedPhone p : row.keys().phones()) {
                csv(pointCsv, jobId, row.rowNo(), "PHONE", p.raw(), p.e164(), p.key(), CardKeys.national(p), p.region(),
                        CardRepository.textArray(p.timeZones()), p.valid());
            }
            for (NormalizedEmail e : row.keys().emails()) {
                csv(pointCsv, jobId, row.rowNo(), "EMAIL", e.raw(), e.address(), e.corporateDomain(), null, null, null,
                        e.valid());
            }
            if (row.keys().identifier() != null) {
                csv(pointCsv, jobId, row.rowNo(), "IDENTIFIER", row.keys().identifier(), row.keys().identifier(),
                        row.keys().identifier(), null, null, null, true);
            }
            for (CardKeys.Website w : row.keys().websites()) {
                csv(pointCsv, jobId, row.rowNo(), "WEBSITE", w.raw(), w.domain(), w.domain(), null, null, null,
                        w.domain() != null);
            }
        }
        return new Copy(rowCsv.toString(), pointCsv.toString());
    }

    /** One CSV line: null is an unquoted empty field (SQL NULL), text is always quoted. */
    private static void csv(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values[i];
            if (value == null) {
                continue;
            }
            if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
                continue;
            }
            String text = value.toString().replace("\u0000", "");
            out.append('"').append(text.replace("\"", "\"\"")).append('"');
        }
        out.append('\n');
    }
}
