package dev.callsheet.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server as an operator relies on it: durable, private, and recoverable after a crash. */
class EmbeddedPostgresServerTests {

    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @Test
    void durableConfigurationAndDataKeptAcrossRestarts() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home, true, STARTUP);
                Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "fsync")).isEqualTo("on");
            assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(statement, "full_page_writes")).isEqualTo("on");
            assertThat(setting(statement, "checkpoint_timeout")).isEqualTo("15min");
            statement.execute("CREATE TABLE kept (note text)");
            statement.execute("INSERT INTO kept VALUES ('still here')");
        }

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home, true, STARTUP);
                Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            var rows = statement.executeQuery("SELECT note FROM kept");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void loopbackConnectionsNeedThePassword() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home, false, STARTUP)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "wrong").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThat(home.resolve("postgres.secret").toFile().canRead()).isTrue();
            try (Connection connection = connect(server)) {
                assertThat(connection.isValid(2)).isTrue();
            }
        }
    }

    /**
     * Each start runs in a JVM of its own, as Callsheet does: zonky keeps the binaries it extracted first for
     * the rest of a JVM, wherever that was, so a second server in this one would not use {@code home}'s.
     */
    @Test
    void dataFolderIsPrivateAndTheBinariesWritableByTheirOwnerAlone() throws Exception {
        startAndStopInAChildJvm();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(writableByOthers(home.resolve("postgres-binaries"))).isEmpty();

        // Someone loosens a binary between two starts: the folder is extracted anew, not executed.
        Path postgres;
        try (Stream<Path> paths = Files.walk(home.resolve("postgres-binaries"))) {
            postgres = paths.filter(path -> path.endsWith(Path.of("bin", "postgres"))).findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(postgres, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(postgres.resolveSibling("planted"), "not ours");
        startAndStopInAChildJvm();
        assertThat(postgres.resolveSibling("planted")).doesNotExist();
        assertThat(postgres).exists();
        assertThat(writableByOthers(home.resolve("postgres-binaries"))).isEmpty();
    }

    private void startAndStopInAChildJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                StartAndStop.class.getName(), home.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        assertThat(child.exitValue()).as("the child JVM started and stopped a server").isZero();
    }

    private static List<Path> writableByOthers(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            return paths.filter(path -> !Files.isSymbolicLink(path)).filter(path -> {
                try {
                    var permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
                    return permissions.contains(PosixFilePermission.GROUP_WRITE)
                            || permissions.contains(PosixFilePermission.OTHERS_WRITE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void secondUserOfTheSameFolderIsRefusedWithAnExplanation() {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home, false, STARTUP)) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(home, false, STARTUP))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Another Callsheet process is using the data folder");
        }
    }

    @Test
    void serverOrphanedByAKilledJvmIsStoppedOnTheNextStart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashingCallsheet.class.getName(), home.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals(CrashingCallsheet.READY));
            assertThat(line).as("the child JVM started its server").isEqualTo(CrashingCallsheet.READY);
        }

        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        var orphan = OrphanedPostmaster.find(home.resolve("postgres"));
        assertThat(orphan).as("kill -9 of the JVM leaves its postmaster running").isPresent();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(home, true, STARTUP);
                Connection connection = connect(server);
                Statement statement = connection.createStatement()) {
            assertThat(orphan.get().isAlive()).isFalse();
            var rows = statement.executeQuery("SELECT count(*) FROM crash_survivor");
            rows.next();
            assertThat(rows.getInt(1)).as("the committed row survived the crash").isEqualTo(1);
        }
    }

    private static Connection connect(EmbeddedPostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    private static String setting(Statement statement, String name) throws SQLException {
        var rows = statement.executeQuery("SHOW " + name);
        rows.next();
        return rows.getString(1);
    }

    /** Run in a child JVM: starts the server in the folder named, checks it answers, and stops it. */
    static final class StartAndStop {

        public static void main(String[] args) throws Exception {
            try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(new File(args[0]).toPath(), false, STARTUP);
                    Connection connection = connect(server)) {
                if (!connection.isValid(5)) {
                    System.exit(1);
                }
            }
        }
    }

    /** Run in a child JVM: starts the server, commits a row, says READY, then waits to be killed. */
    static final class CrashingCallsheet {

        static final String READY = "READY";

        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(new File(args[0]).toPath(), true, STARTUP);
            try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE crash_survivor (id int)");
                statement.execute("INSERT INTO crash_survivor VALUES (1)");
            }
            System.out.println(READY);
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(5).toMillis());
        }
    }
}
