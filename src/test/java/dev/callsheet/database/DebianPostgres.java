package dev.callsheet.database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A separate PostgreSQL server from the operating system's packages (Debian's postgresql),
 * started in a scratch directory: a real "external" database for the tests of that path. As
 * root it runs as the package's {@code postgres} user, since PostgreSQL refuses to run as root.
 */
final class DebianPostgres implements AutoCloseable {

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final String superuserPassword = "su-" + UUID.randomUUID();

    private DebianPostgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    /** The newest installed server's bin directory, if any. */
    static Optional<Path> installation() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static DebianPostgres start(Path bin) throws Exception {
        Path scratch = Files.createTempDirectory("callsheet-external-pg");
        Path dataDir = scratch.resolve("data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        DebianPostgres server = new DebianPostgres(bin, dataDir, port);
        Path passwordFile = scratch.resolve("pw");
        Files.writeString(passwordFile, server.superuserPassword);
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", scratch.toString()));
            run(List.of("chmod", "755", scratch.getParent().toString()));
        }
        server.asOwner(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", "postgres",
                "--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8"));
        server.asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-l",
                scratch.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + scratch + " -c listen_addresses=localhost", "start"));
        return server;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    String superuserPassword() {
        return superuserPassword;
    }

    @Override
    public void close() throws Exception {
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"));
    }

    private void asOwner(List<String> command) throws Exception {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
