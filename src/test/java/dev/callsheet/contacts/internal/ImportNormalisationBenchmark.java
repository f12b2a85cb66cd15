package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Emails;
import dev.callsheet.contacts.ImportField;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.Spreadsheet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an import's Java side costs per row on one core, with no database: reading the file, normalising a
 * row (phones with libphonenumber and its time zones, e-mails, websites, name keys transliterated with ICU)
 * and rendering a batch as the text of its COPY statements. Run by {@code bench/normalise.sh} on a file of
 * {@code bench/generate_leads.py}; the figures are in docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 10, time = 4)
public class ImportNormalisationBenchmark {

    /** Rows per invocation: the import's batch. */
    static final int ROWS = ImportProcessor.BATCH;

    /** A generated leads CSV with at least {@link #ROWS} rows. */
    @Param("")
    public String file;

    private List<List<String>> cells;
    private StagedRow.Context context;
    private List<StagedRow> staged;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final UUID jobId = UUID.randomUUID();

    @Setup
    public void load() throws IOException {
        Iterator<List<String>> rows = Spreadsheet.open(Path.of(file), null).rows();
        List<String> header = rows.next();
        cells = new ArrayList<>(ROWS);
        while (cells.size() < ROWS && rows.hasNext()) {
            cells.add(rows.next());
        }
        if (cells.size() < ROWS) {
            throw new IllegalArgumentException(file + " has " + cells.size() + " rows; the benchmark needs " + ROWS);
        }
        Map<Integer, ImportField> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.put(i, HeaderGuesser.guess(header.get(i)));
        }
        context = new StagedRow.Context(columns, header, "NO", LeadSource.OTHER, Emails::normalize);
        staged = normalise();
    }

    private List<StagedRow> normalise() {
        List<StagedRow> out = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            out.add(StagedRow.read(i + 2, cells.get(i), context));
        }
        return out;
    }

    /** Parsing the file's rows (encoding and delimiter detected as an upload's are). */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void read(Blackhole sink) throws IOException {
        Iterator<List<String>> rows = Spreadsheet.open(Path.of(file), null).rows();
        for (int i = 0; i <= ROWS && rows.hasNext(); i++) {
            sink.consume(rows.next());
        }
    }

    /** A row's fields and keys, as the import's reader threads make them. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public List<StagedRow> normalise(Blackhole sink) {
        return normalise();
    }

    /** The batch as the text of its two COPY statements. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public ImportStaging.Copy render() {
        return ImportStaging.render(jobId, staged, json);
    }
}
