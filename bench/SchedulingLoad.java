// Appointments load driver for bench/scheduling.sh: free slots, the booking race and round-robin fairness,
// against a running Callsheet over HTTP. Three modes, each printing a readable summary on standard
// output and writing its figures as JSON to --json (read by bench/scheduling_client.py report):
//
//   availability  One client, one request at a time over a keep-alive connection: after --warmup
//                 rounds, --samples rounds of every variant, interleaved (each round sends each
//                 variant once, in the same order), so that the machine's noise falls on all of them
//                 alike:
//                   me             GET /api/v1/me: the floor, a trivial authenticated GET
//                   phone          GET /api/v1/availability?from&to&type=PHONE             (limit 500 by default)
//                   phone-all      ... &type=PHONE&limit=5000                              (every free slot)
//                   phone-lead     ... &type=PHONE&lead=L                                  (one rep chosen per start)
//                   onsite         ... &type=ON_SITE
//                   onsite-lead    ... &type=ON_SITE&lead=L
//                   rep-phone      ... &type=PHONE&rep=R                                   (one rep's calendar)
//                   rep-phone-lead ... &type=PHONE&rep=R&lead=L                            (one rep, with a lead)
//                 (--variants NAME,NAME,...: only these, me among them.)
//                 L runs through --leads (leads without meetings), R through --reps. Per variant:
//                 latency p50/p95/p99/max, response bytes and slots (median, min, max), truncated
//                 answers, errors. Server-side: the mean of http_server_requests_seconds over the
//                 measured rounds (/actuator/prometheus, read with the admin token in CALLSHEET_TOKEN;
//                 the metric has no per-variant split, so it is the mean over all availability variants).
//                 How the latency settles: p50/p99 of each variant over each tenth of all the rounds,
//                 warm-up included (a JVM compiles its hot paths over the first thousands of requests).
//
//   race          --rounds rounds of 50 bookings (one per token in --tokens) of the same start with the
//                 same repId, each of a different lead, released together by a latch after every
//                 thread has opened its connection (GET /api/v1/me). The start is the first free PHONE
//                 slot of the round's rep (GET /api/v1/availability?rep=R). Counts 201 / 409 / others;
//                 exactly one 201 is right, and GET /api/v1/appointments?rep=R must then show exactly
//                 one live meeting at that start, the 201's. Then two more rounds:
//                   same-lead  all threads book the same lead at the same start and rep: one 201, and
//                              the others 200 with the same id (a double click books once);
//                   any-rep    all threads book different leads at the same start without repId: as many
//                              201s as reps free then (per the availability just before), each with
//                              another rep.
//
//   round-robin   --count bookings without repId, each of another lead (--leads) and at another start,
//                 by --clients threads (tokens from --tokens) taking the next booking from a shared
//                 counter. Starts: --per-day starts a day, --spacing minutes apart from 00:00 UTC, from
//                 --first-day on (PHONE: 30 minutes and a 5-minute buffer after, so with 35 every rep is
//                 free at every start and the choice is the round robin's alone). Counts the bookings
//                 each rep got (the 201's rep.id) against the weights GET /api/v1/reps gives: each rep's
//                 share and its deviation from weight / total weight. Also bookings/s and latency
//                 p50/p99, and the p50 of each tenth of the run (does a booking get slower as the month fills?).
//
// Exit status: 0; 2 bad arguments or a token refused; 3 a check failed (race: not exactly one 201 or a
// double booking; round-robin: a booking not 201); 4 nothing but errors.
//
//   usage: java bench/SchedulingLoad.java availability --base URL --tokens FILE --reps FILE --leads FILE
//              --from ISO --to ISO [--samples 1000] [--warmup 1000] [--variants me,phone,...] [--trace FILE]
//              --json OUT
//          java bench/SchedulingLoad.java race --base URL --tokens FILE --reps FILE --leads FILE --from ISO
//              --to ISO [--rounds 5] --json OUT
//          java bench/SchedulingLoad.java round-robin --base URL --tokens FILE --leads FILE --first-day DATE
//              [--count 10000] [--clients 8] [--per-day 41] [--spacing 35] [--type PHONE] --json OUT
//     --trace FILE   availability: every measured request as a line "round variant microseconds"
//     --tokens FILE  bearer tokens, one a line (agents' tokens; the first one makes the single-client calls)
//     --reps FILE    rep ids, one a line; --leads FILE lead ids, one a line (each lead is used once,
//                    except by the availability mode, which cycles through them)
//
// JDK only (java.net.http.HttpClient, HTTP/1.1 keep-alive): no dependencies.

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public class SchedulingLoad {

    static final String UUID_RE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    static final Pattern REP_ID = Pattern.compile("\"rep\"\\s*:\\s*\\{[^{}]*?\"id\"\\s*:\\s*\"(" + UUID_RE + ")\"");
    static final Pattern REP_OBJECT = Pattern.compile("\"rep\"\\s*:\\s*\\{[^{}]*\\}");
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"(" + UUID_RE + ")\"");
    static final Pattern CHOICE = Pattern.compile("\"choice\"\\s*:\\s*\"([A-Z_]+)\"");
    static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([A-Z_]+)\"");
    static final Pattern START = Pattern.compile("\"start\"\\s*:\\s*\"([^\"]+)\"");
    /** A slot's start and its rep (a slot has no nested object before "rep"). */
    static final Pattern SLOT = Pattern.compile("\"start\"\\s*:\\s*\"([^\"]+)\"[^{}]*?\"rep\"\\s*:\\s*\\{[^{}]*?\"id\"\\s*:\\s*\"("
            + UUID_RE + ")\"");
    static final Pattern SLOT_COUNT = Pattern.compile("\"repLocalStart\"");
    static final Pattern WEIGHT = Pattern.compile("\"weight\"\\s*:\\s*(\\d+)");

    static String base;
    static int timeoutSeconds = 60;
    static HttpClient http;
    static final Map<String, String> opts = new HashMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            usage(args.length == 0 ? 2 : 0);
        }
        String mode = args[0];
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("bad argument " + args[i]);
                usage(2);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        base = need("base").replaceAll("/+$", "");
        timeoutSeconds = Integer.parseInt(opts.getOrDefault("timeout", "60"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(4, r -> {
                    Thread t = new Thread(r, "http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
        int rc = switch (mode) {
            case "availability" -> availability();
            case "race" -> race();
            case "round-robin" -> roundRobin();
            default -> {
                System.err.println("unknown mode " + mode);
                usage(2);
                yield 2;
            }
        };
        System.exit(rc);
    }

    static void usage(int rc) {
        System.err.println("""
                usage: java bench/SchedulingLoad.java availability|race|round-robin --base URL --tokens FILE ... --json OUT
                (see the comment at the top of bench/SchedulingLoad.java)""");
        System.exit(rc);
    }

    static String need(String name) {
        String v = opts.get(name);
        if (v == null) {
            System.err.println("--" + name + " is required");
            usage(2);
        }
        return v;
    }

    static List<String> lines(String option) throws IOException {
        return Files.readAllLines(Path.of(need(option))).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    record Answer(int status, String body, long nanos) {
    }

    static HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    static Answer send(HttpRequest req) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Answer(resp.statusCode(), resp.body(), System.nanoTime() - t0);
        } catch (IOException e) {
            return new Answer(-1, "I/O " + e, System.nanoTime() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", System.nanoTime() - t0);
        }
    }

    static Answer get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    static Answer post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String snippet(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ");
        return b.length() > 600 ? b.substring(0, 600) + "..." : b;
    }

    /** The appointment's id in a booking answer (not its rep's). */
    static String appointmentId(String body) {
        Matcher m = ID.matcher(REP_OBJECT.matcher(body).replaceAll(""));
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    static String repId(String body) {
        Matcher m = REP_ID.matcher(body);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    static String group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /** The Prometheus text of /actuator/prometheus (read with the admin's token), or null. */
    static String scrape(String adminToken) {
        if (adminToken == null) {
            return null;
        }
        Answer a = send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(timeoutSeconds)).header("Authorization", "Bearer " + adminToken)
                .header("Accept", "text/plain").GET().build());
        if (a.status != 200) {
            System.err.println("GET /actuator/prometheus: HTTP " + a.status + " " + snippet(a.body));
            return null;
        }
        return a.body;
    }

    /** Sum and count of http_server_requests_seconds for one uri and status (all other labels summed). */
    static double[] serverTime(String scraped, String uri, String status) {
        if (scraped == null) {
            return null;
        }
        double sum = 0;
        double count = 0;
        for (String line : scraped.split("\n")) {
            if (!line.startsWith("http_server_requests_seconds_") || !line.contains("uri=\"" + uri + "\"")
                    || !line.contains("status=\"" + status + "\"")) {
                continue;
            }
            double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (line.startsWith("http_server_requests_seconds_sum{")) {
                sum += v;
            } else if (line.startsWith("http_server_requests_seconds_count{")) {
                count += v;
            }
        }
        return new double[] {sum, count};
    }

    // ---------------------------------------------------------------------------------------------- figures

    static final class Stats {
        final List<Long> nanos = new ArrayList<>();

        void add(long n) {
            nanos.add(n);
        }

        double pct(double p) {
            if (nanos.isEmpty()) {
                return Double.NaN;
            }
            long[] s = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            int k = (int) Math.max(0, Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1));
            return s[k] / 1e6;
        }

        double mean() {
            return nanos.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
        }

        double max() {
            return nanos.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
        }

        /** The samples in ten consecutive parts of (nearly) equal size, in order. */
        List<Stats> tenths() {
            List<Stats> parts = new ArrayList<>();
            for (int i = 0; i < 10 && nanos.size() >= 10; i++) {
                Stats part = new Stats();
                part.nanos.addAll(nanos.subList(i * nanos.size() / 10, (i + 1) * nanos.size() / 10));
                parts.add(part);
            }
            return parts;
        }

        String text() {
            return String.format(Locale.ROOT, "p50 %.2f  p95 %.2f  p99 %.2f  max %.2f  mean %.2f ms  (n %d)", pct(50),
                    pct(95), pct(99), max(), mean(), nanos.size());
        }

        void json(Json j) {
            j.num("n", nanos.size()).num("p50_ms", pct(50)).num("p95_ms", pct(95)).num("p99_ms", pct(99))
                    .num("max_ms", max()).num("mean_ms", mean()).num("min_ms", pct(0));
        }
    }

    static long median(List<Long> v) {
        if (v.isEmpty()) {
            return 0;
        }
        long[] s = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return s[(s.length - 1) / 2];
    }

    /** A small JSON writer: objects and arrays, numbers, strings, booleans. */
    static final class Json {
        final StringBuilder sb = new StringBuilder();
        final List<Boolean> first = new ArrayList<>();
        final List<Character> opened = new ArrayList<>();

        Json open(char c) {
            sb.append(c);
            first.add(true);
            opened.add(c);
            return this;
        }

        Json end() {
            char c = opened.remove(opened.size() - 1);
            first.remove(first.size() - 1);
            sb.append(c == '{' ? '}' : ']');
            return this;
        }

        Json key(String k) {
            if (!first.isEmpty()) {
                if (!first.get(first.size() - 1)) {
                    sb.append(',');
                }
                first.set(first.size() - 1, false);
            }
            if (k != null) {
                str(k);
                sb.append(':');
            }
            return this;
        }

        void str(String s) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }

        Json obj(String k) {
            return key(k).open('{');
        }

        Json arr(String k) {
            return key(k).open('[');
        }

        Json num(String k, double v) {
            key(k);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                sb.append("null");
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                sb.append((long) v);
            } else {
                sb.append(String.format(Locale.ROOT, "%.3f", v));
            }
            return this;
        }

        Json str(String k, String v) {
            key(k);
            if (v == null) {
                sb.append("null");
            } else {
                str(v);
            }
            return this;
        }

        Json bool(String k, boolean v) {
            key(k);
            sb.append(v);
            return this;
        }

        void write() throws IOException {
            Files.writeString(Path.of(need("json")), sb + "\n");
        }
    }

    static double epoch() {
        return System.currentTimeMillis() / 1000.0;
    }

    // ----------------------------------------------------------------------------------------- availability

    record Variant(String name, String describe) {
    }

    static final class Seen {
        final Stats stats = new Stats();
        final List<Long> bytes = new ArrayList<>();
        final List<Long> slots = new ArrayList<>();
        int truncated;
        int errors;
        final List<String> errorSamples = new ArrayList<>();
        /** Every answered round's latency, warm-up included, in round order: how the latency settles. */
        final Stats everyRound = new Stats();
    }

    static int availability() throws Exception {
        String token = lines("tokens").get(0);
        String admin = System.getenv("CALLSHEET_TOKEN");
        List<String> reps = lines("reps");
        List<String> leads = lines("leads");
        String from = need("from");
        String to = need("to");
        int samples = Integer.parseInt(opts.getOrDefault("samples", "1000"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "1000"));
        String window = "/api/v1/availability?from=" + q(from) + "&to=" + q(to);
        List<Variant> all = List.of(
                new Variant("me", "GET /api/v1/me (floor)"),
                new Variant("phone", "all reps, PHONE (limit 500, the default)"),
                new Variant("phone-all", "all reps, PHONE, limit=5000"),
                new Variant("phone-lead", "all reps, PHONE, lead=L"),
                new Variant("onsite", "all reps, ON_SITE"),
                new Variant("onsite-lead", "all reps, ON_SITE, lead=L"),
                new Variant("rep-phone", "one rep (rep=R), PHONE"),
                new Variant("rep-phone-lead", "one rep (rep=R), PHONE, lead=L"));
        List<String> wanted = opts.containsKey("variants") ? List.of(opts.get("variants").split(","))
                : all.stream().map(Variant::name).toList();
        List<Variant> variants = all.stream().filter(v -> wanted.contains(v.name)).toList();
        if (variants.size() != wanted.size() || !wanted.contains("me")) {
            System.err.println("--variants: a comma-separated list of " + all.stream().map(Variant::name).toList()
                    + ", with me");
            return 2;
        }
        Map<String, Seen> seen = new LinkedHashMap<>();
        variants.forEach(v -> seen.put(v.name, new Seen()));
        StringBuilder trace = new StringBuilder();

        Answer check = get("/api/v1/me", token);
        if (check.status != 200) {
            System.err.println("GET /api/v1/me with the first token: HTTP " + check.status + " " + snippet(check.body));
            return 2;
        }
        double[] serverBefore = null;
        double[] meBefore = null;
        double measureStart = 0;
        double cpuBefore = 0;
        for (int round = 0; round < warmup + samples; round++) {
            boolean measured = round >= warmup;
            if (round == warmup) {
                String scraped = scrape(admin);
                serverBefore = serverTime(scraped, "/api/v1/availability", "200");
                meBefore = serverTime(scraped, "/api/v1/me", "200");
                measureStart = epoch();
                cpuBefore = cpu();
            }
            String lead = leads.get(round % leads.size());
            String rep = reps.get(round % reps.size());
            for (Variant v : variants) {
                String path = switch (v.name) {
                    case "me" -> "/api/v1/me";
                    case "phone" -> window + "&type=PHONE";
                    case "phone-all" -> window + "&type=PHONE&limit=5000";
                    case "phone-lead" -> window + "&type=PHONE&lead=" + lead;
                    case "onsite" -> window + "&type=ON_SITE";
                    case "onsite-lead" -> window + "&type=ON_SITE&lead=" + lead;
                    case "rep-phone" -> window + "&type=PHONE&rep=" + rep;
                    case "rep-phone-lead" -> window + "&type=PHONE&rep=" + rep + "&lead=" + lead;
                    default -> throw new IllegalStateException(v.name);
                };
                Answer a = get(path, token);
                Seen s = seen.get(v.name);
                if (a.status != 200) {
                    s.errors++;
                    if (s.errorSamples.size() < 3) {
                        s.errorSamples.add("GET " + path + " -> HTTP " + a.status + " " + snippet(a.body));
                        System.err.println("error: GET " + path + " -> HTTP " + a.status + " " + snippet(a.body));
                    }
                    continue;
                }
                s.everyRound.add(a.nanos);
                if (!measured) {
                    continue;
                }
                s.stats.add(a.nanos);
                trace.append(round - warmup).append(' ').append(v.name).append(' ').append(a.nanos / 1000).append('\n');
                s.bytes.add((long) a.body.getBytes(StandardCharsets.UTF_8).length);
                if (!v.name.equals("me")) {
                    s.slots.add(SLOT_COUNT.matcher(a.body).results().count());
                    if (a.body.contains("\"truncated\":true")) {
                        s.truncated++;
                    }
                }
            }
        }
        double measureEnd = epoch();
        double cpuAfter = cpu();
        String scraped = scrape(admin);
        double[] serverAfter = serverTime(scraped, "/api/v1/availability", "200");
        double[] meAfter = serverTime(scraped, "/api/v1/me", "200");
        if (opts.containsKey("trace")) {
            Files.writeString(Path.of(opts.get("trace")), trace);
        }

        Json j = new Json().open('{');
        j.str("mode", "availability").str("from", from).str("to", to).num("samples", samples).num("warmup", warmup)
                .num("reps", reps.size()).num("leads", Math.min(leads.size(), warmup + samples))
                .num("start_epoch", measureStart).num("end_epoch", measureEnd)
                .num("driver_cpu_cores", (cpuAfter - cpuBefore) / (measureEnd - measureStart));
        System.out.printf(Locale.ROOT, "availability %s .. %s, %d reps; %d measured rounds after %d warm-up rounds,"
                + " one request at a time, variants interleaved%n", from, to, reps.size(), samples, warmup);
        j.arr("variants");
        long availN = 0;
        double availSum = 0;
        int errors = 0;
        for (Variant v : variants) {
            Seen s = seen.get(v.name);
            errors += s.errors;
            System.out.printf(Locale.ROOT, "  %-12s %s%n               %s%n               bytes median %,d"
                    + "%s; errors %d%n", v.name, v.describe, s.stats.text(), median(s.bytes),
                    v.name.equals("me") ? "" : String.format(Locale.ROOT, "; slots median %d (min %d, max %d); truncated %d",
                            median(s.slots), s.slots.stream().mapToLong(Long::longValue).min().orElse(0),
                            s.slots.stream().mapToLong(Long::longValue).max().orElse(0), s.truncated),
                    s.errors);
            j.obj(null).str("name", v.name).str("describe", v.describe);
            s.stats.json(j);
            j.num("bytes_median", median(s.bytes)).num("errors", s.errors);
            List<Stats> tenths = s.everyRound.tenths();
            System.out.printf(Locale.ROOT, "               p50/p99 by tenth of all %d rounds (the first %d of them"
                    + " warm-up): %s%n", warmup + samples, warmup, tenths.stream()
                    .map(t -> String.format(Locale.ROOT, "%.1f/%.1f", t.pct(50), t.pct(99))).collect(Collectors.joining("  ")));
            j.arr("tenths");
            tenths.forEach(t -> j.obj(null).num("p50_ms", t.pct(50)).num("p99_ms", t.pct(99)).end());
            j.end();
            if (!v.name.equals("me")) {
                j.num("slots_median", median(s.slots))
                        .num("slots_min", s.slots.stream().mapToLong(Long::longValue).min().orElse(0))
                        .num("slots_max", s.slots.stream().mapToLong(Long::longValue).max().orElse(0))
                        .num("truncated", s.truncated);
                availN += s.stats.nanos.size();
                availSum += s.stats.nanos.stream().mapToLong(Long::longValue).sum() / 1e6;
            }
            j.arr("error_samples");
            s.errorSamples.forEach(e -> j.str(null, e));
            j.end().end();
        }
        j.end();
        if (serverBefore != null && serverAfter != null && serverAfter[1] > serverBefore[1]) {
            double n = serverAfter[1] - serverBefore[1];
            double mean = 1000 * (serverAfter[0] - serverBefore[0]) / n;
            System.out.printf(Locale.ROOT, "  server side (http_server_requests_seconds, status 200): availability mean"
                    + " %.2f ms over %.0f requests; the client measured a mean of %.2f ms over %d%n", mean, n,
                    availSum / availN, availN);
            j.obj("server").num("availability_mean_ms", mean).num("availability_requests", n)
                    .num("client_availability_mean_ms", availSum / availN);
            if (meBefore != null && meAfter != null && meAfter[1] > meBefore[1]) {
                double m = 1000 * (meAfter[0] - meBefore[0]) / (meAfter[1] - meBefore[1]);
                System.out.printf(Locale.ROOT, "  server side: /api/v1/me mean %.2f ms; the client measured %.2f ms%n", m,
                        seen.get("me").stats.mean());
                j.num("me_mean_ms", m).num("client_me_mean_ms", seen.get("me").stats.mean());
            }
            j.end();
        }
        j.num("errors", errors);
        j.end().write();
        StringBuilder result = new StringBuilder("RESULT");
        seen.forEach((name, v) -> result.append(String.format(Locale.ROOT, " %s_p99_ms=%.2f", name, v.stats.pct(99))));
        System.out.println(result + " errors=" + errors);
        return seen.values().stream().anyMatch(v -> v.stats.nanos.isEmpty()) ? 4 : 0;
    }

    /** CPU seconds this JVM has used so far. */
    static double cpu() {
        var bean = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------------- race

    record Shot(int thread, int status, String body, long nanos, long sentAt) {
    }

    /** Fires one request per body at once, from one thread each (token i for body i); answers in order. */
    static List<Shot> volley(List<String> tokens, List<String> bodies) throws InterruptedException {
        int n = bodies.size();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        Shot[] shots = new Shot[n];
        String[] preflight = new String[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            Thread t = new Thread(() -> {
                String token = tokens.get(k % tokens.size());
                Answer me = get("/api/v1/me", token); // opens this thread's keep-alive connection
                preflight[k] = me.status == 200 ? null : "HTTP " + me.status + " " + snippet(me.body);
                HttpRequest req = request("/api/v1/appointments", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(bodies.get(k))).build();
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long sent = System.nanoTime();
                Answer a = send(req);
                shots[k] = new Shot(k, a.status, a.body, a.nanos, sent);
            }, "race-" + i);
            threads.add(t);
            t.start();
        }
        ready.await();
        for (String p : preflight) {
            if (p != null) {
                System.err.println("a token was refused: " + p);
            }
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return Arrays.asList(shots);
    }

    static String booking(String lead, String start, String type, String rep) {
        return "{\"leadId\":\"" + lead + "\",\"start\":\"" + start + "\",\"type\":\"" + type + "\""
                + (rep == null ? "" : ",\"repId\":\"" + rep + "\"") + "}";
    }

    /** Starts of the live meetings of a rep in [from, to), as GET /api/v1/appointments lists them, with their ids. */
    static List<String[]> meetings(String token, String rep, Instant from, Instant to) {
        Answer a = get("/api/v1/appointments?rep=" + rep + "&from=" + q(from.toString()) + "&to=" + q(to.toString()),
                token);
        List<String[]> out = new ArrayList<>();
        if (a.status != 200) {
            System.err.println("GET /api/v1/appointments: HTTP " + a.status + " " + snippet(a.body));
            return null;
        }
        // items: {"id":..., "lead":{...}, ...,"rep":{...}, ... "start":...}: split on the items' "id" at depth 2
        int depth = 0;
        int itemStart = -1;
        String b = a.body;
        boolean inString = false;
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == '"' && b.charAt(i - 1) != '\\') {
                inString = !inString;
            }
            if (inString) {
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
                if (depth == 3 && c == '{') {
                    itemStart = i;
                }
            } else if (c == '}' || c == ']') {
                if (depth == 3 && c == '}' && itemStart >= 0) {
                    String item = b.substring(itemStart, i + 1);
                    String top = item.replaceAll("\\{[^{}]*\\}", "{}"); // nested objects out (lead, rep, ...)
                    top = top.replaceAll("\\{[^{}]*\\}", "{}");
                    String inner = top.substring(1);
                    out.add(new String[] {group(ID, inner), group(START, inner), group(Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\""), inner)});
                    itemStart = -1;
                }
                depth--;
            }
        }
        return out;
    }

    static int race() throws Exception {
        List<String> tokens = lines("tokens");
        List<String> reps = lines("reps");
        List<String> leads = lines("leads");
        String admin = System.getenv("CALLSHEET_TOKEN");
        String from = need("from");
        String to = need("to");
        int rounds = Integer.parseInt(opts.getOrDefault("rounds", "5"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "50"));
        String type = opts.getOrDefault("type", "PHONE");
        String token = tokens.get(0);
        String checker = admin != null ? admin : token;
        int leadAt = 0;
        if (leads.size() < rounds * threads + 1 + threads) {
            System.err.println("--leads has " + leads.size() + " ids; " + (rounds * threads + 1 + threads) + " needed");
            return 2;
        }
        double raceStart = epoch();
        double raceCpu = cpu();
        Json j = new Json().open('{');
        j.str("mode", "race").num("threads", threads).num("start_epoch", raceStart).str("type", type);
        j.arr("rounds");
        boolean ok = true;
        System.out.printf(Locale.ROOT, "race: %d threads, %d different tokens, released together%n", threads,
                Math.min(threads, tokens.size()));
        for (int r = 0; r < rounds + 2; r++) {
            String kind = r < rounds ? "same-slot" : r == rounds ? "same-lead" : "any-rep";
            String rep = reps.get((r * 7 + 3) % reps.size());
            String start;
            int expected201;
            Set<String> freeReps = new HashSet<>();
            if (!kind.equals("any-rep")) {
                Answer a = get("/api/v1/availability?from=" + q(from) + "&to=" + q(to) + "&type=" + type + "&rep=" + rep
                        + "&limit=50", token);
                Matcher m = START.matcher(a.body);
                if (a.status != 200 || !m.find()) {
                    System.err.println("no free slot for rep " + rep + ": HTTP " + a.status + " " + snippet(a.body));
                    return 4;
                }
                // a different slot each round: the (r+1)-th free start of this rep, or the first
                List<String> starts = new ArrayList<>();
                m.reset();
                while (m.find()) {
                    starts.add(m.group(1));
                }
                start = starts.get(Math.min(r, starts.size() - 1));
                expected201 = 1;
            } else {
                // the start at which most reps are free
                Answer a = get("/api/v1/availability?from=" + q(from) + "&to=" + q(to) + "&type=" + type + "&limit=5000",
                        token);
                Map<String, Set<String>> byStart = new TreeMap<>();
                Matcher m = SLOT.matcher(a.body);
                while (m.find()) {
                    byStart.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2).toLowerCase(Locale.ROOT));
                }
                String best = null;
                for (var e : byStart.entrySet()) {
                    if (best == null || e.getValue().size() > byStart.get(best).size()) {
                        best = e.getKey();
                    }
                }
                if (best == null) {
                    System.err.println("no free slot at all: HTTP " + a.status + " " + snippet(a.body));
                    return 4;
                }
                start = best;
                freeReps = byStart.get(best);
                expected201 = Math.min(threads, freeReps.size());
                rep = null;
            }
            List<String> bodies = new ArrayList<>();
            String sameLead = leads.get(leadAt);
            for (int i = 0; i < threads; i++) {
                String lead = kind.equals("same-lead") ? sameLead : leads.get(leadAt + i);
                bodies.add(booking(lead, start, type, rep));
            }
            leadAt += kind.equals("same-lead") ? 1 : threads;
            double t0 = epoch();
            List<Shot> shots = volley(tokens, bodies);
            double t1 = epoch();
            Map<Integer, Integer> statuses = new TreeMap<>();
            Map<String, Integer> reasons = new TreeMap<>();
            Stats lat = new Stats();
            Stats lat201 = new Stats();
            Stats lat409 = new Stats();
            List<String> created = new ArrayList<>();
            Set<String> createdReps = new HashSet<>();
            Set<String> okIds = new HashSet<>();
            List<String> others = new ArrayList<>();
            long firstSent = shots.stream().mapToLong(Shot::sentAt).min().orElse(0);
            long lastSent = shots.stream().mapToLong(Shot::sentAt).max().orElse(0);
            for (Shot s : shots) {
                statuses.merge(s.status, 1, Integer::sum);
                lat.add(s.nanos);
                if (s.status == 201) {
                    lat201.add(s.nanos);
                    created.add(appointmentId(s.body));
                    createdReps.add(repId(s.body));
                } else if (s.status == 409) {
                    lat409.add(s.nanos);
                    reasons.merge(String.valueOf(group(REASON, s.body)), 1, Integer::sum);
                } else if (s.status == 200) {
                    okIds.add(appointmentId(s.body));
                } else if (others.size() < 3) {
                    others.add("HTTP " + s.status + " " + snippet(s.body));
                }
            }
            int n201 = statuses.getOrDefault(201, 0);
            int n409 = statuses.getOrDefault(409, 0);
            int n200 = statuses.getOrDefault(200, 0);
            int nOther = threads - n201 - n409 - n200;
            // What the server holds now: the live meetings at that start (for the round's rep, or each rep that got one).
            Instant at = Instant.parse(start);
            int liveAtStart = 0;
            List<String> liveIds = new ArrayList<>();
            for (String r2 : rep != null ? List.of(rep) : new ArrayList<>(createdReps)) {
                List<String[]> ms = meetings(checker, r2, at.minus(Duration.ofHours(3)), at.plus(Duration.ofHours(3)));
                if (ms == null) {
                    continue;
                }
                for (String[] mt : ms) {
                    if (mt[1] != null && Instant.parse(mt[1]).equals(at) && !"CANCELLED".equals(mt[2])) {
                        liveAtStart++;
                        liveIds.add(mt[0]);
                    }
                }
            }
            String verdict;
            boolean good;
            switch (kind) {
                case "same-lead" -> {
                    good = n201 == 1 && nOther == 0 && n409 == 0 && okIds.size() <= 1
                            && (okIds.isEmpty() || okIds.contains(created.get(0))) && liveAtStart == 1;
                    verdict = good ? "one 201, every other answer 200 with the same id" : "WRONG";
                }
                case "any-rep" -> {
                    good = n201 == expected201 && createdReps.size() == n201 && nOther == 0 && liveAtStart == n201;
                    verdict = good ? n201 + " x 201 = the reps free then, each a different rep" : "WRONG";
                }
                default -> {
                    good = n201 == 1 && nOther == 0 && n200 == 0 && liveAtStart == 1 && liveIds.equals(created);
                    verdict = good ? "exactly one 201" : "WRONG";
                }
            }
            ok &= good;
            System.out.printf(Locale.ROOT, "  round %d (%s) %s rep %s: 201 x%d, 409 x%d%s, 200 x%d, other x%d;"
                    + " live meetings then at that start: %d -> %s%n      latency %s; 201 in %.1f ms, 409s %s;"
                    + " requests sent within %.2f ms of each other%n", r + 1, kind, start, rep == null ? "(any)" : rep,
                    n201, n409, reasons.isEmpty() ? "" : " " + reasons, n200, nOther, liveAtStart, verdict, lat.text(),
                    lat201.pct(50), lat409.nanos.isEmpty() ? "-" : String.format(Locale.ROOT, "p50 %.1f max %.1f ms",
                            lat409.pct(50), lat409.max()), (lastSent - firstSent) / 1e6);
            others.forEach(o -> System.out.println("      other answer: " + o));
            if (r == 0) {
                shots.stream().filter(x -> x.status == 409).findFirst().ifPresent(x -> System.out.println(
                        "      a 409, for instance: " + snippet(x.body)));
            }
            j.obj(null).str("kind", kind).str("start", start).str("rep", rep).num("n201", n201).num("n409", n409)
                    .num("n200", n200).num("other", nOther).num("expected201", expected201)
                    .num("free_reps", freeReps.size()).num("distinct_reps_201", createdReps.size())
                    .num("live_at_start", liveAtStart).bool("ok", good).num("spread_ms", (lastSent - firstSent) / 1e6)
                    .num("start_epoch", t0).num("end_epoch", t1);
            j.obj("latency");
            lat.json(j);
            j.end().obj("latency_409");
            lat409.json(j);
            j.end().obj("latency_201");
            lat201.json(j);
            j.end().obj("reasons");
            reasons.forEach((k, v) -> j.num(k, v));
            j.end().arr("other_samples");
            others.forEach(o -> j.str(null, o));
            j.end().end();
        }
        double raceEnd = epoch();
        j.end().bool("ok", ok).num("end_epoch", raceEnd)
                .num("driver_cpu_cores", (cpu() - raceCpu) / Math.max(0.001, raceEnd - raceStart)).end().write();
        System.out.println("RESULT race_ok=" + ok);
        return ok ? 0 : 3;
    }

    // ------------------------------------------------------------------------------------------ round robin

    static int roundRobin() throws Exception {
        List<String> tokens = lines("tokens");
        List<String> leads = lines("leads");
        int count = Integer.parseInt(opts.getOrDefault("count", "10000"));
        int clients = Integer.parseInt(opts.getOrDefault("clients", "8"));
        int perDay = Integer.parseInt(opts.getOrDefault("per-day", "41"));
        int spacing = Integer.parseInt(opts.getOrDefault("spacing", "35"));
        String type = opts.getOrDefault("type", "PHONE");
        LocalDate firstDay = LocalDate.parse(need("first-day"));
        if (leads.size() < count) {
            System.err.println("--leads has " + leads.size() + " ids; " + count + " needed");
            return 2;
        }
        if (tokens.size() < clients) {
            System.err.println("--tokens has " + tokens.size() + " tokens; " + clients + " needed");
            return 2;
        }
        // The reps and their weights, as the workspace has them.
        Answer repsAnswer = get("/api/v1/reps", tokens.get(0));
        if (repsAnswer.status != 200) {
            System.err.println("GET /api/v1/reps: HTTP " + repsAnswer.status + " " + snippet(repsAnswer.body));
            return 2;
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String item : repsAnswer.body.split("\\{\"rep\"")) {
            String rep = repId("{\"rep\"" + item);
            Matcher w = WEIGHT.matcher(item);
            if (rep != null && w.find()) {
                weights.put(rep, Integer.parseInt(w.group(1)));
            }
        }
        Instant[] starts = new Instant[count];
        for (int k = 0; k < count; k++) {
            starts[k] = firstDay.plusDays(k / perDay).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .plus(Duration.ofMinutes((long) (k % perDay) * spacing));
        }
        AtomicInteger next = new AtomicInteger();
        int[] status = new int[count];
        long[] nanos = new long[count];
        String[] repOf = new String[count];
        String[] choiceOf = new String[count];
        List<String> errorSamples = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String token = tokens.get(c);
            Thread t = new Thread(() -> {
                get("/api/v1/me", token);
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                int k;
                while ((k = next.getAndIncrement()) < count) {
                    Answer a = post("/api/v1/appointments", token, booking(leads.get(k), starts[k].toString(), type, null));
                    status[k] = a.status;
                    nanos[k] = a.nanos;
                    if (a.status == 201) {
                        repOf[k] = repId(a.body);
                        choiceOf[k] = group(CHOICE, a.body);
                    } else if (errorSamples.size() < 5) {
                        String e = "POST /api/v1/appointments " + booking(leads.get(k), starts[k].toString(), type, null)
                                + " -> HTTP " + a.status + " " + snippet(a.body);
                        errorSamples.add(e);
                        System.err.println("error: " + e);
                    }
                    if (a.status == -1) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }
        ready.await();
        double t0 = epoch();
        double cpu0 = cpu();
        long n0 = System.nanoTime();
        go.countDown();
        Thread progress = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(15_000);
                } catch (InterruptedException e) {
                    return;
                }
                System.err.printf(Locale.ROOT, "  round robin: %,d of %,d bookings sent after %.0f s%n",
                        Math.min(next.get(), count), count, (System.nanoTime() - n0) / 1e9);
            }
        });
        progress.setDaemon(true);
        progress.start();
        for (Thread t : threads) {
            t.join();
        }
        progress.interrupt();
        double seconds = (System.nanoTime() - n0) / 1e9;
        double t1 = epoch();
        double cpu1 = cpu();

        Map<String, Integer> perRep = new LinkedHashMap<>();
        weights.keySet().forEach(r -> perRep.put(r, 0));
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> choices = new TreeMap<>();
        Stats all = new Stats();
        int n201 = 0;
        for (int k = 0; k < count; k++) {
            statuses.merge(status[k], 1, Integer::sum);
            all.add(nanos[k]);
            if (status[k] == 201) {
                n201++;
                perRep.merge(repOf[k], 1, Integer::sum);
                choices.merge(String.valueOf(choiceOf[k]), 1, Integer::sum);
            }
        }
        double totalWeight = weights.values().stream().mapToInt(Integer::intValue).sum();
        Json j = new Json().open('{');
        j.str("mode", "round-robin").num("count", count).num("clients", clients).num("per_day", perDay)
                .num("spacing_min", spacing).str("type", type).str("first_day", firstDay.toString())
                .str("last_start", starts[count - 1].toString()).num("start_epoch", t0).num("end_epoch", t1)
                .num("seconds", seconds).num("bookings_per_s", count / seconds).num("n201", n201)
                .num("driver_cpu_cores", (cpu1 - cpu0) / seconds);
        System.out.printf(Locale.ROOT, "round robin: %,d bookings without repId (%s, %d a day %d min apart from %s 00:00 UTC"
                + " to %s), %d clients%n", count, type, perDay, spacing, firstDay, starts[count - 1], clients);
        System.out.printf(Locale.ROOT, "  %.1f s: %.1f bookings/s; latency %s%n", seconds, count / seconds, all.text());
        System.out.printf(Locale.ROOT, "  answers %s; choices %s%n", statuses, choices);
        j.obj("latency");
        all.json(j);
        j.end().obj("statuses");
        statuses.forEach((k, v) -> j.num(String.valueOf(k), v));
        j.end().obj("choices");
        choices.forEach((k, v) -> j.num(k, v));
        j.end().arr("reps");
        double worstPp = 0;
        double worstRel = 0;
        for (var e : perRep.entrySet()) {
            int w = weights.getOrDefault(e.getKey(), 0);
            double share = n201 == 0 ? 0 : (double) e.getValue() / n201;
            double target = totalWeight == 0 ? 0 : w / totalWeight;
            double pp = 100 * (share - target);
            double rel = target == 0 ? Double.NaN : 100 * (share - target) / target;
            worstPp = Math.max(worstPp, Math.abs(pp));
            worstRel = Math.max(worstRel, Math.abs(rel));
            System.out.printf(Locale.ROOT, "  rep %s weight %4d: %,6d bookings = %6.3f%% (target %6.3f%%): %+.3f pp,"
                    + " %+.3f%% of its share%n", e.getKey(), w, e.getValue(), 100 * share, 100 * target, pp, rel);
            j.obj(null).str("rep", e.getKey()).num("weight", w).num("bookings", e.getValue()).num("share_pct", 100 * share)
                    .num("target_pct", 100 * target).num("dev_pp", pp).num("dev_rel_pct", rel).end();
        }
        j.end();
        // latency by tenths of the run, in the order the bookings were sent
        j.arr("tenths");
        StringBuilder tenths = new StringBuilder();
        for (int d = 0; d < 10; d++) {
            Stats s = new Stats();
            for (int k = d * count / 10; k < (d + 1) * count / 10; k++) {
                s.add(nanos[k]);
            }
            j.obj(null).num("p50_ms", s.pct(50)).num("p99_ms", s.pct(99)).end();
            tenths.append(String.format(Locale.ROOT, " %.1f", s.pct(50)));
        }
        j.end();
        System.out.println("  p50 ms of each tenth of the run:" + tenths);
        j.num("worst_dev_pp", worstPp).num("worst_dev_rel_pct", worstRel);
        j.arr("error_samples");
        errorSamples.forEach(e -> j.str(null, e));
        j.end();
        j.end().write();
        System.out.printf(Locale.ROOT, "RESULT bookings_per_s=%.1f p50_ms=%.2f p99_ms=%.2f worst_dev_pp=%.3f"
                + " worst_dev_rel_pct=%.3f non_201=%d%n", count / seconds, all.pct(50), all.pct(99), worstPp, worstRel,
                count - n201);
        if (n201 == 0) {
            return 4;
        }
        return n201 == count ? 0 : 3;
    }
}
