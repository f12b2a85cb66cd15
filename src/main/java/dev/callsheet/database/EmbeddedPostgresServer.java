package dev.callsheet.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run from Callsheet's own data folder, configured to be durable:
 * fsync and synchronous commit on, data kept across restarts, password authentication
 * on loopback, and a server orphaned by a killed JVM stopped before a new one starts.
 *
 * <p>Layout of the data folder, which only the user Callsheet runs as may enter: {@code postgres/}
 * (the cluster), {@code postgres-binaries/} (extracted once, executed from there, so writable by its
 * owner alone and extracted anew when it is not), {@code postgres.log}, {@code postgres.secret} (the superuser's
 * generated password, readable by the owner only) and {@code callsheet.lock} (held while
 * a Callsheet process uses the folder).
 */
public final class EmbeddedPostgresServer implements Closeable {

    /** The database Callsheet creates inside the cluster and connects to. */
    public static final String DATABASE = "callsheet";

    public static final String SUPERUSER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private final EmbeddedPostgres postgres;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final String password;
    private final Path cluster;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path cluster, FileChannel lockChannel, FileLock lock,
            String password) {
        this.postgres = postgres;
        this.cluster = cluster;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.password = password;
    }

    /**
     * Starts (and on first use creates) the server in {@code home}.
     *
     * @param durable false only for throw-away test servers: turns fsync off
     * @throws IllegalStateException with an explanation when another Callsheet holds the
     *     folder or the server cannot be started
     */
    public static EmbeddedPostgresServer start(Path home, boolean durable, Duration startupTimeout) {
        try {
            PrivateFolder.enter(home);
            FileChannel channel = FileChannel.open(home.resolve("callsheet.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another Callsheet process is using the data folder " + home.toAbsolutePath()
                        + "; stop it first or point CALLSHEET_DATA_DIR elsewhere");
            }
            Path cluster = home.resolve("postgres");
            OrphanedPostmaster.stopIfRunning(cluster);
            String password = secret(home.resolve("postgres.secret"));
            Path binaries = home.resolve("postgres-binaries");
            PrivateFolder.dropTampered(binaries)
                    .forEach(folder -> log.warn("Extracting PostgreSQL anew: {} was writable by others", folder));
            EmbeddedPostgres postgres = launch(home, cluster, password, durable, startupTimeout);
            PrivateFolder.closeToOthers(binaries);
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, cluster, channel, lock, password);
            server.harden();
            server.createDatabase();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + home.toAbsolutePath() + ": "
                    + e.getMessage() + rootHint(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process
        }
    }

    private static EmbeddedPostgres launch(Path home, Path cluster, String password, boolean durable,
            Duration startupTimeout) throws IOException {
        Path logFile = home.resolve("postgres.log");
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    // Stopped by the application context, after the connection pool, not by a racing JVM hook.
                    .setRegisterShutdownHook(false)
                    .setOverrideWorkingDirectory(home.resolve("postgres-binaries").toFile())
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setPGStartupWait(startupTimeout)
                    .setConnectConfig("password", password)
                    // zonky passes -F (fsync off); a later -c wins, so durability is restored here.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .setServerConfig("full_page_writes", durable ? "on" : "off")
                    .setServerConfig("listen_addresses", "localhost")
                    // TCP only: no socket in a shared /tmp, which other users may not even be able to write.
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("max_connections", "200")
                    // PostgreSQL's stock 128 MB cache and 1 GB WAL between checkpoints are sized for tiny machines:
                    // at a million cards the key indexes alone outgrow the cache, and bulk imports checkpoint
                    // every few seconds, each followed by a burst of full-page images.
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("effective_cache_size", "4GB")
                    .setServerConfig("max_wal_size", "4GB")
                    // After a checkpoint the first change to each page writes the whole page to the WAL, and an import
                    // into a million cards changes index pages all over: fewer checkpoints, less WAL. Recovery after
                    // a crash still replays at most max_wal_size.
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("wal_compression", "on")
                    .start();
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage() + " (see " + logFile.toAbsolutePath() + ")", e);
        }
    }

    private static String rootHint() {
        return "root".equals(System.getProperty("user.name"))
                ? ". Running as root, the embedded server is started through 'unshare -U'; where user namespaces are"
                        + " blocked, run Callsheet as a normal user or give it an external PostgreSQL through"
                        + " SPRING_DATASOURCE_URL"
                : "";
    }

    /** The superuser's password: generated on first use and kept, owner-readable only, beside the cluster. */
    private static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, secret, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("No POSIX permissions on {}", file);
        }
        return secret;
    }

    /**
     * initdb leaves {@code trust} authentication, under which any local user could connect.
     * The first start sets the superuser's password and switches loopback to scram.
     */
    private void harden() throws IOException {
        Path hba = cluster().resolve("pg_hba.conf");
        if (Files.readAllLines(hba).stream().noneMatch(line -> line.strip().startsWith("host") && line.contains("trust"))) {
            return;
        }
        execute(List.of("SET password_encryption = 'scram-sha-256'",
                "ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'"), "postgres");
        Files.writeString(hba, """
                # Written by Callsheet: password authentication only, loopback only.
                local   all   all                 scram-sha-256
                host    all   all   127.0.0.1/32  scram-sha-256
                host    all   all   ::1/128       scram-sha-256
                """);
        execute(List.of("SELECT pg_reload_conf()"), "postgres");
    }

    private void createDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!rows.next()) {
                statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the " + DATABASE + " database: " + e.getMessage(), e);
        }
    }

    private void execute(List<String> statements, String database) {
        try (Connection connection = postgres.getDatabase(SUPERUSER, database).getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not configure the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The cluster's data directory ({@code PGDATA}). */
    public Path cluster() {
        return cluster;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                log.warn("Could not release the data folder lock: {}", e.getMessage());
            }
        }
    }
}
