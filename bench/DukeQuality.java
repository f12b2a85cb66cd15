import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import no.priv.garshol.duke.Comparator;
import no.priv.garshol.duke.ConfigurationImpl;
import no.priv.garshol.duke.DataSource;
import no.priv.garshol.duke.Processor;
import no.priv.garshol.duke.Property;
import no.priv.garshol.duke.PropertyImpl;
import no.priv.garshol.duke.Record;
import no.priv.garshol.duke.RecordImpl;
import no.priv.garshol.duke.cleaners.LowerCaseNormalizeCleaner;
import no.priv.garshol.duke.comparators.ExactComparator;
import no.priv.garshol.duke.comparators.JaroWinkler;
import no.priv.garshol.duke.comparators.Levenshtein;
import no.priv.garshol.duke.comparators.NumericComparator;
import no.priv.garshol.duke.comparators.PersonNameComparator;
import no.priv.garshol.duke.databases.LuceneDatabase;
import no.priv.garshol.duke.datasources.InMemoryDataSource;
import no.priv.garshol.duke.matchers.AbstractMatchListener;

/**
 * Duke 1.2 as the peer of Callsheet's duplicate check (issue 24), run by {@code bench/dedup_quality.sh --duke}
 * on the rows {@code bench/dedup_quality.py prepare} wrote, with the fields and comparators of the set's
 * {@code bench/dedup-sets/<set>.properties} ({@code duke.<field>=Comparator low high}, {@code duke.threshold}).
 *
 * <p>Writes, per half, {@code <set>-<half>-duke.pairs} (deduplication: every pair Duke reports at its threshold)
 * and {@code <set>-<half>-duke-query.pairs} (one row per entity indexed, the others linked against them, every
 * match at the threshold). {@code bench/dedup_quality.py score} scores them as it scores Callsheet's.
 *
 * <p>usage: {@code java -cp <duke and lucene> bench/DukeQuality.java SET.properties WORK [--sweep]}; with
 * {@code --sweep} it prints pairwise F1 on the tuning half for a few thresholds (how the threshold was chosen)
 * and writes nothing.
 */
public class DukeQuality {

