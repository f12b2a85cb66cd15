// Call-queue load driver for bench/queue.sh: simulated agents, each looping next -> outcome
// against a running Callsheet over HTTP.
//
// One platform thread per agent, each with its own personal API token. An agent's cycle:
//   POST /api/v1/projects/{project}/next       (empty JSON body)
//        -> 200 {"attemptId":"<uuid>","lead":{"id":"<uuid>",...}}, or 204 when nothing is callable
//   POST /api/v1/attempts/{attemptId}/outcome  {"outcome":"NO_ANSWER","talkSeconds":0}  -> 200
// Measured after the warm-up: cycles/s (cycles whose next was sent and whose outcome was answered
// inside the window), the latency of next (grants, not 204s) and of outcome (p50/p95/p99/max),
// 204s, errors (non-2xx or I/O; the first few bodies are printed). A failed next or outcome is
// followed by a 100 ms pause; the agent then asks for its next lead.
//
// Double grants, checked over the whole run (warm-up included):
//   concurrent: a next hands out a lead that another agent holds at that moment (between its
//               next and its outcome; a lead whose outcome failed stays held);
//   repeat:     a lead handed out twice within the run at all. With NO_ANSWER a lead is not due
//               again for hours, so within a run this is a double grant too.
// Both must be 0.
//
// Exit status: 0, or 2 (bad arguments, or an agent's token refused before the run), 3 (double
// grants), 4 (stopped early: after 5 s not one cycle had succeeded, only errors).
//
// The last line is machine-readable:
//   RESULT cycles_per_s=... next_p50_ms=... next_p99_ms=... outcome_p50_ms=... outcome_p99_ms=...
//          double_grants=... errors=... (and more keys after these)
//
//   usage: java bench/QueueLoad.java --base http://localhost:18090 --tokens FILE --project ID
//              [--seconds 60] [--warmup 120] [--outcome NO_ANSWER] [--agents N] [--timeout 30]
//              [--rate R] [--executor direct|pool]
//     --tokens FILE  one bearer token per line, one agent per token (--agents N: use the first N)
//     --rate R       paced: R cycles/s over all agents, each agent starting a cycle every
//                    agents/R seconds (phases spread evenly); default 0 = back to back, the
//                    saturation run. Back to back, Little's law ties latency to throughput
//                    (cycle time = agents / cycles per second: 200 ms at 1,000/s with 200
//                    agents), so the latency of next at a given load is measured paced.
//     --timeout S    per-request timeout in seconds (an expired request counts as an error)
//     --executor     where the HTTP client runs its follow-up tasks: on its selector thread
//                    (direct, default: about half the CPU per request) or in a thread pool
//     --http-floor   the stack's floor: a cycle is two GET /api/v1/me (token check, user and
//                    workspace read, JSON), no queue work; "next" and "outcome" then time those
// Before the run every agent checks its token with GET /api/v1/me (staggered 5 ms apart, which
// also opens the keep-alive connections); any failure stops the run before it starts.
// The driver's own CPU use over the measured window is printed: it shares the machine's cores.
//
// JDK only (java.net.http.HttpClient, HTTP/1.1 keep-alive, one shared client): no dependencies.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class QueueLoad {

    private static final String UUID_RE = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private static final Pattern ATTEMPT_ID = Pattern.compile("\"attemptId\"\\s*:\\s*\"(" + UUID_RE + ")\"");
    /** The "id" of the "lead" object when it comes before any nested object (the common case). */
    private static final Pattern LEAD_ID = Pattern.compile("\"lead\"\\s*:\\s*\\{[^{}]*?\"id\"\\s*:\\s*\"(" + UUID_RE + ")\"");
    private static final Pattern LEAD_OBJECT = Pattern.compile("\"lead\"\\s*:\\s*\\{");
    private static final Pattern UUID_ONLY = Pattern.compile(UUID_RE);
    private static final int PRINTED_ERRORS = 5;
    private static final int PRINTED_DOUBLE_GRANTS = 10;

    // --- options
    static String base;
    static String project;
    static String outcome = "NO_ANSWER";
    static int seconds = 60;
    static int warmup = 120;
    static int timeoutSeconds = 30;
    static String executor = "direct";
    /** --http-floor: each cycle is two GET /api/v1/me, what the HTTP and security stack costs with no queue work. */
    static boolean httpFloor;

    // --- shared state
    static HttpClient http;
    /** Lead id -> the agents holding it now (between their next and their outcome): normally one. */
    static final ConcurrentHashMap<String, List<Integer>> holders = new ConcurrentHashMap<>();
    static final Set<String> granted = ConcurrentHashMap.newKeySet();
    static final AtomicLong concurrentDoubleGrants = new AtomicLong();
    static final AtomicLong repeatGrants = new AtomicLong();
    static final AtomicInteger printedErrors = new AtomicInteger();
    static final AtomicInteger printedDoubles = new AtomicInteger();
    static volatile long measureStart; // System.nanoTime() at the end of the warm-up
    static volatile long measureEnd;
    static volatile long goTime;
    static volatile boolean failedFast;
    static int agentsRunning;
    static double rate;       // --rate: cycles/s over all agents, 0 = back to back
    static volatile long cpuAtStart;
    static volatile long cpuAtEnd;

    /** What one agent saw; read by main only after the agent's thread has ended. */
    static final class Agent implements Runnable {
        final int number;
        final String token;
        final CountDownLatch prepared;
        final CountDownLatch go;
        volatile String preflight; // null when GET /api/v1/me answered 200, else what went wrong
        final LongList nextNanos = new LongList();
        final LongList outcomeNanos = new LongList();
        long cycles;          // measured: outcome answered 200 inside the window, next sent inside it
        long cyclesAll;       // the whole run
        long noContent;       // 204 from next, measured window
        long noContentAll;
        long errors;          // measured window
        long errorsAll;
        long late;            // paced: measured cycles that started more than 5 ms after their slot
        final Map<String, Long> errorKinds = new HashMap<>();

        Agent(int number, String token, CountDownLatch prepared, CountDownLatch go) {
            this.number = number;
            this.token = token;
            this.prepared = prepared;
            this.go = go;
        }

        /**
         * GET /api/v1/me with the agent's token before the run: checks the token and leaves an open
         * keep-alive connection in the client's pool. Connection failures are retried for 10 s.
         */
        String preflight() {
            HttpRequest me = me();
            String last = null;
            for (int attempt = 0; attempt < 10; attempt++) {
                try {
                    HttpResponse<String> resp = http.send(me, HttpResponse.BodyHandlers.ofString());
                    if (resp.statusCode() == 200) {
                        return null;
                    }
                    return "GET /api/v1/me: HTTP " + resp.statusCode() + " " + resp.body();
                } catch (IOException e) {
                    last = "GET /api/v1/me: " + e;
                    pause(1000);
                } catch (InterruptedException e) {
                    return "interrupted";
                }
            }
            return last;
        }

        HttpRequest me() {
            return HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .GET()
                    .build();
        }

        public void run() {
            // Staggered, so that 200 connects do not overflow the server's accept queue at once.
            pause(number * 5L);
            preflight = preflight();
            prepared.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            if (preflight != null) {
                return;
            }
            HttpRequest next = httpFloor ? me()
                    : HttpRequest.newBuilder(URI.create(base + "/api/v1/projects/" + project + "/next"))
                            .timeout(Duration.ofSeconds(timeoutSeconds))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build();
            String outcomeBody = "{\"outcome\":\"" + outcome + "\",\"talkSeconds\":0}";
            // Paced (--rate): this agent starts a cycle every `period` ns, its phase spread over
            // the agents; a late agent starts at once and does not burst to catch up.
            long period = rate > 0 ? (long) (1e9 * agentsRunning / rate) : 0;
            long scheduled = goTime + period * (number - 1) / agentsRunning;
            while (System.nanoTime() < measureEnd) {
                if (period > 0) {
                    long now = System.nanoTime();
                    if (now < scheduled) {
                        parkUntil(scheduled);
                    } else if (now - scheduled > 5_000_000L && now >= measureStart) {
                        late++;
                    }
                    scheduled = Math.max(scheduled + period, now);
                    if (System.nanoTime() >= measureEnd) {
                        break;
                    }
                }
                long t0 = System.nanoTime();
                boolean measured = t0 >= measureStart;
                HttpResponse<String> resp;
                try {
                    resp = http.send(next, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    error(measured, "next", "I/O " + e, null);
                    pause(100);
                    continue;
                } catch (InterruptedException e) {
                    return;
                }
                long t1 = System.nanoTime();
                if (resp.statusCode() == 204) {
                    if (measured) {
                        noContent++;
                    }
                    noContentAll++;
                    if (period == 0) {
                        pause(20); // nothing callable: do not spin
                    }
                    continue;
                }
                if (resp.statusCode() != 200) {
                    error(measured, "next", "HTTP " + resp.statusCode(), resp.body());
                    pause(100);
                    continue;
                }
                String leadId = null;
                HttpRequest done = next;
                if (!httpFloor) {
                    Matcher a = ATTEMPT_ID.matcher(resp.body());
                    String lead = leadId(resp.body());
                    if (!a.find() || lead == null) {
                        error(measured, "next", "200 without attemptId or lead.id", resp.body());
                        pause(100);
                        continue;
                    }
                    leadId = lead.toLowerCase(Locale.ROOT);
                    checkGrant(leadId);
                    done = HttpRequest.newBuilder(URI.create(base + "/api/v1/attempts/" + a.group(1) + "/outcome"))
                            .timeout(Duration.ofSeconds(timeoutSeconds))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(outcomeBody))
                            .build();
                }
                if (measured) {
                    nextNanos.add(t1 - t0);
                }
                long t2 = System.nanoTime();
                HttpResponse<String> out;
                try {
                    out = http.send(done, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    error(measured, "outcome", "I/O " + e, null);
                    pause(100);
                    continue; // the lead stays in holders: the server may still hold it for this agent
                } catch (InterruptedException e) {
                    return;
                }
                long t3 = System.nanoTime();
                if (out.statusCode() / 100 != 2) {
                    error(measured, "outcome", "HTTP " + out.statusCode(), out.body());
                    pause(100);
                    continue;
                }
                if (leadId != null) {
                    release(leadId);
                }
                cyclesAll++;
                if (measured && t3 <= measureEnd) {
                    cycles++;
                    outcomeNanos.add(t3 - t2);
                }
            }
        }

        void checkGrant(String leadId) {
            int[] other = {0};
            holders.compute(leadId, (k, held) -> {
                if (held == null) {
                    return List.of(number);
                }
                for (int h : held) {
                    if (h != number) {
                        other[0] = h;
                    }
                }
                if (held.contains(number)) {
                    return held;
                }
                List<Integer> more = new ArrayList<>(held);
                more.add(number);
                return List.copyOf(more);
            });
            int holder = other[0];
            if (holder != 0) {
                concurrentDoubleGrants.incrementAndGet();
                if (printedDoubles.incrementAndGet() <= PRINTED_DOUBLE_GRANTS) {
                    System.err.printf("DOUBLE GRANT: lead %s handed to agent %d while agent %d holds it%n", leadId, number,
                            holder);
                }
            }
            if (!granted.add(leadId)) {
                repeatGrants.incrementAndGet();
                if (holder == 0 && printedDoubles.incrementAndGet() <= PRINTED_DOUBLE_GRANTS) {
                    System.err.printf("REPEAT GRANT: lead %s handed out again (to agent %d) within the run%n", leadId,
                            number);
                }
            }
        }

        void release(String leadId) {
            holders.computeIfPresent(leadId, (k, held) -> {
                List<Integer> rest = held.stream().filter(h -> h != number).toList();
                return rest.isEmpty() ? null : rest;
            });
        }

        void error(boolean measured, String call, String kind, String body) {
            errorsAll++;
            if (measured) {
                errors++;
            }
            errorKinds.merge(call + ": " + kind, 1L, Long::sum);
            if (printedErrors.incrementAndGet() <= PRINTED_ERRORS) {
                String b = body == null ? "" : body.length() > 400 ? body.substring(0, 400) + "..." : body;
                System.err.printf("error (agent %d, %s): %s %s%n", number, call, kind, b);
            }
        }

        static void pause(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The lead's own id: the regex when "id" comes before any nested object in "lead", else a
     * scan of the lead object for its "id" key at its own level (not a nested contact's).
     */
    static String leadId(String body) {
        Matcher m = LEAD_ID.matcher(body);
        if (m.find()) {
            return m.group(1);
        }
        Matcher o = LEAD_OBJECT.matcher(body);
        if (!o.find()) {
            return null;
        }
        int depth = 1;
        boolean wantValue = false; // the previous token at depth 1 was the key "id" (and its colon)
        for (int i = o.end(); i < body.length() && depth > 0; i++) {
            char c = body.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (end < body.length() && body.charAt(end) != '"') {
                    end += body.charAt(end) == '\\' ? 2 : 1;
                }
                String text = body.substring(i + 1, Math.min(end, body.length()));
                if (depth == 1 && wantValue) {
                    return UUID_ONLY.matcher(text).matches() ? text : null;
                }
                int after = end + 1;
                while (after < body.length() && Character.isWhitespace(body.charAt(after))) {
                    after++;
                }
                wantValue = depth == 1 && text.equals("id") && after < body.length() && body.charAt(after) == ':';
                i = after < body.length() && body.charAt(after) == ':' ? after : end;
            } else if (c == '{' || c == '[') {
                depth++;
                wantValue = false;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (!Character.isWhitespace(c) && c != ',') {
                wantValue = false; // a number, true, false or null
            }
        }
        return null;
    }

    /** A growable array of longs: no boxing for a few hundred thousand latencies. */
    static final class LongList {
        long[] a = new long[1024];
        int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }
    }

    public static void main(String[] args) throws Exception {
        String tokensFile = null;
        int agents = -1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-h") || arg.equals("--help")) {
                usage(0);
            }
            if (arg.equals("--http-floor")) {
                httpFloor = true;
                continue;
            }
            if (i + 1 >= args.length) {
                System.err.println("missing value for " + arg);
                usage(2);
            }
            String v = args[++i];
            switch (arg) {
                case "--base" -> base = v.replaceAll("/+$", "");
                case "--tokens" -> tokensFile = v;
                case "--project" -> project = v;
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--outcome" -> outcome = v;
                case "--agents" -> agents = Integer.parseInt(v);
                case "--timeout" -> timeoutSeconds = Integer.parseInt(v);
                case "--executor" -> executor = v;
                case "--rate" -> rate = Double.parseDouble(v);
                default -> {
                    System.err.println("unknown option " + arg);
                    usage(2);
                }
            }
        }
        if (base == null || tokensFile == null || project == null || seconds <= 0 || warmup < 0) {
            usage(2);
        }
        List<String> tokens = Files.readAllLines(Path.of(tokensFile)).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        if (agents < 0) {
            agents = tokens.size();
        }
        if (agents == 0 || agents > tokens.size()) {
            System.err.printf("%d agents asked for, %d tokens in %s%n", agents, tokens.size(), tokensFile);
            System.exit(2);
        }

        agentsRunning = agents;
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                // "direct": the client's follow-up tasks run on its selector thread instead of being
                // handed to a pool: about half the driver's CPU per request, which the app needs more.
                .executor(executor.equals("direct") ? Runnable::run : Executors.newCachedThreadPool())
                .build();

        CountDownLatch prepared = new CountDownLatch(agents);
        CountDownLatch go = new CountDownLatch(1);
        List<Agent> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            Agent agent = new Agent(i + 1, tokens.get(i), prepared, go);
            Thread t = new Thread(agent, "agent-" + (i + 1));
            all.add(agent);
            threads.add(t);
            t.start();
        }
        System.err.printf("%d agents on %s, project %s: checking their tokens (GET /api/v1/me)%n", agents, base,
                project);
        prepared.await();
        List<String> failed = all.stream().filter(a -> a.preflight != null)
                .map(a -> "agent " + a.number + ": " + a.preflight).toList();
        if (!failed.isEmpty()) {
            System.err.printf("%d of %d agents cannot start, e.g.%n", failed.size(), agents);
            failed.stream().limit(5).forEach(f -> System.err.println("  " + f));
            go.countDown();
            System.exit(2);
        }
        long start = System.nanoTime();
        goTime = start;
        measureStart = start + warmup * 1_000_000_000L;
        measureEnd = measureStart + seconds * 1_000_000_000L;
        System.err.printf("go: %d s warm-up, %d s measured, outcome %s, %s%n", warmup, seconds, outcome,
                rate > 0 ? String.format(Locale.ROOT, "paced at %.0f cycles/s (each agent every %.0f ms)", rate,
                        1000.0 * agents / rate) : "back to back (no pause between cycles)");
        go.countDown();
        // The driver's own CPU time over the measured window: it shares the machine with the app.
        Thread cpuProbe = new Thread(() -> {
            try {
                sleepUntil(measureStart);
                cpuAtStart = processCpuNanos();
                sleepUntil(measureEnd);
                cpuAtEnd = processCpuNanos();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cpu-probe");
        cpuProbe.start();

        // Progress every 5 s on standard error: cycles so far, from the agents' plain counters (racy, but only for show).
        Thread progress = new Thread(() -> {
            long last = 0;
            while (true) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                long c = 0, nc = 0, err = 0;
                for (Agent a : all) {
                    c += a.cyclesAll;
                    nc += a.noContentAll;
                    err += a.errorsAll;
                }
                if (c == 0 && err >= all.size() && System.nanoTime() < measureEnd) {
                    // Nothing but errors so far (wrong project, agents without access...): stop early.
                    System.err.printf("  no cycle has succeeded and %,d requests failed: stopping the run%n", err);
                    failedFast = true;
                    measureEnd = System.nanoTime();
                    return;
                }
                System.err.printf("  %3d s: %,d cycles (%,.0f/s over the last 5 s), %,d 204s, %,d errors%s%n",
                        (System.nanoTime() - start) / 1_000_000_000L, c, (c - last) / 5.0, nc, err,
                        System.nanoTime() < measureStart ? " (warm-up)" : "");
                last = c;
            }
        }, "progress");
        progress.setDaemon(true);
        progress.start();

        for (Thread t : threads) {
            t.join();
        }
        cpuProbe.join();
        long stopped = System.nanoTime();
        progress.interrupt();
        long cpuMeasured = cpuAtEnd - cpuAtStart;

        LongList next = new LongList();
        LongList out = new LongList();
        long cycles = 0, cyclesAll = 0, noContent = 0, noContentAll = 0, errors = 0, errorsAll = 0, late = 0;
        Map<String, Long> kinds = new HashMap<>();
        for (Agent a : all) {
            for (int i = 0; i < a.nextNanos.n; i++) {
                next.add(a.nextNanos.a[i]);
            }
            for (int i = 0; i < a.outcomeNanos.n; i++) {
                out.add(a.outcomeNanos.a[i]);
            }
            cycles += a.cycles;
            cyclesAll += a.cyclesAll;
            noContent += a.noContent;
            noContentAll += a.noContentAll;
            errors += a.errors;
            errorsAll += a.errorsAll;
            late += a.late;
            a.errorKinds.forEach((k, v) -> kinds.merge(k, v, Long::sum));
        }
        long[] nx = Arrays.copyOf(next.a, next.n);
        long[] oc = Arrays.copyOf(out.a, out.n);
        Arrays.sort(nx);
        Arrays.sort(oc);
        double cps = cycles / (double) seconds;
        long doubles = concurrentDoubleGrants.get();
        long repeats = repeatGrants.get();

        System.out.printf("agents                 %d, %s%n", agents, rate > 0 ? String.format(Locale.ROOT,
                "paced at %.0f cycles/s: %,d measured cycles started > 5 ms after their slot", rate, late)
                : "back to back");
        System.out.printf("measured               %d s after %d s warm-up (all agents done %.1f s after the window)%n",
                seconds, warmup, (stopped - measureEnd) / 1e9);
        System.out.printf("cycles                 %,d measured (%,d in the whole run)%n", cycles, cyclesAll);
        System.out.printf("cycles/s               %,.1f%n", cps);
        System.out.printf("next     ms            p50 %s  p95 %s  p99 %s  max %s  (%,d grants; 204s not included)%n",
                ms(pct(nx, 50)), ms(pct(nx, 95)), ms(pct(nx, 99)), ms(max(nx)), nx.length);
        System.out.printf("outcome  ms            p50 %s  p95 %s  p99 %s  max %s  (%,d calls)%n",
                ms(pct(oc, 50)), ms(pct(oc, 95)), ms(pct(oc, 99)), ms(max(oc)), oc.length);
        System.out.printf("204 (nothing callable) %,d measured (%,d in the whole run)%n", noContent, noContentAll);
        System.out.printf("errors                 %,d measured (%,d in the whole run)%n", errors, errorsAll);
        kinds.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .forEach(e -> System.out.printf("    %,8d  %s%n", e.getValue(), e.getKey()));
        System.out.printf("double grants          %,d concurrent (lead held by another agent), "
                + "%,d repeat (lead granted twice in the run): %s%n", doubles, repeats,
                doubles == 0 && repeats == 0 ? "none" : "MUST BE 0");
        System.out.printf("distinct leads granted %,d%n", granted.size());
        System.out.printf("driver CPU             %.2f cores on average over the window (%s µs per measured cycle),"
                + " of %d%n", cpuMeasured / 1e9 / seconds, cycles == 0 ? "NA" : String.format(Locale.ROOT, "%.0f",
                cpuMeasured / 1e3 / cycles), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "RESULT cycles_per_s=%.1f next_p50_ms=%s next_p99_ms=%s outcome_p50_ms=%s "
                + "outcome_p99_ms=%s double_grants=%d errors=%d repeat_grants=%d next_p95_ms=%s next_max_ms=%s "
                + "outcome_p95_ms=%s outcome_max_ms=%s cycles=%d cycles_all=%d no_content=%d errors_all=%d agents=%d "
                + "seconds=%d warmup=%d distinct_leads=%d driver_cpu_cores=%.2f rate=%.0f late=%d window_start_ms=%d "
                + "window_end_ms=%d%n",
                cps, ms(pct(nx, 50)), ms(pct(nx, 99)), ms(pct(oc, 50)), ms(pct(oc, 99)), doubles, errors, repeats,
                ms(pct(nx, 95)), ms(max(nx)), ms(pct(oc, 95)), ms(max(oc)), cycles, cyclesAll, noContent, errorsAll,
                agents, seconds, warmup, granted.size(), cpuMeasured / 1e9 / seconds, rate, late,
                epochMillis(measureStart), epochMillis(measureEnd));
        if (failedFast) {
            System.out.println("STOPPED EARLY: no cycle succeeded (see the errors above); the figures are meaningless");
        }
        System.exit(failedFast ? 4 : doubles == 0 && repeats == 0 ? 0 : 3);
    }

    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** The wall-clock time of a System.nanoTime() instant, for lining up with other samplers. */
    static long epochMillis(long nanoTime) {
        return System.currentTimeMillis() - (System.nanoTime() - nanoTime) / 1_000_000L;
    }

    static void parkUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    /** Nearest-rank percentile of sorted values; -1 when there are none. */
    static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return -1;
        }
        int k = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, k))];
    }

    static long max(long[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    static String ms(long nanos) {
        return nanos < 0 ? "NA" : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    static void usage(int rc) {
        System.err.println("usage: java bench/QueueLoad.java --base http://localhost:PORT --tokens FILE --project ID"
                + " [--seconds 60] [--warmup 120] [--outcome NO_ANSWER] [--agents N] [--rate R] [--timeout 30]"
                + " [--executor direct|pool] [--http-floor]");
        System.exit(rc);
    }
}
