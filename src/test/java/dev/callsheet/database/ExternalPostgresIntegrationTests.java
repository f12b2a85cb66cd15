package dev.callsheet.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.callsheet.Callsheet;
import dev.callsheet.support.Api;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Callsheet on an external PostgreSQL, as an operator runs it: the standard datasource
 * properties, a database owned by an ordinary (non-superuser) role, no embedded server.
 * Needs Debian's postgresql package, which {@code .ci/run} installs.
 */
class ExternalPostgresIntegrationTests {

    @Test
    void runsOnAnExternalServerWithAnOrdinaryRole() throws Exception {
        Optional<Path> installation = DebianPostgres.installation();
        assumeTrue(installation.isPresent(), "Debian's postgresql package is not installed");
        String password = "app-" + UUID.randomUUID();
        try (DebianPostgres postgres = DebianPostgres.start(installation.get())) {
            try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres",
                    postgres.superuserPassword()); Statement statement = admin.createStatement()) {
                statement.execute("CREATE ROLE callsheet LOGIN PASSWORD '" + password + "'");
                statement.execute("CREATE DATABASE callsheet OWNER callsheet");
            }

            // Command-line arguments, as an operator would pass them (they outrank application.properties).
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(Callsheet.class).run(
                    "--spring.datasource.url=" + postgres.jdbcUrl("callsheet"),
                    "--spring.datasource.username=callsheet",
                    "--spring.datasource.password=" + password,
                    "--server.port=0",
                    "--callsheet.bootstrap.admin-password=" + password)) {
                assertThat(app.getBeansOfType(EmbeddedPostgresServer.class)).isEmpty();
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                assertThat(jdbc.sql("SELECT extname FROM pg_extension ORDER BY extname").query(String.class).list())
                        .contains("btree_gist", "pg_trgm");
                assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Integer.class)
                        .single()).isGreaterThanOrEqualTo(3);
                assertThat(jdbc.sql("SELECT current_setting('server_version_num')::int").query(Integer.class).single())
                        .isGreaterThanOrEqualTo(150000);

                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                Api api = new Api(port);
                assertThat(api.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
                Api.Response me = api.as("admin", password).get("/api/v1/me");
                assertThat(me.status()).as(me.toString()).isEqualTo(200);
                assertThat(me.json().get("roles").toString()).isEqualTo("[\"ADMIN\"]");
            }
        }
    }
}
