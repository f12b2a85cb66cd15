package dev.callsheet.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Radicale (a CalDAV server) as a child process: a free port, its configuration, users and collections in a
 * folder of its own, plain htpasswd users with random passwords, each user owning only their own calendars. Tests
 * make calendars with MKCALENDAR and read and write events over plain HTTP.
 */
public record Radicale(Process process, int port, Path folder) implements AutoCloseable {

    /** A user of this server and their password. */
    public record User(String name, String password) {
    }

    /** The command that runs Radicale: its script, else Python's module; {@code null} when neither is there. */
    public static List<String> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "radicale");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return List.of(candidate.toString());
            }
        }
        try {
            Process probe = new ProcessBuilder("python3", "-c", "import radicale").start();
            return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0 ? List.of("python3", "-m", "radicale")
                    : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /** Starts Radicale with these users (random passwords) and waits until it listens. */
    public static Radicale start(List<String> command, List<String> users) throws Exception {
        Path folder = Files.createTempDirectory("callsheet-radicale");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringBuilder htpasswd = new StringBuilder();
        for (String user : users) {
            htpasswd.append(user).append(':').append(password(user)).append('\n');
        }
        Files.writeString(folder.resolve("users"), htpasswd);
        Files.writeString(folder.resolve("config"), """
                [server]
                hosts = 127.0.0.1:%2$d
                [auth]
                type = htpasswd
                htpasswd_filename = %1$s/users
                htpasswd_encryption = plain
                delay = 0
                [rights]
                type = owner_only
                [storage]
                filesystem_folder = %1$s/collections
                [logging]
                level = warning
                """.formatted(folder, port));
        List<String> args = new java.util.ArrayList<>(command);
        args.addAll(List.of("--config", folder.resolve("config").toString()));
        Process process = new ProcessBuilder(args).redirectErrorStream(true)
                .redirectOutput(folder.resolve("radicale.log").toFile()).start();
        Radicale started = new Radicale(process, port, folder);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("radicale stopped: " + Files.readString(folder.resolve("radicale.log")));
            }
            try (var socket = new Socket("127.0.0.1", port)) {
                return started;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        started.close();
        throw new IllegalStateException("radicale did not listen on " + port);
    }

    /** The password of a user of this run: random per process, never in the repository. */
    private static final String SALT = UUID.randomUUID().toString();

    private static String password(String user) {
        return UUID.nameUUIDFromBytes((SALT + user).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public User user(String name) {
        return new User(name, password(name));
    }

    /** The address of a user's calendar, with a final slash. */
    public String calendarUrl(String user, String calendar) {
        return "http://127.0.0.1:" + port + "/" + user + "/" + calendar + "/";
    }

    /** Makes a calendar (MKCALENDAR); returns its address. */
    public String makeCalendar(String user, String calendar) throws Exception {
        String url = calendarUrl(user, calendar);
        HttpResponse<String> response = send(user, HttpRequest.newBuilder(URI.create(url))
                .method("MKCALENDAR", HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("MKCALENDAR " + url + ": " + response.statusCode() + " " + response.body());
        }
        return url;
    }

    /** Puts an event (a whole VCALENDAR) into a calendar. */
    public int put(String user, String url, String ics) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/calendar")
                .PUT(HttpRequest.BodyPublishers.ofString(ics))).statusCode();
    }

    /** An event's text, or null when there is none at this address. */
    public String get(String user, String url) throws Exception {
        HttpResponse<String> response = send(user, HttpRequest.newBuilder(URI.create(url)).GET());
        return response.statusCode() == 200 ? response.body() : null;
    }

    /** The names of the events in a calendar (a PROPFIND of depth 1). */
    public String list(String user, String url) throws Exception {
        return send(user, HttpRequest.newBuilder(URI.create(url)).header("Depth", "1")
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody())).body();
    }

    private HttpResponse<String> send(String user, HttpRequest.Builder request) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8));
        // a client per request, HTTP/1.1: Radicale's server does not keep connections for long
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(request.header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder only costs disk space
        }
    }
}
