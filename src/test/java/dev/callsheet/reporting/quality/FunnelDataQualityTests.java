package dev.callsheet.reporting.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The public marketing-funnel set (Olist: 8,000 marketing-qualified leads with their origin; 842 won,
 * with the SDR who set the meeting and the SR who closed) loaded through the deal import, and its
 * funnel, per-SDR and per-closer tables read back from the report API and checked against counts
 * made here straight from the files. Writes target/funnel-check.md.
 */
class FunnelDataQualityTests extends IntegrationTest {

    private static final Path DIR = Path.of("..", "shared", "datasets", "olist_marketing_funnel");

    @Test
    void olistFunnelBySourceSetterAndCloser() throws IOException {
        assumeTrue(Files.isDirectory(DIR), "the public data sets are not beside this checkout");
        Map<String, NamedCsvRecord> won = new HashMap<>();
        read(DIR.resolve("olist_closed_deals_dataset.csv")).forEach(d -> won.put(d.getField("mql_id"), d));

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "status", "opened", "closed", "source", "setter", "closer", "revenue"});
        Map<String, long[]> bySource = new HashMap<>();
        Map<String, long[]> bySetter = new HashMap<>();
        Map<String, BigDecimal> closerRevenue = new HashMap<>();
        Map<String, Long> byCloser = new HashMap<>();
        List<String> refused = new ArrayList<>();
        for (NamedCsvRecord m : read(DIR.resolve("olist_marketing_qualified_leads_dataset.csv"))) {
            NamedCsvRecord deal = won.get(m.getField("mql_id"));
            String date = m.getField("first_contact_date");
            if (deal != null && deal.getField("won_date").substring(0, 10).compareTo(date) < 0) {
                // a win dated before the first contact: the import refuses it, and says so
                refused.add(m.getField("mql_id"));
                rows.add(new String[] {m.getField("mql_id"), "Won", date, deal.getField("won_date").substring(0, 10),
                    m.getField("origin"), deal.getField("sdr_id"), deal.getField("sr_id"), ""});
                continue;
            }
            String origin = m.getField("origin").isBlank() ? "IMPORT" : m.getField("origin");
            long[] s = bySource.computeIfAbsent(origin, k -> new long[2]);
            s[0]++;
            if (deal == null) {
                rows.add(new String[] {m.getField("mql_id"), "Lost", date, date, m.getField("origin"), "", "", ""});
                continue;
            }
            s[1]++;
            bySetter.computeIfAbsent(deal.getField("sdr_id"), k -> new long[1])[0]++;
            byCloser.merge(deal.getField("sr_id"), 1L, Long::sum);
            String revenue = deal.getField("declared_monthly_revenue");
            closerRevenue.merge(deal.getField("sr_id"), new BigDecimal(revenue.isBlank() ? "0" : revenue),
                    BigDecimal::add);
            rows.add(new String[] {m.getField("mql_id"), "Won", date, deal.getField("won_date").substring(0, 10),
                m.getField("origin"), deal.getField("sdr_id"), deal.getField("sr_id"), revenue});
        }

        Tenant tenant = Tenant.create(api, "Olist Funnel");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        String pipeline = boss.post("/api/v1/pipelines", Map.of("name", "Olist MQL", "stages",
                List.of(Map.of("code", "MQL", "name", "Qualified lead")))).json().get("id").asText();
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            rows.forEach(csv::writeRecord);
        }
        long started = System.nanoTime();
        Api.Response imported = boss.upload("/api/v1/deals/import?pipelineId=" + pipeline, "olist.csv",
                out.toString().getBytes(StandardCharsets.UTF_8), Map.of());
        long importMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(imported.json().get("imported").asInt()).as(imported.toString()).isEqualTo(8000 - refused.size());
        assertThat(imported.json().get("errors")).hasSize(refused.size());
        imported.json().get("errors").forEach(e -> assertThat(e.get("field").asText()).isEqualTo("closed"));

        started = System.nanoTime();
        JsonNode figures = boss.get("/api/v1/reports/deals?pipelineId=" + pipeline).json();
        long reportMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(figures.get("total").get("deals").asLong()).isEqualTo(8000 - refused.size());
        assertThat(figures.get("total").get("won").asLong()).isEqualTo(won.size() - refused.size());
        for (JsonNode row : figures.get("bySource")) {
            long[] expected = bySource.get(row.get("key").asText());
            assertThat(expected).as(row.toString()).isNotNull();
            assertThat(row.get("deals").asLong()).as(row.toString()).isEqualTo(expected[0]);
            assertThat(row.get("won").asLong()).as(row.toString()).isEqualTo(expected[1]);
        }
        assertThat(figures.get("bySource")).hasSize(bySource.size());
        for (JsonNode row : figures.get("bySetter")) {
            if (!row.get("key").asText().isEmpty()) {
                assertThat(row.get("won").asLong()).as(row.toString())
                        .isEqualTo(bySetter.get(row.get("key").asText())[0]);
            }
        }
        for (JsonNode row : figures.get("byCloser")) {
            String closer = row.get("key").asText();
            if (!byCloser.containsKey(closer)) {
                // the leads never won have no closer: the importer owns them, with no win
                assertThat(row.get("won").asLong()).as(row.toString()).isZero();
            } else {
                assertThat(row.get("won").asLong()).as(row.toString()).isEqualTo(byCloser.get(closer));
                assertThat(row.get("revenue").decimalValue()).as(row.toString())
                        .isEqualByComparingTo(closerRevenue.get(closer));
            }
        }

        StringBuilder md = new StringBuilder("# Olist marketing funnel through Callsheet's import\n\n");
        md.append(String.format(Locale.ROOT, "Import %,d ms, report %,d ms. %d leads in the files, %d won; %d row(s)"
                + " refused by the import, won before the first contact (%s), so %d leads and %d wins are reported.%n%n",
                importMillis, reportMillis, 8000, won.size(), refused.size(), String.join(", ", refused),
                8000 - refused.size(), won.size() - refused.size()));
        table(md, "Funnel by origin", figures.get("bySource"), 20);
        table(md, "Per SDR (setter), top 10 by wins", figures.get("bySetter"), 10);
        table(md, "Per closer (SR), top 10 by wins", figures.get("byCloser"), 10);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "funnel-check.md"), md.toString());
    }

    private static void table(StringBuilder md, String title, JsonNode rows, int limit) {
        md.append("## ").append(title).append("\n\n| key | leads | won | lead → won | revenue |\n| --- | ---: | ---: | ---: | ---: |\n");
        int n = 0;
        for (JsonNode r : rows) {
            if (r.get("key").asText().isEmpty() || r.get("won").asLong() == 0 && !title.startsWith("Funnel")
                    || n++ >= limit) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |%n", shorten(r.get("key").asText()),
                    r.get("deals").asLong(), r.get("won").asLong(),
                    r.get("conversion").isNull() ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * r.get("conversion").asDouble()),
                    r.get("revenue").decimalValue().toPlainString()));
        }
        md.append('\n');
    }

    private static String shorten(String key) {
        return key.length() > 12 && key.matches("[0-9a-f]+") ? key.substring(0, 8) + "…" : key;
    }

    private static List<NamedCsvRecord> read(Path file) throws IOException {
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .ofNamedCsvRecord(file, StandardCharsets.UTF_8)) {
            return csv.stream().toList();
        }
    }
}