    public static void main(String[] args) throws IOException {
        Path propsFile = Path.of(args[0]);
        Path work = Path.of(args[1]);
        boolean sweep = args.length > 2 && args[2].equals("--sweep");
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(propsFile)) {
            props.load(in);
        }
        String set = propsFile.getFileName().toString().replace(".properties", "");
        if (sweep) {
            List<Map<String, String>> rows = read(work.resolve(set + "-tune.tsv"));
            for (double t : new double[] {0.7, 0.75, 0.8, 0.85, 0.9, 0.95}) {
                Set<String> pairs = deduplicate(config(props, t, false), rows);
                System.out.printf(Locale.ROOT, "%s tune threshold %.2f: %s%n", set, t, f1(rows, pairs));
            }
            return;
        }
        double threshold = Double.parseDouble(props.getProperty("duke.threshold", "0.8"));
        for (String half : List.of("tune", "held")) {
            List<Map<String, String>> rows = read(work.resolve(set + "-" + half + ".tsv"));
            long t0 = System.nanoTime();
            Set<String> pairs = deduplicate(config(props, threshold, false), rows);
            write(work.resolve(set + "-" + half + "-duke.pairs"), pairs);
            Set<String> queryPairs = link(config(props, threshold, true), read(work.resolve(set + "-" + half + "-reps.tsv")),
                    read(work.resolve(set + "-" + half + "-queries.tsv")));
            write(work.resolve(set + "-" + half + "-duke-query.pairs"), queryPairs);
            System.err.printf(Locale.ROOT, "%s %s: Duke %d pairs, %d query pairs, %.1f s%n", set, half, pairs.size(),
                    queryPairs.size(), (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The set's fields as Duke properties; the ID property first. */
    static ConfigurationImpl config(Properties props, double threshold, boolean linking) {
        ConfigurationImpl config = new ConfigurationImpl();
        List<Property> properties = new ArrayList<>();
        properties.add(new PropertyImpl("ID"));
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (!key.startsWith("duke.") || key.equals("duke.threshold")) {
                continue;
            }
            String[] spec = props.getProperty(key).trim().split("\\s+");
            properties.add(new PropertyImpl(key.substring("duke.".length()), comparator(spec[0]),
                    Double.parseDouble(spec[1]), Double.parseDouble(spec[2])));
        }
        config.setProperties(properties);
        config.setThreshold(threshold);
        LuceneDatabase database = new LuceneDatabase();
        database.setConfiguration(config);
        config.setDatabase(database);
        if (linking) {
            config.addDataSource(1, new InMemoryDataSource());
            config.addDataSource(2, new InMemoryDataSource());
        } else {
            config.addDataSource(0, new InMemoryDataSource());
        }
        return config;
    }

    static Comparator comparator(String name) {
        return switch (name) {
            case "Levenshtein" -> new Levenshtein();
            case "JaroWinkler" -> new JaroWinkler();
            case "Exact" -> new ExactComparator();
            case "Numeric" -> new NumericComparator();
            case "PersonName" -> new PersonNameComparator();
            default -> throw new IllegalArgumentException("unknown comparator " + name);
        };
    }

    static Set<String> deduplicate(ConfigurationImpl config, List<Map<String, String>> rows) {
        Set<String> pairs = new TreeSet<>();
        Processor processor = new Processor(config, config.getDatabase(true));
        processor.setThreads(1);
        processor.addMatchListener(listener(pairs, false));
        processor.deduplicate(records(rows, config));
        processor.close();
        return pairs;
    }

    static Set<String> link(ConfigurationImpl config, List<Map<String, String>> reps, List<Map<String, String>> queries) {
        Set<String> pairs = new TreeSet<>();
        Processor processor = new Processor(config, config.getDatabase(true));
        processor.setThreads(1);
        processor.addMatchListener(listener(pairs, true));
        Collection<DataSource> indexed = List.of(new InMemoryDataSource(records(reps, config)));
        Collection<DataSource> asked = List.of(new InMemoryDataSource(records(queries, config)));
        processor.link(indexed, asked, true, 1000);
        processor.close();
        return pairs;
    }

    static AbstractMatchListener listener(Set<String> pairs, boolean queryFirst) {
        return new AbstractMatchListener() {
            @Override
            public void matches(Record r1, Record r2, double confidence) {
                String a = r1.getValue("ID"), b = r2.getValue("ID");
                if (queryFirst) {
                    pairs.add(b + "\t" + a);  // linkage: r1 the indexed row, r2 the query
                } else {
                    pairs.add(a.compareTo(b) < 0 ? a + "\t" + b : b + "\t" + a);
                }
            }
        };
    }

    static List<Record> records(List<Map<String, String>> rows, ConfigurationImpl config) {
        LowerCaseNormalizeCleaner cleaner = new LowerCaseNormalizeCleaner();
        List<Record> records = new ArrayList<>();
        for (Map<String, String> row : rows) {
            Map<String, Collection<String>> values = new HashMap<>();
            values.put("ID", List.of(row.get("bench_id")));
            for (Property p : config.getProperties()) {
                String v = row.get(p.getName());
                if (p.isIdProperty() || v == null) {
                    continue;
                }
                v = p.getName().equals("phone") ? v.replaceAll("\\D", "") : cleaner.clean(v);
                if (v != null && !v.isEmpty()) {
                    values.put(p.getName(), List.of(v));
                }
            }
            records.add(new RecordImpl(values));
        }
        return records;
    }

    static List<Map<String, String>> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < cells.length ? cells[i] : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, Set<String> pairs) throws IOException {
        Files.write(file, pairs, StandardCharsets.UTF_8);
    }

    static String f1(List<Map<String, String>> rows, Set<String> pairs) {
        Map<String, String> entity = new HashMap<>();
        Map<String, Integer> size = new HashMap<>();
        for (Map<String, String> row : rows) {
            entity.put(row.get("bench_id"), row.get("entity"));
            size.merge(row.get("entity"), 1, Integer::sum);
        }
        long truePairs = size.values().stream().mapToLong(n -> (long) n * (n - 1) / 2).sum();
        long correct = pairs.stream().map(p -> p.split("\t"))
                .filter(p -> entity.get(p[0]).equals(entity.get(p[1]))).count();
        double precision = pairs.isEmpty() ? 0 : (double) correct / pairs.size();
        double recall = truePairs == 0 ? 0 : (double) correct / truePairs;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return String.format(Locale.ROOT, "predicted %d correct %d of %d: P %.3f R %.3f F1 %.3f", pairs.size(), correct,
                truePairs, precision, recall, f1);
    }
}
